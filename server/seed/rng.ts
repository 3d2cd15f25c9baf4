/** The demo seeds' PRNG: deterministic, so the same demo city is built on every machine. */
export type Rng = {
  next: () => number;
  /** an integer in [lo, hi]; lo when hi < lo */
  int: (lo: number, hi: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(xs: readonly T[]) => T;
  weighted: <T>(xs: readonly (readonly [T, number])[]) => T;
  shuffle: <T>(xs: readonly T[]) => T[];
};

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => (hi < lo ? lo : lo + Math.floor(next() * (hi - lo + 1)));
  const pick = <T>(xs: readonly T[]): T => {
    if (xs.length === 0) throw new RangeError('pick from an empty list');
    return xs[int(0, xs.length - 1)]!;
  };
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    const total = xs.reduce((s, [, w]) => s + Math.max(0, w), 0);
    let r = next() * total;
    for (const [x, w] of xs) {
      if (w <= 0) continue;
      r -= w;
      if (r < 0) return x;
    }
    const last = xs.filter(([, w]) => w > 0).at(-1);
    if (!last) throw new RangeError('weighted pick without a positive weight');
    return last[0];
  };
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, chance: (p) => next() < p, pick, weighted, shuffle };
}

/** An independent stream per part and per index, so one object's history does not shift another's. */
export const streamRng = (seed: number, part: number, i: number): Rng =>
  makeRng((seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(part + 1, 0x85ebca6b)) >>> 0);
