import { describe, expect, it } from 'vitest';
import type { PeerGroupData } from '../../api/indicators-analysis.ts';
import { defaultRegion, groupOf } from './dashboard-groups.ts';

const group = (id: string, isDefault: boolean, codes: string[], reference: string): PeerGroupData => ({
  id,
  name: id,
  level: isDefault ? 'province' : 'city',
  label: null,
  memberNoun: null,
  displayLabel: id,
  members: codes.map((c) => ({ regionCode: c, regionName: c })),
  referenceRegionCode: reference,
  referenceRegionName: reference,
  isDefault,
  version: 1,
  can: { edit: false },
});
const province = group('province', true, ['990100', '990200', '990300'], '990000');
const districts = group('districts', false, ['990102', '990103', '990104'], '990100');
const groups = [province, districts];

describe('the dashboard’s 对标范围 and region', () => {
  it.each([
    ['a city leader sees the own city among the province’s cities', '990100', '990100'],
    ['a district user sees the own district among the city’s districts', '990103', '990103'],
    ['a department of a county without a group sees its city', '990121', '990100'],
    ['a region of another city without figures sees the default group’s first city', '990500', '990100'],
  ])('%s', (_, own, expected) => expect(defaultRegion(groups, own)).toBe(expected));

  it('in a chosen group: the own region or its city when a member, else the first member', () => {
    expect(defaultRegion(groups, '990104', districts)).toBe('990104');
    expect(defaultRegion(groups, '990100', districts)).toBe('990102');
    expect(defaultRegion(groups, '990102', province)).toBe('990100');
  });

  it('reads a region in the chosen group, else in the group that ranks it, else in the default one', () => {
    expect(groupOf(groups, '990102', 'province')).toBe(province);
    expect(groupOf(groups, '990102')).toBe(districts);
    expect(groupOf(groups, '990100')).toBe(province);
    expect(groupOf(groups, '990171')).toBe(province);
    expect(groupOf([], '990100')).toBeUndefined();
  });
});
