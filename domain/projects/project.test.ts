import { describe, expect, it } from 'vitest';
import {
  APPROVAL_ITEM_LABELS,
  APPROVAL_ITEMS,
  assertIsoDate,
  CATEGORIES,
  CATEGORY_LABELS,
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  ISO_DATE_RE,
  LEVEL_LABELS,
  LEVELS,
  STAGE_LABELS,
  STAGES,
  SUSPENDABLE_STAGES,
} from './project.ts';

describe('vocabularies: identifiers, order and Chinese labels', () => {
  it.each<[string, readonly string[], Record<string, { zh: string; en: string }>, [string, string][]]>([
    [
      'stages',
      STAGES,
      STAGE_LABELS,
      [
        ['pipeline', '谋划储备'],
        ['preparation', '前期'],
        ['under_construction', '在建'],
        ['completed', '竣工'],
        ['operating', '投产达产'],
        ['suspended', '暂缓'],
        ['withdrawn', '退库'],
      ],
    ],
    [
      'levels',
      LEVELS,
      LEVEL_LABELS,
      [
        ['national', '国家级'],
        ['provincial', '省级'],
        ['municipal', '市级'],
        ['district', '区县级'],
      ],
    ],
    [
      'categories',
      CATEGORIES,
      CATEGORY_LABELS,
      [
        ['industry', '产业'],
        ['infrastructure', '基础设施'],
        ['livelihood', '社会民生'],
        ['ecology', '生态环保'],
        ['culture_tourism', '文化旅游'],
        ['urban', '城市建设'],
        ['other', '其他'],
      ],
    ],
    [
      'funding sources',
      FUNDING_SOURCES,
      FUNDING_SOURCE_LABELS,
      [
        ['government', '政府投资'],
        ['social', '社会投资'],
        ['joint', '政府和社会资本合作'],
      ],
    ],
    [
      'approvals (前期手续)',
      APPROVAL_ITEMS,
      APPROVAL_ITEM_LABELS,
      [
        ['project_approval', '立项(审批/核准/备案)'],
        ['land_pre_review', '用地预审与选址'],
        ['land_planning', '用地规划许可'],
        ['engineering_planning', '工程规划许可'],
        ['environmental', '环评批复'],
        ['energy_review', '节能审查'],
        ['construction_permit', '施工许可'],
      ],
    ],
  ])('%s', (_name, values, labels, expected) => {
    expect(values.map((v) => [v, labels[v]?.zh])).toEqual(expected);
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const v of values) expect(labels[v]?.en).toMatch(/^[A-Z]/);
  });

  it('only preparation and construction can be suspended', () => {
    expect(SUSPENDABLE_STAGES).toEqual(['preparation', 'under_construction']);
  });
});

describe('business dates', () => {
  it.each([
    ['2026-03-15', true],
    ['2026-01-01', true],
    ['2026-12-31', true],
    ['2024-02-29', true],
    ['2026-3-15', false],
    ['2026-00-10', false],
    ['2026-13-01', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['20260315', false],
    ['2026/03/15', false],
    ['2026-03-15T00:00:00Z', false],
    [' 2026-03-15', false],
    ['', false],
  ])('%j is a business date: %s', (text, ok) => {
    expect(ISO_DATE_RE.test(text)).toBe(ok);
    if (ok) expect(() => assertIsoDate('today', text)).not.toThrow();
    else expect(() => assertIsoDate('today', text)).toThrow(RangeError);
  });
});
