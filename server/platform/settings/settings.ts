import { eq, sql } from 'drizzle-orm';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy, SecurityPolicySchema } from '../../../domain/auth/policy.ts';
import { settings } from '../../db/schema/index.ts';
import type { Conn, Tx } from '../db/database.ts';

/**
 * Run-time settings, one JSON value per key, with defaults in domain/. Reads are cached for a few seconds per
 * process; a change made through another process is seen within that time.
 */
const CACHE_MS = 5_000;

export type SettingValue<T> = { value: T; version: number };

export class SettingsStore {
  private cache = new Map<string, { at: number; v: SettingValue<unknown> }>();

  async securityPolicy(conn: Conn): Promise<SettingValue<SecurityPolicy>> {
    return this.get(conn, 'security_policy', (raw) =>
      SecurityPolicySchema.parse({ ...DEFAULT_SECURITY_POLICY, ...(raw as object) }),
    );
  }

  /** A setting with its parser (defaults live in the parser); cached for a few seconds. */
  async get<T>(conn: Conn, key: string, parse: (raw: unknown) => T): Promise<SettingValue<T>> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.v as SettingValue<T>;
    const [row] = await conn.select().from(settings).where(eq(settings.key, key));
    const v: SettingValue<T> = { value: parse(row?.value ?? {}), version: row?.version ?? 0 };
    this.cache.set(key, { at: Date.now(), v });
    return v;
  }

  /** Writes a setting if `version` is still current (0 = never saved); returns the new version or null if stale. */
  async put(tx: Tx, key: string, value: unknown, version: number): Promise<number | null> {
    this.cache.delete(key);
    if (version === 0) {
      const inserted = await tx
        .insert(settings)
        .values({ key, value, version: 1 })
        .onConflictDoNothing()
        .returning({ version: settings.version });
      return inserted[0]?.version ?? null;
    }
    const updated = await tx
      .update(settings)
      .set({ value, version: sql`${settings.version} + 1`, updatedAt: new Date() })
      .where(sql`${settings.key} = ${key} and ${settings.version} = ${version}`)
      .returning({ version: settings.version });
    return updated[0]?.version ?? null;
  }

  invalidate(): void {
    this.cache.clear();
  }
}
