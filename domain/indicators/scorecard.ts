/**
 * 成绩单 — the paragraph a leader reads out at a meeting, generated from the figures by rules:
 * "一季度，生产总值增长6.1%，排在全省12个市区第9位，…；规上工业增加值…。"
 *
 * The paragraph is judged on the figures as printed: every figure is first rounded to the precision it is shown
 * with, so a rank, a tie or a gap never disagrees with the numbers beside it. Every number is a segment that
 * names the figures it came from, so the page can link it to its source.
 */
import { countBeyond, gapsFor, type PeerValue, peerAverage, rankChange, rankPeers } from './analysis.ts';
import {
  type IndicatorValue,
  type NumberRole,
  type PeerGroup,
  peerGroupLabel,
  peerGroupNoun,
  peerGroupScope,
  type ScorecardSegment,
  type Target,
  type ValueRef,
} from './contracts.ts';
import { absFixed, type Fixed, fixed, formatFixed, gapText, parseOptional, roundTo } from './decimal.ts';
import {
  type IndicatorDefinition,
  parsePeriod,
  periodLabel,
  previousPeriod,
  type RankField,
  rankFieldOf,
  speechName,
} from './indicator.ts';

export const SCORECARD_CLAUSES = ['rankChange', 'neighbours', 'average', 'count', 'leader'] as const;
export type ScorecardClause = (typeof SCORECARD_CLAUSES)[number];

export type ScorecardOptions = {
  /** Decimals of growth rates and their gaps; statistics bureaus publish one. */
  growthPrecision?: number;
  /** A lead over the region just below of at most this much is said with "仅" (default 0.5). */
  narrowGap?: string;
  /** Say the cumulative amount too: "完成一般公共预算收入12.35亿元，增长6.1%". */
  withValue?: boolean;
  /** Clauses to leave out (all are on by default). */
  clauses?: Partial<Record<ScorecardClause, boolean>>;
};

export type ScorecardInput = {
  regionCode: string;
  /** "2026-03": the paragraph speaks of 1-3月 (一季度). */
  period: string;
  group: Pick<PeerGroup, 'level' | 'label' | 'memberNoun' | 'memberRegionCodes' | 'referenceRegionCode'>;
  /** Names as a speech says them ("宝鸡市", "杨凌示范区"); a missing name prints the code. */
  regionNames: Readonly<Record<string, string>>;
  /** The indicators to speak of, in the order they are read. */
  indicators: readonly IndicatorDefinition[];
  /** Figures of this period and of the previous one (for the rank change); other periods are ignored. */
  values: readonly IndicatorValue[];
  /** The region's targets; its growth target is the default threshold of "全省有X个市区增长率超过X%". */
  targets?: readonly Target[];
  /** Threshold per indicator code for the count clause, as decimal text; overrides the target. */
  thresholds?: Readonly<Record<string, string>>;
  options?: ScorecardOptions;
};

export type Scorecard = {
  regionCode: string;
  period: string;
  text: string;
  segments: ScorecardSegment[];
  /** Indicators left out because the region has no figure for them. */
  missing: string[];
};

const COMMA = '，';

/**
 * A published figure as the paragraph (and the dashboard beside it) judges it: rounded to the precision it is
 * printed with — growth rates to `growthPrecision` decimals, values to the indicator's — so a rank or a tie never
 * disagrees with the numbers shown.
 */
export function printedFigure(
  def: Pick<IndicatorDefinition, 'precision'>,
  field: RankField,
  text: string | null | undefined,
  growthPrecision = 1,
): Fixed | null {
  const v = parseOptional(text);
  return v === null ? null : roundTo(v, field === 'growth' ? growthPrecision : def.precision);
}

/** The scorecard paragraph of one region and period. */
export function buildScorecard(input: ScorecardInput): Scorecard {
  const { regionCode, period, group } = input;
  if (!group.memberRegionCodes.includes(regionCode)) {
    throw new RangeError(`region ${regionCode} is not a member of the peer group`);
  }
  const year = parsePeriod(period)?.year;
  if (year === undefined) throw new RangeError(`period must be yyyy-MM: ${period}`);
  const index = new Map(input.values.map((v) => [`${v.regionCode}|${v.indicatorCode}|${v.period}`, v]));
  const parts: ScorecardSegment[][] = [];
  const missing: string[] = [];
  for (const def of input.indicators) {
    const target = input.targets?.find(
      (t) => t.regionCode === regionCode && t.indicatorCode === def.code && t.year === year,
    );
    const part = indicatorClause({ input, def, target, index });
    if (part) parts.push(part);
    else missing.push(def.code);
  }
  if (parts.length === 0) return { regionCode, period, text: '', segments: [], missing };
  const segments = mergeText([
    textSeg(`${periodLabel(period)}${COMMA}`),
    ...parts.flatMap((p, i) => (i === 0 ? p : [textSeg('；'), ...p])),
    textSeg('。'),
  ]);
  return { regionCode, period, text: segments.map((s) => s.text).join(''), segments, missing };
}

