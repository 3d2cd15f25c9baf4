import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMISSION_RULES } from '../../../domain/projects/admission.ts';
import { computeUsccCheckChar } from '../../../domain/projects/codes.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';

const uscc = (body17: string) => body17 + computeUsccCheckChar(body17);

const ADMISSION = '/api/projects/settings/admission';
const MANDATORY = '/api/projects/settings/mandatory-approvals';
const effective = (code: string) => `${ADMISSION}/effective?regionCode=${code}`;

type Trail = { items: { action: string; actorName: string; entityId: string; before: unknown; after: unknown }[] };

describe.each(ENGINES)('project library settings on %s', (engine) => {
  const t = useTestApp(engine);
  let coordinator: Client;
  let admin: Client;
  /** a project with 120.00 万元/亩 of investment intensity (12000 万元 on 100 亩), in a region given per test */
  let base: Record<string, unknown>;

  it('signs in and prepares a project body', async () => {
    coordinator = await t.login('coordinator');
    admin = await t.login('admin');
    base = {
      name: '设置测试智能装备产业园',
      ownerName: '示范智能装备有限公司',
      ownerUscc: uscc('91990102MA0000077'),
      regionCode: '990102',
      responsibleUnitId: await t.unitId('城关区人民政府'),
      level: 'municipal',
      category: 'industry',
      industry: 'C3491',
      fundingSource: 'social',
      totalInvestment: '12000',
      annualPlan: '3000',
      landArea: '100',
      plannedStartDate: '2026-03-01',
      plannedCompletionDate: '2027-12-31',
      environmentalAssessment: true,
    };
  });

  it('shows a coordinator the defaults before anything is saved', async () => {
    const a = await coordinator.get(ADMISSION);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ default: DEFAULT_ADMISSION_RULES, byRegion: {}, version: 0 });
    const m = await coordinator.get(MANDATORY);
    expect(m.json()).toEqual({ items: ['project_approval', 'construction_permit'], version: 0 });
  });

  it('refuses unit staff, in a district and in a department, with 403', async () => {
    for (const who of ['district_staff', 'dept_staff']) {
      const c = await t.login(who);
      expect((await c.get(ADMISSION)).statusCode).toBe(403);
      expect((await c.put(ADMISSION, { default: DEFAULT_ADMISSION_RULES, byRegion: {}, version: 0 })).statusCode).toBe(
        403,
      );
      expect((await c.get(MANDATORY)).statusCode).toBe(403);
      expect((await c.put(MANDATORY, { items: [], version: 0 })).statusCode).toBe(403);
      expect((await c.get(`${ADMISSION}/history`)).statusCode).toBe(403);
    }
    // nothing was written
    expect((await coordinator.get(ADMISSION)).json().version).toBe(0);
    expect((await coordinator.get(MANDATORY)).json().version).toBe(0);
  });

  it('refuses regions outside the city, unknown regions and bad thresholds with field messages, writing nothing', async () => {
    const res = await coordinator.put(ADMISSION, {
      default: DEFAULT_ADMISSION_RULES,
      byRegion: { '990202': { minInvestmentIntensity: '200' }, '990199': { minTaxPerMu: '10' } },
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'byRegion.990199', message: '区域代码 990199 不存在' },
      { path: 'byRegion.990202', message: '东川区(990202)不属于示范市,不能设置其准入标准' },
    ]);
    const own = await coordinator.put(ADMISSION, {
      default: DEFAULT_ADMISSION_RULES,
      byRegion: { '990100': { minTaxPerMu: '10' } },
      version: 0,
    });
    expect(own.json().error.fields[0]).toEqual({
      path: 'byRegion.990100',
      message: '示范市的标准即默认标准,请直接修改默认标准',
    });
    const bad = await coordinator.put(ADMISSION, {
      default: { ...DEFAULT_ADMISSION_RULES, maxEnergyPerOutput: '-1' },
      byRegion: { '990102': { minInvestmentIntensity: '三百' } },
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual(
      expect.arrayContaining([
        { path: 'default.maxEnergyPerOutput', message: expect.stringContaining('吨标煤/万元') },
        { path: 'byRegion.990102.minInvestmentIntensity', message: expect.stringContaining('万元/亩') },
      ]),
    );
    expect((await coordinator.get(ADMISSION)).json().version).toBe(0);
  });

  it('applies a district threshold to projects created there and not elsewhere', async () => {
    const saved = await coordinator.put(ADMISSION, {
      default: DEFAULT_ADMISSION_RULES,
      byRegion: { '990102': { minInvestmentIntensity: '300' }, '990103': {} },
      version: 0,
    });
    expect(saved.statusCode).toBe(200);
    // stored canonical, an override that sets nothing is dropped
    expect(saved.json()).toEqual({
      default: DEFAULT_ADMISSION_RULES,
      byRegion: { '990102': { minInvestmentIntensity: '300.00' } },
      version: 1,
    });

    const e = (await coordinator.get(effective('990102'))).json();
    expect(e).toMatchObject({
      regionCode: '990102',
      regionName: '城关区',
      rules: { ...DEFAULT_ADMISSION_RULES, minInvestmentIntensity: '300.00' },
    });
    expect(e.sources.minInvestmentIntensity).toEqual({ regionCode: '990102', regionName: '城关区' });
    expect(e.sources.requireEnvironmentalAssessment).toEqual({ regionCode: null, regionName: null });

    const refused = await coordinator.post('/api/projects', base);
    expect(refused.statusCode).toBe(201);
    expect(refused.json().admission.failed).toEqual([
      {
        gate: 'INVESTMENT_INTENSITY',
        message: '投资强度 120.00 万元/亩,低于准入标准 300.00 万元/亩',
      },
    ]);
    const passed = await coordinator.post('/api/projects', {
      ...base,
      name: '设置测试智能装备产业园(新城)',
      regionCode: '990103',
      responsibleUnitId: await t.unitId('新城区人民政府'),
    });
    expect(passed.statusCode).toBe(201);
    expect(passed.json().admission.failed).toEqual([]);
  });

  it('lets a region drop a threshold the city sets (null), and says where each field comes from', async () => {
    const current = (await coordinator.get(ADMISSION)).json();
    const res = await coordinator.put(ADMISSION, {
      default: { ...DEFAULT_ADMISSION_RULES, minInvestmentIntensity: '150' },
      byRegion: { ...current.byRegion, '990172': { minInvestmentIntensity: null, maxEnergyPerOutput: '0.05' } },
      version: current.version,
    });
    expect(res.statusCode).toBe(200);
    const park = (await coordinator.get(effective('990172'))).json();
    expect(park.rules).toMatchObject({ minInvestmentIntensity: null, maxEnergyPerOutput: '0.0500' });
    expect(park.sources.minInvestmentIntensity).toEqual({ regionCode: '990172', regionName: '示范高新技术产业开发区' });
    const county = (await coordinator.get(effective('990121'))).json();
    expect(county.rules.minInvestmentIntensity).toBe('150.00');
    expect(county.sources.minInvestmentIntensity).toEqual({ regionCode: null, regionName: null });
    // a district reads the rules of its own city; another city's region is not found
    const district = await t.login('district_staff');
    expect((await district.get(effective('990102'))).json().rules.minInvestmentIntensity).toBe('300.00');
    expect((await coordinator.get(effective('990202'))).statusCode).toBe(404);
  });

  it('refuses a stale version with 409', async () => {
    const current = (await coordinator.get(ADMISSION)).json();
    const stale = await coordinator.put(ADMISSION, {
      default: DEFAULT_ADMISSION_RULES,
      byRegion: {},
      version: current.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_WRITE');
    expect((await coordinator.get(ADMISSION)).json()).toEqual(current);
  });

  it("keeps the rules of regions outside the coordinator's city when the coordinator saves", async () => {
    const seen = (await admin.get(ADMISSION)).json();
    const byAdmin = await admin.put(ADMISSION, {
      ...seen,
      byRegion: { ...seen.byRegion, '990202': { minTaxPerMu: '20' } },
    });
    expect(byAdmin.statusCode).toBe(200);
    const mine = (await coordinator.get(ADMISSION)).json();
    expect(Object.keys(mine.byRegion).sort()).toEqual(['990102', '990172']);
    const saved = await coordinator.put(ADMISSION, { ...mine, byRegion: { '990102': mine.byRegion['990102'] } });
    expect(saved.statusCode).toBe(200);
    expect((await admin.get(ADMISSION)).json().byRegion).toEqual({
      '990102': { minInvestmentIntensity: '300.00' },
      '990202': { minTaxPerMu: '20.00' },
    });
  });

  it('lets a preparation project start without 施工许可 once it is no longer mandatory', async () => {
    const created = (
      await coordinator.post('/api/projects', {
        ...base,
        name: '设置测试道路改造工程',
        regionCode: '990103',
        responsibleUnitId: await t.unitId('新城区人民政府'),
        category: 'infrastructure',
        // 200.00 万元/亩: above the city's 150.00 set above
        totalInvestment: '20000',
        projectCode: '2509-990103-48-01-987651',
        approvals: { project_approval: { done: true, date: '2026-02-01', docNo: '示发改审批〔2026〕88号' } },
      })
    ).json();
    expect(created.admission.failed).toEqual([]);
    const prep = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: created.version,
      to: 'preparation',
    });
    expect(prep.statusCode).toBe(200);
    const blocked = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: prep.json().version,
      to: 'under_construction',
    });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.message).toContain('缺少施工许可');

    const dup = await coordinator.put(MANDATORY, { items: ['project_approval', 'project_approval'], version: 0 });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields[0]).toEqual({ path: 'items', message: '开工必备手续不能重复' });
    const unknown = await coordinator.put(MANDATORY, { items: ['blessing'], version: 0 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('items.0');

    const saved = await coordinator.put(MANDATORY, { items: ['environmental', 'project_approval'], version: 0 });
    expect(saved.statusCode).toBe(200);
    // kept in the checklist's order
    expect(saved.json()).toEqual({ items: ['project_approval', 'environmental'], version: 1 });
    expect((await coordinator.put(MANDATORY, { items: [], version: 0 })).statusCode).toBe(409);

    const detail = (await coordinator.get(`/api/projects/${created.id}`)).json();
    const toBuild = detail.can.transitions.find((x: { to: string }) => x.to === 'under_construction');
    expect(toBuild.blockers.map((b: { message: string }) => b.message).join()).toContain('缺少环评批复');

    const onlyApproval = await coordinator.put(MANDATORY, { items: ['project_approval'], version: 1 });
    expect(onlyApproval.statusCode).toBe(200);
    const started = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: detail.version,
      to: 'under_construction',
    });
    expect(started.statusCode).toBe(200);
    expect(started.json().stage).toBe('under_construction');
  });

  it('records every change in the audit trail, with who changed what', async () => {
    const trail = (await admin.get('/api/audit?entityType=setting&pageSize=50')).json() as Trail;
    const admission = trail.items.filter((r) => r.entityId === 'projects.admission');
    const mandatory = trail.items.filter((r) => r.entityId === 'projects.mandatory_approvals');
    // 2 by the coordinator, 1 by the admin, then 1 by the coordinator again; refused writes left nothing
    expect(admission.map((r) => r.actorName)).toEqual(['孙项目', '系统管理员', '孙项目', '孙项目']);
    expect(admission.every((r) => r.action === 'settings.update')).toBe(true);
    expect(admission.at(-1)).toMatchObject({
      before: { byRegion: {} },
      after: { byRegion: { '990102': { minInvestmentIntensity: '300.00' } } },
    });
    expect(mandatory.map((r) => r.after)).toEqual([
      { items: ['project_approval'] },
      { items: ['project_approval', 'environmental'] },
    ]);
    expect(mandatory.at(-1)?.before).toEqual({ items: ['project_approval', 'construction_permit'] });
    // the coordinator reads the same records on the settings page
    const history = (await coordinator.get(`${MANDATORY}/history`)).json() as Trail;
    expect(history.items.map((r) => r.after)).toEqual([
      { items: ['project_approval', 'environmental'] },
      { items: ['project_approval'] },
    ]);
  });
});
