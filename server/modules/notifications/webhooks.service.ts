import { robotScope } from '../../../domain/notifications/access.ts';
import type {
  DeliveryListQuery,
  RobotCreate,
  RobotListQuery,
  RobotUpdate,
} from '../../../domain/notifications/contracts.ts';
import {
  dingtalkSignedUrl,
  dingtalkStringToSign,
  judgeRobotAnswer,
  maskRobotUrl,
  nextAttemptAfterFailure,
  type RobotAnswer,
  type RobotNotice,
  type RobotProvider,
  robotMessage,
  robotUrlProblem,
} from '../../../domain/notifications/robot-message.ts';
import type { Scope } from '../../../domain/org/scope.ts';
import { type Actor, auditActorOf } from '../../platform/auth/actor.ts';
import { audited, type Ctx } from '../../platform/context.ts';
import { hmacSha256Base64 } from '../../platform/crypto/crypto.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { findUnitInDirectory } from '../org/index.ts';
import { type DueDelivery, deliveryRepo, type RobotRow, robotRepo } from './webhooks.repository.ts';

/**
 * A unit's group robots (群机器人): CRUD in the robot scope, 测试发送, the delivery log, and `deliverDue`, which the
 * job `notifications.deliver-webhooks` runs every minute. Robots are called outside any transaction (PGlite
 * serialises transactions; never await the network inside one): a delivery is claimed, sent, and its outcome written.
 */

/** How long one POST may take. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A claimed delivery is left alone this long (a crashed sender's deliveries fall due again after it). */
const LEASE_MS = 5 * 60_000;
/** Deliveries claimed at once, and how long one run keeps claiming (the job runs every minute). */
const BATCH = 20;
const RUN_BUDGET_MS = 45_000;
/** Bytes of a robot's answer read at most (they answer a few dozen). */
const ANSWER_MAX_BYTES = 64 * 1024;

export const TEST_NOTICE: RobotNotice = {
  title: '落实平台测试消息',
  body: '这是一条来自落实平台的测试消息。收到即表示群机器人配置正确,本单位的提醒和通知将发送到本群。',
  link: '/settings/robots',
};

function scopeOf(actor: Actor): Scope {
  const s = robotScope(actor.roles, actor.unitId);
  if (!s) throw appError('FORBIDDEN');
  return s;
}

/** What the audit trail shows of a robot: never the secret, the URL's token masked. */
const auditView = (r: RobotRow) => ({
  unitId: r.unitId,
  provider: r.provider,
  url: maskRobotUrl(r.url),
  hasSecret: Boolean(r.secret),
  enabled: r.enabled,
});

function assertUrl(ctx: Ctx, url: string) {
  const problem = robotUrlProblem(url, { allowLocalHttp: ctx.config.webhookAllowLocalHttp });
  if (problem) throw appError('VALIDATION_FAILED', { fields: [{ path: 'url', message: problem }] });
}

// ── robots ─────────────────────────────────────────────────────────────────────────────────────────────────
export async function listRobots(ctx: Ctx, actor: Actor, q: RobotListQuery) {
  const rows = await robotRepo.list(ctx.db, scopeOf(actor), q);
  const stats = await robotRepo.stats(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ row: r, stats: stats.get(r.id)! }));
}

export async function getRobot(ctx: Ctx, actor: Actor, id: string) {
  const row = await robotRepo.find(ctx.db, scopeOf(actor), id);
  if (!row) throw appError('NOT_FOUND');
  const stats = await robotRepo.stats(ctx.db, [id]);
  return { row, stats: stats.get(id)! };
}

export async function createRobot(ctx: Ctx, actor: Actor, input: RobotCreate) {
  const scope = scopeOf(actor);
  if (scope.kind !== 'all' && input.unitId !== actor.unitId) {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'unitId', message: '只能为本单位配置群机器人' }] });
  }
  assertUrl(ctx, input.url);
  const id = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const unit = await findUnitInDirectory(tx, actor, input.unitId);
    if (!unit) throw appError('VALIDATION_FAILED', { fields: [{ path: 'unitId', message: '单位不存在' }] });
    const r = await robotRepo.insert(tx, {
      unitId: input.unitId,
      provider: input.provider,
      url: input.url,
      secret: input.provider === 'dingtalk' ? (input.secret ?? null) : null,
      enabled: input.enabled ?? true,
      createdAt: ctx.now(),
    });
    await audit({ action: 'robot.create', entityType: 'unit_webhook', entityId: r.id, after: auditView(r) });
    return r.id;
  });
  return getRobot(ctx, actor, id);
}

export async function updateRobot(ctx: Ctx, actor: Actor, id: string, input: RobotUpdate) {
  const scope = scopeOf(actor);
  if (input.url !== undefined) assertUrl(ctx, input.url);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await robotRepo.findForUpdate(tx, scope, id);
    if (!before) throw appError('NOT_FOUND');
    if (before.version !== input.version) throw appError('STALE_WRITE');
    const secret = input.secret === undefined ? before.secret : input.secret;
    const after = await robotRepo.update(tx, scope, id, input.version, {
      url: input.url ?? before.url,
      secret: before.provider === 'dingtalk' ? secret : null,
      enabled: input.enabled,
    });
    if (!after) throw appError('STALE_WRITE');
    await audit({
      action: 'robot.update',
      entityType: 'unit_webhook',
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), secretChanged: input.secret !== undefined && input.secret !== before.secret },
    });
  });
  return getRobot(ctx, actor, id);
}

