import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Broken,
  type ChainedFields,
  canonicalJson,
  chainPayload,
  firstBrokenLink,
  GENESIS_HASH,
} from './chain.ts';

type Rec = ChainedFields & { hash: string };

const sha256 = (payload: string) => createHash('sha256').update(payload, 'utf8').digest('hex');

/** Five records, each hashed over its content and the previous record's hash, as the server writes them. */
function buildChain(n = 5): Rec[] {
  const out: Rec[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const fields: ChainedFields = {
      id,
      at: new Date(Date.UTC(2025, 2, 10, 9, 0, id)).toISOString(),
      actorId: id === 1 ? null : `user-${id}`,
      actorName: id === 1 ? '系统' : `用户${id}`,
      action: id === 1 ? 'system.init' : 'unit.update',
      entityType: 'unit',
      entityId: id === 1 ? null : `unit-${id}`,
      before: id === 1 ? null : { name: `单位${id}`, sort: id, tags: ['甲', '乙'] },
      after: { name: `单位${id}(新)`, sort: id + 1, nested: { b: 2, a: 1 } },
      reason: id % 2 === 0 ? '机构调整' : null,
      ip: id === 1 ? null : '10.0.0.1',
      alg: 'sha256',
      prevHash: prev,
    };
    const hash = sha256(chainPayload(fields));
    out.push({ ...fields, hash });
    prev = hash;
  }
  return out;
}

const withoutIndex = (chain: Rec[], i: number) => chain.filter((_, j) => j !== i);
const swap = (chain: Rec[], i: number, j: number) => {
  const c = [...chain];
  [c[i], c[j]] = [c[j]!, c[i]!];
  return c;
};
const edit = (chain: Rec[], id: number, patch: Partial<Rec>) =>
  chain.map((r) => (r.id === id ? { ...r, ...patch } : r));

