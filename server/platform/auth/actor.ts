import type { Role } from '../../../domain/auth/roles.ts';
import type { RegionKind } from '../../../domain/org/region.ts';
import type { Scope } from '../../../domain/org/scope.ts';
import type { Lang } from '../errors/app-error.ts';

/** Who is acting, resolved once per request from the session. Services receive it; repositories take its scope. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  unitName: string;
  unitKind: string;
  unitRegionCode: string;
  /** data scope: which business rows and people the actor sees */
  scope: Scope;
  /** the kind of the data scope's root region (city, district…), for the words that describe it */
  scopeRootKind: RegionKind | null;
  /** directory scope: which units and leaders the actor may look up (own city) */
  directory: Scope;
  sessionId: string;
  ip: string | null;
  lang: Lang;
};

/** Who an audit record names: a signed-in user, or the system itself (seed, CLI, scheduled work). */
export type AuditActor = { userId: string | null; displayName: string; ip: string | null };

export const SYSTEM_ACTOR: AuditActor = { userId: null, displayName: '系统', ip: null };

export const auditActorOf = (a: Actor): AuditActor => ({ userId: a.userId, displayName: a.displayName, ip: a.ip });
