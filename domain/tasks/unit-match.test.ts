import { describe, expect, it } from 'vitest';
import {
  type CarryState,
  carryCell,
  createLeaderMatcher,
  createUnitMatcher,
  newCarry,
  normaliseUnitName,
  readResponsibility,
  splitLeaderNames,
  splitUnitNames,
  type UnitRef,
} from './unit-match.ts';

const u = (
  id: string,
  name: string,
  shortName: string | null,
  aliases: string[] = [],
  kind = 'department',
): UnitRef => ({
  id,
  name,
  shortName,
  aliases,
  kind,
});
const UNITS: UnitRef[] = [
  u('drc', '示范市发展和改革委员会', '市发改委', ['市发展改革委']),
  u('miit', '示范市工业和信息化局', '市工信局'),
  u('finance', '示范市财政局', '市财政局'),
  u('market', '示范市市场监督管理局', '市市场监管局'),
  u('stats', '示范市统计局', '市统计局'),
  u('audit', '示范市审计局', '市审计局'),
  u('nature', '示范市自然资源和规划局', '市自然资源局', ['市国土资源局']),
  u('cg', '城关区人民政府', '城关区', [], 'government'),
  u('xc', '新城区人民政府', '新城区', [], 'government'),
  u('cg-drc', '城关区发展和改革局', '城关区发改局'),
  u('xc-drc', '新城区发展和改革局', '新城区发改局'),
  u('etdz', '示范经济技术开发区管理委员会', '经开区管委会', [], 'park_committee'),
  u('twin-a', '示范市甲局', '市同名局'),
  u('twin-b', '示范市乙局', '市同名局'),
];
const m = createUnitMatcher(UNITS);
const ids = (r: ReturnType<typeof m.match>) => (r.ok ? r.units.map((x) => x.id) : null);

describe('matching a unit name written in a sheet', () => {
  it.each<[string, string[], string]>([
    ['示范市发展和改革委员会', ['drc'], 'name'],
    ['示范市发展和改革委员会 ', ['drc'], 'name'],
    ['市发改委', ['drc'], 'shortName'],
    ['市发展改革委', ['drc'], 'alias'],
    ['市国土资源局', ['nature'], 'alias'],
    ['发展和改革委员会', ['drc'], 'variant'],
    ['市发展和改革委员会', ['drc'], 'variant'],
    ['市工业和信息化局', ['miit'], 'variant'],
    ['工信局', ['miit'], 'variant'],
    ['市场监督管理局', ['market'], 'variant'],
    ['市场监管局', ['market'], 'variant'],
    ['城关区政府', ['cg'], 'variant'],
    ['城关区人民政府', ['cg'], 'name'],
    ['城关区', ['cg'], 'shortName'],
    ['城关区发改局', ['cg-drc'], 'shortName'],
    ['"市发改委"', ['drc'], 'shortName'],
    ['市发改委等', ['drc'], 'shortName'],
    ['各区县政府', ['cg', 'xc'], 'group'],
    ['各区县', ['cg', 'xc'], 'group'],
    ['各开发区管委会', ['etdz'], 'group'],
  ])('%s', (name, expected, via) => {
    const r = m.match(name);
    expect(ids(r)).toEqual(expected);
    expect(r.ok && r.via).toBe(via);
  });

  it('full-width letters and spaces read like half-width', () => {
    expect(normaliseUnitName('　市 发改委\n')).toBe('市发改委');
    expect(ids(m.match('市　发　改　委'))).toEqual(['drc']);
  });

  it('an old name is not matched: the three closest units are suggested, the likely one first', () => {
    const r = m.match('市经信局');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.ambiguous).toBe(false);
    expect(r.suggestions).toHaveLength(3);
    expect(r.suggestions[0]!.id).toBe('miit');
    const dev = m.match('市发展改革局');
    expect(!dev.ok && dev.suggestions[0]!.id).toBe('drc');
  });

  it('a name two units answer to is ambiguous, both offered', () => {
    const r = m.match('市同名局');
    expect(r).toMatchObject({ ok: false, ambiguous: true });
    expect(!r.ok && r.suggestions.map((s) => s.id).sort()).toEqual(['twin-a', 'twin-b']);
    // a district prefix is never dropped: 区发改局 is not 城关区发改局 nor 新城区发改局
    expect(m.match('区发改局').ok).toBe(false);
  });

  it('words that name no unit are vague, not errors', () => {
    for (const v of ['有关部门', '市直有关部门', '各有关单位', '相关单位', '各成员单位']) {
      expect(m.match(v)).toEqual({ ok: true, units: [], via: 'vague' });
    }
  });
});

