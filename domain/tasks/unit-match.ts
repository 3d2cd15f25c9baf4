/**
 * Units and leaders as a 分工方案 names them, matched to the organisation: "市发改委", "示范市发展和改革委员会",
 * "发展和改革委员会", "城关区政府", an old name remembered as an alias — and the responsibility rules of the tables
 * (FORMATS.md): the first unit listed leads unless one is marked (牵头); "分别牵头" means several leads; "下同"
 * carries an assignment to the following items; with no 牵头单位 the 责任单位 leads.
 *
 * Decisions:
 * - "分别牵头" (or several units in 牵头单位 with 分别/各自) is a row error asking the office to split the row: a
 *   task has exactly one lead unit, and guessing which one is the silent default the import must never make.
 * - Several units in the 牵头单位 column without 分别: the first (or the one marked 牵头) leads, the others become
 *   partner units, and the row says so in a note.
 * - "下同" in a cell sets that cell's value for the following rows whose cell is blank, until a new value is written;
 *   "同上" takes the previous row's value.
 * - "各区县政府", "各开发区管委会" expand to the units of that kind; "有关部门", "市直各部门" name no unit: ignored
 *   (with a note) among partners, an error as the lead.
 * Pure: the units and leaders are parameters.
 */
import { removeWhitespace, toHalfWidth } from '../common/text-normalize.ts';

export type UnitRef = {
  id: string;
  name: string;
  shortName: string | null;
  aliases: readonly string[];
  /** the unit kind (government, park_committee, …): lets "各区县政府" expand */
  kind?: string;
};
export type Suggestion = { id: string; name: string; score: number };

export type UnitMatch =
  | { ok: true; units: UnitRef[]; via: 'name' | 'shortName' | 'alias' | 'variant' | 'group' }
  | { ok: true; units: []; via: 'vague' }
  | { ok: false; ambiguous: boolean; suggestions: Suggestion[] };

