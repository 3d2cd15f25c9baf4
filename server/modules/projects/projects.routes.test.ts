import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar } from '../../../domain/projects/codes.ts';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';

const uscc = (body17: string) => body17 + computeUsccCheckChar(body17);
const OWNER_USCC = uscc('91990102MA0000001');

describe.each(ENGINES)('project library on %s', (engine) => {
  const t = useTestApp(engine);
  let coordinator: Client;
  let base: Record<string, unknown>;

  it('prepares a valid project body', async () => {
    coordinator = await t.login('coordinator');
    base = {
      name: '测试甲智慧物流园',
      ownerName: '示范物流发展有限公司',
      ownerUscc: OWNER_USCC,
      regionCode: '990102',
      responsibleUnitId: await t.unitId('城关区人民政府'),
      level: 'municipal',
      category: 'infrastructure',
      industry: 'G5951',
      fundingSource: 'social',
      totalInvestment: '120000.00',
      annualPlan: '30000',
      plannedStartDate: '2026-03-01',
      plannedCompletionDate: '2028-12-31',
      environmentalAssessment: true,
      tags: ['省重点'],
    };
  });

  it('lists every bad field at once and writes nothing', async () => {
    const res = await coordinator.post('/api/projects', {
      ...base,
      projectCode: '2509-3201-89-01-544060',
      ownerUscc: '91350100M000100Y44',
      annualPlan: '200000',
      plannedCompletionDate: '2025-01-01',
      totalInvestment: '12.345',
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(expect.arrayContaining(['ownerUscc', 'projectCode', 'totalInvestment']));
    const cross = await coordinator.post('/api/projects', {
      ...base,
      annualPlan: '200000',
      plannedCompletionDate: '2025-01-01',
    });
    expect(cross.json().error.fields).toEqual([
      { path: 'annualPlan', message: '年度计划投资不能超过总投资' },
      { path: 'plannedCompletionDate', message: '计划竣工日期不能早于计划开工日期' },
    ]);
    expect((await coordinator.get('/api/projects?q=测试甲')).json().total).toBe(0);
  });

  it('registers a project in pipeline with an even monthly plan, its people and an audit record', async () => {
    const leader = (await coordinator.get('/api/leaders'))
      .json()
      .items.find((l: { name: string }) => l.name === '刘志刚');
    const res = await coordinator.post('/api/projects', { ...base, leadOfficialId: leader.id });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      stage: 'pipeline',
      totalInvestment: '120000.00',
      annualPlan: '30000.00',
      leadOfficial: { name: '刘志刚' },
      admission: { failed: [] },
    });
    expect(p.monthlyPlan[0]).toBe('2500.00');
    expect(p.monthlyPlan[11]).toBe('30000.00');
    const history = (await coordinator.get(`/api/projects/${p.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['project.create']);
    expect(history[0].after.people).toEqual([{ kind: 'lead_official', holderType: 'leader', holderId: leader.id }]);
    // an edit that keeps the people records them the same on both sides
    const edited = await coordinator.put(`/api/projects/${p.id}`, {
      ...base,
      leadOfficialId: leader.id,
      version: p.version,
      tags: ['市重点'],
    });
    expect(edited.statusCode).toBe(200);
    const h2 = (await coordinator.get(`/api/projects/${p.id}/history`)).json().items[1];
    expect(h2.before.people).toEqual(h2.after.people);
  });

  it('moves a project through preparation into construction only when the rules allow, saying why not', async () => {
    const created = (await coordinator.post('/api/projects', { ...base, name: '测试乙污水处理厂提标改造' })).json();
    const toPrep = created.can.transitions.find((x: { to: string }) => x.to === 'preparation');
    expect(toPrep.allowed).toBe(false);
    expect(toPrep.blockers[0].code).toBe('PROJECT_CODE_REQUIRED');

    const refused = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: created.version,
      to: 'preparation',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.blockers.map((b: { code: string }) => b.code)).toEqual([
      'PROJECT_CODE_REQUIRED',
    ]);

    const withCode = (
      await coordinator.put(`/api/projects/${created.id}`, {
        ...base,
        name: created.name,
        version: created.version,
        projectCode: '2509-990104-89-01-544060',
      })
    ).json();
    expect(withCode.projectCode).toBe('2509-990104-89-01-544060');
    const prep = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: withCode.version,
      to: 'preparation',
    });
    expect(prep.statusCode).toBe(200);
    expect(prep.json().stage).toBe('preparation');

    const blocked = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: prep.json().version,
      to: 'under_construction',
    });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.message).toContain('缺少施工许可');

    const approved = (
      await coordinator.put(`/api/projects/${created.id}`, {
        ...base,
        name: created.name,
        version: prep.json().version,
        projectCode: '2509-990104-89-01-544060',
        approvals: {
          project_approval: { done: true, date: '2026-02-01', docNo: '示发改审批〔2026〕12号' },
          construction_permit: { done: true, date: '2026-03-01' },
        },
      })
    ).json();
    const started = await coordinator.post(`/api/projects/${created.id}/transitions`, {
      version: approved.version,
      to: 'under_construction',
    });
    expect(started.statusCode).toBe(200);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(started.json()).toMatchObject({ stage: 'under_construction', actualStartDate: today, newStart: true });

    // a second project may not take the same code
    const dup = await coordinator.post('/api/projects', {
      ...base,
      name: '另一个项目',
      projectCode: '2509990104890154406 0'.replace(' ', ''),
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields).toContainEqual({ path: 'projectCode', message: '项目代码已被其他项目使用' });

    const trail = (await coordinator.get(`/api/projects/${created.id}/history`)).json().items;
    expect(
      trail
        .filter((h: { action: string }) => h.action === 'project.transition')
        .map((h: { after: { stage: string } }) => h.after.stage),
    ).toEqual(['preparation', 'under_construction']);
  });

  it('stores a project refused at admission with its failed gates; a coordinator waives one with a reason', async () => {
    const res = await coordinator.post('/api/projects', {
      ...base,
      name: '测试丙化工项目',
      regionCode: '990121',
      responsibleUnitId: await t.unitId('临山县人民政府'),
      category: 'industry',
      environmentalAssessment: false,
      highEnergyHighEmission: true,
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.stage).toBe('pipeline');
    expect(p.admission.failed.map((f: { gate: string }) => f.gate)).toEqual([
      'ENVIRONMENTAL_ASSESSMENT',
      'HIGH_ENERGY_EMISSION',
    ]);
    expect(p.can.override).toBe(true);
    // the page can say why 转入前期 is not possible before anyone tries
    const toPrep = p.can.transitions.find((x: { to: string }) => x.to === 'preparation');
    expect(toPrep.allowed).toBe(false);
    expect(toPrep.blockers.map((b: { code: string }) => b.code)).toEqual(
      expect.arrayContaining(['PROJECT_CODE_REQUIRED', 'ADMISSION_FAILED']),
    );

    const waived = await coordinator.post(`/api/projects/${p.id}/admission-overrides`, {
      version: p.version,
      gate: 'ENVIRONMENTAL_ASSESSMENT',
      reason: '环评已受理,市政府专题会议同意先行开展前期工作',
    });
    expect(waived.statusCode).toBe(200);
    expect(waived.json().admission.failed.map((f: { gate: string }) => f.gate)).toEqual(['HIGH_ENERGY_EMISSION']);
    expect(waived.json().admission.overrides[0]).toMatchObject({ gate: 'ENVIRONMENTAL_ASSESSMENT', byName: '孙项目' });
    const again = await coordinator.post(`/api/projects/${p.id}/admission-overrides`, {
      version: waived.json().version,
      gate: 'ENVIRONMENTAL_ASSESSMENT',
      reason: '重复',
    });
    expect(again.statusCode).toBe(422);
    const district = await t.login('district_staff');
    expect(
      (
        await district.post(`/api/projects/${p.id}/admission-overrides`, {
          version: 1,
          gate: 'HIGH_ENERGY_EMISSION',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a stale write gets 409', async () => {
    const p = (await coordinator.post('/api/projects', { ...base, name: '测试丁体育中心' })).json();
    expect(
      (await coordinator.put(`/api/projects/${p.id}`, { ...base, name: '测试丁体育中心一期', version: p.version }))
        .statusCode,
    ).toBe(200);
    const stale = await coordinator.put(`/api/projects/${p.id}`, {
      ...base,
      name: '测试丁体育中心二期',
      version: p.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('lists with filters, search and exact sums; a district sees its own projects only', async () => {
    const district = await t.login('district_staff');
    const own = await district.post('/api/projects', {
      ...base,
      name: '测试戊老旧街巷改造工程',
      totalInvestment: '0.10',
      annualPlan: '0.10',
    });
    expect(own.statusCode).toBe(201);
    const elsewhere = await district.post('/api/projects', {
      ...base,
      name: '越权登记',
      regionCode: '990103',
      responsibleUnitId: await t.unitId('新城区人民政府'),
    });
    expect(elsewhere.statusCode).toBe(400);

    const all = (await coordinator.get('/api/projects?pageSize=200')).json();
    const mine = (await district.get('/api/projects?pageSize=200')).json();
    expect(all.total).toBeGreaterThan(250); // the demo library plus this file's projects
    expect(all.total).toBeGreaterThan(250); // the demo library plus this file's projects
    expect(mine.items.every((p: { regionCode: string }) => p.regionCode === '990102')).toBe(true);
    expect(mine.total).toBeLessThan(all.total);
    const hidden = all.items.find((p: { regionCode: string }) => p.regionCode !== '990102');
    expect((await district.get(`/api/projects/${hidden.id}`)).statusCode).toBe(404);

    const search = (await coordinator.get(`/api/projects?q=${encodeURIComponent('戊老旧街巷')}`)).json();
    expect(search.items.map((p: { name: string }) => p.name)).toEqual(['测试戊老旧街巷改造工程']);
    const twoChars = (await coordinator.get(`/api/projects?q=${encodeURIComponent('戊老')}`)).json();
    expect(twoChars.total).toBe(1);
    const byRegion = (await coordinator.get('/api/projects?regionCode=990100&stage=under_construction')).json();
    expect(byRegion.items.every((p: { stage: string }) => p.stage === 'under_construction')).toBe(true);

    // sums are exact decimals over every matching row, not only the page: add up all pages and compare
    let sum = 0n;
    for (let page = 1; (page - 1) * 200 < all.total; page++) {
      const items = (await coordinator.get(`/api/projects?pageSize=200&page=${page}`)).json().items;
      for (const p of items) sum += BigInt(p.totalInvestment.replace('.', ''));
    }
    expect(BigInt(all.sumTotalInvestment.replace('.', ''))).toBe(sum);
    const tiny = (await coordinator.get(`/api/projects?q=${encodeURIComponent('测试戊')}`)).json();
    expect(tiny.sumTotalInvestment).toBe('0.10');
    expect(
      (await coordinator.get(`/api/projects?q=${encodeURIComponent('没有这个项目')}`)).json().sumTotalInvestment,
    ).toBe('0.00');
    const stats = (await coordinator.get('/api/projects/stats')).json();
    const stageCount = stats.byStage.reduce((n: number, r: { count: number }) => n + r.count, 0);
    expect(stageCount).toBe(all.total);
  });
});
