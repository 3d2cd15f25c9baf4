import { may, type Permission } from '../../../domain/auth/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import { appError } from '../errors/app-error.ts';

/** Refuses with 403 unless one of the actor's roles carries the permission. */
export function assertMay(actor: Actor, p: Permission): void {
  if (!may(actor.roles, p)) throw appError('FORBIDDEN');
}

export const actorMay = (actor: Actor, p: Permission): boolean => may(actor.roles, p);
