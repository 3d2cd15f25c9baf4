import { type AuditEntry, recordAudit } from './audit/audit.ts';
import type { AuditActor } from './auth/actor.ts';
import type { Config } from './config/config.ts';
import type { Db, Engine, Tx } from './db/database.ts';
import type { FileStore } from './files/file-store.ts';
import type { SettingsStore } from './settings/settings.ts';

/** What every service needs, built once by main.ts (or by the test harness) and passed down. */
export type Ctx = {
  db: Db;
  engine: Engine;
  config: Config;
  settings: SettingsStore;
  /** the bytes of uploaded files ($DATA_DIR/files) */
  files: FileStore;
  /** the clock; tests move it to check timeouts and lockouts */
  now: () => Date;
};

export type Audit = (entry: AuditEntry) => Promise<void>;

/**
 * One use case = one transaction with its audit records. Inside `fn` use only `tx` (on PGlite, touching the outer
 * handle inside a transaction hangs forever). A thrown error rolls back the rows and their audit records alike.
 */
export async function audited<T>(ctx: Ctx, actor: AuditActor, fn: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  const policy = (await ctx.settings.securityPolicy(ctx.db)).value;
  const opts = { alg: policy.auditHash, key: ctx.config.auditKey };
  return ctx.db.transaction(async (tx) =>
    fn(tx, (entry) => recordAudit(tx, actor, entry, { ...opts, now: ctx.now() })),
  );
}
