/**
 * 完成时限 as the source tables write it, read into a `ParsedDeadline` (model.ts). The text is always kept beside
 * the parsed form; a phrase this parser cannot read is refused with a Chinese reason quoting it — never a silent
 * default. Pure: the plan's year (for "6月底前", "年内") and, for event-relative phrases ("会后7日内"), the event's
 * date are parameters.
 *
 * Read:
 * - dated: 2026年12月31日, 2026年3月15日前, 7月10日前, 2026-03-15, 2026.3.15;
 * - month-end: 6月底前, 2026年10月底前, 6月末, 6月份, 十月底; 上旬/中旬/下旬 (the 10th / 20th / month-end);
 * - periods: 上半年, 下半年, 年中, 一季度 / 三季度末 / 第四季度, 前三季度, 年底前, 年内, 年末, 全年, 今年底, 明年底;
 * - multi-year: 到2027年底前, 2027年, 2026—2028年, 2026年至2027年;
 * - recurring: 每月25日前, 每季度, 每季度第1个月的20日前, 每月9日、19日、28日前, 每周五前, 每年, 按季度;
 * - continuous: 长期坚持, 持续推进, 常态化推进, 长期, 持续开展;
 * - relative to an event (会后7日内, 会后5个工作日内, 入库后20天内): only with `eventOn`;
 * - combinations split on ，；。: "4月底前出台相关政策，年内持续推进" = a milestone (04-30 出台相关政策) plus a
 *   continuing duty. Precedence: continuous > dated > recurring; the dated clauses that are not the final
 *   deadline become milestones.
 * Refused with a reason: 尽快 / 及时 / 立即 (no date), "6月前" and "2027年前" (ambiguous: the end of June or of May?),
 * 13月, 2月30日, an event-relative phrase without the event's date, 每半年 / 每旬 (no such feedback cycle).
 * Full-width digits and punctuation, spaces and line breaks are normalised first.
 */
import { addDays, addWorkingDays, type CalendarData } from '../common/calendar.ts';
import { daysInMonth } from '../common/date-parse.ts';
import { removeWhitespace, toHalfWidth } from '../common/text-normalize.ts';
import type { ParsedDeadline } from './model.ts';

export type DeadlineOptions = {
  /** the year a phrase without one refers to (the plan's year) */
  year: number;
  /** the event an event-relative phrase counts from ("会后7日内": the meeting's date), 'YYYY-MM-DD' */
  eventOn?: string | null;
  /** the working-day calendar for "5个工作日内" (without it, weekends only) */
  cal?: CalendarData;
};

export type DeadlineResult = { ok: true; value: ParsedDeadline } | { ok: false; reason: string };

type Recurrence = NonNullable<ParsedDeadline['recurrence']>;

/** What one clause says about time, and the words after it (the milestone's title). */
type When = { kind: 'date'; on: string } | { kind: 'recurring'; recurrence: Recurrence } | { kind: 'continuous' };
type Clause = { text: string; when: When; title: string };
type Step<T> = { ok: true; value: T } | { ok: false; reason: string };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const monthEnd = (y: number, m: number) => iso(y, m, daysInMonth(y, m));
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

// ── numbers as officials write them: 6, 06, 六, 十二, 二十五, 三十一 ──────────────────────────────────────────
const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const NUM = '(\\d{1,4}|[〇零一二两三四五六七八九十]{1,4})';

