/**
 * 行政区划 — regions keyed by GB/T 2260 six-digit codes; parks are regions of kind `park` under a city. The country
 * (100000) exists only as the root a clean install hangs its first administrator's unit on.
 */
export const COUNTRY_CODE = '100000';
export const REGION_KINDS = ['country', 'province', 'city', 'district', 'county', 'park'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const REGION_KIND_LABELS: Record<RegionKind, { zh: string; en: string }> = {
  country: { zh: '国家', en: 'Country' },
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  county: { zh: '县', en: 'County' },
  park: { zh: '园区', en: 'Park' },
};

export const REGION_CODE_RE = /^[1-9]\d{5}$/;

/** The kinds a child of a region of this kind may have. */
export const CHILD_KINDS: Record<RegionKind, readonly RegionKind[]> = {
  country: ['province'],
  province: ['city'],
  city: ['district', 'county', 'park'],
  district: [],
  county: [],
  park: [],
};

/**
 * The structure of a GB/T 2260 code says which level it is: a province ends in 0000, a city (prefecture) in 00.
 * Parks carry a code inside their city's range (e.g. 71–79 as many cities use for development zones).
 */
export function codeMatchesKind(code: string, kind: RegionKind): boolean {
  if (!REGION_CODE_RE.test(code)) return false;
  if (kind === 'country' || code === COUNTRY_CODE) return kind === 'country' && code === COUNTRY_CODE;
  const tail4 = code.slice(2);
  const tail2 = code.slice(4);
  if (kind === 'province') return tail4 === '0000';
  if (kind === 'city') return tail2 === '00' && code.slice(2, 4) !== '00';
  return tail2 !== '00';
}

/** A child's code lies inside its parent's range: same province digits for a city, same city digits below. */
export function codeInsideParent(code: string, parentCode: string, parentKind: RegionKind): boolean {
  if (parentKind === 'country') return true;
  if (parentKind === 'province') return code.slice(0, 2) === parentCode.slice(0, 2);
  if (parentKind === 'city') return code.slice(0, 4) === parentCode.slice(0, 4);
  return false;
}

export type RegionNode = { code: string; parentCode: string | null };

/** Codes of `root` and everything below it. */
export function subtreeCodes(root: string, regions: readonly RegionNode[]): string[] {
  const children = new Map<string, string[]>();
  for (const r of regions) {
    if (!r.parentCode) continue;
    const list = children.get(r.parentCode) ?? [];
    list.push(r.code);
    children.set(r.parentCode, list);
  }
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const c = stack.pop()!;
    out.push(c);
    stack.push(...(children.get(c) ?? []));
  }
  return out;
}

/** The nearest ancestor (or the region itself) of the given kind. */
export function ancestorOfKind(
  code: string,
  kind: RegionKind,
  regions: readonly (RegionNode & { kind: RegionKind })[],
) {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  let cur = byCode.get(code);
  while (cur) {
    if (cur.kind === kind) return cur.code;
    cur = cur.parentCode ? byCode.get(cur.parentCode) : undefined;
  }
  return null;
}

export type FieldProblem = { path: string; message: string };

/** Rules for a new region: its code fits its kind, it sits under a parent of the right kind and inside its range. */
export function regionCreateProblems(
  input: { code: string; kind: RegionKind; parentCode: string | null },
  parent: { code: string; kind: RegionKind } | null,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!codeMatchesKind(input.code, input.kind)) {
    out.push({ path: 'code', message: `代码${input.code}与区划类型“${REGION_KIND_LABELS[input.kind].zh}”不符` });
  }
  if (input.kind === 'country') {
    out.push({ path: 'kind', message: '不能新增国家级区划' });
    return out;
  }
  if (input.kind === 'province' && !input.parentCode) return out;
  if (!parent) {
    out.push({ path: 'parentCode', message: input.parentCode ? '上级区划不存在' : '请选择上级区划' });
    return out;
  }
  if (!CHILD_KINDS[parent.kind].includes(input.kind)) {
    out.push({
      path: 'kind',
      message: `“${REGION_KIND_LABELS[parent.kind].zh}”下不能设“${REGION_KIND_LABELS[input.kind].zh}”`,
    });
  } else if (!codeInsideParent(input.code, parent.code, parent.kind)) {
    out.push({ path: 'code', message: `代码${input.code}不在上级区划${parent.code}的范围内` });
  }
  return out;
}
