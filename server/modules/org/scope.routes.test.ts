import { describe, expect, it } from 'vitest';
import { ENGINES, useTestApp } from '../../test/harness.ts';

/**
 * Scope per role, table-driven: every demo role × objects inside and outside its scope. Outside scope means
 * 404 for the object, absent from the list, and not counted in the total.
 */
type Obj = { kind: 'unit' | 'user'; name: string };

const UNITS = {
  ownCityDept: { kind: 'unit', name: '示范市工业和信息化局' },
  districtGov: { kind: 'unit', name: '城关区人民政府' },
  otherDistrictDept: { kind: 'unit', name: '新城区发展和改革局' },
  otherCity: { kind: 'unit', name: '东川市发展和改革委员会' },
} satisfies Record<string, Obj>;

const USERS = {
  deptStaff: { kind: 'user', name: 'dept_staff' }, // 市工信局
  districtStaff: { kind: 'user', name: 'district_staff' }, // 城关区人民政府
  enterprise: { kind: 'user', name: 'enterprise' }, // an enterprise registered in 城关区
  coordinator: { kind: 'user', name: 'coordinator' }, // 市项目办
  otherCityUser: { kind: 'user', name: 'dongchuan_staff' }, // created below in 东川市
} satisfies Record<string, Obj>;

// role → which objects it sees (everything else must be invisible)
const SEES: Record<string, (keyof typeof UNITS | keyof typeof USERS)[]> = {
  admin: [
    'ownCityDept',
    'districtGov',
    'otherDistrictDept',
    'otherCity',
    'deptStaff',
    'districtStaff',
    'enterprise',
    'coordinator',
    'otherCityUser',
  ],
  coordinator: [
    'ownCityDept',
    'districtGov',
    'otherDistrictDept',
    'deptStaff',
    'districtStaff',
    'enterprise',
    'coordinator',
  ],
  supervisor: [
    'ownCityDept',
    'districtGov',
    'otherDistrictDept',
    'deptStaff',
    'districtStaff',
    'enterprise',
    'coordinator',
  ],
  assessor: [
    'ownCityDept',
    'districtGov',
    'otherDistrictDept',
    'deptStaff',
    'districtStaff',
    'enterprise',
    'coordinator',
  ],
  leader: [
    'ownCityDept',
    'districtGov',
    'otherDistrictDept',
    'deptStaff',
    'districtStaff',
    'enterprise',
    'coordinator',
  ],
  statistician: [
    'ownCityDept',
    'districtGov',
    'otherDistrictDept',
    'deptStaff',
    'districtStaff',
    'enterprise',
    'coordinator',
  ],
  // a district government's staff: units of the own city (directory), people of the own district only
  district_staff: ['ownCityDept', 'districtGov', 'otherDistrictDept', 'districtStaff', 'enterprise'],
  // a department's staff: units of the own city, people of the own unit only
  dept_staff: ['ownCityDept', 'districtGov', 'otherDistrictDept', 'deptStaff'],
  commissioner: ['ownCityDept', 'districtGov', 'otherDistrictDept', 'coordinator'],
  enterprise: ['ownCityDept', 'districtGov', 'otherDistrictDept', 'enterprise'],
};

describe.each(ENGINES)('scope per role on %s', (engine) => {
  const t = useTestApp(engine);
  const ids: Record<string, string> = {};

  it('prepares a user in another city', async () => {
    const admin = await t.login('admin');
    const res = await admin.post('/api/users', {
      username: 'dongchuan_staff',
      displayName: '东川同事',
      unitId: await t.unitId('东川市发展和改革委员会'),
      roles: ['unit_staff'],
    });
    expect(res.statusCode).toBe(201);
    for (const [key, o] of Object.entries({ ...UNITS, ...USERS })) {
      ids[key] = o.kind === 'unit' ? await t.unitId(o.name) : await t.userId(o.name);
    }
  });

  describe.each(Object.entries(SEES))('%s', (username, visible) => {
    it.each(Object.entries({ ...UNITS, ...USERS }))(
      '%s: detail, list and count agree with the scope',
      async (key, o) => {
        const c = await t.login(username);
        const expected = visible.includes(key as never);
        const path = o.kind === 'unit' ? 'units' : 'users';
        const detail = await c.get(`/api/${path}/${ids[key]}`);
        expect(detail.statusCode).toBe(expected ? 200 : 404);
        if (!expected) expect(detail.json().error.message).toBe('对象不存在或无权访问');
        const list = await c.get(`/api/${path}?pageSize=200`);
        expect(list.statusCode).toBe(200);
        const listed = list.json().items.map((x: { id: string }) => x.id);
        expect(listed.includes(ids[key])).toBe(expected);
        // a filter that matches exactly this object counts it only when visible
        const q = o.kind === 'unit' ? o.name : o.name;
        const filtered = await c.get(`/api/${path}?q=${encodeURIComponent(q)}`);
        const count = filtered.json().total as number;
        expect(count > 0).toBe(expected);
        // and its history is as hidden as the object
        expect((await c.get(`/api/${path}/${ids[key]}/history`)).statusCode).toBe(expected ? 200 : 404);
      },
    );
  });
});
