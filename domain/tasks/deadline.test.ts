import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR } from '../common/calendar.ts';
import { daysInMonth, isLeapYear } from '../common/date-parse.ts';
import { chineseNumber, describeDeadline, parseDeadline } from './deadline.ts';
import type { ParsedDeadline } from './model.ts';

const Y = { year: 2026 };
const date = (on: string, milestones: ParsedDeadline['milestones'] = []): ParsedDeadline => ({
  kind: 'date',
  on,
  recurrence: null,
  milestones,
});
const recurring = (recurrence: ParsedDeadline['recurrence']): ParsedDeadline => ({
  kind: 'recurring',
  on: null,
  recurrence,
  milestones: [],
});
const continuous = (milestones: ParsedDeadline['milestones'] = []): ParsedDeadline => ({
  kind: 'continuous',
  on: null,
  recurrence: null,
  milestones,
});

describe('parseDeadline: phrases from real 分工方案', () => {
  it.each<[string, ParsedDeadline]>([
    // dated
    ['2026年12月31日', date('2026-12-31')],
    ['2026年3月15日前', date('2026-03-15')],
    ['7月10日前', date('2026-07-10')],
    ['2026年6月30日之前', date('2026-06-30')],
    ['6月30日24时前', date('2026-06-30')],
    ['2026-03-15', date('2026-03-15')],
    ['2026.3.15前', date('2026-03-15')],
    ['2026/3/15', date('2026-03-15')],
    ['力争9月15日前', date('2026-09-15')],
    ['2028年2月29日', date('2028-02-29')],
    // month-end
    ['2026年6月底前', date('2026-06-30')],
    ['6月底前', date('2026-06-30')],
    ['2026年10月底前', date('2026-10-31')],
    ['2月底前', date('2026-02-28')],
    ['6月末', date('2026-06-30')],
    ['6月份', date('2026-06-30')],
    ['6月', date('2026-06-30')],
    ['六月底前', date('2026-06-30')],
    ['十二月底', date('2026-12-31')],
    ['9月中旬', date('2026-09-20')],
    ['9月上旬前', date('2026-09-10')],
    ['11月下旬', date('2026-11-30')],
    ['确保6月底前', date('2026-06-30')],
    ['截至2026年11月底', date('2026-11-30')],
    // periods
    ['上半年', date('2026-06-30')],
    ['下半年', date('2026-12-31')],
    ['2026年上半年', date('2026-06-30')],
    ['年中', date('2026-06-30')],
    ['年底前', date('2026-12-31')],
    ['年内', date('2026-12-31')],
    ['年末', date('2026-12-31')],
    ['全年', date('2026-12-31')],
    ['本年度', date('2026-12-31')],
    ['今年年底前', date('2026-12-31')],
    ['明年底前', date('2027-12-31')],
    ['三季度末', date('2026-09-30')],
    ['第一季度', date('2026-03-31')],
    ['一季度末', date('2026-03-31')],
    ['2季度前', date('2026-06-30')],
    ['四季度', date('2026-12-31')],
    ['前三季度', date('2026-09-30')],
    ['2026年三季度末', date('2026-09-30')],
    // multi-year
    ['到2027年底前', date('2027-12-31')],
    ['2027年底', date('2027-12-31')],
    ['2027年', date('2027-12-31')],
    ['2026—2028年', date('2028-12-31')],
    ['2026年至2027年', date('2027-12-31')],
    ['2026-2027年底', date('2027-12-31')],
    // recurring
    ['每季度', recurring('quarterly')],
    ['每月25日前', recurring('monthly')],
    ['每季度第1个月的20日前', recurring('quarterly')],
    ['每月9日、19日、28日前', recurring('monthly')],
    ['每周五前', recurring('weekly')],
    ['每年', recurring('yearly')],
    ['每个月底前', recurring('monthly')],
    ['按季度报送', recurring('quarterly')],
    // continuous
    ['长期坚持', continuous()],
    ['持续推进', continuous()],
    ['常态化推进', continuous()],
    ['长期', continuous()],
    ['持续开展', continuous()],
    ['年内持续推进', continuous()],
    // combinations
    ['4月底前出台相关政策，年内持续推进', continuous([{ title: '出台相关政策', on: '2026-04-30' }])],
    ['6月底前完成招标，年底前建成投运', date('2026-12-31', [{ title: '完成招标', on: '2026-06-30' }])],
    [
      '3月底前制定方案；9月底前完成试点；年底前全面推开',
      date('2026-12-31', [
        { title: '制定方案', on: '2026-03-31' },
        { title: '完成试点', on: '2026-09-30' },
      ]),
    ],
    ['2026年底前完成，长期坚持', continuous([{ title: '完成', on: '2026-12-31' }])],
    ['每月25日前报送进展，年底前完成', date('2026-12-31')],
    // full-width digits and punctuation, spaces, line breaks
    ['２０２６年６月底前', date('2026-06-30')],
    ['４月底前出台相关政策，年内持续推进', continuous([{ title: '出台相关政策', on: '2026-04-30' }])],
    ['6 月 底 前', date('2026-06-30')],
    ['4月底前出台相关政策；\n年内持续推进', continuous([{ title: '出台相关政策', on: '2026-04-30' }])],
  ])('%s', (text, expected) => {
    expect(parseDeadline(text, Y)).toEqual({ ok: true, value: expected });
  });
});