/** 6 → 6, 十二 → 12, 二十五 → 25, 三十一 → 31; null for anything else. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[〇零一二两三四五六七八九十]+$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten === -1) {
    // 二〇二六 (digits written one by one)
    let n = 0;
    for (const ch of text) n = n * 10 + CN_DIGITS[ch]!;
    return n;
  }
  if (text.indexOf('十', ten + 1) !== -1) return null;
  const tens = ten === 0 ? 1 : text.length === ten ? null : CN_DIGITS[text.slice(0, ten)];
  const unitsText = text.slice(ten + 1);
  const units = unitsText === '' ? 0 : unitsText.length === 1 ? CN_DIGITS[unitsText] : undefined;
  if (tens === null || tens === undefined || units === undefined || ten > 1) return null;
  return tens * 10 + units;
}

// ── normalising ────────────────────────────────────────────────────────────────────────────────────────────
/** Full-width → half-width, no whitespace, the dashes and tildes of year ranges unified. */
export function normaliseDeadlineText(text: string): string {
  return removeWhitespace(toHalfWidth(text))
    .replace(/[—–－~〜～]+/g, '-')
    .replace(/[“”"‘’']/g, '');
}

/** Clauses: "4月底前出台相关政策，年内持续推进" → two. 、 is not a separator (每月9日、19日、28日前). */
const CLAUSE_SEP = /[,，;；。\n]+/;

/** Words before the time that change nothing: 力争6月底前, 确保年底前, 于2026年3月15日前. */
const LEAD_FILLER =
  /^(?:力争|争取|确保|计划|预计|原则上|最迟|最晚|务必|须|要|需|应|截止到|截止至|截至到|截至|截止|到|至|于|在)+/;

/** Words that mean "no end date": the task goes on, with periodic feedback only. */
const CONTINUOUS_RE =
  /^(?:长期坚持|长期推进|长期开展|长期|持续推进|持续开展|持续实施|持续抓好|持续|常态化推进|常态化开展|常态化|常年坚持|常年|久久为功|动态推进|动态调整|不间断)/;

/** Words that name no date at all. */
const VAGUE_RE =
  /^(?:尽快|尽早|及时|立即|马上|即时|随时|限期|按时|按期|按要求|按规定|适时|择机|视情况|根据需要|待定|另行通知)/;

// ── clause readers: each reads the time at the start of a (filler-stripped) clause ───────────────────────────
type Read = Step<{ when: When; rest: string }> | null;

function yearOf(text: string | undefined, opts: DeadlineOptions): Step<number> {
  if (text === undefined) return { ok: true, value: opts.year };
  const y = chineseNumber(text);
  if (y === null || y < MIN_YEAR || y > MAX_YEAR) return fail(`年份“${text}”不正确`);
  return { ok: true, value: y };
}

function monthOf(text: string, phrase: string): Step<number> {
  const m = chineseNumber(text);
  if (m === null || m < 1 || m > 12) return fail(`“${phrase}”中的月份“${text}”不存在，月份应为1至12`);
  return { ok: true, value: m };
}

/** The words that may follow a date: 前 / 之前 / 以前 / 24时前 / 内. */
const AFTER_DATE = /^(?:24时|24点|24:00)?(?:之前|以前|前|之内|以内|内|止)?/;
const AFTER_PERIOD = /^(?:之前|以前|前|之内|以内|内|期间)?/;

/** 每… / 按… : a recurring duty. Reads the cadence and the day words that follow it. */
function readRecurring(s: string): Read {
  const m = /^(?:每个?|按|逐)(半年|半月|旬|日|天|周|星期|月度|月|季度|季|年度|年)/.exec(s);
  if (!m) return null;
  const unit = m[1]!;
  const recurrence: Recurrence | null =
    unit === '周' || unit === '星期'
      ? 'weekly'
      : unit === '月' || unit === '月度'
        ? 'monthly'
        : unit === '季度' || unit === '季'
          ? 'quarterly'
          : unit === '年' || unit === '年度'
            ? 'yearly'
            : null;
  if (recurrence === null) {
    return fail(`暂不支持“${m[0]}”的反馈周期，请改写为每周、每月、每季度或每年`);
  }
  let rest = s.slice(m[0].length);
  // the day words: 第1个月的20日前, 25日前, 9日、19日、28日前, 五前, 末, 底, 结束后10日内
  const DAY_WORDS =
    /^(?:第[\d一二三]个?月的?|第[\d一二三四五六七八九十]+周的?|[\d一二三四五六七八九十]{1,3}[日号]、?|[一二三四五六日天1-7](?=前|之前|以前|$)|结束后[\d一二三四五六七八九十]{1,3}个?(?:工作日|日|天)|最后一[个天周]|初|底|末|之前|以前|前|之内|以内|内)/;
  for (let guard = 0; guard < 10; guard++) {
    const d = DAY_WORDS.exec(rest);
    if (!d || d[0] === '') break;
    rest = rest.slice(d[0].length);
  }
  return { ok: true, value: { when: { kind: 'recurring', recurrence }, rest } };
}

/** 会后7日内, 会后5个工作日内, 入库后20天内, 收到通知后3个工作日内: counted from an event. */
function readRelative(s: string, opts: DeadlineOptions): Read {
  const m =
    /^([^\d,，;；]{0,12}?)后(\d{1,3}|[一二三四五六七八九十]{1,3})个?(工作日|日|天|周|星期|个月|月)(?:之内|以内|内)?/.exec(
      s,
    );
  if (!m) return null;
  const n = chineseNumber(m[2]!);
  if (n === null) return fail(`无法识别“${m[0]}”中的天数`);
  if (!opts.eventOn) {
    return fail(
      `“${m[0]}”从${m[1] || '某一事件'}之日起算，表中没有该日期，无法换算为完成日期，请写明具体日期（如“2026年3月15日前”）`,
    );
  }
  const unit = m[3]!;
  let on: string;
  if (unit === '工作日') on = addWorkingDays(opts.eventOn, n, opts.cal ?? { holidays: {}, workdays: [] });
  else if (unit === '周' || unit === '星期') on = addDays(opts.eventOn, 7 * n);
  else if (unit === '个月' || unit === '月') {
    const y = Number(opts.eventOn.slice(0, 4));
    const mo = Number(opts.eventOn.slice(5, 7)) + n;
    const yy = y + Math.floor((mo - 1) / 12);
    const mm = ((mo - 1) % 12) + 1;
    on = iso(yy, mm, Math.min(Number(opts.eventOn.slice(8, 10)), daysInMonth(yy, mm)));
  } else on = addDays(opts.eventOn, n);
  return { ok: true, value: { when: { kind: 'date', on }, rest: s.slice(m[0].length) } };
}

/** 2026-03-15, 2026.3.15, 2026/3/15 (a date cell read from Excel arrives as 2026-03-15). */
function readNumericDate(s: string): Read {
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:日)?/.exec(s);
  if (!m) return null;
  return dateOf(m[0], Number(m[1]), m[2]!, m[3]!, s.slice(m[0].length));
}

function dateOf(phrase: string, y: number, monthText: string, dayText: string, after: string): Read {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`“${phrase}”中的年份${y}不正确`);
  const mo = monthOf(monthText, phrase);
  if (!mo.ok) return mo;
  const d = chineseNumber(dayText);
  const last = daysInMonth(y, mo.value);
  if (d === null || d < 1 || d > last) {
    return fail(`“${phrase}”不是有效日期：${y}年${mo.value}月只有${last}天`);
  }
  const tail = AFTER_DATE.exec(after)![0];
  return { ok: true, value: { when: { kind: 'date', on: iso(y, mo.value, d) }, rest: after.slice(tail.length) } };
}