type ClauseContext = {
  input: ScorecardInput;
  def: IndicatorDefinition;
  target: Target | undefined;
  index: Map<string, IndicatorValue>;
};

function indicatorClause({ input, def, target, index }: ClauseContext): ScorecardSegment[] | null {
  const { regionCode, period, group, options = {} } = input;
  const on = (c: ScorecardClause) => options.clauses?.[c] !== false;
  const field: RankField = rankFieldOf(def);
  const precision = field === 'growth' ? (options.growthPrecision ?? 1) : def.precision;
  const gapUnit = field === 'growth' ? '%' : def.unit;
  const higher = def.direction === 'higher_better';
  const scope = peerGroupScope(group);
  const noun = peerGroupNoun(group);
  const metric = field === 'growth' ? '增长率' : speechName(def);
  const name = (codes: readonly string[]) => codes.map((c) => input.regionNames[c] ?? c).join('、');
  const ref = (code: string, f: ValueRef['field'] = field, p = period): ValueRef => ({
    regionCode: code,
    indicatorCode: def.code,
    period: p,
    field: f,
  });
  const figure = (code: string, f: RankField, p: string): Fixed | null =>
    printedFigure(def, f, index.get(`${code}|${def.code}|${p}`)?.[f], options.growthPrecision ?? 1);
  const peersAt = (p: string): PeerValue[] =>
    group.memberRegionCodes.map((code) => ({ regionCode: code, value: figure(code, field, p) }));

  const peers = peersAt(period);
  const reference = group.referenceRegionCode ?? null;
  const gaps = gapsFor(peers, regionCode, def.direction, reference === null ? null : figure(reference, field, period));
  if (!gaps) return null;

  const ranked = rankPeers(peers, def.direction).filter((r) => r.rank !== null);
  const rankedRefs = ranked.map((r) => ref(r.regionCode));
  const self = ranked.find((r) => r.regionCode === regionCode)!;
  const figureText = (v: Fixed) => `${formatFixed(v, def.precision)}${def.unit}`;
  const gapSeg = (diff: Fixed, refs: ValueRef[]) => numberSeg(gapText(diff, precision, gapUnit), 'gap', refs);
  const above = (diff: Fixed) => (diff > 0n ? '高于' : '低于');
  /** "增长6.1%" / "下降2.1%" / "与上年同期持平" for a growth rate. */
  const growthWords = (g: Fixed, refs: ValueRef[]): ScorecardSegment[] =>
    g === 0n
      ? [textSeg('与上年同期持平')]
      : [textSeg(g > 0n ? '增长' : '下降'), numberSeg(`${formatFixed(absFixed(g), precision)}%`, 'growth', refs)];

  const out: ScorecardSegment[] = [];
  // 1. the figure itself
  if (field === 'growth') {
    const value = figure(regionCode, 'value', period);
    if (options.withValue && value !== null) {
      out.push(textSeg(`完成${speechName(def)}`), numberSeg(figureText(value), 'value', [ref(regionCode, 'value')]));
      out.push(textSeg(COMMA));
    } else out.push(textSeg(speechName(def)));
    out.push(...growthWords(gaps.value, [ref(regionCode)]));
  } else {
    out.push(textSeg(`${speechName(def)}为`), numberSeg(figureText(gaps.value), 'value', [ref(regionCode)]));
  }

  // 2. rank: 居首位 / 排在末位 / 与X市并列第3位 / 排在第9位
  if (ranked.length >= 2) {
    const label = peerGroupLabel(group);
    const tie = self.tiedWith.length > 0 ? `与${name(self.tiedWith)}并列` : '';
    const place = gaps.above === null ? '首位' : gaps.below === null ? '末位' : `第${gaps.rank}位`;
    const lead = tie || (place === '首位' ? '居' : '排在');
    out.push(textSeg(`${COMMA}${lead}${label}`), numberSeg(place, 'rank', rankedRefs));

    const previous = previousPeriod(period, def.frequency);
    const before = rankPeers(peersAt(previous), def.direction).find((r) => r.regionCode === regionCode)?.rank ?? null;
    const change = rankChange(gaps.rank, before);
    if (on('rankChange') && change.kind !== 'unknown') {
      const prevRefs = ranked.map((r) => ref(r.regionCode, field, previous));
      if (change.kind === 'same') out.push(textSeg(`${COMMA}位次与上期持平`));
      else {
        out.push(textSeg(`${COMMA}位次较上期${change.kind === 'up' ? '前移' : '后移'}`));
        out.push(numberSeg(`${change.places}位`, 'rankChange', [...rankedRefs, ...prevRefs]));
      }
    }
  }

  // 3. the regions just above and just below
  if (on('neighbours')) {
    if (gaps.above) {
      out.push(textSeg(`${COMMA}${above(gaps.above.diff)}前一位${name(gaps.above.regionCodes)}`));
      out.push(gapSeg(gaps.above.diff, [ref(regionCode), ...gaps.above.regionCodes.map((c) => ref(c))]));
    }
    if (gaps.below) {
      const narrow = absFixed(gaps.below.diff) <= fixed(options.narrowGap ?? '0.5') ? '仅' : '';
      out.push(textSeg(`${COMMA}${narrow}${above(gaps.below.diff)}后一位${name(gaps.below.regionCodes)}`));
      out.push(gapSeg(gaps.below.diff, [ref(regionCode), ...gaps.below.regionCodes.map((c) => ref(c))]));
    }
  }

  // 4. against 全省 (全市): the published figure of the reference region, else the peers' average
  if (on('average')) {
    const average = gaps.toProvince === null && ranked.length >= 2 ? peerAverage(peers) : null;
    const diff = gaps.toProvince ?? (average === null ? null : gaps.value - roundTo(average, precision));
    const refs = gaps.toProvince === null ? rankedRefs : [ref(regionCode), ref(reference!)];
    if (diff === 0n) out.push(textSeg(`${COMMA}与${scope}平均持平`));
    else if (diff !== null) out.push(textSeg(`${COMMA}${above(diff)}${scope}平均`), gapSeg(diff, refs));
  }

  // 5. how many peers are beyond a threshold: "全省有8个市区增长率超过7%"
  // A setting wins; otherwise a growth target ("全省有X个市增长率超过我们的目标"). An amount target is annual and
  // says nothing about a month's level, so it is never a default.
  const setting = input.thresholds?.[def.code];
  const thresholdText = setting ?? (field === 'growth' ? (target?.growth ?? undefined) : undefined);
  const threshold = parseOptional(thresholdText);
  if (on('count') && ranked.length >= 2 && thresholdText !== undefined && threshold !== null) {
    const { count, regionCodes } = countBeyond(peers, threshold, def.direction);
    const thresholdRefs = setting === undefined ? [ref(regionCode, 'targetGrowth')] : [];
    const counted = regionCodes.map((c) => ref(c));
    if (count === 0) out.push(textSeg(`${COMMA}${scope}没有${noun}`));
    else out.push(textSeg(`${COMMA}${scope}有`), numberSeg(String(count), 'count', counted), textSeg(`个${noun}`));
    out.push(textSeg(`${metric}${higher ? '超过' : '低于'}`));
    out.push(numberSeg(`${thresholdText.trim()}${gapUnit}`, 'threshold', thresholdRefs));
  }

  // 6. the leader: "增长率最高的Y市增长9.2%"
  if (on('leader') && gaps.leader) {
    const codes = gaps.leader.regionCodes;
    const refs = codes.map((c) => ref(c));
    out.push(textSeg(`${COMMA}${metric}${higher ? '最高' : '最低'}的${name(codes)}${codes.length > 1 ? '均' : ''}`));
    if (field === 'growth') out.push(...growthWords(gaps.leader.value, refs));
    else out.push(textSeg('为'), numberSeg(figureText(gaps.leader.value), 'value', refs));
  }
  return out;
}

const textSeg = (text: string): ScorecardSegment => ({ kind: 'text', text });
const numberSeg = (text: string, role: NumberRole, refs: ValueRef[]): ScorecardSegment => ({
  kind: 'number',
  text,
  role,
  refs,
});

/** Joins neighbouring text segments, so the page renders runs of text and the numbers between them. */
function mergeText(segments: ScorecardSegment[]): ScorecardSegment[] {
  const out: ScorecardSegment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (s.kind === 'text' && last?.kind === 'text') out[out.length - 1] = textSeg(last.text + s.text);
    else out.push(s);
  }
  return out;
}