describe('parseDeadline refuses what it cannot read, quoting the phrase', () => {
  it.each<[string, RegExp]>([
    ['尽快', /“尽快”不是具体时限/],
    ['及时办理', /“及时办理”不是具体时限/],
    ['会后7日内', /“会后7日内”.*没有该日期/],
    ['入库后20天内', /“入库后20天内”/],
    ['13月底前', /月份“13”不存在/],
    ['2026年2月30日', /“2026年2月30日”不是有效日期：2026年2月只有28天/],
    ['2026年4月31日前', /2026年4月只有30天/],
    ['6月前', /“6月前”含义不明确/],
    ['2027年前', /“2027年前”含义不明确/],
    ['每半年', /暂不支持“每半年”/],
    ['年初', /无法识别完成时限“年初”/],
    ['另行通知', /不是具体时限/],
    ['', /完成时限不能为空/],
    ['   ', /完成时限不能为空/],
    ['6月底前完成招标，开工建设', /完成时限“6月底前完成招标，开工建设”中，无法识别完成时限“开工建设”/],
    ['1999年底', /年份“1999”不正确/],
    ['2028年至2026年', /起止年份颠倒/],
  ])('%s', (text, reason) => {
    const r = parseDeadline(text, Y);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('reads an event-relative phrase once the event date is known', () => {
    expect(parseDeadline('会后7日内', { year: 2026, eventOn: '2026-03-10' })).toEqual({
      ok: true,
      value: date('2026-03-17'),
    });
    // 2026-09-30 (Wed) + 5 working days across 国庆 (10-01…10-07 off; Sat 10-10 a make-up working day): 8, 9, 10, 12, 13
    expect(parseDeadline('会后5个工作日内', { year: 2026, eventOn: '2026-09-30', cal: OFFICIAL_CALENDAR })).toEqual({
      ok: true,
      value: date('2026-10-13'),
    });
  });
});

describe('parseDeadline properties', () => {
  it('a month-end is the last day of that month, leap Februaries included', () => {
    for (const year of [2024, 2025, 2026, 2028, 2100]) {
      for (let m = 1; m <= 12; m++) {
        const r = parseDeadline(`${year}年${m}月底前`, { year: 2026 });
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        const last = daysInMonth(year, m);
        expect(r.value.on).toBe(`${year}-${String(m).padStart(2, '0')}-${last}`);
        if (m === 2) expect(last).toBe(isLeapYear(year) ? 29 : 28);
      }
    }
  });

  it('every real day of a year parses to itself, and the day after the month end is refused', () => {
    for (let m = 1; m <= 12; m++) {
      const last = daysInMonth(2028, m);
      for (let d = 1; d <= last; d++) {
        const r = parseDeadline(`2028年${m}月${d}日前`, Y);
        expect(r).toEqual({
          ok: true,
          value: date(`2028-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
        });
      }
      expect(parseDeadline(`2028年${m}月${last + 1}日`, Y).ok).toBe(false);
    }
  });

  it('the plan year applies only when the phrase names none', () => {
    for (const year of [2025, 2026, 2027]) {
      expect(parseDeadline('6月底前', { year })).toEqual({ ok: true, value: date(`${year}-06-30`) });
      expect(parseDeadline('2030年6月底前', { year })).toEqual({ ok: true, value: date('2030-06-30') });
    }
  });

  it('quarters end on the last day of their third month', () => {
    const ends = ['03-31', '06-30', '09-30', '12-31'];
    ['一', '二', '三', '四'].forEach((q, i) => {
      expect(parseDeadline(`${q}季度末`, Y)).toEqual({ ok: true, value: date(`2026-${ends[i]}`) });
      expect(parseDeadline(`第${i + 1}季度`, Y)).toEqual({ ok: true, value: date(`2026-${ends[i]}`) });
    });
  });

  it('full-width text reads like half-width text', () => {
    const pairs = ['2026年6月底前', '7月10日前', '每月25日前', '2026-03-15', '到2027年底前'];
    const full = (s: string) => s.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const p of pairs) expect(parseDeadline(full(p), Y)).toEqual(parseDeadline(p, Y));
  });
});

describe('chineseNumber and describeDeadline', () => {
  it.each<[string, number | null]>([
    ['6', 6],
    ['六', 6],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['三十一', 31],
    ['二〇二六', 2026],
    ['十十', null],
    ['abc', null],
  ])('%s → %s', (text, n) => expect(chineseNumber(text)).toBe(n));

  it('says what was read', () => {
    const r = parseDeadline('4月底前出台相关政策，年内持续推进', Y);
    expect(r.ok && describeDeadline(r.value)).toBe('长期任务（无截止日期）；节点：2026年4月30日前出台相关政策');
    const d = parseDeadline('6月底前', Y);
    expect(d.ok && describeDeadline(d.value)).toBe('2026年6月30日前');
    const q = parseDeadline('每季度', Y);
    expect(q.ok && describeDeadline(q.value, 'en')).toBe('recurring (quarterly)');
  });
});
