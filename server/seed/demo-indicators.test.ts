import { describe, expect, it } from 'vitest';
import { DEMO_CITY } from './demo-data.ts';
import {
  DISTRICT_INDICATORS,
  demoDistricts,
  demoDistrictTargets,
  demoDistrictValues,
  demoIndicatorValues,
  demoTargets,
} from './demo-indicators.ts';

const TODAY = '2026-11-26';
const NOW = new Date('2026-11-26T02:00:00Z');

describe('demo district figures (the district view of 示范市)', () => {
  const city = demoIndicatorValues(TODAY, NOW);
  const districts = demoDistrictValues(city, NOW);
  const codes = demoDistricts().map((d) => d.code);

  it('are the six districts and counties, not the parks', () => {
    expect(codes).toEqual(['990102', '990103', '990104', '990105', '990121', '990122']);
  });

  it('give every district a figure wherever the city has one, and leave the city’s own figures as they were', () => {
    for (const code of DISTRICT_INDICATORS) {
      const periods = city.filter((v) => v.regionCode === DEMO_CITY && v.indicatorCode === code).map((v) => v.period);
      expect(periods.length, code).toBeGreaterThanOrEqual(8);
      for (const d of codes) {
        const own = districts.filter((v) => v.regionCode === d && v.indicatorCode === code).map((v) => v.period);
        expect(own, `${d} ${code}`).toEqual(periods);
      }
    }
    // the same city figures as before the district view existed: a separate random stream
    expect(demoIndicatorValues(TODAY, NOW)).toEqual(city);
  });

  it('are plausible: amounts add up to less than the city’s, growth sits around the city’s', () => {
    const last = city.filter((v) => v.regionCode === DEMO_CITY && v.indicatorCode === 'retail_sales').at(-1)!;
    const same = districts.filter((v) => v.indicatorCode === 'retail_sales' && v.period === last.period);
    const sum = same.reduce((s, v) => s + Number(v.value), 0);
    expect(sum).toBeLessThan(Number(last.value));
    expect(sum).toBeGreaterThan(Number(last.value) * 0.75);
    const mean = same.reduce((s, v) => s + Number(v.growth), 0) / same.length;
    expect(Math.abs(mean - Number(last.growth))).toBeLessThan(1);
    expect(new Set(same.map((v) => v.growth)).size).toBeGreaterThan(3); // they differ, so ranks mean something
  });

  it('have growth targets for the indicators they publish', () => {
    const targets = demoDistrictTargets(demoTargets(city, TODAY, NOW), NOW);
    expect(new Set(targets.map((t) => t.regionCode))).toEqual(new Set(codes));
    expect(targets.every((t) => (DISTRICT_INDICATORS as readonly string[]).includes(t.indicatorCode))).toBe(true);
    expect(targets.find((t) => t.regionCode === '990121' && t.indicatorCode === 'gdp' && t.year === 2026)?.growth).toBe(
      '7.5',
    );
  });
});
