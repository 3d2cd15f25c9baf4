/**
 * The audit trail is append-only and hash-chained: each record's hash covers its content and the previous
 * record's hash, so an edited or deleted record breaks the chain at that point. Hashing is passed in, so the rule
 * stays pure and the algorithm (SHA-256, SM3, HMAC-SM3) is a setting.
 */
export type ChainedFields = {
  id: number;
  at: string; // ISO timestamp, millisecond precision
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  /** the algorithm is covered too, so a record cannot be "downgraded" to another hash */
  alg: string;
  prevHash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

/** Deterministic JSON: object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const chainPayload = (r: ChainedFields): string =>
  canonicalJson({
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    reason: r.reason,
    ip: r.ip,
    alg: r.alg,
    prevHash: r.prevHash,
  });

export type Broken = { id: number; reason: 'hash' | 'link' };

/**
 * Walks records in id order. `link`: a record does not point at the hash of the one before it (a record was
 * removed or re-ordered); `hash`: its content no longer matches its own hash (it was edited).
 */
export function firstBrokenLink(
  records: Iterable<ChainedFields & { hash: string }>,
  hash: (payload: string) => string,
  expectedPrev: string = GENESIS_HASH,
): Broken | null {
  let prev = expectedPrev;
  for (const r of records) {
    if (r.prevHash !== prev) return { id: r.id, reason: 'link' };
    if (hash(chainPayload(r)) !== r.hash) return { id: r.id, reason: 'hash' };
    prev = r.hash;
  }
  return null;
}