describe('firstBrokenLink', () => {
  const chain = buildChain();

  it('builds a chain whose records point at each other', () => {
    expect(chain).toHaveLength(5);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect(chain[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, () => Rec[], Broken | null]>([
    ['an intact chain', () => chain, null],
    ['an empty chain', () => [], null],
    ['record 3: action edited', () => edit(chain, 3, { action: 'unit.delete' }), { id: 3, reason: 'hash' }],
    ['record 3: reason edited', () => edit(chain, 3, { reason: '无' }), { id: 3, reason: 'hash' }],
    ['record 3: actor name edited', () => edit(chain, 3, { actorName: '他人' }), { id: 3, reason: 'hash' }],
    ['record 3: algorithm relabelled', () => edit(chain, 3, { alg: 'sm3' }), { id: 3, reason: 'hash' }],
    [
      'record 3: a value inside `after` edited',
      () => edit(chain, 3, { after: { ...(chain[2]!.after as object), sort: 99 } }),
      { id: 3, reason: 'hash' },
    ],
    [
      'record 3: time edited by one ms',
      () => edit(chain, 3, { at: '2025-03-10T09:00:03.001Z' }),
      { id: 3, reason: 'hash' },
    ],
    [
      'record 3: hash rewritten to match its new content',
      () => {
        const changed = { ...chain[2]!, action: 'unit.delete' };
        return edit(chain, 3, { action: 'unit.delete', hash: sha256(chainPayload(changed)) });
      },
      { id: 4, reason: 'link' },
    ],
    ['record 3 removed', () => withoutIndex(chain, 2), { id: 4, reason: 'link' }],
    ['record 1 removed', () => withoutIndex(chain, 0), { id: 2, reason: 'link' }],
    ['records 3 and 4 swapped', () => swap(chain, 2, 3), { id: 4, reason: 'link' }],
    ['records 1 and 5 swapped', () => swap(chain, 0, 4), { id: 5, reason: 'link' }],
    ['chain reversed', () => [...chain].reverse(), { id: 5, reason: 'link' }],
    ['record 5 edited (the last one)', () => edit(chain, 5, { ip: '10.0.0.2' }), { id: 5, reason: 'hash' }],
  ])('%s', (_name, records, expected) => {
    expect(firstBrokenLink(records(), sha256)).toEqual(expected);
  });

  it('checks a later part of the chain from the hash before it', () => {
    expect(firstBrokenLink(chain.slice(2), sha256, chain[1]!.hash)).toBeNull();
    expect(firstBrokenLink(chain.slice(2), sha256)).toEqual({ id: 3, reason: 'link' });
    expect(firstBrokenLink(chain.slice(2), sha256, chain[0]!.hash)).toEqual({ id: 3, reason: 'link' });
  });

  it('refuses a chain hashed with another function', () => {
    const md5 = (p: string) => createHash('md5').update(p).digest('hex');
    expect(firstBrokenLink(chain, md5)).toEqual({ id: 1, reason: 'hash' });
  });

  it('accepts any iterable, and stops at the first break', () => {
    const seen: number[] = [];
    const broken = edit(chain, 2, { action: 'x' });
    function* walk() {
      for (const r of broken) {
        seen.push(r.id);
        yield r;
      }
    }
    expect(firstBrokenLink(walk(), sha256)).toEqual({ id: 2, reason: 'hash' });
    expect(seen).toEqual([1, 2]);
  });

  it('hashes the same content the same way however its keys are ordered', () => {
    const r = chain[3]!;
    const reordered: Rec = {
      hash: r.hash,
      prevHash: r.prevHash,
      ip: r.ip,
      reason: r.reason,
      after: { nested: { a: 1, b: 2 }, sort: 5, name: '单位4(新)' },
      before: { tags: ['甲', '乙'], sort: 4, name: '单位4' },
      entityId: r.entityId,
      entityType: r.entityType,
      action: r.action,
      alg: r.alg,
      actorName: r.actorName,
      actorId: r.actorId,
      at: r.at,
      id: r.id,
    };
    expect(firstBrokenLink([reordered], sha256, r.prevHash)).toBeNull();
  });
});

describe('chainPayload', () => {
  it('covers every chained field and nothing else', () => {
    const r = buildChain(1)[0]!;
    const payload = JSON.parse(chainPayload(r));
    expect(Object.keys(payload)).toEqual([
      'action',
      'actorId',
      'actorName',
      'after',
      'alg',
      'at',
      'before',
      'entityId',
      'entityType',
      'id',
      'ip',
      'prevHash',
      'reason',
    ]);
    expect(payload).not.toHaveProperty('hash');
  });
});

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['undefined at the top', undefined, 'null'],
    ['a number', 12.5, '12.5'],
    ['a string with Chinese and quotes', '落实"抓"', '"落实\\"抓\\""'],
    ['a boolean', false, 'false'],
    ['keys sorted', { b: 1, a: 2, c: 3 }, '{"a":2,"b":1,"c":3}'],
    [
      'keys sorted at every level',
      { z: { y: 1, x: { q: 1, p: 2 } }, a: [{ d: 1, c: 2 }] },
      '{"a":[{"c":2,"d":1}],"z":{"x":{"p":2,"q":1},"y":1}}',
    ],
    ['undefined values dropped', { b: undefined, a: 1, c: { d: undefined } }, '{"a":1,"c":{}}'],
    ['null values kept', { a: null }, '{"a":null}'],
    ['undefined in an array becomes null', [1, undefined, 2], '[1,null,2]'],
    ['array order kept', [3, 1, 2], '[3,1,2]'],
    ['a Date as an ISO string', new Date('2025-03-10T09:00:00.123Z'), '"2025-03-10T09:00:00.123Z"'],
    ['a nested Date as an ISO string', { at: new Date(Date.UTC(2025, 0, 1)) }, '{"at":"2025-01-01T00:00:00.000Z"}'],
    ['upper case sorts before lower case (code units)', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
    ['Chinese keys sorted by code unit', { 乙: 2, 甲: 1 }, '{"乙":2,"甲":1}'],
    ['empty object and array', { o: {}, a: [] }, '{"a":[],"o":{}}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text for the same content in any key order', () => {
    expect(canonicalJson({ a: 1, b: { c: [1, { e: 1, d: 2 }] } })).toBe(
      canonicalJson({ b: { c: [1, { d: 2, e: 1 }] }, a: 1 }),
    );
  });

  it('round-trips through JSON to the same value (without undefined)', () => {
    const value = { b: [1, 'x', null], a: { d: true, c: 'é中' } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});
