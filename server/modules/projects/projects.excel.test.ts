import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar } from '../../../domain/projects/codes.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

const uscc = (body17: string) => body17 + computeUsccCheckChar(body17);

/** The upload of an .xlsx, as a browser sends it. */
const upload = (buffer: Buffer) =>
  multipart([
    {
      name: 'file',
      filename: 'projects.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: buffer,
    },
  ]);

/** A sheet the way a district office fills it: its own header words, 亿元 in one column, text dates. */
async function districtSheet(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目表');
  ws.addRow([
    '序号',
    '项目名称',
    '投资项目统一代码',
    '业主单位',
    '社会信用代码',
    '区县',
    '责任单位',
    '总投资（亿元）',
    '年度投资计划（万元）',
    '计划开工时间',
    '项目类别',
    '环评情况',
  ]);
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('project Excel import and export on %s', (engine) => {
  const t = useTestApp(engine);
  let c: Client;
  const OK_USCC = uscc('91990102MA0000777');

  const rows = () => [
    [
      '测试导入甲物流园',
      '2510-990102-59-03-000101',
      '示范导入物流有限公司',
      OK_USCC,
      '城关区',
      '城关区人民政府',
      '1.2',
      '3,000',
      '2026年3月',
      '基础设施',
      '已批复',
    ],
    [
      '测试导入乙产业园',
      null,
      '示范导入科技有限公司',
      null,
      '经开区',
      '经开区管委会',
      '0.5',
      '1000',
      '2026-05-01',
      '产业',
      '否',
    ],
    ['测试导入丙', null, '丙公司', '91350100M000100Y44', '城关区', '城关区人民政府', '1', '100', '2026-03-01', '产业'],
    ['测试导入丁', null, '丁公司', null, '火星区', '城关区人民政府', '一亿', '100', '2026-03-01', '产业'],
    ['测试导入戊', null, '戊公司', null, '城关区', '城关区人民政府', '0.01', '500', '2026-02-30', '产业', '办理中'],
  ];

  it('serves the template with the Chinese headers in row 1 and the notes sheet', async () => {
    c = await t.login('coordinator');
    const res = await t.client(c.cookie).get('/api/projects/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        '项目名称',
        '项目代码',
        '建设单位',
        '统一社会信用代码',
        '所属区县',
        '责任单位',
        '总投资(万元)',
        '年度计划投资(万元)',
        '计划开工',
        '计划竣工',
      ]),
    );
    expect(wb.getWorksheet('填写说明')).toBeDefined();
  });

  it('dry-runs, imports, re-imports without change, and reports every rejected row with row, column and reason', async () => {
    // the 经开区 is written by its short name in the file; the park's region is 示范经济技术开发区
    const fileRows = rows().map((r) =>
      r[4] === '经开区' ? [r[0], r[1], r[2], r[3], '示范经济技术开发区', ...r.slice(5)] : r,
    );
    const file = await districtSheet(fileRows);
    const send = async (dryRun: boolean) => {
      const u = upload(file);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/projects/import?dryRun=${dryRun}`,
        headers: { cookie: c.cookie, 'content-type': u.contentType },
        payload: u.payload,
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const dry = await send(true);
    expect(dry).toMatchObject({ dryRun: true, created: 2, updated: 0, unchanged: 0 });
    const byRow = (r: { row: number; column: string; message: string }[]) => r.map((x) => [x.row, x.column]);
    expect(byRow(dry.rejected)).toEqual([
      [4, '社会信用代码'],
      [5, '总投资（亿元）'],
      [5, '区县'],
      [6, '计划开工时间'],
      [6, '环评情况'],
    ]);
    expect(dry.rejected.find((x: { column: string }) => x.column === '环评情况').message).toBe(
      '环评批复应填“是”或“否”,不能为“办理中”',
    );
    expect(dry.rejected.find((x: { column: string }) => x.column === '区县').message).toBe('区县“火星区”不存在');
    expect((await c.get(`/api/projects?q=${encodeURIComponent('测试导入')}`)).json().total).toBe(0);

    const real = await send(false);
    expect(real).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0 });
    const listed = (await c.get(`/api/projects?q=${encodeURIComponent('测试导入')}&sort=name&order=asc`)).json();
    expect(
      listed.items.map((p: { name: string; totalInvestment: string; annualPlan: string }) => [
        p.name,
        p.totalInvestment,
        p.annualPlan,
      ]),
    ).toEqual([
      ['测试导入乙产业园', '5000.00', '1000.00'],
      ['测试导入甲物流园', '12000.00', '3000.00'],
    ]);
    const jia = listed.items.find((p: { name: string }) => p.name === '测试导入甲物流园');
    expect(jia).toMatchObject({
      projectCode: '2510-990102-59-03-000101',
      plannedStartDate: '2026-03-01',
      category: 'infrastructure',
    });
    // 已批复 means the environmental assessment is done, so the gate passes; 否 leaves the project refused on it
    const yi = listed.items.find((p: { name: string }) => p.name === '测试导入乙产业园');
    expect((await c.get(`/api/projects/${jia.id}`)).json()).toMatchObject({ environmentalAssessment: true });
    expect((await c.get(`/api/projects/${yi.id}`)).json()).toMatchObject({ environmentalAssessment: false });

    const again = await send(false);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const changed = await districtSheet(
      fileRows.map((r) => (r[0] === '测试导入甲物流园' ? [...r.slice(0, 6), '1.25', ...r.slice(7)] : r)),
    );
    const u = upload(changed);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import?dryRun=false',
      headers: { cookie: c.cookie, 'content-type': u.contentType },
      payload: u.payload,
    });
    expect(res.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const history = (await c.get(`/api/projects/${jia.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['project.create', 'project.import_update']);
    expect(history[1].after.totalInvestment).toBe('12500.00');
  });

  it('gives the uploaded sheet back with a 错误原因 column on the rejected rows', async () => {
    const u = upload(await districtSheet(rows()));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import/errors.xlsx',
      headers: { cookie: c.cookie, 'content-type': u.contentType },
      payload: u.payload,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    const col = header.indexOf('错误原因');
    expect(col).toBeGreaterThan(0);
    const reason = (row: number) => String(ws.getRow(row).getCell(col).value ?? '');
    expect(reason(2)).toBe('');
    expect(reason(4)).toContain('校验位');
    expect(reason(5)).toContain('火星区');
    expect(reason(6)).toContain('2026-02-30');
  });

  it('lets the user map an unrecognised column in the dry run and remembers the mapping for the next file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目名称', '业主单位', '区县', '责任单位', '项目总规模（亿元）', '备注']);
    ws.addRow(['测试映射甲项目', '示范映射有限公司', '城关区', '城关区人民政府', '2.5', '新开工']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const post = (dryRun: boolean, mapping?: Record<string, string | null>) => {
      const u = multipart([
        ...(mapping ? [{ name: 'mapping', data: JSON.stringify(mapping) }] : []),
        { name: 'file', filename: '台账.xlsx', data: file },
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/api/projects/import?dryRun=${dryRun}`,
        headers: { cookie: c.cookie, 'content-type': u.contentType },
        payload: u.payload,
      });
    };
    // 项目总规模 is no name of 总投资: the file is refused, with how its columns were read
    const first = await post(true);
    expect(first.statusCode).toBe(400);
    const details = first.json().error.details;
    expect(details.missingColumns).toContain('总投资');
    expect(details.unknown.map((u: { header: string }) => u.header)).toEqual(['项目总规模（亿元）', '备注']);
    expect(details.fields.find((f: { key: string }) => f.key === 'totalInvestment')).toMatchObject({ required: true });
    // the user says 项目总规模 is 总投资 and 备注 is to be ignored; the unit in the bracket still applies
    const mapping = { '项目总规模（亿元）': 'totalInvestment', 备注: null };
    const mapped = await post(true, mapping);
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json()).toMatchObject({ created: 1, rejected: [], unknown: [] });
    expect(mapped.json().columns).toContainEqual(
      expect.objectContaining({ letter: 'E', key: 'totalInvestment', unit: '亿元' }),
    );
    expect((await c.get(`/api/projects?q=${encodeURIComponent('测试映射')}`)).json().total).toBe(0);
    const real = await post(false, mapping);
    expect(real.json()).toMatchObject({ dryRun: false, created: 1 });
    const p = (await c.get(`/api/projects?q=${encodeURIComponent('测试映射')}`)).json().items[0];
    expect(p.totalInvestment).toBe('25000.00');
    // the next file with the same headers needs no mapping: it was remembered (and the change audited)
    expect((await post(true)).json()).toMatchObject({ created: 0, unchanged: 1, unknown: [] });
    const audit = await (await t.login('admin')).get('/api/audit?entityType=setting&entityId=projects.import_headers');
    expect(audit.json().items).toHaveLength(1);
    // a mapping naming no known column is refused before anything is read
    const bad = await post(true, { 项目总规模: 'salary' });
    expect(bad.json().error.fields).toEqual([{ path: 'mapping', message: '列对应关系格式不正确,请重新预检' }]);
  });

  it('refuses a file that is not an .xlsx, saying so', async () => {
    const u = upload(Buffer.from('名称,总投资\n甲,1\n'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import?dryRun=true',
      headers: { cookie: c.cookie, 'content-type': u.contentType },
      payload: u.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('file');
  });

  it('exports the filtered list as a ledger whose total equals the API’s', async () => {
    const api = (await c.get(`/api/projects?regionCode=990102&stage=under_construction`)).json();
    const res = await t.client(c.cookie).get('/api/projects/export.xlsx?regionCode=990102&stage=under_construction');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts[0]).toBe('重点项目台账');
    const filterLine = ws.getRow(2).getCell(1).value as string;
    expect(filterLine).toContain('区县=城关区');
    expect(filterLine).toContain('阶段=在建');
    const totalRow = ws.getRow(ws.rowCount);
    expect(String(totalRow.getCell(1).value ?? '') + String(totalRow.getCell(2).value ?? '')).toContain('合计');
    const headerRow = ws.getRow(3).values as unknown[];
    const col = headerRow.indexOf('总投资(万元)');
    expect(col).toBeGreaterThan(0);
    const cents = (v: unknown) => BigInt(Math.round(Number(v) * 100));
    expect(cents(totalRow.getCell(col).value)).toBe(BigInt(api.sumTotalInvestment.replace('.', '')));
    expect(ws.rowCount).toBe(3 + api.total + 1);
  });
});
