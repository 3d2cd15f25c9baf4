import type { ChangePasswordRequest, LoginRequest } from '../../../domain/auth/contracts.ts';
import { afterFailedAttempt, lockedMinutesLeft } from '../../../domain/auth/lockout.ts';
import { checkPassword, describePasswordProblem, isPasswordExpired } from '../../../domain/auth/password.ts';
import type { SecurityPolicy } from '../../../domain/auth/policy.ts';
import type { Role } from '../../../domain/auth/roles.ts';
import { sessionEnd, shouldTouch } from '../../../domain/auth/session.ts';
import { ancestorOfKind, type RegionKind, subtreeCodes } from '../../../domain/org/region.ts';
import { resolveDirectoryScope, resolveScope, type Scope } from '../../../domain/org/scope.ts';
import type { UnitKind } from '../../../domain/org/unit.ts';
import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import { randomToken, tokenHash } from '../../platform/crypto/crypto.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/crypto/password-hash.ts';
import type { Conn, Tx } from '../../platform/db/database.ts';
import { AppError, appError, type Lang } from '../../platform/errors/app-error.ts';
import { authRepo, type UserWithUnit } from './auth.repository.ts';

export type ClientInfo = { ip: string | null; userAgent: string | null; lang: Lang };

export type SignedIn = { actor: Actor; mustChangePassword: boolean; passwordExpired: boolean; createdAt: Date };

// ── scope ────────────────────────────────────────────────────────────────────────────────────────────────
type Tree = { code: string; parentCode: string | null; kind: RegionKind }[];
const treeCache = new WeakMap<Ctx, { at: number; tree: Tree }>();

/** Regions change rarely; a few seconds of cache saves a query on every request. */
async function regionTree(ctx: Ctx, conn: Conn): Promise<Tree> {
  const hit = treeCache.get(ctx);
  if (hit && Date.now() - hit.at < 10_000) return hit.tree;
  const tree = (await authRepo.regionTree(conn)) as Tree;
  treeCache.set(ctx, { at: Date.now(), tree });
  return tree;
}

export const invalidateRegionTree = (ctx: Ctx) => treeCache.delete(ctx);

type Scopes = { scope: Scope; directory: Scope; scopeRootKind: RegionKind | null };

export async function scopeOf(ctx: Ctx, conn: Conn, u: UserWithUnit): Promise<Scopes> {
  const tree = await regionTree(ctx, conn);
  const facts = {
    roles: u.roles as Role[],
    unitId: u.unitId,
    unitKind: u.unitKind as UnitKind,
    unitRegionCode: u.unitRegionCode,
    cityCode: ancestorOfKind(u.unitRegionCode, 'city', tree),
    subtree: (root: string) => subtreeCodes(root, tree),
  };
  const scope = resolveScope(facts);
  const scopeRootKind = scope.kind === 'region' ? (tree.find((r) => r.code === scope.rootCode)?.kind ?? null) : null;
  return { scope, directory: resolveDirectoryScope(facts), scopeRootKind };
}

function toActor(u: UserWithUnit, scopes: Scopes, sessionId: string, client: ClientInfo): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    unitId: u.unitId,
    unitName: u.unitName,
    unitKind: u.unitKind,
    unitRegionCode: u.unitRegionCode,
    ...scopes,
    sessionId,
    ip: client.ip,
    lang: client.lang,
  };
}

const policyOf = async (ctx: Ctx): Promise<SecurityPolicy> => (await ctx.settings.securityPolicy(ctx.db)).value;

// ── sign-in ──────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Checks the password and opens a session. Failed attempts are counted per account and recorded in the audit
 * trail even though the request fails (the failure is the outcome, not an exception inside the transaction).
 */
export async function login(
  ctx: Ctx,
  input: LoginRequest,
  client: ClientInfo,
): Promise<{ token: string; signedIn: SignedIn }> {
  const policy = await policyOf(ctx);
  // argon2 is slow on purpose: verify outside the transaction, then re-check the lock state inside it
  const probe = await authRepo.findUserByUsername(ctx.db, input.username);
  const passwordOk = probe
    ? await verifyPassword(probe.passwordHash, input.password)
    : await verifyPassword(await dummyHash(), input.password).then(() => false);
  const anonymous: AuditActor = {
    userId: probe?.id ?? null,
    displayName: probe?.displayName ?? input.username,
    ip: client.ip,
  };
  const token = randomToken();
  const outcome = await audited(ctx, anonymous, async (tx, audit) => {
    const now = ctx.now();
    const u = await authRepo.findUserByUsernameForUpdate(tx, input.username);
    const fail = async (code: 'INVALID_CREDENTIALS' | 'ACCOUNT_DISABLED' | 'ACCOUNT_LOCKED', detail: object = {}) => {
      await audit({
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: u?.id ?? null,
        after: { username: input.username, reason: code, ...detail },
      });
      return { ok: false as const, code, detail };
    };
    if (!u) return fail('INVALID_CREDENTIALS');
    if (!u.active) return fail('ACCOUNT_DISABLED');
    const left = lockedMinutesLeft({ failedCount: u.failedLoginCount, lockedUntil: u.lockedUntil }, now);
    if (left > 0) return fail('ACCOUNT_LOCKED', { minutes: left });
    if (!passwordOk) {
      const next = afterFailedAttempt({ failedCount: u.failedLoginCount, lockedUntil: u.lockedUntil }, now, policy);
      await authRepo.setLockState(tx, u.id, next);
      if (next.lockedUntil)
        return fail('ACCOUNT_LOCKED', { minutes: policy.lockoutMinutes, failedCount: next.failedCount });
      return fail('INVALID_CREDENTIALS', { failedCount: next.failedCount });
    }
    await authRepo.markLoggedIn(tx, u.id, now);
    await authRepo.insertSession(tx, {
      id: tokenHash(token),
      userId: u.id,
      ip: client.ip,
      userAgent: client.userAgent,
      now,
    });
    await audit({ action: 'auth.login', entityType: 'user', entityId: u.id, after: { username: u.username } });
    return { ok: true as const, user: u, now };
  });
  if (!outcome.ok) {
    const minutes = (outcome.detail as { minutes?: number }).minutes;
    throw appError(outcome.code, minutes ? { params: { minutes } } : {});
  }
  const scope = await scopeOf(ctx, ctx.db, outcome.user);
  return {
    token,
    signedIn: {
      actor: toActor(outcome.user, scope, tokenHash(token), client),
      mustChangePassword: outcome.user.mustChangePassword,
      passwordExpired: isPasswordExpired(outcome.user.passwordChangedAt, outcome.now, policy),
      createdAt: outcome.now,
    },
  };
}