describe('splitting a cell of units', () => {
  it.each<[string, { name: string; marked: boolean }[], boolean]>([
    [
      '市发改委、市工信局，市财政局',
      [
        { name: '市发改委', marked: false },
        { name: '市工信局', marked: false },
        { name: '市财政局', marked: false },
      ],
      false,
    ],
    [
      '市发改委;市工信局；市财政局 市统计局',
      [
        { name: '市发改委', marked: false },
        { name: '市工信局', marked: false },
        { name: '市财政局', marked: false },
        { name: '市统计局', marked: false },
      ],
      false,
    ],
    [
      '市财政局、市发改委（牵头）',
      [
        { name: '市财政局', marked: false },
        { name: '市发改委', marked: true },
      ],
      false,
    ],
    [
      '市发改委牵头，市财政局配合',
      [
        { name: '市发改委', marked: true },
        { name: '市财政局', marked: false },
      ],
      false,
    ],
    [
      '市发改委、市工信局分别牵头',
      [
        { name: '市发改委', marked: false },
        { name: '市工信局', marked: false },
      ],
      true,
    ],
    ['各县（市、区）政府', [{ name: '各区县政府', marked: false }], false],
    ['市发改委（下同）', [{ name: '市发改委', marked: false }], false],
    ['', [], false],
  ])('%s', (cell, mentions, separately) => {
    expect(splitUnitNames(cell)).toEqual({ mentions, separately });
  });

  it('leaders', () => {
    expect(splitLeaderNames('王建国、李明远，张慧敏')).toEqual(['王建国', '李明远', '张慧敏']);
    expect(splitLeaderNames('李明远（下同）')).toEqual(['李明远']);
    expect(splitLeaderNames(null)).toEqual([]);
  });
});

describe('responsibility rules', () => {
  it.each<[string, Parameters<typeof readResponsibility>[0], ReturnType<typeof readResponsibility>]>([
    [
      'a 牵头单位 column: it leads, 配合单位 are partners',
      { lead: '市发改委', partners: '市工信局、市财政局' },
      { ok: true, lead: '市发改委', partners: ['市工信局', '市财政局'], notes: [] },
    ],
    [
      'no 牵头单位 column: the first 责任单位 leads',
      { responsible: '市发改委、市工信局、市财政局' },
      { ok: true, lead: '市发改委', partners: ['市工信局', '市财政局'], notes: [] },
    ],
    [
      'a marked unit leads wherever it is listed',
      { responsible: '市财政局、市发改委（牵头）' },
      { ok: true, lead: '市发改委', partners: ['市财政局'], notes: [] },
    ],
    [
      'a blank 牵头单位 falls back to 责任单位',
      { lead: '', responsible: '市工信局、市财政局' },
      { ok: true, lead: '市工信局', partners: ['市财政局'], notes: [] },
    ],
    [
      '牵头单位 with 责任单位 beside it: 责任单位 are partners, the lead not repeated',
      { lead: '市发改委', responsible: '市发改委、市统计局' },
      { ok: true, lead: '市发改委', partners: ['市统计局'], notes: [] },
    ],
    [
      'several units in 牵头单位: the first leads, the others partner, with a note',
      { lead: '市发改委、市工信局', partners: '市财政局' },
      {
        ok: true,
        lead: '市发改委',
        partners: ['市工信局', '市财政局'],
        notes: ['牵头单位列有多个单位，按排在第一位的“市发改委”牵头，市工信局作为配合单位'],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(readResponsibility(input)).toEqual(expected);
  });

  it('分别牵头 is a row error asking to split the row', () => {
    const r = readResponsibility({ lead: '市发改委、市工信局分别牵头' });
    expect(r).toMatchObject({ ok: false, column: 'lead' });
    expect(!r.ok && r.reason).toMatch(/“市发改委、市工信局分别牵头”为多个单位分别牵头.*拆分为多行/);
    const two = readResponsibility({ responsible: '市发改委（牵头）、市工信局（牵头）' });
    expect(!two.ok && two.reason).toMatch(/标注了多个牵头单位/);
  });

  it('no lead at all is a row error on the column the sheet has', () => {
    expect(readResponsibility({ lead: '', partners: '市财政局' })).toMatchObject({ ok: false, column: 'lead' });
    expect(readResponsibility({ responsible: '  ' })).toMatchObject({ ok: false, column: 'responsible' });
  });
});

describe('下同 and 同上', () => {
  const run = (cells: (string | null)[]) => {
    const state: CarryState = newCarry();
    return cells.map((c) => {
      const r = carryCell(c, state);
      return r.ok ? r.text : `!${r.reason}`;
    });
  };
  it('下同 carries to the following blank cells until a new value is written', () => {
    expect(run(['市发改委（下同）', '', null, '市工信局', '', '市财政局(下同)', ''])).toEqual([
      '市发改委',
      '市发改委',
      '市发改委',
      '市工信局',
      '',
      '市财政局',
      '市财政局',
    ]);
  });
  it('同上 takes the previous row, and is an error on the first row', () => {
    expect(run(['市发改委', '同上', '（同上）'])).toEqual(['市发改委', '市发改委', '市发改委']);
    expect(run(['同上'])[0]).toMatch(/上一行没有/);
  });
});

describe('matching a leader', () => {
  const leaders = createLeaderMatcher([
    { id: 'mayor', name: '王建国', title: '市长' },
    { id: 'exec', name: '李明远', title: '常务副市长' },
    { id: 'vice', name: '张慧敏', title: '副市长' },
    { id: 'vice2', name: '刘志刚', title: '副市长' },
  ]);
  it.each<[string, string | null]>([
    ['李明远', 'exec'],
    ['李明远常务副市长', 'exec'],
    ['常务副市长李明远', 'exec'],
    ['张慧敏同志', 'vice'],
    ['市长', 'mayor'],
    ['常务副市长', 'exec'],
    ['副市长', null],
    ['李明', null],
  ])('%s', (text, id) => {
    const r = leaders.match(text);
    expect(r.ok ? r.leader.id : null).toBe(id);
  });
  it('suggests the closest leaders for an unknown name', () => {
    const r = leaders.match('李明园');
    expect(!r.ok && r.suggestions[0]!.id).toBe('exec');
  });
});
