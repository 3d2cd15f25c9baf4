import { describe, expect, it } from 'vitest';
import {
  ancestorOfKind,
  CHILD_KINDS,
  COUNTRY_CODE,
  codeInsideParent,
  codeMatchesKind,
  type FieldProblem,
  REGION_KIND_LABELS,
  REGION_KINDS,
  type RegionKind,
  regionCreateProblems,
  subtreeCodes,
} from './region.ts';

/** A small tree: the country, one province, two cities; the first has a district, a county and a park. */
const TREE: { code: string; parentCode: string | null; kind: RegionKind }[] = [
  { code: '100000', parentCode: null, kind: 'country' },
  { code: '990000', parentCode: '100000', kind: 'province' },
  { code: '990100', parentCode: '990000', kind: 'city' },
  { code: '990102', parentCode: '990100', kind: 'district' },
  { code: '990121', parentCode: '990100', kind: 'county' },
  { code: '990171', parentCode: '990100', kind: 'park' },
  { code: '990200', parentCode: '990000', kind: 'city' },
  { code: '990202', parentCode: '990200', kind: 'district' },
];

describe('codeMatchesKind', () => {
  it.each<[string, RegionKind, boolean]>([
    ['100000', 'country', true],
    ['100000', 'province', false],
    ['100000', 'city', false],
    ['990000', 'country', false],
    ['990000', 'province', true],
    ['990000', 'city', false],
    ['990000', 'district', false],
    ['990100', 'province', false],
    ['990100', 'city', true],
    ['990100', 'district', false],
    ['990100', 'park', false],
    ['990102', 'city', false],
    ['990102', 'district', true],
    ['990121', 'county', true],
    ['990171', 'park', true],
    ['990171', 'city', false],
    ['990171', 'province', false],
    // not a six-digit code with a non-zero first digit
    ['99010', 'city', false],
    ['9901000', 'city', false],
    ['099010', 'district', false],
    ['99a100', 'city', false],
    ['', 'country', false],
  ])('%j as %s → %s', (code, kind, expected) => {
    expect(codeMatchesKind(code, kind)).toBe(expected);
  });
});

describe('codeInsideParent', () => {
  it.each<[string, string, RegionKind, boolean]>([
    ['990000', COUNTRY_CODE, 'country', true],
    ['990100', '990000', 'province', true],
    ['980100', '990000', 'province', false],
    ['990102', '990100', 'city', true],
    ['990171', '990100', 'city', true],
    ['990202', '990100', 'city', false],
    ['980102', '990100', 'city', false],
    // leaves have no children
    ['990102', '990102', 'district', false],
    ['990103', '990121', 'county', false],
    ['990172', '990171', 'park', false],
  ])('%s under %s (%s) → %s', (code, parentCode, parentKind, expected) => {
    expect(codeInsideParent(code, parentCode, parentKind)).toBe(expected);
  });
});

describe('subtreeCodes', () => {
  it.each<[string, string[]]>([
    ['100000', TREE.map((r) => r.code)],
    ['990000', ['990000', '990100', '990102', '990121', '990171', '990200', '990202']],
    ['990100', ['990100', '990102', '990121', '990171']],
    ['990200', ['990200', '990202']],
    ['990102', ['990102']],
    ['880000', ['880000']], // a root not in the tree is still its own subtree
  ])('below %s', (root, expected) => {
    const got = subtreeCodes(root, TREE);
    expect([...got].sort()).toEqual([...expected].sort());
    expect(new Set(got).size).toBe(got.length);
    expect(got[0]).toBe(root);
  });
});

describe('ancestorOfKind', () => {
  it.each<[string, RegionKind, string | null]>([
    ['990102', 'city', '990100'],
    ['990171', 'city', '990100'],
    ['990202', 'city', '990200'],
    ['990100', 'city', '990100'], // the region itself
    ['990102', 'district', '990102'],
    ['990102', 'province', '990000'],
    ['990102', 'country', '100000'],
    ['990000', 'city', null], // a province lies above any city
    ['990102', 'park', null],
    ['880101', 'city', null], // unknown code
  ])('%s → nearest %s: %s', (code, kind, expected) => {
    expect(ancestorOfKind(code, kind, TREE)).toBe(expected);
  });
});

