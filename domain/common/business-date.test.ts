import { describe, expect, it } from 'vitest';
import { businessDate, businessYear } from './business-date.ts';

describe('business date in Asia/Shanghai', () => {
  it.each([
    ['2026-11-25T15:59:59.999Z', '2026-11-25'],
    ['2026-11-25T16:00:00.000Z', '2026-11-26'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2026-01-01T00:00:00.000Z', '2026-01-01'],
  ])('%s is %s', (iso, date) => expect(businessDate(new Date(iso))).toBe(date));

  it('gives the business year across New Year’s Eve UTC', () => {
    expect(businessYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
  });
});