export async function deleteRobot(ctx: Ctx, actor: Actor, id: string) {
  const scope = scopeOf(actor);
  await audited(ctx, auditActorOf(actor), async (tx, audit) => {
    const before = await robotRepo.findForUpdate(tx, scope, id);
    if (!before) throw appError('NOT_FOUND');
    await robotRepo.remove(tx, scope, id);
    await audit({ action: 'robot.delete', entityType: 'unit_webhook', entityId: id, before: auditView(before) });
  });
}

export async function listDeliveries(ctx: Ctx, actor: Actor, robotId: string, q: DeliveryListQuery) {
  const scope = scopeOf(actor);
  if (!(await robotRepo.find(ctx.db, scope, robotId))) throw appError('NOT_FOUND');
  return deliveryRepo.list(ctx.db, scope, robotId, q);
}

/**
 * 测试发送: a test message now, whether the robot is enabled or not. It is logged like any delivery (kind
 * `robot.test`) but never retried: the person pressing the button reads the answer at once.
 */
export async function testRobot(ctx: Ctx, actor: Actor, id: string) {
  const scope = scopeOf(actor);
  const robot = await robotRepo.find(ctx.db, scope, id);
  if (!robot) throw appError('NOT_FOUND');
  const delivery = await ctx.db.transaction((tx) =>
    deliveryRepo.insert(tx, {
      webhookId: id,
      kind: 'robot.test',
      payload: TEST_NOTICE,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      createdAt: ctx.now(),
    }),
  );
  const answer = await sendToRobot(ctx, robot, TEST_NOTICE);
  const at = ctx.now();
  await deliveryRepo.recordAttempt(ctx.db, delivery.id, 0, {
    status: answer.ok ? 'delivered' : 'failed',
    nextAttemptAt: null,
    lastError: answer.ok ? null : answer.error,
    deliveredAt: answer.ok ? at : null,
  });
  const logged = await deliveryRepo.list(ctx.db, scope, id, { page: 1, pageSize: 1 });
  return {
    delivered: answer.ok,
    error: answer.ok ? null : answer.error,
    delivery: logged.items.find((d) => d.id === delivery.id) ?? delivery,
  };
}

// ── sending ────────────────────────────────────────────────────────────────────────────────────────────────
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= maxBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

function networkError(e: unknown): string {
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return `超时:${WEBHOOK_TIMEOUT_MS / 1000}秒内无应答`;
  }
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
  return `连接失败:${detail}`.slice(0, 300);
}

/**
 * One POST of a notice to a robot: its markdown message, DingTalk's signature when the robot has a secret, a
 * timeout, no redirects followed (a 3xx is a failure). The URL rule is checked again here: a robot saved under a
 * laxer configuration is not called.
 */
export async function sendToRobot(
  ctx: Ctx,
  robot: { provider: string; url: string; secret: string | null },
  notice: RobotNotice,
): Promise<RobotAnswer> {
  const problem = robotUrlProblem(robot.url, { allowLocalHttp: ctx.config.webhookAllowLocalHttp });
  if (problem) return { ok: false, error: problem };
  const provider = robot.provider as RobotProvider;
  const message = robotMessage(provider, notice, { publicUrl: ctx.config.publicUrl });
  let target = robot.url;
  if (provider === 'dingtalk' && robot.secret) {
    const ts = ctx.now().getTime();
    target = dingtalkSignedUrl(robot.url, ts, hmacSha256Base64(robot.secret, dingtalkStringToSign(ts, robot.secret)));
  }
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const text = await readCapped(res, ANSWER_MAX_BYTES);
    return judgeRobotAnswer(res.status, text);
  } catch (e) {
    return { ok: false, error: networkError(e) };
  }
}

const noticeOf = (payload: unknown): RobotNotice => {
  const p = (payload ?? {}) as Partial<RobotNotice>;
  return { title: String(p.title ?? ''), body: p.body ?? null, link: p.link ?? null };
};

export type DeliverResult = { attempted: number; delivered: number; retrying: number; failed: number };

async function deliverOne(ctx: Ctx, d: DueDelivery, result: DeliverResult): Promise<void> {
  const answer: RobotAnswer = d.enabled
    ? await sendToRobot(ctx, d, noticeOf(d.payload))
    : { ok: false, error: '机器人已停用,不再发送' };
  const at = ctx.now();
  const attempts = d.attempts + 1;
  const next = answer.ok || !d.enabled ? null : nextAttemptAfterFailure(attempts, at);
  const status = answer.ok ? 'delivered' : next ? 'pending' : 'failed';
  const recorded = await deliveryRepo.recordAttempt(ctx.db, d.id, d.attempts, {
    status,
    nextAttemptAt: next,
    lastError: answer.ok ? null : answer.error,
    deliveredAt: answer.ok ? at : null,
  });
  if (!recorded) return;
  result.attempted++;
  if (status === 'delivered') result.delivered++;
  else if (status === 'pending') result.retrying++;
  else result.failed++;
}

/**
 * Sends every due delivery: pending ones whose next attempt is at or before `ctx.now()`. HTTP 2xx with errcode 0 is
 * delivered; anything else counts an attempt, keeps the error and schedules the next one after 1, 2, 4, 8, 16
 * minutes, giving up (`failed`) after WEBHOOK_MAX_ATTEMPTS. Deliveries of a disabled robot are given up.
 */
export async function deliverDue(ctx: Ctx): Promise<DeliverResult> {
  const result: DeliverResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const started = Date.now();
  for (;;) {
    const now = ctx.now();
    const claimed = await deliveryRepo.claimDue(ctx.db, now, new Date(now.getTime() + LEASE_MS), BATCH);
    for (const d of claimed) await deliverOne(ctx, d, result);
    if (claimed.length < BATCH || Date.now() - started > RUN_BUDGET_MS) break;
  }
  return result;
}
