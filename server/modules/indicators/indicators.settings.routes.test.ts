import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../../../domain/common/business-date.ts';
import { demoPeriods } from '../../seed/demo-indicators.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

/**
 * The parts of 月分析 that finish issue #5: the thresholds as a setting (the light and the scorecard follow it),
 * versioned and removable figures, the latest period with figures, which regions the caller may edit, the import's
 * column mapping and 错误原因 sheet, and the district view of the demo city.
 */
const CITY = '990100';
const PERIOD = '2019-06';

/** 1-6月 GDP growth of the 11 cities (示范市 5.0: ninth, 0.2 points above 青河市) and the province. */
const GROWTH: Record<string, string> = {
  '990100': '5.0',
  '990200': '7.2',
  '990300': '6.8',
  '990400': '6.0',
  '990500': '5.5',
  '990600': '4.8',
  '990700': '7.0',
  '990800': '6.6',
  '990900': '5.2',
  '991000': '4.0',
  '991100': '8.1',
  '990000': '6.1',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sheet(rows: (string | number | null)[][], title = '2019年1-6月各县区主要经济指标') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('县区');
  ws.getCell('A1').value = title;
  rows.forEach((r, i) => {
    ws.getRow(2 + i).values = r;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('monthly analysis settings, versions and import mapping on %s', (engine) => {
  const t = useTestApp(engine);
  let stat: Client;
  let leader: Client;

  const upload = (
    c: Client,
    url: string,
    buffer: Buffer,
    mapping?: Record<string, string | null>,
  ): ReturnType<Client['post']> => {
    const { payload, contentType } = multipart([
      ...(mapping ? [{ name: 'mapping', data: JSON.stringify(mapping) }] : []),
      { name: 'file', filename: '县区指标.xlsx', contentType: XLSX, data: buffer },
    ]);
    return c.post(url, payload, { 'content-type': contentType });
  };

  it('reads the thresholds (defaults) for every reader; only who configures may change them, in Chinese', async () => {
    stat = await t.login('statistician');
    leader = await t.login('leader');
    const read = await leader.get('/api/indicators/settings');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({
      lights: { growthPoints: '1', progressPoints: '5' },
      scorecard: { narrowGap: '0.5', countThresholds: {} },
      version: 0,
      can: { edit: false },
    });
    expect((await stat.get('/api/indicators/settings')).json().can).toEqual({ edit: true });
    expect((await (await t.login('enterprise')).get('/api/indicators/settings')).statusCode).toBe(403);

    const body = { ...read.json(), can: undefined };
    expect((await leader.put('/api/indicators/settings', body)).statusCode).toBe(403);
    const bad = await stat.put('/api/indicators/settings', {
      ...body,
      lights: { growthPoints: '0', progressPoints: '一百' },
      scorecard: { narrowGap: '0.5', countThresholds: { no_such: '7' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'lights.growthPoints', message: '增速黄灯范围应大于0' },
      { path: 'lights.progressPoints', message: '进度黄灯范围应为数字(最多四位小数,如 6.1 或 -3.2)' },
    ]);
    const unknown = await stat.put('/api/indicators/settings', {
      ...body,
      scorecard: { narrowGap: '0.5', countThresholds: { no_such: '7' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      { path: 'scorecard.countThresholds.no_such', message: '指标“no_such”不存在' },
    ]);
  });

  it('a changed threshold changes the light, the scorecard sentence and the report; stale writes are refused', async () => {
    // 示范市 grows 5.0% against a 6.5% target: 1.5 points behind
    const values = Object.entries(GROWTH).map(([regionCode, growth]) => ({
      regionCode,
      indicatorCode: 'gdp',
      period: PERIOD,
      growth,
    }));
    expect((await stat.put('/api/indicators/values', { values })).statusCode).toBe(200);
    const target = { regionCode: CITY, indicatorCode: 'gdp', year: 2019, growth: '6.5' };
    expect((await stat.put('/api/indicators/targets', { targets: [target] })).statusCode).toBe(200);
    const query = `regionCode=${CITY}&period=${PERIOD}`;
    const gdpRow = async () =>
      (await leader.get(`/api/indicators/dashboard?${query}`))
        .json()
        .rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'gdp');
    const card = async () => (await leader.get(`/api/indicators/scorecard?${query}`)).json().text as string;

    expect(await gdpRow()).toMatchObject({ growth: '5', rank: 9, light: 'red' });
    const before = await card();
    // the count uses the growth target; the lead of 0.2 points over 青河市 is "仅"
    expect(before).toContain('全省有5个市(区)增长率超过6.5%');
    expect(before).toContain('仅高于后一位青河市0.2个百分点');

    const put = (v: number, change: object) =>
      stat.put('/api/indicators/settings', {
        lights: { growthPoints: '2', progressPoints: '5' },
        scorecard: { narrowGap: '0.1', countThresholds: { gdp: '5.5' } },
        version: v,
        ...change,
      });
    const saved = await put(0, {});
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, lights: { growthPoints: '2' }, can: { edit: true } });

    // 1.5 points behind is within the wider yellow range of 2 points
    expect((await gdpRow()).light).toBe('yellow');
    const after = await card();
    expect(after).toContain('全省有6个市(区)增长率超过5.5%');
    expect(after).toContain('高于后一位青河市0.2个百分点');
    expect(after).not.toContain('仅高于');
    const threshold = (await leader.get(`/api/indicators/scorecard?${query}`))
      .json()
      .segments.find((s: { role?: string }) => s.role === 'threshold');
    expect(threshold).toMatchObject({ text: '5.5%', refs: [] });

    // the report reads the same settings: its table says 略滞后 and its note states the thresholds
    const report = await leader.get(`/api/indicators/report.docx?${query}`);
    expect(report.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(report.rawPayload)).file('word/document.xml')!.async('string');
    const text = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((x) => x.replace(/<[^>]+>/g, '')).join('');
    expect(text).toContain(after);
    expect(text).toContain('略滞后');
    expect(text).toContain('增速落后目标不超过2个百分点、完成进度落后序时进度不超过5个百分点为略滞后');

    // a write against the version read before is refused and changes nothing
    const stale = await put(0, { lights: { growthPoints: '3', progressPoints: '5' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_WRITE');
    expect((await leader.get('/api/indicators/settings')).json()).toMatchObject({
      version: 1,
      lights: { growthPoints: '2' },
    });
    // back to a one-point range: red again
    expect((await put(1, { lights: { growthPoints: '1', progressPoints: '5' } })).statusCode).toBe(200);
    expect((await gdpRow()).light).toBe('red');

    const history = await stat.get('/api/indicators/settings/history');
    expect(history.json().items.map((a: { action: string }) => a.action)).toEqual([
      'settings.update',
      'settings.update',
    ]);
    expect(history.json().items[0].before).toMatchObject({ lights: { growthPoints: '1' } });
    expect((await leader.get('/api/indicators/settings/history')).statusCode).toBe(403);
  });

  it('refuses a batch naming a version that has changed, names the rows, and writes nothing of it', async () => {
    const admin = await t.login('admin');
    const p = '2019-09';
    const first = await stat.put('/api/indicators/values', {
      values: [
        { regionCode: CITY, indicatorCode: 'gdp', period: p, value: '100', growth: '5', version: 0 },
        { regionCode: '990200', indicatorCode: 'gdp', period: p, growth: '4', version: 0 },
      ],
    });
    expect(first.json()).toEqual({ created: 2, updated: 0, unchanged: 0, cleared: 0 });
    // the administrator changes 示范市's figure meanwhile (version 1 → 2)
    const meanwhile = await admin.put('/api/indicators/values', {
      values: [{ regionCode: CITY, indicatorCode: 'gdp', period: p, value: '101', version: 1 }],
    });
    expect(meanwhile.json()).toMatchObject({ updated: 1 });

    const stale = await stat.put('/api/indicators/values', {
      values: [
        { regionCode: '990200', indicatorCode: 'gdp', period: p, growth: '4.5', version: 1 },
        { regionCode: CITY, indicatorCode: 'gdp', period: p, value: '102', version: 1 },
        { regionCode: '990300', indicatorCode: 'gdp', period: p, growth: '3', version: 0 },
      ],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_WRITE');
    expect(stale.json().error.fields).toEqual([{ path: 'values.1', message: '该数据已被系统管理员修改,请刷新后核对' }]);
    expect(stale.json().error.details.conflicts).toEqual([
      expect.objectContaining({
        index: 1,
        regionCode: CITY,
        indicatorCode: 'gdp',
        period: p,
        sentVersion: 1,
        version: 2,
        value: '101',
        growth: '5',
        updatedByName: '系统管理员',
      }),
    ]);
    const items = (await stat.get(`/api/indicators/values?period=${p}&indicatorCode=gdp`)).json().items;
    const fig = (code: string) => items.find((v: { regionCode: string }) => v.regionCode === code);
    expect(fig('990200')).toMatchObject({ growth: '4', version: 1 });
    expect(fig(CITY)).toMatchObject({ value: '101', version: 2 });
    expect(fig('990300')).toBeUndefined();

    // "I saw no figure" (version 0) where one exists is stale too; without a version the last write wins as before
    const zero = await stat.put('/api/indicators/values', {
      values: [{ regionCode: CITY, indicatorCode: 'gdp', period: p, value: '103', version: 0 }],
    });
    expect(zero.statusCode).toBe(409);
    expect(zero.json().error.fields[0].message).toBe('该数据已由系统管理员填报,请刷新后核对');
    const current = await stat.put('/api/indicators/values', {
      values: [{ regionCode: CITY, indicatorCode: 'gdp', period: p, value: '102', version: 2 }],
    });
    expect(current.json()).toEqual({ created: 0, updated: 1, unchanged: 0, cleared: 0 });
  });

  it('clears a figure: it leaves the lists and the latest period, its history stays, and it can be entered again', async () => {
    const p = '2019-09';
    const history = async () =>
      (await stat.get(`/api/indicators/values/history?regionCode=${CITY}&indicatorCode=gdp&period=${p}`)).json();
    const cleared = await stat.put('/api/indicators/values', {
      values: [
        { regionCode: CITY, indicatorCode: 'gdp', period: p, value: null, growth: null, version: 3 },
        // nothing stored here: nothing to remove
        { regionCode: '990400', indicatorCode: 'gdp', period: p, value: null, growth: null },
        // 东川市 has no value to clear; its growth stays
        { regionCode: '990200', indicatorCode: 'gdp', period: p, value: null },
      ],
    });
    expect(cleared.json()).toEqual({ created: 0, updated: 0, unchanged: 2, cleared: 1 });
    const items = (await stat.get(`/api/indicators/values?period=${p}&indicatorCode=gdp`)).json().items;
    expect(items.map((v: { regionCode: string }) => v.regionCode)).toEqual(['990200']);
    const h = await history();
    expect(h.current).toBeNull();
    expect(h.revisions).toEqual([
      expect.objectContaining({ value: '102', growth: '5', version: 3, replacedByName: '陈统计' }),
      expect.objectContaining({ value: '101', growth: '5', version: 2 }),
      expect.objectContaining({ value: '100', growth: '5', version: 1 }),
    ]);
    const audit = await (await t.login('admin')).get(`/api/audit?entityType=indicator_values&entityId=${p}`);
    // newest first
    expect(audit.json().items[0].after).toMatchObject({ cleared: 1, changed: [`${CITY}/gdp`] });

    // a writer who read the figure before it was removed is told so
    const stale = await stat.put('/api/indicators/values', {
      values: [{ regionCode: CITY, indicatorCode: 'gdp', period: p, growth: '6', version: 3 }],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields[0].message).toBe('该数据已被陈统计删除,请刷新后核对');
    expect(stale.json().error.details.conflicts[0]).toMatchObject({ version: 0, value: null, growth: null });
    // entered again by someone who saw no figure: a new figure, the history goes on
    const again = await stat.put('/api/indicators/values', {
      values: [{ regionCode: CITY, indicatorCode: 'gdp', period: p, growth: '6', version: 0 }],
    });
    expect(again.json()).toEqual({ created: 1, updated: 0, unchanged: 0, cleared: 0 });
    const h2 = await history();
    expect(h2.current).toMatchObject({ value: null, growth: '6', version: 5 });
    expect(h2.revisions[0]).toMatchObject({ value: null, growth: null, version: 4 });
  });

  it('answers the latest period with figures, for a region, a peer group or all, and ignores removed figures', async () => {
    const last = demoPeriods(businessDate(t.clock.now())).at(-1)!;
    const latest = async (q = '') => {
      const r = await leader.get(`/api/indicators/latest-period${q}`);
      expect(r.statusCode).toBe(200);
      return r.json().period as string | null;
    };
    expect(await latest(`?regionCode=${CITY}`)).toBe(last);
    expect(await latest('?regionCode=990102')).toBe(last); // a district of the demo city
    expect(await latest('?regionCode=990171')).toBeNull(); // a park publishes nothing
    expect(await latest()).toBe(last);
    const groups = (await leader.get('/api/indicators/peer-groups')).json().items as { id: string; level: string }[];
    const districtGroup = groups.find((g) => g.level === 'city')!;
    expect((await leader.get(`/api/indicators/latest-period?peerGroupId=${districtGroup.id}`)).json()).toEqual({
      period: last,
      regionCode: null,
      peerGroupId: districtGroup.id,
    });
    expect((await leader.get('/api/indicators/latest-period?regionCode=999999')).statusCode).toBe(404);
    expect(
      (await leader.get('/api/indicators/latest-period?peerGroupId=00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await leader.get('/api/indicators/latest-period?regionCode=99')).statusCode).toBe(400);
    expect((await (await t.login('enterprise')).get('/api/indicators/latest-period')).statusCode).toBe(403);

    // a figure of the month after: the latest; removed again: the month before is the latest again
    const [y, m] = last.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const write = (growth: string | null, version: number) =>
      stat.put('/api/indicators/values', {
        values: [{ regionCode: CITY, indicatorCode: 'retail_sales', period: next, value: null, growth, version }],
      });
    expect((await write('6.6', 0)).statusCode).toBe(200);
    expect(await latest(`?regionCode=${CITY}`)).toBe(next);
    expect(await latest('?regionCode=990102')).toBe(last);
    expect((await write(null, 1)).json()).toMatchObject({ cleared: 1 });
    expect(await latest(`?regionCode=${CITY}`)).toBe(last);
    expect(await latest()).toBe(last);
  });

  it('tells the page which regions the caller may edit, also where no figure exists yet', async () => {
    const codes = '990000,990100,990102,990200';
    const editable = async (c: Client) =>
      (await c.get(`/api/indicators/values?period=2018-01&regionCode=${codes}`)).json().editableRegionCodes;
    expect(await editable(stat)).toEqual(['990000', '990100', '990102', '990200']);
    expect(await editable(leader)).toEqual([]);

    const admin = await t.login('admin');
    const created = await admin.post('/api/users', {
      username: 'hedong_stat',
      displayName: '河东统计',
      unitId: await t.unitId('河东区人民政府'),
      roles: ['statistician'],
    });
    const first = await t.login('hedong_stat', created.json().initialPassword);
    await first.post('/api/auth/change-password', {
      currentPassword: created.json().initialPassword,
      newPassword: 'Hedong-Stat-2026',
    });
    const district = await t.login('hedong_stat', 'Hedong-Stat-2026');
    expect(await editable(district)).toEqual([]);
    const own = await district.get('/api/indicators/values?period=2018-01&regionCode=990104,990102');
    expect(own.json().editableRegionCodes).toEqual(['990104']);
    // without regions named: every region the caller may edit
    expect((await district.get('/api/indicators/values?period=2018-01')).json().editableRegionCodes).toEqual([
      '990104',
    ]);
    expect(
      (await admin.get(`/api/indicators/values?period=2018-01&regionCode=${codes}`)).json().editableRegionCodes,
    ).toHaveLength(4);
  });

  it('imports a sheet whose columns the user maps, gives back the 错误原因 sheet, and remembers the mapping', async () => {
    const file = await sheet([
      ['单位名称', 'GDP总量', '地区生产总值增速', '备注'],
      ['城关区', 610.5, 6.1, ''],
      ['新城区', '六百', 5.0, '待核'],
      ['河东区', 420, '5.5', ''],
    ]);
    const url = (dryRun: boolean) => `/api/indicators/import?period=${PERIOD}&dryRun=${dryRun}`;

    // no 地区 column is recognised: refused, with the columns as read and the fields to choose from
    const refused = await upload(stat, url(true), file);
    expect(refused.statusCode).toBe(400);
    const details = refused.json().error.details;
    expect(details.unknown.map((u: { header: string }) => u.header)).toEqual(['单位名称', 'GDP总量', '备注']);
    expect(details.columns).toEqual([expect.objectContaining({ letter: 'C', key: 'gdp.growth' })]);
    expect(details.fields[0]).toEqual({ key: 'region', label: '地区', required: true });
    expect(details.fields).toContainEqual({ key: 'gdp.value', label: '地区生产总值累计值', required: false });

    const mapping = { 单位名称: 'region', GDP总量: 'gdp.value', 备注: null };
    const dry = await upload(stat, url(true), file, mapping);
    expect(dry.statusCode).toBe(200);
    // a figure is one region's one indicator (累计值 and 增速 together): 城关区's and 河东区's GDP
    expect(dry.json()).toMatchObject({ dryRun: true, created: 2, updated: 0, unchanged: 0, unknown: [] });
    expect(dry.json().columns.map((c: { header: string; key: string }) => [c.header, c.key])).toEqual([
      ['单位名称', 'region'],
      ['GDP总量', 'gdp.value'],
      ['地区生产总值增速', 'gdp.growth'],
    ]);
    expect(dry.json().rejected).toEqual([{ row: 4, column: 'GDP总量', message: expect.stringContaining('六百') }]);

    // the user's own sheet back, with the reason on the rejected row
    const errors = await upload(stat, `/api/indicators/import/errors.xlsx?period=${PERIOD}`, file, mapping);
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-type']).toBe(XLSX);
    expect(errors.headers['content-disposition']).toContain(encodeURIComponent('导入错误原因.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('E2').value).toBe('错误原因');
    expect(String(ws.getCell('E4').value)).toContain('六百');
    expect(ws.getCell('E3').value).toBeNull();
    expect(ws.getCell('A4').value).toBe('新城区');

    // nothing was written by the dry runs; the real import writes the valid rows and remembers the mapping
    expect((await stat.get(`/api/indicators/values?period=${PERIOD}&regionCode=990102`)).json().items).toEqual([]);
    const real = await upload(stat, url(false), file, mapping);
    expect(real.json()).toMatchObject({ dryRun: false, created: 2 });
    const again = await upload(stat, url(true), file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2 });
    const audit = await (await t.login('admin')).get(
      '/api/audit?entityType=setting&entityId=indicators.import_headers',
    );
    expect(audit.json().items).toHaveLength(1);

    const bad = await upload(stat, url(true), file, { 单位名称: 'not a column' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'mapping', message: '列对应关系格式不正确,请重新预检' }]);
    expect((await upload(leader, `/api/indicators/import/errors.xlsx?period=${PERIOD}`, file)).statusCode).toBe(403);
  });

  it('shows the demo city’s districts ranked among 全市6个县区, compared with 全市, with lights and a scorecard', async () => {
    const periods = demoPeriods(businessDate(t.clock.now()));
    const quarter = periods.filter((p) => Number(p.slice(5)) % 3 === 0).at(-1)!;
    const groups = (await leader.get('/api/indicators/peer-groups')).json().items;
    const district = groups.find((g: { level: string }) => g.level === 'city');
    expect(district).toMatchObject({
      displayLabel: '全市6个县区',
      referenceRegionCode: CITY,
      referenceRegionName: '示范市',
      isDefault: false,
    });
    expect(district.members.map((m: { regionName: string }) => m.regionName)).toEqual([
      '城关区',
      '新城区',
      '河东区',
      '河西区',
      '临山县',
      '平川县',
    ]);
    // the province's group stays the default one
    expect(groups.find((g: { isDefault: boolean }) => g.isDefault).displayLabel).toBe('全省11个市(区)');

    const dash = (await leader.get(`/api/indicators/dashboard?regionCode=990102&period=${quarter}`)).json();
    expect(dash.group).toMatchObject({ label: '全市6个县区', size: 6 });
    const gdp = dash.rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'gdp');
    expect(gdp.rankedCount).toBe(6);
    expect(gdp.rank).toBeGreaterThanOrEqual(1);
    expect(gdp.gaps.toProvince).not.toBeNull();
    expect(['green', 'yellow', 'red']).toContain(gdp.light);
    expect(dash.rows.filter((r: { rank: number | null }) => r.rank !== null).length).toBeGreaterThanOrEqual(8);

    const card = (await leader.get(`/api/indicators/scorecard?regionCode=990104&period=${quarter}`)).json();
    expect(card.text).toContain('全市6个县区');
    expect(card.text).toMatch(/(高于|低于)全市平均|与全市平均持平/);
    expect(card.text).toContain('生产总值');

    // the ranking of the district group, and the template of its table with 全市 first
    const ranking = (await leader.get(`/api/indicators/gdp/ranking?period=${quarter}&groupId=${district.id}`)).json();
    expect(ranking.rows.filter((r: { rank: number | null }) => r.rank !== null)).toHaveLength(6);
    expect(ranking.reference.regionCode).toBe(CITY);
    const template = await stat.get(`/api/indicators/import-template.xlsx?period=${quarter}&groupId=${district.id}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell(4, 1).value).toBe('全市');
    expect(wb.worksheets[0]!.getCell(5, 1).value).toBe('城关区');
  });
});