// ── names ──────────────────────────────────────────────────────────────────────────────────────────────────
/** Full-width → half-width, no whitespace, no quotes, no trailing 等 / 等部门 / 等单位. */
export function normaliseUnitName(text: string): string {
  return removeWhitespace(toHalfWidth(text))
    .replace(/[“”"‘’'《》]/g, '')
    .replace(/等(?:部门|单位|相关部门|有关部门)?$/, '');
}

/** A leading city name ("示范市", or just "市") that the sheet may write or leave out. */
const CITY_PREFIX = /^[\u4e00-\u9fa5]{0,6}?市(?=[\u4e00-\u9fa5]{2,})/;

/** The forms a name may be compared in beyond its exact text: without the city, 人民政府 → 政府. */
function variants(normalised: string): string[] {
  const out = new Set<string>();
  for (const base of [normalised, normalised.replace(/人民政府/g, '政府')]) {
    out.add(base);
    out.add(base.replace(CITY_PREFIX, ''));
  }
  return [...out].filter((v) => v !== '');
}

const VAGUE_RE =
  /^(?:市直|市级|县级|区级)?(?:各|其他)?(?:有关|相关|其他|涉及|责任)?(?:部门|单位|成员单位|部门单位)$|^(?:市直|市级)(?:有关|相关)?(?:部门|单位)?$/;
const GROUPS: { re: RegExp; kind: string; label: string }[] = [
  { re: /^各(?:区县|县区|县市区|区|县)(?:人民)?(?:政府)?$/, kind: 'government', label: '各区县政府' },
  { re: /^各(?:开发区|园区|开发区管委会|园区管委会)(?:管委会)?$/, kind: 'park_committee', label: '各开发区管委会' },
];

// ── similarity, for the closest candidates ─────────────────────────────────────────────────────────────────
function grams(text: string, n: number): string[] {
  const chars = [...text];
  if (chars.length < n) return chars.length ? [chars.join('')] : [];
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}
function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const rest = [...b];
  let common = 0;
  for (const g of a) {
    const i = rest.indexOf(g);
    if (i !== -1) {
      common++;
      rest.splice(i, 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}
/** Character-bigram similarity (0…1) with a little weight on shared characters, so 市经信局 ~ 市工信局. */
export function nameSimilarity(a: string, b: string): number {
  return 0.7 * dice(grams(a, 2), grams(b, 2)) + 0.3 * dice([...new Set(a)], [...new Set(b)]);
}

// ── the matcher ────────────────────────────────────────────────────────────────────────────────────────────
export type UnitMatcher = {
  match(name: string): UnitMatch;
  /** the `limit` closest units to a name, best first */
  suggest(name: string, limit?: number): Suggestion[];
};

/**
 * Exact (after normalisation) on the full name, then the short name, then an alias; then the same names without
 * the city prefix and with 人民政府 = 政府. Two units answering the same name make it ambiguous: not matched, both
 * offered. Results are cached per name.
 */
export function createUnitMatcher(units: readonly UnitRef[]): UnitMatcher {
  const tiers: Map<string, UnitRef[]>[] = [new Map(), new Map(), new Map(), new Map()];
  const add = (tier: number, key: string, u: UnitRef) => {
    const list = tiers[tier]!.get(key) ?? [];
    if (!list.includes(u)) list.push(u);
    tiers[tier]!.set(key, list);
  };
  const known = units.map((u) => {
    const names = [u.name, u.shortName, ...u.aliases].filter((n): n is string => !!n).map(normaliseUnitName);
    add(0, normaliseUnitName(u.name), u);
    if (u.shortName) add(1, normaliseUnitName(u.shortName), u);
    for (const a of u.aliases) add(2, normaliseUnitName(a), u);
    for (const n of names) for (const v of variants(n)) add(3, v, u);
    return { u, forms: [...new Set(names.flatMap(variants))] };
  });
  const VIA = ['name', 'shortName', 'alias', 'variant'] as const;
  const cache = new Map<string, UnitMatch>();

  const suggest = (name: string, limit = 3): Suggestion[] => {
    const mine = variants(normaliseUnitName(name));
    return known
      .map(({ u, forms }) => {
        let score = 0;
        for (const a of mine) for (const b of forms) score = Math.max(score, nameSimilarity(a, b));
        return { id: u.id, name: u.name, score: Math.round(score * 1000) / 1000 };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'))
      .slice(0, limit);
  };

  const match = (name: string): UnitMatch => {
    const key = normaliseUnitName(name);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = ((): UnitMatch => {
      if (VAGUE_RE.test(key)) return { ok: true, units: [], via: 'vague' };
      for (const g of GROUPS) {
        if (!g.re.test(key)) continue;
        const members = units.filter((u) => u.kind === g.kind);
        if (members.length > 0) return { ok: true, units: members, via: 'group' };
      }
      for (let t = 0; t < 3; t++) {
        const found = tiers[t]!.get(key);
        if (found?.length === 1) return { ok: true, units: found, via: VIA[t]! };
        if (found && found.length > 1) return ambiguous(found);
      }
      const found = new Set<UnitRef>();
      for (const v of variants(key)) for (const u of tiers[3]!.get(v) ?? []) found.add(u);
      if (found.size === 1) return { ok: true, units: [...found], via: 'variant' };
      if (found.size > 1) return ambiguous([...found]);
      return { ok: false, ambiguous: false, suggestions: suggest(name) };
    })();
    cache.set(key, result);
    return result;
  };
  const ambiguous = (list: UnitRef[]): UnitMatch => ({
    ok: false,
    ambiguous: true,
    suggestions: list.map((u) => ({ id: u.id, name: u.name, score: 1 })),
  });
  return { match, suggest };
}

// ── leaders ────────────────────────────────────────────────────────────────────────────────────────────────
export type LeaderRef = { id: string; name: string; title: string };
export type LeaderMatch = { ok: true; leader: LeaderRef } | { ok: false; suggestions: Suggestion[] };

/**
 * 责任领导 as written: "李明远", "李明远常务副市长", "常务副市长李明远", "李明远同志", or a title alone ("市长") when
 * exactly one leader holds it.
 */
export function createLeaderMatcher(leaders: readonly LeaderRef[]) {
  const norm = (s: string) => removeWhitespace(toHalfWidth(s)).replace(/同志$/, '');
  return {
    match(text: string): LeaderMatch {
      const t = norm(text);
      const exact = leaders.filter((l) => norm(l.name) === t);
      if (exact.length === 1) return { ok: true, leader: exact[0]! };
      const inside = leaders.filter((l) => norm(l.name).length >= 2 && t.includes(norm(l.name)));
      if (inside.length === 1) return { ok: true, leader: inside[0]! };
      const stripped = t.replace(/^(?:示范)?市/, '');
      const byTitle = leaders.filter((l) => norm(l.title).replace(/^(?:示范)?市/, '') === stripped);
      if (byTitle.length === 1 && exact.length === 0 && inside.length === 0) return { ok: true, leader: byTitle[0]! };
      const suggestions = leaders
        .map((l) => ({
          id: l.id,
          name: `${l.name}（${l.title}）`,
          score: Math.max(nameSimilarity(t, norm(l.name)), nameSimilarity(t, `${norm(l.name)}${norm(l.title)}`)),
        }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3)
        .map((s) => ({ ...s, score: Math.round(s.score * 1000) / 1000 }));
      return { ok: false, suggestions };
    },
  };
}

// ── cells ──────────────────────────────────────────────────────────────────────────────────────────────────
export type UnitMention = { name: string; marked: boolean };
export type SplitCell = { mentions: UnitMention[]; separately: boolean };

/** Separators between units in one cell: 、，,;；/ and spaces. */
const UNIT_SEP = /[、,，;；/\s]+/;

/**
 * A cell naming units: "市发改委、市工信局，市财政局", "市发改委（牵头）、市财政局", "市发改委、市工信局分别牵头",
 * "各县(市、区)政府". Marks (牵头, 按职责分工负责) are read and removed; empty pieces dropped.
 */
export function splitUnitNames(cell: string | null | undefined): SplitCell {
  let t = toHalfWidth(cell ?? '').trim();
  const separately = /(?:分别|各自)(?:牵头|负责)/.test(t);
  t = t
    .replace(/[(（]?(?:分别|各自)(?:牵头|负责)[)）]?/g, '')
    .replace(/[(（]?按职责分工(?:负责|落实)?[)）]?/g, '')
    .replace(/[(（]?(?:下同|同上)[)）]?/g, '')
    .replace(/各县\(市[、,]?区\)/g, '各区县')
    .replace(/各(?:区|县)\((?:县|区)\)/g, '各区县');
  const mentions: UnitMention[] = [];
  for (const raw of t.split(UNIT_SEP)) {
    let piece = raw.trim();
    if (piece === '') continue;
    const marked = /[(（]牵头[)）]|牵头$/.test(piece);
    piece = piece
      .replace(/[(（]牵头[)）]/g, '')
      .replace(/牵头(?:单位)?$/, '')
      .replace(/(?:配合|参与|协助|协办)$/, '');
    piece = piece.replace(/[(（][^()（）]*[)）]$/, (m) => (/配合|参与|协助|负责/.test(m) ? '' : m));
    piece = normaliseUnitName(piece);
    if (piece === '') continue;
    if (!mentions.some((m) => m.name === piece)) mentions.push({ name: piece, marked });
    else if (marked) mentions.find((m) => m.name === piece)!.marked = true;
  }
  return { mentions, separately };
}

/** What "下同" and "同上" leave in a column: the value that sticks, and the previous row's value. */
export type CarryState = { sticky: string | null; previous: string | null };
export const newCarry = (): CarryState => ({ sticky: null, previous: null });

/**
 * The effective text of a cell under "下同" / "同上": a blank cell takes the value a "下同" set; "同上" takes the
 * previous row's value; a new value ends a "下同". `carried` says the value came from an earlier row.
 */
export function carryCell(
  text: string | null | undefined,
  state: CarryState,
): { ok: true; text: string; carried: boolean } | { ok: false; reason: string } {
  const t = removeWhitespace(toHalfWidth(text ?? ''));
  if (/^[(（]?同上(?:行)?[)）]?$/.test(t)) {
    if (state.previous === null) return { ok: false, reason: '写的是“同上”，但上一行没有可沿用的内容' };
    return { ok: true, text: state.previous, carried: true };
  }
  if (/[(（]?下同[)）]?/.test(t)) {
    const value = (text ?? '').replace(/[(（]?下同[)）]?/g, '').trim();
    state.sticky = value;
    state.previous = value;
    return { ok: true, text: value, carried: false };
  }
  if (t === '') {
    if (state.sticky !== null) {
      state.previous = state.sticky;
      return { ok: true, text: state.sticky, carried: true };
    }
    state.previous = '';
    return { ok: true, text: '', carried: false };
  }
  state.sticky = null;
  state.previous = (text ?? '').trim();
  return { ok: true, text: state.previous, carried: false };
}

export type ResponsibilityInput = {
  /** the 牵头单位 cell; undefined when the sheet has no such column */
  lead?: string | null;
  /** the 配合单位 cell */
  partners?: string | null;
  /** the 责任单位 cell: partners when there is a 牵头单位, else the first (or marked) one leads */
  responsible?: string | null;
};
export type ResponsibilityColumn = 'lead' | 'partners' | 'responsible';
export type Responsibility =
  | { ok: true; lead: string; partners: string[]; notes: string[] }
  | { ok: false; column: ResponsibilityColumn; reason: string };

/** The lead unit's name and the partners' names of one row, by the rules above (names are not matched here). */
export function readResponsibility(input: ResponsibilityInput): Responsibility {
  const notes: string[] = [];
  const lead = splitUnitNames(input.lead);
  const partners = splitUnitNames(input.partners);
  const responsible = splitUnitNames(input.responsible);
  const leadColumn: ResponsibilityColumn = lead.mentions.length > 0 ? 'lead' : 'responsible';
  const source = leadColumn === 'lead' ? lead : responsible;
  const original = (leadColumn === 'lead' ? input.lead : input.responsible) ?? '';
  if (source.mentions.length === 0) {
    return {
      ok: false,
      column: input.lead === undefined && input.responsible !== undefined ? 'responsible' : 'lead',
      reason: '缺少牵头单位：请填写牵头单位（没有牵头单位列时，责任单位中排在第一位的单位牵头）',
    };
  }
  if (source.separately && source.mentions.length > 1) {
    return {
      ok: false,
      column: leadColumn,
      reason: `“${original.trim()}”为多个单位分别牵头，一项任务只能有一个牵头单位，请按牵头单位拆分为多行（如 3.1-1、3.1-2）后再导入`,
    };
  }
  const marked = source.mentions.filter((m) => m.marked);
  if (marked.length > 1) {
    return {
      ok: false,
      column: leadColumn,
      reason: `“${original.trim()}”标注了多个牵头单位，一项任务只能有一个牵头单位，请拆分为多行后再导入`,
    };
  }
  const chosen = marked[0] ?? source.mentions[0]!;
  const others = source.mentions.filter((m) => m !== chosen).map((m) => m.name);
  if (leadColumn === 'lead' && others.length > 0) {
    notes.push(
      `牵头单位列有多个单位，按排在${marked.length ? '标注牵头' : '第一位'}的“${chosen.name}”牵头，${others.join('、')}作为配合单位`,
    );
  }
  const partnerNames = [
    ...others,
    ...partners.mentions.map((m) => m.name),
    ...(leadColumn === 'lead' ? responsible.mentions.map((m) => m.name) : []),
  ];
  const unique = [...new Set(partnerNames)].filter((n) => n !== chosen.name);
  return { ok: true, lead: chosen.name, partners: unique, notes };
}

/** 责任领导 cell: "李明远、张慧敏" → two names (titles stay: the leader matcher reads them). */
export function splitLeaderNames(cell: string | null | undefined): string[] {
  const t = toHalfWidth(cell ?? '')
    .replace(/[(（]?(?:下同|同上)[)）]?/g, '')
    .trim();
  return [
    ...new Set(
      t
        .split(/[、,，;；/\s]+/)
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
}