/** (2026年)3月15日(前) */
function readDay(s: string, opts: DeadlineOptions): Read {
  const m = new RegExp(`^(?:${NUM}年)?${NUM}月${NUM}[日号]`).exec(s);
  if (!m) return null;
  const y = yearOf(m[1], opts);
  if (!y.ok) return y;
  return dateOf(m[0], y.value, m[2]!, m[3]!, s.slice(m[0].length));
}

/** (2026年)6月底前, 6月末, 6月份, 6月, 6月中旬; "6月前" is ambiguous and refused. */
function readMonth(s: string, opts: DeadlineOptions): Read {
  const m = new RegExp(`^(?:${NUM}年)?${NUM}月(份)?(上旬|中旬|下旬|月?底|月?末|初|中)?`).exec(s);
  if (!m) return null;
  const y = yearOf(m[1], opts);
  if (!y.ok) return y;
  const mo = monthOf(m[2]!, m[0]);
  if (!mo.ok) return mo;
  let after = s.slice(m[0].length);
  const part = m[4];
  if (part === undefined && /^(?:之前|以前|前)/.test(after)) {
    return fail(
      `“${m[0]}${/^(?:之前|以前|前)/.exec(after)![0]}”含义不明确（${mo.value}月底前，还是${mo.value === 1 ? '上年12' : mo.value - 1}月底前？），请写成“${mo.value}月底前”或具体日期`,
    );
  }
  const day =
    part === '上旬' || part === '初' ? 10 : part === '中旬' || part === '中' ? 20 : daysInMonth(y.value, mo.value);
  after = after.slice(AFTER_PERIOD.exec(after)![0].length);
  return { ok: true, value: { when: { kind: 'date', on: iso(y.value, mo.value, day) }, rest: after } };
}

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** (2026年)(第)三季度(末/底/前/内), 前三季度 */
function readQuarter(s: string, opts: DeadlineOptions): Read {
  const m = new RegExp(`^(?:${NUM}年)?(前|第)?([一二三四1-4])季度(末|底|结束)?`).exec(s);
  if (!m) return null;
  const y = yearOf(m[1], opts);
  if (!y.ok) return y;
  const q = QUARTER[m[3]!]!;
  const after = s.slice(m[0].length);
  return {
    ok: true,
    value: {
      when: { kind: 'date', on: monthEnd(y.value, q * 3) },
      rest: after.slice(AFTER_PERIOD.exec(after)![0].length),
    },
  };
}

