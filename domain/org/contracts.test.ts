import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AssignmentQuery,
  HandoverRequest,
  LeaderCreate,
  RegionCodeParams,
  RegionCreate,
  RegionUpdate,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
  USERNAME_RE,
  UserCreate,
  UserUpdate,
} from './contracts.ts';

const ID_A = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const ID_B = '9b2c1d7e-5a3f-4e8b-8c1d-2e3f4a5b6c7d';

/** The problems a schema finds, as [path, message] pairs; [] when the input is valid. */
function problems(schema: z.ZodType, input: unknown): [string, string][] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('RegionCreate', () => {
  const ok = { code: '990102', name: '测试区', kind: 'district', parentCode: '990100' };

  it('parses a valid region and fills the default sort', () => {
    expect(RegionCreate.parse({ ...ok, name: '  测试区 ' })).toEqual({ ...ok, sort: 0 });
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['a province without a parent', { code: '990000', kind: 'province', parentCode: null }, []],
    ['a name of 50 characters', { name: '区'.repeat(50) }, []],
    ['sort 9999', { sort: 9999 }, []],
    ['5-digit code', { code: '99010' }, [['code', '行政区划代码应为6位数字']]],
    ['code starting with 0', { code: '099010' }, [['code', '行政区划代码应为6位数字']]],
    ['code with a letter', { code: '99010a' }, [['code', '行政区划代码应为6位数字']]],
    ['code missing', { code: undefined }, [['code', '请填写行政区划代码']]],
    ['code a number', { code: 990102 }, [['code', '请填写行政区划代码']]],
    ['parent code malformed', { parentCode: '9901' }, [['parentCode', '行政区划代码应为6位数字']]],
    ['parent code missing (must be null or a code)', { parentCode: undefined }, [['parentCode', '请填写行政区划代码']]],
    ['name blank after trimming', { name: '   ' }, [['name', '请填写名称']]],
    ['name missing', { name: undefined }, [['name', '请填写名称']]],
    ['name of 51 characters', { name: '区'.repeat(51) }, [['name', '名称不能超过50个字符']]],
    ['unknown kind', { kind: 'town' }, [['kind', '请选择区划类型']]],
    ['sort below 0', { sort: -1 }, [['sort', expect.any(String)]]],
    ['sort above 9999', { sort: 10000 }, [['sort', expect.any(String)]]],
  ])('%s', (_name, patch, expected) => {
    expect(problems(RegionCreate, { ...ok, ...patch })).toEqual(expected);
  });
});

describe('RegionUpdate and RegionCodeParams', () => {
  it.each<[string, z.ZodType, unknown, [string, string][]]>([
    ['update: valid', RegionUpdate, { version: 1, name: '新区', sort: 2 }, []],
    ['update: version 0', RegionUpdate, { version: 0, name: '新区', sort: 2 }, [['version', expect.any(String)]]],
    ['update: sort is required', RegionUpdate, { version: 3, name: '新区' }, [['sort', expect.any(String)]]],
    ['params: valid code', RegionCodeParams, { code: '990100' }, []],
    ['params: bad code', RegionCodeParams, { code: 'abc' }, [['code', '行政区划代码应为6位数字']]],
  ])('%s', (_name, schema, input, expected) => {
    expect(problems(schema, input)).toEqual(expected);
  });
});

