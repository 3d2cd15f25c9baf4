import { describe, expect, it } from 'vitest';
import type { WeeklyReport } from '../../../../domain/dispatch/contracts.ts';
import { deadlineText, livePacing, typedWan } from './report-figures.ts';

type R = Pick<WeeklyReport, 'pacing'>;
const report = (
  investedBeforeWeek: string,
  investedYtd: string,
  annualPlan: string | null,
  scheduleCumulative: string | null = null,
): R => ({
  pacing: {
    investedYtd,
    investedBeforeWeek,
    scheduleCumulative,
    thresholds: { yellowBelowPoints: 5, redBelowPoints: 15 },
    annualPlan,
    completionPct: null,
    schedulePct: null,
    light: 'none',
    remainingInvestment: '0.00',
  },
});

describe('typedWan', () => {
  it.each([
    ['12.5', 1250n],
    ['1,234.56', 123456n],
    [' 7 ', 700n],
    ['', null],
    ['1.234', null],
    ['abc', null],
    [null, null],
  ])('%j → %s', (text, want) => expect(typedWan(text)).toBe(want));
});

describe('livePacing', () => {
  it('adds the typed amount to the weeks before, in hundredths (no float drift)', () => {
    const p = livePacing(report('0.20', '0.20', '3.00'), '0.10');
    expect(p).toMatchObject({ ytd: '0.30', completionPct: '10.0', invalid: false, changed: true });
  });
  it('replaces a counted week’s amount instead of adding it twice', () => {
    const p = livePacing(report('950.00', '1000.00', '4000.00'), '50');
    expect(p).toMatchObject({ ytd: '1,000.00', completionPct: '25.0', invalid: false, changed: false });
  });
  it('moves the light with what is typed, at the server thresholds', () => {
    // schedule 50 % of 1000: green from 45 %, yellow from 35 %, red below
    const r = report('300.00', '300.00', '1000.00', '500.00');
    expect(livePacing(r, '150').light).toBe('green');
    expect(livePacing(r, '149.99').light).toBe('yellow');
    expect(livePacing(r, '50').light).toBe('yellow');
    expect(livePacing(r, '49.99').light).toBe('red');
    expect(livePacing(report('0.00', '0.00', null), '10').light).toBe('none');
  });
  it('rounds the completion half up to one decimal', () => {
    // 1/3 = 33.333…% → 33.3; 2/3 = 66.666…% → 66.7
    expect(livePacing(report('0.00', '0.00', '3.00'), '1').completionPct).toBe('33.3');
    expect(livePacing(report('0.00', '0.00', '3.00'), '2').completionPct).toBe('66.7');
  });
  it('leaves out what is not an amount, and says so', () => {
    const p = livePacing(report('10.00', '10.00', null), '12.345');
    expect(p).toMatchObject({ ytd: '10.00', completionPct: null, invalid: true, changed: false });
  });
  it('shows thousands separators', () => {
    expect(livePacing(report('123456.78', '123456.78', null), '1000000').ytd).toBe('1,123,456.78');
  });
});

describe('deadlineText', () => {
  it('is Beijing time whatever the browser zone', () => {
    expect(deadlineText('2026-11-27T09:00:00.000Z', 'zh')).toBe('11月27日(周五) 17:00');
    expect(deadlineText('2026-11-27T09:00:00.000Z', 'en')).toBe('Fri 27 Nov, 17:00');
    // 20:30 UTC on Sunday is Monday 04:30 in Beijing
    expect(deadlineText('2026-11-29T20:30:00.000Z', 'zh')).toBe('11月30日(周一) 04:30');
  });
});