/** (2026年)上半年 / 下半年 / 年中 */
function readHalf(s: string, opts: DeadlineOptions): Read {
  const m = new RegExp(`^(?:${NUM}年|今年|本年|明年)?(上半年|下半年|年中)(末|底)?`).exec(s);
  if (!m) return null;
  const yearText = m[0].startsWith('明年') ? String(opts.year + 1) : m[1];
  const y = yearOf(yearText, opts);
  if (!y.ok) return y;
  const after = s.slice(m[0].length);
  const on = m[2] === '下半年' ? monthEnd(y.value, 12) : monthEnd(y.value, 6);
  return { ok: true, value: { when: { kind: 'date', on }, rest: after.slice(AFTER_PERIOD.exec(after)![0].length) } };
}

/**
 * The year's end: 年底前, 年内, 年末, 全年, 本年度, 今年底, 明年底, 2027年底前, 2027年, 2026-2028年, 2026年至2027年.
 * "2027年前" is ambiguous (by the end of 2026, or during 2027?) and refused.
 */
function readYear(s: string, opts: DeadlineOptions): Read {
  const range = /^(\d{4})年?(?:-|至|到)(\d{4})年(?:年?底|年?末|度)?/.exec(s);
  if (range) {
    const from = Number(range[1]);
    const to = yearOf(range[2], opts);
    if (!to.ok) return to;
    if (from > to.value) return fail(`“${range[0]}”的起止年份颠倒`);
    const after = s.slice(range[0].length);
    return {
      ok: true,
      value: {
        when: { kind: 'date', on: iso(to.value, 12, 31) },
        rest: after.slice(AFTER_PERIOD.exec(after)![0].length),
      },
    };
  }
  const m = new RegExp(`^(?:${NUM}年|(今年|本年|当年|明年|年))(年底|年末|年终|底|末|终|度内|度|内)?`).exec(s);
  if (!m) {
    const whole = /^(全年|本年度|年度内|年度)/.exec(s);
    if (!whole) return null;
    const after = s.slice(whole[0].length);
    return {
      ok: true,
      value: {
        when: { kind: 'date', on: iso(opts.year, 12, 31) },
        rest: after.slice(AFTER_PERIOD.exec(after)![0].length),
      },
    };
  }
  const word = m[2];
  // "年" alone needs an end word: 年底, 年内 (a bare 年 is the start of 年初, 年中, …)
  if (word === '年' && m[3] === undefined) return null;
  const yearText = word === '明年' ? String(opts.year + 1) : word === undefined ? m[1] : undefined;
  const y = yearOf(yearText, opts);
  if (!y.ok) return y;
  let after = s.slice(m[0].length);
  if (m[3] === undefined && /^(?:之前|以前|前)/.test(after)) {
    return fail(
      `“${m[0]}${/^(?:之前|以前|前)/.exec(after)![0]}”含义不明确（${y.value}年底前，还是${y.value - 1}年底前？），请写成“${y.value}年底前”或具体日期`,
    );
  }
  after = after.slice(AFTER_PERIOD.exec(after)![0].length);
  return { ok: true, value: { when: { kind: 'date', on: iso(y.value, 12, 31) }, rest: after } };
}