describe('UnitCreate and UnitUpdate', () => {
  const ok = { name: '市发展和改革委员会', kind: 'department', regionCode: '990100' };

  it('parses a valid unit with its defaults', () => {
    expect(UnitCreate.parse(ok)).toEqual({ ...ok, aliases: [], sort: 0 });
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['short name and aliases', { shortName: '发改委', aliases: ['发展改革委'], parentUnitId: ID_A }, []],
    ['short name null', { shortName: null, parentUnitId: null }, []],
    ['name of 100 characters', { name: '单'.repeat(100) }, []],
    ['name of 101 characters', { name: '单'.repeat(101) }, [['name', '单位名称不能超过100个字符']]],
    ['name blank', { name: ' ' }, [['name', '请填写单位名称']]],
    ['short name of 31 characters', { shortName: '简'.repeat(31) }, [['shortName', '简称不能超过30个字符']]],
    ['unknown kind', { kind: 'company' }, [['kind', '请选择单位类型']]],
    ['kind missing', { kind: undefined }, [['kind', '请选择单位类型']]],
    ['bad region code', { regionCode: '99' }, [['regionCode', '行政区划代码应为6位数字']]],
    ['parent unit not a uuid', { parentUnitId: 'unit-1' }, [['parentUnitId', expect.any(String)]]],
    ['21 aliases', { aliases: Array.from({ length: 21 }, (_, i) => `别名${i}`) }, [['aliases', expect.any(String)]]],
  ])('create: %s', (_name, patch, expected) => {
    expect(problems(UnitCreate, { ...ok, ...patch })).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['valid', { version: 2, active: false }, []],
    ['active missing', { version: 2 }, [['active', expect.any(String)]]],
    ['version missing', { active: true }, [['version', expect.any(String)]]],
  ])('update: %s', (_name, patch, expected) => {
    expect(problems(UnitUpdate, { ...ok, ...patch })).toEqual(expected);
  });

  it('coerces list paging from the query string', () => {
    expect(UnitListQuery.parse({ page: '2', pageSize: '50', q: ' 发改 ', kind: 'government' })).toEqual({
      page: 2,
      pageSize: 50,
      q: '发改',
      kind: 'government',
    });
    expect(UnitListQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(UnitListQuery.safeParse({ pageSize: '201' }).success).toBe(false);
    expect(UnitListQuery.safeParse({ page: '0' }).success).toBe(false);
  });
});

describe('LeaderCreate', () => {
  const ok = { name: '李四', title: '副市长', regionCode: '990100' };

  it('parses a valid leader with its defaults', () => {
    expect(LeaderCreate.parse(ok)).toEqual({ ...ok, portfolio: '', overseesUnitIds: [], sort: 0 });
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['with a user and units', { userId: ID_A, overseesUnitIds: [ID_A, ID_B], portfolio: '发展改革、统计' }, []],
    ['name of 31 characters', { name: '李'.repeat(31) }, [['name', '姓名不能超过30个字符']]],
    ['title missing', { title: undefined }, [['title', '请填写职务']]],
    ['portfolio of 501 characters', { portfolio: '管'.repeat(501) }, [['portfolio', '分管领域不能超过500个字符']]],
    ['unit id not a uuid', { overseesUnitIds: ['x'] }, [['overseesUnitIds.0', expect.any(String)]]],
  ])('%s', (_name, patch, expected) => {
    expect(problems(LeaderCreate, { ...ok, ...patch })).toEqual(expected);
  });
});

describe('UserCreate and UserUpdate', () => {
  const ok = { username: 'zhang.san', displayName: '张三', unitId: ID_A, roles: ['unit_staff'] };

  it('parses a valid user, trimming the user name', () => {
    expect(UserCreate.parse({ ...ok, username: ' zhang.san ', phone: ' 13812345678 ' })).toEqual({
      ...ok,
      phone: '13812345678',
    });
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['several roles', { roles: ['unit_staff', 'leader'] }, []],
    ['a mobile number', { phone: '13812345678' }, []],
    ['a landline with area code and dash', { phone: '0951-1234567' }, []],
    ['a landline without dash, 8 digits', { phone: '01012345678' }, []],
    ['no phone', { phone: null }, []],
    ['a mobile number of 10 digits', { phone: '1381234567' }, [['phone', '电话号码格式不正确']]],
    ['a mobile number of 12 digits', { phone: '138123456789' }, [['phone', '电话号码格式不正确']]],
    ['an empty phone', { phone: '' }, [['phone', '电话号码格式不正确']]],
    ['user name of 2 characters', { username: 'ab' }, [['username', '账号须以字母开头,3-32位字母、数字或_.-']]],
    ['user name starting with a digit', { username: '1abc' }, [['username', '账号须以字母开头,3-32位字母、数字或_.-']]],
    ['user name in Chinese', { username: '张三丰' }, [['username', '账号须以字母开头,3-32位字母、数字或_.-']]],
    ['user name missing', { username: undefined }, [['username', '请填写账号']]],
    ['display name blank', { displayName: '' }, [['displayName', '请填写姓名']]],
    ['unit not chosen', { unitId: '' }, [['unitId', '请选择所属单位']]],
    ['no role', { roles: [] }, [['roles', '至少选择一个角色']]],
    ['unknown role', { roles: ['boss'] }, [['roles.0', '角色不存在']]],
  ])('create: %s', (_name, patch, expected) => {
    expect(problems(UserCreate, { ...ok, ...patch })).toEqual(expected);
  });

  it('does not let an update change the user name', () => {
    const parsed = UserUpdate.parse({ ...ok, version: 1, active: true });
    expect(parsed).not.toHaveProperty('username');
    expect(problems(UserUpdate, { ...ok, version: 1 })).toEqual([['active', expect.any(String)]]);
  });
});

describe('USERNAME_RE', () => {
  it.each([
    ['abc', true],
    [`a${'b'.repeat(31)}`, true],
    [`a${'b'.repeat(32)}`, false],
    ['ab', false],
    ['a_b.c-d9', true],
    ['Zhang', true],
    ['_abc', false],
    ['abc def', false],
    ['abc@x', false],
  ])('%j → %s', (name, expected) => {
    expect(USERNAME_RE.test(name)).toBe(expected);
  });
});

describe('HandoverRequest', () => {
  const ok = { holderType: 'leader', fromId: ID_A, toId: ID_B, reason: '换届调整' };

  it('parses a valid handover, trimming the reason', () => {
    expect(HandoverRequest.parse({ ...ok, reason: ' 换届调整 ' })).toEqual(ok);
  });

  it.each<[string, Record<string, unknown>, [string, string][]]>([
    ['from a unit to another', { holderType: 'unit' }, []],
    ['from a user to another', { holderType: 'user' }, []],
    ['from and to the same', { toId: ID_A }, [['toId', '移交方与接收方不能相同']]],
    [
      'from and to the same, reason blank too',
      { toId: ID_A, reason: ' ' },
      [
        ['reason', '请填写交接原因'],
        ['toId', '移交方与接收方不能相同'],
      ],
    ],
    ['unknown holder type', { holderType: 'project' }, [['holderType', '请选择交接对象类型']]],
    ['from not chosen', { fromId: '' }, [['fromId', '请选择移交方']]],
    ['to not chosen', { toId: undefined }, [['toId', '请选择接收方']]],
    ['reason missing', { reason: undefined }, [['reason', '请填写交接原因']]],
    ['reason of 500 characters', { reason: '因'.repeat(500) }, []],
    ['reason of 501 characters', { reason: '因'.repeat(501) }, [['reason', '交接原因不能超过500个字符']]],
  ])('%s', (_name, patch, expected) => {
    expect(problems(HandoverRequest, { ...ok, ...patch })).toEqual(expected);
  });
});

describe('AssignmentQuery', () => {
  it.each<[unknown, boolean]>([
    [{ holderType: 'user', holderId: ID_A }, true],
    [{ holderType: 'team', holderId: ID_A }, false],
    [{ holderType: 'unit', holderId: 'not-a-uuid' }, false],
    [{ holderType: 'unit' }, false],
  ])('%j → valid: %s', (input, valid) => {
    expect(AssignmentQuery.safeParse(input).success).toBe(valid);
  });
});
