import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import type { DashboardRow } from '../../../domain/indicators/contracts.ts';
import { fixed, formatFixed } from '../../../domain/indicators/decimal.ts';
import { demoPeriods } from '../../seed/demo-indicators.ts';
import { ENGINES, useTestApp } from '../../test/harness.ts';

const CITY = '990100';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The text of each w:tc / w:p, in document order. */
const texts = (xml: string, tag: 'w:tc' | 'w:p') =>
  (xml.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? []).map((el) =>
    (el.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
  );

describe.each(ENGINES)('monthly analysis report (月度经济运行分析 .docx) on %s', (engine) => {
  const t = useTestApp(engine);

  it('downloads the report with the scorecard, the dashboard figures in the table and the charts', async () => {
    const periods = demoPeriods(businessDate(t.clock.now()));
    const period = periods.filter((p) => Number(p.slice(5)) % 3 === 0).at(-1)!; // a quarter: GDP is published
    const [year, month] = [Number(period.slice(0, 4)), Number(period.slice(5))];
    const stat = await t.login('statistician');
    const query = `regionCode=${CITY}&period=${period}`;

    const started = performance.now();
    const res = await stat.get(`/api/indicators/report.docx?${query}`);
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const title = `示范市${year}年1-${month}月经济运行分析`;
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="economic-analysis-${CITY}-${period}.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`,
    );
    console.info(`report.docx on ${engine}: ${ms.toFixed(0)} ms, ${res.rawPayload.length} bytes`);

    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = texts(xml, 'w:p');
    expect(paragraphs[0]).toBe(title);

    // the scorecard paragraph, word for word as GET /api/indicators/scorecard says it
    const card = (await stat.get(`/api/indicators/scorecard?${query}`)).json();
    expect(card.text.length).toBeGreaterThan(40);
    expect(paragraphs).toContain(card.text);

    // the table row of each indicator holds the dashboard's figures, rank and light
    const dash = (await stat.get(`/api/indicators/dashboard?${query}`)).json();
    const cells = texts(xml, 'w:tc');
    const rowOf = (r: DashboardRow) => {
      const name = `${r.indicator.name}${r.indicator.unit === '%' ? '' : `(${r.indicator.unit})`}`;
      const at = cells.indexOf(name);
      expect(at, name).toBeGreaterThan(0);
      return cells.slice(at, at + 7);
    };
    const gdp = dash.rows.find((r: DashboardRow) => r.indicator.code === 'gdp') as DashboardRow;
    expect(gdp.value).not.toBeNull();
    const gdpRow = rowOf(gdp);
    expect(gdpRow[1]).toBe(formatFixed(fixed(gdp.value!), gdp.indicator.precision));
    expect(gdpRow[2]).toBe(formatFixed(fixed(gdp.growth!), 1));
    expect(gdp.target?.growth).toBe('6.5');
    expect(gdpRow[3]).toBe('6.5%');
    expect(gdpRow[4]).toBe(`${gdp.tied ? '并列' : ''}第${gdp.rank}位`);
    expect(gdpRow[6]).toBe({ green: '达序时', yellow: '略滞后', red: '滞后' }[gdp.light!]);
    let compared = 0;
    for (const r of dash.rows as DashboardRow[]) {
      const row = rowOf(r);
      expect(row[1]).toBe(r.value === null ? '—' : formatFixed(fixed(r.value), r.indicator.precision));
      expect(row[2]).toBe(r.growth === null ? '—' : formatFixed(fixed(r.growth), 1));
      if (r.value !== null) compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);

    // a trend and a rank chart for 地区生产总值, 规上工业增加值 and 固定资产投资
    const media = Object.keys(zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(6);
    for (const m of media) {
      const png = await zip.file(m)!.async('nodebuffer');
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.length).toBeGreaterThan(10_000);
    }
    for (const name of ['地区生产总值', '规上工业增加值', '固定资产投资']) {
      expect(paragraphs.some((p) => p.startsWith('图') && p.includes(`${name}累计增速走势(近24个月)`))).toBe(true);
      expect(paragraphs.some((p) => p.startsWith('图') && p.includes(`${name}增速排名`))).toBe(true);
    }
    expect(paragraphs).toContain('一、总体情况');
    expect(paragraphs).toContain('（一）地区生产总值');
  });

  it('leaves GDP out of the charts in a month it is not published, and a leader may read the report', async () => {
    const periods = demoPeriods(businessDate(t.clock.now()));
    const period = periods.filter((p) => Number(p.slice(5)) % 3 === 1).at(-1)!;
    const leader = await t.login('leader');
    const res = await leader.get(`/api/indicators/report.docx?regionCode=${CITY}&period=${period}`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const paragraphs = texts(await zip.file('word/document.xml')!.async('string'), 'w:p');
    expect(paragraphs).toContain('（一）规上工业增加值');
    expect(paragraphs).not.toContain('（一）地区生产总值');
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toHaveLength(4);
  });

  it('refuses a role without indicator.read, an unknown region and a bad period', async () => {
    const enterprise = await t.login('enterprise');
    const period = demoPeriods(businessDate(t.clock.now())).at(-1)!;
    expect((await enterprise.get(`/api/indicators/report.docx?regionCode=${CITY}&period=${period}`)).statusCode).toBe(
      403,
    );
    expect((await t.client().get(`/api/indicators/report.docx?regionCode=${CITY}&period=${period}`)).statusCode).toBe(
      401,
    );
    const stat = await t.login('statistician');
    expect((await stat.get(`/api/indicators/report.docx?regionCode=999999&period=${period}`)).statusCode).toBe(404);
    expect((await stat.get(`/api/indicators/report.docx?regionCode=${CITY}&period=2026-13`)).statusCode).toBe(400);
  });
});
