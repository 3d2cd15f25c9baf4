import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { rankPeers } from '../../../domain/indicators/analysis.ts';
import { fixed } from '../../../domain/indicators/decimal.ts';
import { type Direction, type RankField, SEED_INDICATORS } from '../../../domain/indicators/indicator.ts';
import { printedFigure } from '../../../domain/indicators/scorecard.ts';
import { demoPeriods } from '../../seed/demo-indicators.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

const CITY = '990100';
const CITIES = [
  '990100',
  '990200',
  '990300',
  '990400',
  '990500',
  '990600',
  '990700',
  '990800',
  '990900',
  '991000',
  '991100',
];

const upload = (buffer: Buffer) =>
  multipart([
    {
      name: 'file',
      filename: 'stats.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: buffer,
    },
  ]);

/** The province's table as the statistics bureau sends it: a title, a two-row merged header, the 全省 row first. */
async function statsSheet(rows: (string | number | null)[][], title = '2020年前三季度各市主要经济指标') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  ws.getCell('A1').value = title;
  ws.mergeCells('A1:E1');
  ws.getCell('A2').value = '地 区';
  ws.mergeCells('A2:A3');
  ws.getCell('B2').value = '地区生产总值';
  ws.mergeCells('B2:C2');
  ws.getCell('D2').value = '社会消费品零售总额';
  ws.mergeCells('D2:E2');
  ws.getRow(3).values = [null, '累计值（亿元）', '增速（%）', '绝对值(亿元)', '同比增长(%)'];
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('monthly analysis (月分析) on %s', (engine) => {
  const t = useTestApp(engine);
  let stat: Client;
  const importFile = (c: Client, buffer: Buffer, period: string, dryRun: boolean) => {
    const { payload, contentType } = upload(buffer);
    return c.post(`/api/indicators/import?period=${period}&dryRun=${dryRun}`, payload, { 'content-type': contentType });
  };

  it('lists the seeded catalog; a statistician edits it with versions, a leader only reads', async () => {
    stat = await t.login('statistician');
    const list = await stat.get('/api/indicators');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { code: string }) => i.code)).toEqual(SEED_INDICATORS.map((d) => d.code));
    expect(list.json().can).toEqual({ configure: true, editValues: true });
    const gdp = list.json().items[0];
    expect(gdp).toMatchObject({ code: 'gdp', name: '地区生产总值', shortName: '生产总值', rankField: 'growth' });

    const leader = await t.login('leader');
    expect((await leader.get('/api/indicators')).json().can).toEqual({ configure: false, editValues: false });
    expect((await (await t.login('enterprise')).get('/api/indicators')).statusCode).toBe(403);

    const body = {
      code: 'highway_freight',
      name: '公路货运量',
      unit: '万吨',
      kind: 'amount',
      direction: 'higher_better',
      frequency: 'monthly',
      precision: 1,
    };
    expect((await leader.post('/api/indicators', body)).statusCode).toBe(403);
    const bad = await stat.post('/api/indicators', { ...body, code: 'X', kind: 'share' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['code', 'unit']);
    const created = await stat.post('/api/indicators', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'highway_freight', version: 1, active: true });
    expect((await stat.post('/api/indicators', body)).statusCode).toBe(409);
    const url = '/api/indicators/catalog/highway_freight';
    const upd = await stat.put(url, { ...body, shortName: '货运量', version: 1 });
    expect(upd.json()).toMatchObject({ shortName: '货运量', version: 2 });
    expect((await stat.put(url, { ...body, version: 1 })).statusCode).toBe(409);
    expect((await stat.put(url, { ...body, code: 'other_code', version: 2 })).statusCode).toBe(400);
  });

  it('upserts a period in one batch, keeps exact decimals and the replaced figures as history', async () => {
    const put = (values: unknown[]) => stat.put('/api/indicators/values', { values });
    const first = await put([
      { regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', value: '1234.5', growth: '6.1' },
      { regionCode: '990200', indicatorCode: 'gdp', period: '2019-06', growth: -2.3 },
      {
        regionCode: '990000',
        indicatorCode: 'gdp',
        period: '2019-06',
        value: '9999999999999999.9999',
        growth: '0.0001',
      },
    ]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 3, updated: 0, unchanged: 0, cleared: 0 });
    const same = await put([
      { regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', value: '1234.50', growth: '6.1' },
    ]);
    expect(same.json()).toEqual({ created: 0, updated: 0, unchanged: 1, cleared: 0 });
    const changed = await put([
      { regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', value: '1240', growth: '6.3' },
    ]);
    expect(changed.json()).toEqual({ created: 0, updated: 1, unchanged: 0, cleared: 0 });

    // a figure left out keeps what is stored; an explicit null clears it
    const growthOnly = await put([{ regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', growth: '6.3' }]);
    expect(growthOnly.json()).toEqual({ created: 0, updated: 0, unchanged: 1, cleared: 0 });
    const list = await stat.get('/api/indicators/values?period=2019-06&indicatorCode=gdp');
    const byRegion = Object.fromEntries(list.json().items.map((v: { regionCode: string }) => [v.regionCode, v]));
    expect(byRegion[CITY]).toMatchObject({
      value: '1240',
      growth: '6.3',
      version: 2,
      source: 'manual',
      can: { edit: true },
    });
    expect(byRegion['990200']).toMatchObject({ value: null, growth: '-2.3' });
    expect(byRegion['990000']).toMatchObject({ value: '9999999999999999.9999', growth: '0.0001' });

    const h = await stat.get(`/api/indicators/values/history?regionCode=${CITY}&indicatorCode=gdp&period=2019-06`);
    expect(h.json().current).toMatchObject({ value: '1240', version: 2 });
    expect(h.json().revisions).toEqual([
      expect.objectContaining({ value: '1234.5', growth: '6.1', version: 1, replacedByName: '陈统计' }),
    ]);

    const mixed = await put([
      { regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', value: '1' },
      { regionCode: CITY, indicatorCode: 'no_such', period: '2019-09', value: '1' },
      { regionCode: CITY, indicatorCode: 'retail_sales', period: '2019-06' },
    ]);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.fields.map((f: { path: string; message: string }) => f.message)).toContain(
      '累计值和同比增速至少填写一项',
    );
    const refs = await put([
      { regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', value: '1' },
      { regionCode: CITY, indicatorCode: 'no_such', period: '2019-09', value: '1' },
    ]);
    expect(refs.statusCode).toBe(400);
    expect(refs.json().error.fields).toEqual([
      { path: 'values.1.period', message: '一次只能提交同一统计期的数据' },
      { path: 'values.1.indicatorCode', message: '指标“no_such”不存在' },
    ]);
    // nothing of a refused batch was written
    expect((await stat.get(`/api/indicators/values?period=2019-06&regionCode=${CITY}`)).json().items[0].value).toBe(
      '1240',
    );
    const audit = await (await t.login('admin')).get('/api/audit?entityType=indicator_values&entityId=2019-06');
    // one record per accepted batch (four), none for the refused ones
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(
      Array(4).fill('indicator.values_upsert'),
    );
    expect((await (await t.login('leader')).put('/api/indicators/values', { values: [] })).statusCode).toBe(400);
    const leaderPut = await (await t.login('leader')).put('/api/indicators/values', {
      values: [{ regionCode: CITY, indicatorCode: 'gdp', period: '2019-06', value: '1' }],
    });
    expect(leaderPut.statusCode).toBe(403);
  });

  it('holds targets: the demo city’s, then new ones set once and left unchanged on repeat', async () => {
    const year = Number(businessDate(t.clock.now()).slice(0, 4));
    const demo = await stat.get(`/api/indicators/targets?year=${year}&regionCode=${CITY}`);
    const gdp = demo.json().items.find((x: { indicatorCode: string }) => x.indicatorCode === 'gdp');
    expect(gdp).toMatchObject({ growth: '6.5', can: { edit: true } });
    expect(gdp.amount).toMatch(/^\d+(\.\d+)?$/);
    const body = {
      targets: [
        {
          regionCode: '990102',
          indicatorCode: 'fixed_asset_investment',
          year: 2030,
          growth: '9',
          amount: '250.5',
          schedule: [
            { month: 6, percent: '50' },
            { month: 9, percent: '75' },
          ],
        },
      ],
    };
    expect((await stat.put('/api/indicators/targets', body)).json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await stat.put('/api/indicators/targets', body)).json()).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const again = await stat.get('/api/indicators/targets?year=2030');
    expect(again.json().items).toEqual([
      expect.objectContaining({ regionCode: '990102', growth: '9', amount: '250.5', version: 1, regionName: '城关区' }),
    ]);
    const badSchedule = await stat.put('/api/indicators/targets', {
      targets: [
        {
          ...body.targets[0],
          schedule: [
            { month: 9, percent: '75' },
            { month: 6, percent: '50' },
          ],
        },
      ],
    });
    expect(badSchedule.statusCode).toBe(400);
    expect(badSchedule.json().error.fields[0].message).toBe('序时进度的月份应从小到大且不重复');
    expect((await (await t.login('coordinator')).put('/api/indicators/targets', body)).statusCode).toBe(403);
  });

  it('imports the bureau’s table: dry run, real run, idempotent re-run, rejected rows in Chinese', async () => {
    const sheet = await statsSheet([
      ['全省', '21 345.67', '5.4', 8000, 6],
      ['示范市', 5432.1, '6.1', '1,800.5', '6.4%'],
      ['东川市', '—', '５．８', 900, '…'],
      ['西岭市', 2100, '六点一', 700, 5.1],
      ['未知市', 100, 1, 2, 3],
      ['南浦市', '', '', '', ''],
    ]);
    const dry = await importFile(stat, sheet, '2020-09', true);
    expect(dry.statusCode).toBe(200);
    // 全省 2 figures, 示范市 2, 东川市 2 (blank cells are no figure); 西岭市 and 未知市 rejected; 南浦市 empty
    expect(dry.json()).toMatchObject({ dryRun: true, created: 6, updated: 0, unchanged: 0 });
    expect(dry.json().rejected).toEqual([
      { row: 7, column: '地区生产总值增速（%）', message: expect.stringContaining('六点一') },
      { row: 8, column: '地区', message: '地区“未知市”不存在' },
    ]);
    expect((await stat.get('/api/indicators/values?period=2020-09')).json().items).toEqual([]);

    const real = await importFile(stat, sheet, '2020-09', false);
    expect(real.json()).toMatchObject({ dryRun: false, created: 6, updated: 0, unchanged: 0 });
    const items = (await stat.get('/api/indicators/values?period=2020-09')).json().items;
    const fig = (r: string, i: string) =>
      items.find((v: { regionCode: string; indicatorCode: string }) => v.regionCode === r && v.indicatorCode === i);
    expect(fig('990000', 'gdp')).toMatchObject({ value: '21345.67', growth: '5.4', source: 'import' });
    expect(fig(CITY, 'retail_sales')).toMatchObject({ value: '1800.5', growth: '6.4' });
    expect(fig('990200', 'gdp')).toMatchObject({ value: null, growth: '5.8' });
    expect(fig('990200', 'retail_sales')).toMatchObject({ value: '900', growth: null });

    const rerun = await importFile(stat, sheet, '2020-09', false);
    expect(rerun.json()).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    // a later sheet publishing only 增速 keeps the 累计值 entered before: a blank cell is "not published", not "delete"
    const growthOnly = await statsSheet([['示范市', '', '6.2', '', '6.9']]);
    expect((await importFile(stat, growthOnly, '2020-09', false)).json()).toMatchObject({ updated: 2, rejected: [] });
    const kept = (await stat.get('/api/indicators/values?period=2020-09')).json().items;
    const keptFig = (i: string) =>
      kept.find((v: { regionCode: string; indicatorCode: string }) => v.regionCode === CITY && v.indicatorCode === i);
    expect(keptFig('gdp')).toMatchObject({ value: '5432.1', growth: '6.2' });
    expect(keptFig('retail_sales')).toMatchObject({ value: '1800.5', growth: '6.9' });
    expect((await importFile(stat, Buffer.from('not a workbook'), '2020-09', true)).statusCode).toBe(400);
    // the sheet says 前三季度 (1-9月): imported as August it is refused, naming both periods, and nothing is written
    const wrongMonth = await importFile(stat, sheet, '2020-08', false);
    expect(wrongMonth.statusCode).toBe(400);
    expect(wrongMonth.json().error.fields).toEqual([
      {
        path: 'period',
        message: '表格标明的期间“2020年前三季度各市主要经济指标”与所选的2020年1-8月不一致,请核对表格或所选月份后再导入',
      },
    ]);
    expect((await stat.get('/api/indicators/values?period=2020-08')).json().items).toEqual([]);
    expect((await importFile(await t.login('leader'), sheet, '2020-09', true)).statusCode).toBe(403);
  });

  it('exports a period in the same shape, and the export imports back unchanged', async () => {
    const period = demoPeriods(businessDate(t.clock.now())).at(-1)!;
    const res = await stat.get(`/api/indicators/export.xlsx?period=${period}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(2, 1).value).toBe('地区');
    expect(ws.getCell(3, 2).value).toBe('累计值(亿元)');
    expect(ws.getCell(4, 1).value).toBe('全省');
    expect(ws.getCell(5, 1).value).toBe('示范市');
    const back = await importFile(stat, Buffer.from(res.rawPayload), period, true);
    expect(back.json().rejected).toEqual([]);
    expect(back.json()).toMatchObject({ created: 0, updated: 0 });
    expect(back.json().unchanged).toBeGreaterThan(100);
    const template = await stat.get(`/api/indicators/import-template.xlsx?period=${period}`);
    expect(template.statusCode).toBe(200);
  });

  it('ranks on the dashboard as the domain rules do on the demo figures, and the scorecard says it', async () => {
    const periods = demoPeriods(businessDate(t.clock.now()));
    const period = periods.filter((p) => Number(p.slice(5)) % 3 === 0).at(-1)!;
    const dash = await stat.get(`/api/indicators/dashboard?regionCode=${CITY}&period=${period}`);
    expect(dash.statusCode).toBe(200);
    expect(dash.json().group).toMatchObject({ label: '全省11个市(区)', size: 11 });
    const values = (await stat.get(`/api/indicators/values?period=${period}&regionCode=${CITIES.join(',')}`)).json()
      .items as { regionCode: string; indicatorCode: string; value: string | null; growth: string | null }[];
    let checked = 0;
    for (const row of dash.json().rows as {
      indicator: { code: string; direction: Direction; precision: number; rankField: RankField };
      rank: number | null;
      rankedCount: number;
      growth: string | null;
    }[]) {
      const peers = CITIES.map((c) => {
        const v = values.find((x) => x.regionCode === c && x.indicatorCode === row.indicator.code);
        return {
          regionCode: c,
          value: printedFigure(row.indicator, row.indicator.rankField, v?.[row.indicator.rankField]),
        };
      });
      const expected = rankPeers(peers, row.indicator.direction);
      expect(row.rank).toBe(expected.find((r) => r.regionCode === CITY)!.rank);
      expect(row.rankedCount).toBe(expected.filter((r) => r.rank !== null).length);
      if (row.rank !== null) checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(12);

    const gdp = dash.json().rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'gdp');
    expect(gdp.target.growth).toBe('6.5');
    expect(['green', 'yellow', 'red']).toContain(gdp.light);
    const ranking = await stat.get(`/api/indicators/gdp/ranking?period=${period}`);
    expect(ranking.json().rows.find((r: { regionCode: string }) => r.regionCode === CITY).rank).toBe(gdp.rank);
    expect(ranking.json().reference.regionCode).toBe('990000');

    const card = await stat.get(`/api/indicators/scorecard?regionCode=${CITY}&period=${period}`);
    expect(card.statusCode).toBe(200);
    const place = gdp.tied
      ? '并列'
      : gdp.rank === 1
        ? '首位'
        : gdp.rank === gdp.rankedCount
          ? '末位'
          : `第${gdp.rank}位`;
    const growth = fixed(gdp.growth) >= 0n ? `增长${Number(gdp.growth).toFixed(1)}%` : `下降`;
    expect(card.json().text).toContain(`生产总值${growth}`);
    expect(card.json().text).toContain('全省11个市(区)');
    expect(card.json().text).toContain(place);
    expect(
      card
        .json()
        .segments.map((s: { text: string }) => s.text)
        .join(''),
    ).toBe(card.json().text);
    const rankSeg = card.json().segments.find((s: { role?: string }) => s.role === 'rank');
    expect(rankSeg.refs).toContainEqual({ regionCode: CITY, indicatorCode: 'gdp', period, field: 'growth' });

    const trend = await stat.get(`/api/indicators/fixed_asset_investment/trend?regionCode=${CITY}&months=24`);
    expect(trend.json().points).toHaveLength(24);
    expect(trend.json().referenceRegionCode).toBe('990000');
    expect(trend.json().points.at(-1)).toMatchObject({ period: periods.at(-1) });
    expect(trend.json().points.at(-1).referenceGrowth).not.toBeNull();
  });

  it('lets a district statistician enter only its own district’s figures', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/users', {
      username: 'chengguan_stat',
      displayName: '城关统计',
      unitId: await t.unitId('城关区人民政府'),
      roles: ['statistician'],
    });
    expect(created.statusCode).toBe(201);
    const first = await t.login('chengguan_stat', created.json().initialPassword);
    expect(
      (
        await first.post('/api/auth/change-password', {
          currentPassword: created.json().initialPassword,
          newPassword: 'Chengguan-Stat-2026',
        })
      ).statusCode,
    ).toBe(200);
    const district = await t.login('chengguan_stat', 'Chengguan-Stat-2026');
    const put = (regionCode: string) =>
      district.put('/api/indicators/values', {
        values: [{ regionCode, indicatorCode: 'retail_sales', period: '2019-03', value: '12.5', growth: '3.1' }],
      });
    expect((await put('990102')).json()).toEqual({ created: 1, updated: 0, unchanged: 0, cleared: 0 });
    expect((await put('990103')).statusCode).toBe(403);
    expect((await put(CITY)).statusCode).toBe(403);
    const list = await district.get('/api/indicators/values?period=2019-06&indicatorCode=gdp');
    expect(list.json().items.find((v: { regionCode: string }) => v.regionCode === CITY).can.edit).toBe(false);
    expect((await district.get('/api/indicators')).json().can).toEqual({ configure: false, editValues: true });
    expect(
      (
        await district.put('/api/indicators/targets', {
          targets: [{ regionCode: '990102', indicatorCode: 'gdp', year: 2030, growth: '7' }],
        })
      ).statusCode,
    ).toBe(403);
    // an import names the rows outside the district and writes none of them
    const sheet = await statsSheet(
      [
        ['城关区', 10, 1, 20, 2],
        ['新城区', 11, 1, 21, 2],
      ],
      '2019年一季度各区县主要经济指标',
    );
    const r = await importFile(district, sheet, '2019-03', false);
    // gdp is new; retail_sales of 城关区 was entered above and is now replaced (its old figures kept)
    expect(r.json()).toMatchObject({ created: 1, updated: 1 });
    expect(r.json().rejected).toEqual([{ row: 5, column: '地区', message: '无权填报“新城区”的数据' }]);
  });
});
