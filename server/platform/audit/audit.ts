import { and, asc, desc, eq, gt, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { chainPayload, firstBrokenLink, GENESIS_HASH } from '../../../domain/audit/chain.ts';
import type { AuditQuery, AuditRecord, AuditVerifyResult } from '../../../domain/audit/contracts.ts';
import { auditRecords, users } from '../../db/schema/index.ts';
import type { AuditActor } from '../auth/actor.ts';
import { type ChainAlg, digestHex } from '../crypto/crypto.ts';
import { type Conn, type Db, rawRows, type Tx } from '../db/database.ts';
import { containsPattern } from '../db/scope-sql.ts';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export type AuditOptions = { alg: ChainAlg; key: string | null; now: Date };

/** Dates become ISO strings and undefined disappears, exactly as jsonb will give the value back. */
const asStored = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

const CHAIN_LOCK = 72417002;

/**
 * Append one record to the trail inside the caller's transaction, chained to the previous one. The advisory lock
 * is held to the end of the transaction, so chain order is commit order even with many server processes.
 */
export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry, opts: AuditOptions): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditRecords.hash })
    .from(auditRecords)
    .orderBy(desc(auditRecords.id))
    .limit(1);
  const [next] = await rawRows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('audit_records', 'id'))::int as id`,
  );
  const id = Number(next!.id);
  const record = {
    id,
    at: new Date(Math.floor(opts.now.getTime())).toISOString(),
    actorId: actor.userId,
    actorName: actor.displayName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: asStored(entry.before),
    after: asStored(entry.after),
    reason: entry.reason ?? null,
    ip: actor.ip,
    alg: opts.alg,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = digestHex(opts.alg, chainPayload(record), opts.key);
  await tx.insert(auditRecords).values({
    ...record,
    at: new Date(record.at),
    hash,
  });
}

type Row = typeof auditRecords.$inferSelect;

export const presentAudit = (r: Row): AuditRecord => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  before: r.before,
  after: r.after,
  reason: r.reason,
  ip: r.ip,
});

/** Walks the whole chain in id order, in batches, and reports the first broken link. */
export async function verifyAuditChain(db: Conn, key: string | null, batch = 2000): Promise<AuditVerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditRecords)
      .where(gt(auditRecords.id, lastId))
      .orderBy(asc(auditRecords.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      const fields = {
        ...r,
        at: r.at.toISOString(),
        before: r.before ?? null,
        after: r.after ?? null,
      };
      let broken: ReturnType<typeof firstBrokenLink>;
      try {
        broken = firstBrokenLink([fields], (p) => digestHex(r.alg as ChainAlg, p, key), prev);
      } catch {
        broken = { id: r.id, reason: 'hash' };
      }
      if (broken) return { checked: checked + 1, ok: false, firstBroken: broken };
      prev = r.hash;
      checked++;
    }
    lastId = rows[rows.length - 1]!.id;
  }
  return { checked, ok: true, firstBroken: null };
}

/** Filtered page of the trail (the caller decides who may read it). */
export async function listAudit(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.action) where.push(ilike(auditRecords.action, `${q.action}%`));
  if (q.entityType) where.push(eq(auditRecords.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditRecords.entityId, q.entityId));
  if (q.actor) {
    // by display name, or by the account name of the user who acted
    const p = containsPattern(q.actor);
    where.push(
      or(
        ilike(auditRecords.actorName, p),
        sql`exists (select 1 from ${users} where ${users.id} = ${auditRecords.actorId} and ${users.username} ilike ${p})`,
      )!,
    );
  }
  // dates are business days in Asia/Shanghai
  if (q.from) where.push(gte(auditRecords.at, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) where.push(lt(auditRecords.at, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(auditRecords)
      .where(cond)
      .orderBy(desc(auditRecords.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditRecords).where(cond),
  ]);
  return { items: rows.map(presentAudit), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The history of one object, oldest first. The caller has already checked the object is in scope. */
export async function entityHistory(db: Conn, entityType: string, entityId: string): Promise<AuditRecord[]> {
  const rows = await db
    .select()
    .from(auditRecords)
    .where(and(eq(auditRecords.entityType, entityType), eq(auditRecords.entityId, entityId)))
    .orderBy(asc(auditRecords.id))
    .limit(500);
  return rows.map(presentAudit);
}