/** Reads one clause: the time at its start (after fillers), or a continuous / recurring marker. */
function readClause(raw: string, opts: DeadlineOptions): Step<Clause> {
  const s = raw.replace(LEAD_FILLER, '');
  const unreadable = () =>
    fail(`无法识别完成时限“${raw}”，请写成“6月底前”“2026年12月31日前”“三季度末”“每季度”“长期坚持”等形式`);
  if (s === '') return unreadable();
  if (VAGUE_RE.test(s)) {
    return fail(`“${raw}”不是具体时限，请写明完成日期（如“6月底前”“2026年12月31日前”）或“长期坚持”`);
  }
  if (CONTINUOUS_RE.test(s)) return { ok: true, value: { text: raw, when: { kind: 'continuous' }, title: s } };
  const readers: ((x: string) => Read)[] = [
    readRecurring,
    (x) => readRelative(x, opts),
    readNumericDate,
    (x) => readDay(x, opts),
    (x) => readMonth(x, opts),
    (x) => readQuarter(x, opts),
    (x) => readHalf(x, opts),
    (x) => readYear(x, opts),
  ];
  for (const read of readers) {
    const r = read(s);
    if (r === null) continue;
    if (!r.ok) return r;
    let { when, rest } = r.value;
    rest = rest.replace(/^(?:之前|以前|前|之内|以内|内)/, '');
    // "年内持续推进": a bound followed by a continuing duty is the duty
    if (CONTINUOUS_RE.test(rest)) when = { kind: 'continuous' };
    return { ok: true, value: { text: raw, when, title: rest } };
  }
  return unreadable();
}

/**
 * Reads a 完成时限 cell. `ok: false` carries the reason in Chinese, quoting the phrase (or the clause) that could
 * not be read.
 */
export function parseDeadline(text: string, opts: DeadlineOptions): DeadlineResult {
  const norm = normaliseDeadlineText(text ?? '');
  if (norm === '') return fail('完成时限不能为空');
  const parts = norm.split(CLAUSE_SEP).filter((p) => p !== '');
  const clauses: Clause[] = [];
  for (const p of parts) {
    const c = readClause(p, opts);
    if (!c.ok) return parts.length > 1 ? fail(`完成时限“${text.trim()}”中，${c.reason}`) : c;
    clauses.push(c.value);
  }
  const dated = clauses.filter((c): c is Clause & { when: { kind: 'date'; on: string } } => c.when.kind === 'date');
  const continuous = clauses.some((c) => c.when.kind === 'continuous');
  const recurring = clauses.find((c) => c.when.kind === 'recurring');
  const milestoneOf = (c: (typeof dated)[number]) => ({ title: c.title || c.text, on: c.when.on });

  if (continuous) {
    return {
      ok: true,
      value: { kind: 'continuous', on: null, recurrence: null, milestones: dated.map(milestoneOf) },
    };
  }
  if (dated.length > 0) {
    // the latest date is the deadline (the last written wins a tie); the earlier ones are milestones
    let final = dated[0]!;
    for (const c of dated) if (c.when.on >= final.when.on) final = c;
    return {
      ok: true,
      value: {
        kind: 'date',
        on: final.when.on,
        recurrence: null,
        milestones: dated.filter((c) => c !== final).map(milestoneOf),
      },
    };
  }
  const rec = recurring!.when as { kind: 'recurring'; recurrence: Recurrence };
  return { ok: true, value: { kind: 'recurring', on: null, recurrence: rec.recurrence, milestones: [] } };
}

/** The reading in words, for the form's live check and the dry run: "2026年6月30日", "每季度", "长期". */
export function describeDeadline(d: ParsedDeadline, lang: 'zh' | 'en' = 'zh'): string {
  const day = (on: string) =>
    lang === 'zh' ? `${Number(on.slice(0, 4))}年${Number(on.slice(5, 7))}月${Number(on.slice(8, 10))}日` : on;
  const REC: Record<Recurrence, { zh: string; en: string }> = {
    weekly: { zh: '每周', en: 'weekly' },
    monthly: { zh: '每月', en: 'monthly' },
    quarterly: { zh: '每季度', en: 'quarterly' },
    yearly: { zh: '每年', en: 'yearly' },
  };
  const main =
    d.kind === 'date'
      ? lang === 'zh'
        ? `${day(d.on!)}前`
        : `by ${d.on}`
      : d.kind === 'recurring'
        ? lang === 'zh'
          ? `周期性任务（${REC[d.recurrence!].zh}）`
          : `recurring (${REC[d.recurrence!].en})`
        : lang === 'zh'
          ? '长期任务（无截止日期）'
          : 'continuous (no end date)';
  if (d.milestones.length === 0) return main;
  const ms = d.milestones.map((m) => (lang === 'zh' ? `${day(m.on)}前${m.title}` : `${m.title} by ${m.on}`));
  return lang === 'zh' ? `${main}；节点：${ms.join('；')}` : `${main}; milestones: ${ms.join('; ')}`;
}