/**
 * Resolves the session cookie to an actor. An idle or over-age session is ended (and the sign-out recorded);
 * the caller then answers 401 SESSION_EXPIRED.
 */
export async function resolveSession(
  ctx: Ctx,
  token: string,
  client: ClientInfo,
): Promise<SignedIn | { expired: true } | null> {
  const id = tokenHash(token);
  const found = await authRepo.findOpenSession(ctx.db, id);
  if (!found) return null;
  const now = ctx.now();
  const policy = await policyOf(ctx);
  const ended = sessionEnd(found.session, now, policy);
  if (ended || !found.user.active) {
    const reason = ended ?? 'disabled';
    await audited(
      ctx,
      { userId: found.user.id, displayName: found.user.displayName, ip: client.ip },
      async (tx, audit) => {
        if (await authRepo.endSession(tx, id, reason, now)) {
          await audit({
            action: 'auth.session_expired',
            entityType: 'user',
            entityId: found.user.id,
            after: { reason },
          });
        }
      },
    );
    return { expired: true };
  }
  if (shouldTouch(found.session, now)) await authRepo.touchSession(ctx.db, id, now);
  const scope = await scopeOf(ctx, ctx.db, found.user);
  return {
    actor: toActor(found.user, scope, id, client),
    mustChangePassword: found.user.mustChangePassword,
    passwordExpired: isPasswordExpired(found.user.passwordChangedAt, now, policy),
    createdAt: found.session.createdAt,
  };
}

export async function logout(ctx: Ctx, actor: Actor): Promise<void> {
  await audited(ctx, { userId: actor.userId, displayName: actor.displayName, ip: actor.ip }, async (tx, audit) => {
    if (await authRepo.endSession(tx, actor.sessionId, 'logout', ctx.now())) {
      await audit({ action: 'auth.logout', entityType: 'user', entityId: actor.userId });
    }
  });
}

// ── passwords ────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Changes the signed-in user's password: the current one must be right, the new one must meet the policy and
 * differ from the last N. Other sessions of the user end; this one stays.
 */
export async function changePassword(ctx: Ctx, actor: Actor, input: ChangePasswordRequest): Promise<void> {
  const policy = await policyOf(ctx);
  const u = await authRepo.findUserById(ctx.db, actor.userId);
  if (!u) throw appError('NOT_FOUND');
  if (!(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw appError('WRONG_PASSWORD', {
      fields: [{ path: 'currentPassword', message: msg(actor.lang, '原密码不正确', 'Wrong password') }],
    });
  }
  const problems = checkPassword(input.newPassword, policy, u.username);
  if (problems.length) {
    throw appError('PASSWORD_WEAK', {
      fields: problems.map((p) => ({ path: 'newPassword', message: describePasswordProblem(p, actor.lang) })),
    });
  }
  const previous = [u.passwordHash, ...(await authRepo.recentPasswordHashes(ctx.db, u.id, policy.passwordHistory))];
  for (const h of previous.slice(0, Math.max(1, policy.passwordHistory))) {
    if (await verifyPassword(h, input.newPassword)) {
      throw new AppError('PASSWORD_REUSED', {
        params: { count: Math.max(1, policy.passwordHistory) },
        fields: [{ path: 'newPassword', message: msg(actor.lang, '不能与最近使用过的密码相同', 'Used recently') }],
      });
    }
  }
  const hash = await hashPassword(input.newPassword);
  await audited(ctx, { userId: actor.userId, displayName: actor.displayName, ip: actor.ip }, async (tx, audit) => {
    const now = ctx.now();
    await authRepo.setPassword(tx, u.id, hash, { mustChange: false, now, keepHistory: policy.passwordHistory > 0 });
    await authRepo.endOtherSessions(tx, u.id, actor.sessionId, 'password_changed', now);
    await audit({ action: 'auth.password_changed', entityType: 'user', entityId: u.id });
  });
}

const msg = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** Ends every open session of a user (password reset, deactivation) inside the caller's transaction. */
export const endSessionsOfUser = (tx: Tx, userId: string, now: Date, reason: string) =>
  authRepo.endOtherSessions(tx, userId, null, reason, now);
