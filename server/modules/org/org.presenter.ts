import { may } from '../../../domain/auth/permissions.ts';
import type { Role } from '../../../domain/auth/roles.ts';
import type { Assignment, HolderType, Leader, Region, Unit, User } from '../../../domain/org/contracts.ts';
import type { RegionKind } from '../../../domain/org/region.ts';
import type { UnitKind } from '../../../domain/org/unit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AssignmentRow, LeaderRow, RegionRow, UnitRow, UserRow } from './org.repository.ts';

const manage = (a: Actor) => may(a.roles, 'org.manage');

/** 138****1234: lists show phones masked unless the caller administers users or it is the caller's own. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export const presentRegion = (r: RegionRow, a: Actor): Region => ({
  code: r.code,
  name: r.name,
  kind: r.kind as RegionKind,
  parentCode: r.parentCode,
  sort: r.sort,
  version: r.version,
  can: { edit: manage(a), delete: false },
});

export const presentUnit = (u: UnitRow, a: Actor): Unit => ({
  id: u.id,
  name: u.name,
  shortName: u.shortName,
  aliases: u.aliases,
  kind: u.kind as UnitKind,
  regionCode: u.regionCode,
  regionName: u.regionName,
  parentUnitId: u.parentUnitId,
  sort: u.sort,
  active: u.active,
  version: u.version,
  can: { edit: manage(a), delete: false },
});

export const presentLeader = (
  l: LeaderRow,
  oversees: { unitId: string; unitName: string; since: Date }[],
  a: Actor,
): Leader => ({
  id: l.id,
  name: l.name,
  title: l.title,
  portfolio: l.portfolio,
  regionCode: l.regionCode,
  regionName: l.regionName,
  userId: l.userId,
  oversees: oversees.map((o) => ({ unitId: o.unitId, unitName: o.unitName, since: o.since.toISOString() })),
  sort: l.sort,
  active: l.active,
  version: l.version,
  can: { edit: manage(a), delete: false },
});

export function presentUser(u: UserRow, a: Actor, now: Date): User {
  const admin = may(a.roles, 'user.manage');
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    unitName: u.unitName,
    regionCode: u.regionCode,
    roles: u.roles as Role[],
    phone: admin || u.id === a.userId ? u.phone : maskPhone(u.phone),
    active: u.active,
    locked: u.lockedUntil !== null && u.lockedUntil.getTime() > now.getTime(),
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
    can: { edit: admin, delete: false, resetPassword: admin, unlock: admin },
  };
}

export const presentAssignment = (r: AssignmentRow, holderName: string): Assignment => ({
  id: r.id,
  kind: r.kind,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  subjectName: r.subjectLabel,
  holderType: r.holderType as HolderType,
  holderId: r.holderId,
  holderName,
  startedAt: r.startedAt.toISOString(),
  endedAt: r.endedAt?.toISOString() ?? null,
  handoverId: r.handoverId,
});