describe('regionCreateProblems', () => {
  type Parent = { code: string; kind: RegionKind };
  const province: Parent = { code: '990000', kind: 'province' };
  const city: Parent = { code: '990100', kind: 'city' };
  const district: Parent = { code: '990102', kind: 'district' };
  const country: Parent = { code: COUNTRY_CODE, kind: 'country' };

  it.each<[string, { code: string; kind: RegionKind; parentCode: string | null }, Parent | null, FieldProblem[]]>([
    ['district under its city', { code: '990103', kind: 'district', parentCode: '990100' }, city, []],
    ['park under its city', { code: '990172', kind: 'park', parentCode: '990100' }, city, []],
    ['county under its city', { code: '990122', kind: 'county', parentCode: '990100' }, city, []],
    ['city under its province', { code: '990300', kind: 'city', parentCode: '990000' }, province, []],
    ['province without a parent', { code: '980000', kind: 'province', parentCode: null }, null, []],
    ['province under the country', { code: '980000', kind: 'province', parentCode: COUNTRY_CODE }, country, []],
    [
      'code does not fit the kind',
      { code: '990100', kind: 'district', parentCode: '990100' },
      city,
      [{ path: 'code', message: '代码990100与区划类型“区”不符' }],
    ],
    [
      'district code outside its city',
      { code: '990201', kind: 'district', parentCode: '990100' },
      city,
      [{ path: 'code', message: '代码990201不在上级区划990100的范围内' }],
    ],
    [
      'city code outside its province',
      { code: '980100', kind: 'city', parentCode: '990000' },
      province,
      [{ path: 'code', message: '代码980100不在上级区划990000的范围内' }],
    ],
    [
      'district directly under a province',
      { code: '990103', kind: 'district', parentCode: '990000' },
      province,
      [{ path: 'kind', message: '“省”下不能设“区”' }],
    ],
    [
      'anything under a district',
      { code: '990103', kind: 'park', parentCode: '990102' },
      district,
      [{ path: 'kind', message: '“区”下不能设“园区”' }],
    ],
    [
      'a second country',
      { code: COUNTRY_CODE, kind: 'country', parentCode: null },
      null,
      [{ path: 'kind', message: '不能新增国家级区划' }],
    ],
    [
      'a country with a wrong code',
      { code: '990000', kind: 'country', parentCode: null },
      null,
      [
        { path: 'code', message: '代码990000与区划类型“国家”不符' },
        { path: 'kind', message: '不能新增国家级区划' },
      ],
    ],
    [
      'city without a parent',
      { code: '990300', kind: 'city', parentCode: null },
      null,
      [{ path: 'parentCode', message: '请选择上级区划' }],
    ],
    [
      'parent that does not exist',
      { code: '990103', kind: 'district', parentCode: '990100' },
      null,
      [{ path: 'parentCode', message: '上级区划不存在' }],
    ],
    [
      'wrong code and missing parent: both reported',
      { code: '990300', kind: 'district', parentCode: null },
      null,
      [
        { path: 'code', message: '代码990300与区划类型“区”不符' },
        { path: 'parentCode', message: '请选择上级区划' },
      ],
    ],
  ])('%s', (_name, input, parent, expected) => {
    expect(regionCreateProblems(input, parent)).toEqual(expected);
  });
});

describe('CHILD_KINDS', () => {
  it.each<[RegionKind, RegionKind[]]>([
    ['country', ['province']],
    ['province', ['city']],
    ['city', ['county', 'district', 'park']],
    ['district', []],
    ['county', []],
    ['park', []],
  ])('under a %s: %j', (kind, children) => {
    expect([...CHILD_KINDS[kind]].sort()).toEqual(children);
    expect(REGION_KIND_LABELS[kind].zh).toMatch(/\p{Script=Han}/u);
  });

  it('covers every kind', () => {
    expect(Object.keys(CHILD_KINDS).sort()).toEqual([...REGION_KINDS].sort());
  });
});
