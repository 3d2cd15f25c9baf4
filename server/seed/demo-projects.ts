import { cumulativeEvenSpread, formatWan, type Wan } from '../../domain/common/money.ts';
import { checkAdmission, DEFAULT_ADMISSION_RULES } from '../../domain/projects/admission.ts';
import { computeUsccCheckChar, USCC_CHARSET } from '../../domain/projects/codes.ts';
import { isNewStart } from '../../domain/projects/lifecycle.ts';
import {
  APPROVAL_ITEMS,
  type ApprovalItem,
  assertIsoDate,
  type Category,
  type FundingSource,
  type Level,
  type Stage,
  type SuspendableStage,
} from '../../domain/projects/project.ts';
import type { projects } from '../db/schema/index.ts';
import { makeRng } from './rng.ts';

/**
 * The demo city's project library: ~300 key projects over the six districts and counties and the two parks of 示范市,
 * with names, owners (valid USCCs), codes, approvals, plans, dates and locations consistent with each project's stage.
 * Pure and deterministic: one seeded PRNG, and `today` passed in (the dates are placed relative to it), so the same
 * `today` gives the same rows on every machine. Units and leaders are referred to by their demo keys (demo-data.ts).
 */
export type DemoProject = typeof projects.$inferInsert;

export type DemoAssignment = {
  /** index into `projects` */
  projectIndex: number;
  kind: 'lead_official' | 'team_member' | 'site_commissioner';
  holderType: 'leader' | 'user';
  /** a DEMO_LEADERS key (holderType 'leader') or a DEMO_ACCOUNTS username (holderType 'user') */
  holderKey: string;
};

export type DemoProjectsOptions = {
  /** the business date 'YYYY-MM-DD' the demo is built for; 2024-01-01 or later */
  today: string;
  unitIdByKey: ReadonlyMap<string, string>;
  leaderIdByKey: ReadonlyMap<string, string>;
};

const SEED = 0x1a2b3c4d;

// ── regions ────────────────────────────────────────────────────────────────────────────────────────────────
type Area = 'core' | 'suburb' | 'county' | 'park';

/** A box in degrees (WGS-84): west ≤ longitude ≤ east, south ≤ latitude ≤ north. */
export type GeoBox = { west: number; east: number; south: number; north: number };

type RegionSpec = {
  code: string;
  /** the name as it begins a project name */
  prefix: string;
  /** the registered name of the region's own bodies (城关区, 示范经济技术开发区) */
  longName: string;
  unitKey: string;
  area: Area;
  count: number;
  box: GeoBox;
  /** 片区/街道/乡镇 */
  places: readonly string[];
  roads: readonly string[];
  rivers: readonly string[];
  scenic: readonly string[];
  /** the abbreviation in document numbers (城发改投资〔2025〕12号) */
  docPrefix: string;
};

const REGIONS: readonly RegionSpec[] = [
  {
    code: '990102',
    prefix: '城关区',
    longName: '城关区',
    unitKey: 'gov-chengguan',
    area: 'core',
    count: 40,
    box: { west: 108.9, east: 108.95, south: 34.25, north: 34.3 },
    places: ['东关', '西关', '南关', '北关', '文昌', '太平', '鼓楼', '府学', '钟鼓', '书院'],
    roads: ['建设路', '人民路', '文昌路', '解放路', '鼓楼街', '东关正街', '府学巷', '太平路'],
    rivers: ['护城河', '龙渠'],
    scenic: ['古城墙', '鼓楼'],
    docPrefix: '城',
  },
  {
    code: '990103',
    prefix: '新城区',
    longName: '新城区',
    unitKey: 'gov-xincheng',
    area: 'core',
    count: 38,
    box: { west: 108.95, east: 109.0, south: 34.25, north: 34.3 },
    places: ['长乐', '新华', '胜利', '幸福', '朝阳', '东风', '团结', '和平', '安东', '万寿'],
    roads: ['长乐路', '朝阳大道', '新华路', '幸福路', '东二环', '胜利街', '万寿路', '团结南路'],
    rivers: ['幸福渠', '东郊水系'],
    scenic: ['长乐坡', '万寿园'],
    docPrefix: '新',
  },
  {
    code: '990104',
    prefix: '河东区',
    longName: '河东区',
    unitKey: 'gov-hedong',
    area: 'suburb',
    count: 38,
    box: { west: 109.0, east: 109.05, south: 34.28, north: 34.33 },
    places: ['东滩', '临河', '鹿鸣', '柳岸', '东湖', '新桥', '白沙', '望川', '灞原', '槐荫'],
    roads: ['滨河东路', '东湖大道', '鹿鸣路', '临河路', '新桥路', '白沙路', '望川大道', '柳岸街'],
    rivers: ['玉川河', '白鹭河', '东湖'],
    scenic: ['东湖', '鹿鸣原', '玉川河'],
    docPrefix: '河东',
  },
  {
    code: '990105',
    prefix: '河西区',
    longName: '河西区',
    unitKey: 'gov-hexi',
    area: 'suburb',
    count: 36,
    box: { west: 108.85, east: 108.9, south: 34.25, north: 34.3 },
    places: ['西滩', '凤栖', '枫林', '沙坡', '文景', '槐里', '西苑', '金桥', '丰邑', '三桥'],
    roads: ['滨河西路', '凤栖路', '枫林大道', '文景路', '金桥路', '沙坡路', '槐里大街', '西苑路'],
    rivers: ['玉川河', '沣溪', '凤栖湖'],
    scenic: ['凤栖湖', '沙坡', '枫林'],
    docPrefix: '河西',
  },
  {
    code: '990121',
    prefix: '临山县',
    longName: '临山县',
    unitKey: 'gov-linshan',
    area: 'county',
    count: 36,
    box: { west: 108.8, east: 108.85, south: 34.35, north: 34.4 },
    places: ['石门', '黄柏', '云雾', '松岭', '青峰', '岔口', '大峪', '桃园', '龙潭', '石坪'],
    roads: ['石门大道', '青峰路', '松岭路', '县城环路', '桃园路', '迎宾大道'],
    rivers: ['石门河', '松溪', '黄柏河'],
    scenic: ['云雾山', '石门峡', '青峰山', '龙潭'],
    docPrefix: '临',
  },
  {
    code: '990122',
    prefix: '平川县',
    longName: '平川县',
    unitKey: 'gov-pingchuan',
    area: 'county',
    count: 34,
    box: { west: 109.05, east: 109.1, south: 34.18, north: 34.23 },
    places: ['柳林', '大王', '平安', '新丰', '马坊', '张家堡', '河湾', '孙庄', '吕村', '宁远'],
    roads: ['柳林大道', '平安路', '新丰路', '县城北环路', '宁远路', '河湾路'],
    rivers: ['柳河', '金沙河', '平川湖'],
    scenic: ['平川湖', '河湾', '柳林'],
    docPrefix: '平',
  },
  {
    code: '990171',
    prefix: '示范经开区',
    longName: '示范经济技术开发区',
    unitKey: 'park-etdz',
    area: 'park',
    count: 40,
    box: { west: 108.93, east: 108.98, south: 34.32, north: 34.37 },
    places: ['北辰', '启明', '汇智', '创业', '永丰', '兴业', '北湖', '瑞泽', '泰和', '广运'],
    roads: ['经一路', '经二路', '经五路', '纬三路', '纬六路', '北辰大道', '启明路', '兴业路', '永丰路'],
    rivers: ['北湖', '广运渠'],
    scenic: ['北湖'],
    docPrefix: '示经开',
  },
  {
    code: '990172',
    prefix: '示范高新区',
    longName: '示范高新技术产业开发区',
    unitKey: 'park-hitech',
    area: 'park',
    count: 38,
    box: { west: 108.86, east: 108.91, south: 34.19, north: 34.24 },
    places: ['云谷', '科汇', '丰瑞', '星河', '数智', '南湖', '启航', '睿城', '锦业', '创新港'],
    roads: ['科技一路', '科技三路', '科技六路', '云谷大道', '星河路', '数智路', '丰瑞路', '锦业二路'],
    rivers: ['南湖', '云谷河'],
    scenic: ['南湖'],
    docPrefix: '示高新',
  },
];

/** The box every demo project of a region lies in (6-decimal coordinates strictly inside). */
export const DEMO_PROJECT_BOXES: Readonly<Record<string, GeoBox>> = Object.fromEntries(
  REGIONS.map((r) => [r.code, r.box]),
);

/** The park regions of 示范市 and how their project names begin. */
export const DEMO_PARKS: Readonly<Record<string, string>> = Object.fromEntries(
  REGIONS.filter((r) => r.area === 'park').map((r) => [r.code, r.prefix]),
);

const CATEGORY_WEIGHTS: Record<Area, Record<Category, number>> = {
  core: {
    urban: 26,
    livelihood: 22,
    infrastructure: 14,
    industry: 12,
    culture_tourism: 12,
    ecology: 6,
    other: 8,
  },
  suburb: {
    industry: 26,
    urban: 18,
    infrastructure: 17,
    livelihood: 16,
    culture_tourism: 8,
    ecology: 9,
    other: 6,
  },
  county: {
    industry: 29,
    ecology: 20,
    infrastructure: 17,
    livelihood: 13,
    culture_tourism: 13,
    urban: 8,
    other: 0,
  },
  park: {
    industry: 72,
    infrastructure: 12,
    urban: 5,
    ecology: 5,
    livelihood: 4,
    culture_tourism: 0,
    other: 2,
  },
};

// ── templates ──────────────────────────────────────────────────────────────────────────────────────────────
type SoeKind = 'urban' | 'transport' | 'water' | 'culture' | 'rural' | 'state';
type Owner =
  | { kind: 'enterprise'; field: string }
  | { kind: 'soe'; field: SoeKind }
  /** authority 1: type '1' 机关, type '2' 事业单位; in a park, the park committee */
  | { kind: 'agency'; name: string; type: '1' | '2' };

type Template = {
  category: Category;
  areas: readonly Area[];
  /** placeholders: {n} {brand} {place} {place2} {road} {river} {scenic} {ord} (第几, 2–49 or 2–9 in a county), {few} (2–6), {avenue} (a road fit for an expressway) */
  core: string;
  /** GB/T 4754-2017 class */
  industry: string;
  /** total investment in 万元, [low, high] */
  range: readonly [number, number];
  owners: readonly Owner[];
  n?: readonly number[];
  suffixes?: readonly string[];
  /** the city department that answers for some of these projects */
  dept?: string;
  /** an industry project that always reports energy use (others do half the time) */
  energy?: boolean;
  /** 核准 rather than 备案 for enterprise projects */
  ratified?: boolean;
  tags?: readonly string[];
  weight?: number;
};

const ent = (field: string): Owner => ({ kind: 'enterprise', field });
const soe = (field: SoeKind): Owner => ({ kind: 'soe', field });
const agency = (name: string, type: '1' | '2' = '1'): Owner => ({ kind: 'agency', name, type });

const ALL: readonly Area[] = ['core', 'suburb', 'county', 'park'];

const DEFAULT_SUFFIXES: Record<Category, readonly string[]> = {
  industry: ['项目', '项目', '项目', '一期项目', '二期项目', '一期'],
  infrastructure: ['工程', '工程', '建设工程', '项目', '一期工程'],
  urban: ['项目', '项目', '工程'],
  livelihood: ['建设项目', '项目', '工程'],
  culture_tourism: ['项目', '建设项目', '一期项目'],
  ecology: ['项目', '工程', '建设项目'],
  other: ['项目', '建设项目'],
};

const TEMPLATES: readonly Template[] = [
  // 产业
  {
    category: 'industry',
    areas: ['park'],
    core: '年产{n}GWh锂离子动力电池',
    n: [5, 10, 20, 30],
    industry: 'C3841',
    range: [200000, 800000],
    owners: [ent('新能源科技'), ent('储能科技')],
    energy: true,
    tags: ['新能源汽车产业链'],
  },
  {
    category: 'industry',
    areas: ['park', 'county'],
    core: '年产{n}万吨新能源电池材料',
    n: [2, 3, 5, 10, 20],
    industry: 'C3985',
    range: [50000, 400000],
    owners: [ent('新材料科技'), ent('锂电材料')],
    energy: true,
    tags: ['新能源汽车产业链'],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb'],
    core: '年产{n}万套新能源汽车零部件',
    n: [10, 20, 30, 50, 100],
    industry: 'C3670',
    range: [20000, 150000],
    owners: [ent('汽车零部件'), ent('汽车科技')],
    tags: ['新能源汽车产业链'],
  },
  {
    category: 'industry',
    areas: ['park'],
    core: '{brand}新能源汽车整车制造基地',
    industry: 'C3612',
    range: [300000, 800000],
    owners: [ent('汽车')],
    ratified: true,
    energy: true,
    tags: ['新能源汽车产业链'],
    weight: 0.5,
  },
  {
    category: 'industry',
    areas: ['park'],
    core: '{n}英寸晶圆先进封装测试',
    n: [8, 12],
    industry: 'C3973',
    range: [100000, 600000],
    owners: [ent('半导体'), ent('微电子')],
    energy: true,
    tags: ['集成电路产业链'],
  },
  {
    category: 'industry',
    areas: ['park'],
    core: '{brand}功率半导体器件产业化',
    industry: 'C3972',
    range: [50000, 300000],
    owners: [ent('半导体')],
    tags: ['集成电路产业链'],
  },
  {
    category: 'industry',
    areas: ['park', 'county'],
    core: '年产{n}GW高效光伏组件',
    n: [2, 3, 5, 10],
    industry: 'C3825',
    range: [50000, 300000],
    owners: [ent('光伏科技'), ent('新能源')],
    energy: true,
    tags: ['光伏产业链'],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb'],
    core: '{brand}智能传感器产业园',
    industry: 'C3983',
    range: [30000, 150000],
    owners: [ent('智能传感'), ent('电子科技')],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb'],
    core: '{brand}工业机器人及智能装备制造基地',
    industry: 'C3491',
    range: [20000, 120000],
    owners: [ent('智能装备'), ent('机器人')],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb', 'county'],
    core: '年产{n}台高端数控机床',
    n: [500, 1000, 2000, 3000],
    industry: 'C3421',
    range: [20000, 100000],
    owners: [ent('精密机械'), ent('机床')],
  },
  {
    category: 'industry',
    areas: ['park'],
    core: '{brand}生物医药产业园',
    industry: 'C2761',
    range: [30000, 200000],
    owners: [ent('生物医药'), ent('生物科技')],
    tags: ['生物医药产业链'],
  },
  {
    category: 'industry',
    areas: ['park'],
    core: '{brand}创新药研发生产基地',
    industry: 'C2710',
    range: [20000, 150000],
    owners: [ent('制药'), ent('药业')],
    tags: ['生物医药产业链'],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb'],
    core: '{brand}高端医疗器械产业园',
    industry: 'C3581',
    range: [20000, 100000],
    owners: [ent('医疗器械'), ent('医疗科技')],
    tags: ['生物医药产业链'],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb'],
    core: '年产{n}万平方米高精密电路板',
    n: [50, 100, 150, 200],
    industry: 'C3982',
    range: [20000, 120000],
    owners: [ent('电子科技')],
  },
  {
    category: 'industry',
    areas: ['county', 'suburb', 'park'],
    core: '年产{n}万立方米装配式建筑构件',
    n: [10, 15, 20, 30],
    industry: 'C3022',
    range: [10000, 60000],
    owners: [ent('建材科技'), ent('绿色建材')],
    energy: true,
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '年产{n}万吨果蔬汁饮料',
    n: [3, 5, 8, 10],
    industry: 'C1523',
    range: [5000, 40000],
    owners: [ent('果业'), ent('食品')],
    tags: ['乡村振兴'],
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '年屠宰{n}万头生猪及肉制品深加工',
    n: [30, 50, 100],
    industry: 'C1351',
    range: [8000, 60000],
    owners: [ent('食品'), ent('肉业')],
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '年产{n}万吨乳制品',
    n: [5, 10, 20],
    industry: 'C1441',
    range: [10000, 80000],
    owners: [ent('乳业')],
    energy: true,
  },
  {
    category: 'industry',
    areas: ['county', 'suburb'],
    core: '{place}农产品冷链物流园',
    industry: 'G5930',
    range: [5000, 50000],
    owners: [ent('冷链物流'), ent('农产品物流')],
    tags: ['乡村振兴'],
  },
  {
    category: 'industry',
    areas: ['suburb', 'county', 'park'],
    core: '{place}智慧物流园',
    industry: 'G5920',
    range: [10000, 150000],
    owners: [ent('供应链管理'), ent('物流')],
    suffixes: ['项目', '一期', '二期项目', '一期项目'],
  },
  {
    category: 'industry',
    areas: ['park', 'suburb', 'core'],
    core: '{brand}大数据中心',
    industry: 'I6450',
    range: [50000, 300000],
    owners: [ent('数据科技'), ent('云计算')],
    energy: true,
    dept: 'drc',
    tags: ['新基建'],
  },
  {
    category: 'industry',
    areas: ['park', 'core'],
    core: '{place}软件和信息技术服务产业园',
    industry: 'I6513',
    range: [20000, 120000],
    owners: [ent('软件'), ent('信息技术'), soe('state')],
    tags: ['数字经济'],
  },
  {
    category: 'industry',
    areas: ['park', 'core', 'suburb'],
    core: '{place}科技企业孵化基地',
    industry: 'M7590',
    range: [10000, 60000],
    owners: [ent('科创服务'), soe('state')],
    tags: ['科技创新'],
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '{place}{n}兆瓦集中式光伏发电',
    n: [50, 100, 200],
    industry: 'D4416',
    range: [20000, 100000],
    owners: [ent('新能源'), ent('光伏发电')],
    ratified: true,
    dept: 'drc',
    tags: ['新能源'],
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '{place}{n}兆瓦风电',
    n: [50, 100, 150],
    industry: 'D4415',
    range: [40000, 120000],
    owners: [ent('风力发电'), ent('新能源')],
    ratified: true,
    dept: 'drc',
    tags: ['新能源'],
  },
  {
    category: 'industry',
    areas: ['park'],
    core: '{place}天然气分布式能源站',
    industry: 'D4430',
    range: [10000, 60000],
    owners: [ent('综合能源服务')],
    energy: true,
    dept: 'drc',
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '{place}现代农业产业园',
    industry: 'A0141',
    range: [5000, 50000],
    owners: [ent('农业发展'), soe('rural')],
    tags: ['乡村振兴'],
  },
  {
    category: 'industry',
    areas: ['county'],
    core: '{place}食用菌工厂化生产基地',
    industry: 'A0142',
    range: [3000, 20000],
    owners: [ent('农业科技')],
    tags: ['乡村振兴'],
  },
  // 基础设施
  {
    category: 'infrastructure',
    areas: ALL,
    core: '{road}道路及配套管网',
    industry: 'E4813',
    range: [3000, 60000],
    owners: [soe('urban')],
    dept: 'housing',
    suffixes: ['工程', '建设工程', '新建工程'],
    weight: 1.5,
  },
  {
    category: 'infrastructure',
    areas: ['core', 'suburb'],
    core: '{road}改扩建',
    industry: 'E4813',
    range: [3000, 40000],
    owners: [soe('urban'), soe('transport')],
    dept: 'transport',
    suffixes: ['工程'],
  },
  {
    category: 'infrastructure',
    areas: ['county'],
    core: '{place}至{place2}一级公路',
    industry: 'E4812',
    range: [20000, 150000],
    owners: [soe('transport')],
    dept: 'transport',
    suffixes: ['工程', '建设项目'],
  },
  {
    category: 'infrastructure',
    areas: ['suburb', 'county'],
    core: '{river}{place}大桥',
    industry: 'E4819',
    range: [20000, 150000],
    owners: [soe('transport')],
    dept: 'transport',
    suffixes: ['工程', '建设工程'],
  },
  {
    category: 'infrastructure',
    areas: ['core', 'suburb'],
    core: '{avenue}快速化改造',
    industry: 'E4813',
    range: [100000, 500000],
    owners: [soe('transport')],
    dept: 'transport',
    suffixes: ['工程', '一期工程'],
    weight: 0.6,
  },
  {
    category: 'infrastructure',
    areas: ['core', 'suburb', 'park'],
    core: '{place}片区地下综合管廊',
    industry: 'E4853',
    range: [30000, 200000],
    owners: [soe('urban')],
    dept: 'housing',
    suffixes: ['项目', '一期工程'],
  },
  {
    category: 'infrastructure',
    areas: ALL,
    core: '{place}污水处理厂提标改造及扩容',
    industry: 'D4620',
    range: [5000, 40000],
    owners: [soe('water')],
    dept: 'water',
  },
  {
    category: 'infrastructure',
    areas: ['suburb', 'county', 'park'],
    core: '第{few}水厂及配套管网',
    industry: 'D4610',
    range: [20000, 100000],
    owners: [soe('water')],
    dept: 'water',
    suffixes: ['工程', '建设工程'],
  },
  {
    category: 'infrastructure',
    areas: ['county', 'park'],
    core: '{place}天然气管网',
    industry: 'D4511',
    range: [5000, 30000],
    owners: [ent('燃气'), soe('state')],
    suffixes: ['工程', '建设工程'],
  },
  {
    category: 'infrastructure',
    areas: ALL,
    core: '{place}110千伏输变电',
    industry: 'D4420',
    range: [5000, 30000],
    owners: [ent('电力')],
    dept: 'drc',
    ratified: true,
    suffixes: ['工程'],
  },
  {
    category: 'infrastructure',
    areas: ALL,
    core: '5G基站及通信管网',
    industry: 'I6312',
    range: [5000, 30000],
    owners: [ent('通信'), ent('信息网络')],
    tags: ['新基建'],
    weight: 0.6,
  },
  {
    category: 'infrastructure',
    areas: ['core', 'suburb', 'county'],
    core: '{place}公交枢纽站',
    industry: 'G5441',
    range: [5000, 30000],
    owners: [soe('transport')],
    dept: 'transport',
  },
  {
    category: 'infrastructure',
    areas: ['core', 'suburb', 'park'],
    core: '新能源汽车充换电基础设施',
    industry: 'D4420',
    range: [3000, 20000],
    owners: [ent('充电科技'), soe('state')],
    tags: ['新基建'],
    weight: 0.6,
  },
  {
    category: 'infrastructure',
    areas: ['county'],
    core: '{river}灌区续建配套与节水改造',
    industry: 'E4822',
    range: [10000, 60000],
    owners: [soe('water'), agency('水利局')],
    dept: 'water',
  },
  {
    category: 'infrastructure',
    areas: ['county'],
    core: '城乡供水一体化',
    industry: 'D4610',
    range: [10000, 60000],
    owners: [soe('water')],
    dept: 'water',
    suffixes: ['工程', '一期工程', '二期工程'],
  },
  // 城市建设
  {
    category: 'urban',
    areas: ['core', 'suburb', 'county'],
    core: '{place}片区老旧小区改造',
    industry: 'E4790',
    range: [2000, 30000],
    owners: [soe('urban')],
    dept: 'housing',
    tags: ['民生实事'],
    weight: 2,
  },
  {
    category: 'urban',
    areas: ['core', 'suburb'],
    core: '{place}城中村改造',
    industry: 'K7010',
    range: [20000, 300000],
    owners: [soe('urban'), ent('置业')],
    dept: 'housing',
  },
  {
    category: 'urban',
    areas: ['core', 'suburb', 'park'],
    core: '{place}保障性租赁住房',
    industry: 'E4710',
    range: [10000, 80000],
    owners: [soe('urban')],
    dept: 'housing',
    tags: ['民生实事'],
  },
  {
    category: 'urban',
    areas: ['suburb', 'county'],
    core: '{place}安置房',
    industry: 'E4710',
    range: [20000, 150000],
    owners: [soe('urban')],
    dept: 'housing',
    suffixes: ['项目', '建设项目', '二期项目'],
  },
  {
    category: 'urban',
    areas: ['core', 'suburb'],
    core: '{place}片区城市更新',
    industry: 'K7010',
    range: [50000, 400000],
    owners: [soe('urban'), soe('state')],
  },
  {
    category: 'urban',
    areas: ['core'],
    core: '{place}背街小巷提升改造',
    industry: 'N7830',
    range: [600, 8000],
    owners: [soe('urban')],
    suffixes: ['工程', '项目'],
  },
  {
    category: 'urban',
    areas: ['core', 'suburb', 'county'],
    core: '海绵城市建设',
    industry: 'N7810',
    range: [10000, 80000],
    owners: [soe('urban')],
    dept: 'housing',
    suffixes: ['项目', '一期项目', '二期项目'],
  },
  {
    category: 'urban',
    areas: ['core', 'county', 'park'],
    core: '智慧城市运营管理中心',
    industry: 'I6531',
    range: [5000, 40000],
    owners: [soe('state'), ent('数字科技')],
    tags: ['新基建'],
  },
  {
    category: 'urban',
    areas: ['core', 'suburb'],
    core: '{place}口袋公园',
    industry: 'N7850',
    range: [500, 3000],
    owners: [soe('urban')],
    suffixes: ['建设项目', '工程'],
  },
  {
    category: 'urban',
    areas: ['core', 'suburb', 'county'],
    core: '{place}集中供热管网改造',
    industry: 'D4430',
    range: [5000, 40000],
    owners: [soe('urban'), ent('热力')],
    dept: 'housing',
    suffixes: ['工程', '项目'],
  },
  {
    category: 'urban',
    areas: ['core', 'suburb'],
    core: '{place}智能立体停车场',
    industry: 'E4790',
    range: [2000, 15000],
    owners: [ent('停车管理'), soe('urban')],
  },
  {
    category: 'urban',
    areas: ['county'],
    core: '县城{place}新区基础设施配套',
    industry: 'E4813',
    range: [20000, 100000],
    owners: [soe('urban')],
    suffixes: ['工程', '项目'],
  },
  // 社会民生
  {
    category: 'livelihood',
    areas: ALL,
    core: '第{ord}中学',
    industry: 'P8331',
    range: [8000, 40000],
    owners: [agency('教育局'), soe('urban'), soe('urban')],
    dept: 'education',
    suffixes: ['新建项目', '迁建项目', '改扩建工程'],
  },
  {
    category: 'livelihood',
    areas: ALL,
    core: '{place}小学',
    industry: 'P8321',
    range: [5000, 25000],
    owners: [agency('教育局'), soe('urban')],
    dept: 'education',
    suffixes: ['新建项目', '改扩建项目'],
  },
  {
    category: 'livelihood',
    areas: ['core', 'suburb', 'park'],
    core: '{place}幼儿园',
    industry: 'P8310',
    range: [1000, 6000],
    owners: [agency('教育局'), soe('urban')],
    dept: 'education',
    suffixes: ['新建项目', '建设项目'],
  },
  {
    category: 'livelihood',
    areas: ['core', 'county'],
    core: '职业教育实训基地',
    industry: 'P8333',
    range: [5000, 30000],
    owners: [agency('职业教育中心', '2'), soe('state')],
    dept: 'education',
    weight: 0.5,
  },
  {
    category: 'livelihood',
    areas: ['core', 'suburb', 'county'],
    core: '人民医院新院区',
    industry: 'Q8411',
    range: [30000, 200000],
    owners: [agency('人民医院', '2'), soe('state')],
    dept: 'health',
    suffixes: ['建设项目', '一期工程'],
    weight: 0.6,
  },
  {
    category: 'livelihood',
    areas: ['core', 'suburb', 'county'],
    core: '中医医院综合楼',
    industry: 'Q8412',
    range: [8000, 40000],
    owners: [agency('中医医院', '2'), soe('urban')],
    dept: 'health',
    weight: 0.6,
  },
  {
    category: 'livelihood',
    areas: ['core', 'suburb', 'county'],
    core: '妇幼保健院迁建',
    industry: 'Q8433',
    range: [8000, 40000],
    owners: [agency('妇幼保健院', '2'), soe('urban')],
    dept: 'health',
    suffixes: ['项目', '工程'],
    weight: 0.5,
  },
  {
    category: 'livelihood',
    areas: ['core', 'suburb', 'county'],
    core: '疾病预防控制中心业务楼',
    industry: 'Q8431',
    range: [3000, 15000],
    owners: [agency('疾病预防控制中心', '2')],
    dept: 'health',
    weight: 0.4,
  },
  {
    category: 'livelihood',
    areas: ALL,
    core: '{place}养老服务综合体',
    industry: 'Q8514',
    range: [3000, 20000],
    owners: [soe('urban'), ent('康养'), agency('民政局')],
    tags: ['民生实事'],
  },
  {
    category: 'livelihood',
    areas: ['core', 'suburb', 'county'],
    core: '全民健身中心',
    industry: 'R8921',
    range: [5000, 30000],
    owners: [soe('culture'), agency('文化和旅游体育局')],
    dept: 'culture',
    weight: 0.5,
  },
  {
    category: 'livelihood',
    areas: ['county'],
    core: '{place}农村供水保障',
    industry: 'D4610',
    range: [3000, 20000],
    owners: [agency('水利局'), soe('water')],
    dept: 'water',
    suffixes: ['工程'],
    tags: ['民生实事'],
  },
  // 文化旅游
  {
    category: 'culture_tourism',
    areas: ['county', 'suburb'],
    core: '{scenic}文化旅游区',
    industry: 'N7869',
    range: [20000, 200000],
    owners: [soe('culture'), ent('文化旅游开发')],
    dept: 'culture',
  },
  {
    category: 'culture_tourism',
    areas: ['core'],
    core: '博物馆新馆',
    industry: 'R8850',
    range: [10000, 60000],
    owners: [agency('文化和旅游体育局'), soe('culture')],
    dept: 'culture',
    weight: 0.6,
  },
  {
    category: 'culture_tourism',
    areas: ['suburb', 'county'],
    core: '图书馆文化馆',
    industry: 'R8831',
    range: [5000, 30000],
    owners: [agency('文化和旅游体育局'), soe('culture')],
    dept: 'culture',
    weight: 0.5,
  },
  {
    category: 'culture_tourism',
    areas: ['county'],
    core: '{place}古镇保护与开发',
    industry: 'N7861',
    range: [20000, 150000],
    owners: [soe('culture')],
  },
  {
    category: 'culture_tourism',
    areas: ['county'],
    core: '{place}田园综合体',
    industry: 'N7869',
    range: [10000, 60000],
    owners: [ent('农旅发展'), soe('rural')],
    tags: ['乡村振兴'],
  },
  {
    category: 'culture_tourism',
    areas: ['core'],
    core: '{place}非遗文化街区',
    industry: 'R8840',
    range: [5000, 40000],
    owners: [soe('culture')],
  },
  {
    category: 'culture_tourism',
    areas: ['county'],
    core: '{scenic}温泉康养度假区',
    industry: 'H6110',
    range: [30000, 200000],
    owners: [ent('旅游开发')],
  },
  {
    category: 'culture_tourism',
    areas: ['core', 'suburb'],
    core: '{place}夜间文旅消费街区',
    industry: 'N7869',
    range: [5000, 30000],
    owners: [ent('商业管理'), soe('culture')],
    tags: ['促消费'],
  },
  // 生态环保
  {
    category: 'ecology',
    areas: ['county'],
    core: '{place}高标准农田建设',
    industry: 'A0513',
    range: [2000, 20000],
    owners: [agency('农业农村局'), soe('rural')],
    tags: ['乡村振兴'],
    weight: 1.5,
  },
  {
    category: 'ecology',
    areas: ['core', 'suburb', 'county'],
    core: '{river}综合治理',
    industry: 'E4822',
    range: [5000, 80000],
    owners: [soe('water')],
    dept: 'water',
    suffixes: ['工程', '项目', '二期工程'],
  },
  {
    category: 'ecology',
    areas: ['suburb', 'county'],
    core: '{river}湿地公园',
    industry: 'N7711',
    range: [5000, 40000],
    owners: [soe('urban'), soe('culture')],
  },
  {
    category: 'ecology',
    areas: ['county', 'suburb'],
    core: '生活垃圾焚烧发电',
    industry: 'D4417',
    range: [20000, 100000],
    owners: [ent('环保能源')],
    ratified: true,
    suffixes: ['项目', '二期项目'],
    weight: 0.5,
  },
  {
    category: 'ecology',
    areas: ['core', 'suburb', 'park'],
    core: '餐厨垃圾资源化处理',
    industry: 'N7723',
    range: [3000, 20000],
    owners: [ent('环保科技')],
    weight: 0.6,
  },
  {
    category: 'ecology',
    areas: ['county'],
    core: '{scenic}矿山生态修复',
    industry: 'E4863',
    range: [5000, 50000],
    owners: [soe('rural')],
  },
  {
    category: 'ecology',
    areas: ['county'],
    core: '{place}农村人居环境整治提升',
    industry: 'N7820',
    range: [2000, 15000],
    owners: [agency('农业农村局'), soe('rural')],
    tags: ['乡村振兴'],
  },
  {
    category: 'ecology',
    areas: ['county'],
    core: '{river}水系连通及水美乡村建设',
    industry: 'E4822',
    range: [5000, 30000],
    owners: [soe('water')],
    dept: 'water',
    tags: ['乡村振兴'],
  },
  {
    category: 'ecology',
    areas: ['park'],
    core: '工业固废综合利用',
    industry: 'N7723',
    range: [10000, 60000],
    owners: [ent('环保科技')],
  },
  {
    category: 'ecology',
    areas: ['park'],
    core: '{place}园区污水处理厂',
    industry: 'D4620',
    range: [5000, 30000],
    owners: [soe('water'), soe('urban')],
  },
  // 其他
  {
    category: 'other',
    areas: ['core', 'park'],
    core: '{brand}总部大厦',
    industry: 'L7211',
    range: [20000, 150000],
    owners: [ent('置业'), ent('控股')],
    tags: ['总部经济'],
  },
  {
    category: 'other',
    areas: ['core', 'suburb'],
    core: '{place}商业综合体',
    industry: 'F5211',
    range: [20000, 200000],
    owners: [ent('商业管理'), ent('置业')],
    tags: ['促消费'],
  },
  {
    category: 'other',
    areas: ['core', 'suburb'],
    core: '{place}国际酒店',
    industry: 'H6110',
    range: [10000, 80000],
    owners: [ent('酒店管理')],
  },
];

const SOE_NAMES: Record<SoeKind, string> = {
  urban: '城市建设投资发展有限公司',
  transport: '交通建设投资有限公司',
  water: '水务投资发展有限公司',
  culture: '文化旅游发展集团有限公司',
  rural: '乡村振兴投资发展有限公司',
  state: '国有资本投资运营集团有限公司',
};
const PARK_SOE_NAMES: Record<SoeKind, string> = { ...SOE_NAMES, urban: '开发建设集团有限公司' };

const BRANDS: readonly string[] = (
  '瑞丰 恒泰 鼎盛 宏达 锦程 新元 长河 天玺 博睿 汇通 金鼎 远航 盛景 同创 启航 宇辰 弘毅 嘉禾 聚能 凯瑞 ' +
  '澜图 泓源 峰岳 星驰 云帆 清越 丰泽 禾润 耀华 景辉 晨光 润邦 德信 恒远 致远 华拓 沐阳 睿达 欣荣 正元'
).split(' ');

// ── dates (day numbers since 1970-01-01, UTC arithmetic only) ──────────────────────────────────────────────
const DAY_MS = 86_400_000;
const dayOf = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** months since year 0: year*12 + (month-1) */
const monthIndexOf = (day: number): number => {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const firstDayOfMonth = (mi: number): number => Date.UTC(Math.floor(mi / 12), mi % 12, 1) / DAY_MS;
const yymm = (mi: number): string =>
  `${String(Math.floor(mi / 12) % 100).padStart(2, '0')}${String((mi % 12) + 1).padStart(2, '0')}`;

/** The earliest code time segment (2301) and the earliest actual start (a code comes at least a month before). */
const CODE_MIN_MONTH = 2023 * 12;
const START_MIN_DAY = dayOf('2023-02-01');

// ── money and decimals ─────────────────────────────────────────────────────────────────────────────────────
const wan = (yuanTenThousands: number): Wan => BigInt(Math.round(yuanTenThousands)) * 100n;
const clampBig = (v: bigint, lo: bigint, hi: bigint): bigint => (v < lo ? lo : v > hi ? hi : v);
/** v × permille / 1000, rounded down to whole 万元 when that stays at or above `floor` */
const share = (v: Wan, permille: number, floor: Wan): Wan => {
  const exact = (v * BigInt(permille)) / 1000n;
  const whole = exact - (exact % 100n);
  return whole >= floor && whole > 0n ? whole : exact;
};
const micro = (deg: number): number => Math.round(deg * 1_000_000);
const formatMicro = (v: number): string => `${Math.floor(v / 1_000_000)}.${String(v % 1_000_000).padStart(6, '0')}`;

const CN_DIGITS = '零一二三四五六七八九';
const cnNumber = (n: number): string => {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
};

// ── the generator ──────────────────────────────────────────────────────────────────────────────────────────
type Draft = {
  region: RegionSpec;
  template: Template;
  name: string;
  ownerName: string;
  ownerUscc: string;
  ownerKind: Owner['kind'];
  fundingSource: FundingSource;
  unitKey: string;
  total: Wan;
  landArea: bigint | null;
  output: Wan | null;
  tax: Wan | null;
  energy: bigint | null;
  longitude: string;
  latitude: string;
  tags: Set<string>;
};

type Approvals = NonNullable<DemoProject['approvals']>;

const STAGE_SHARES: readonly (readonly [Stage, number])[] = [
  ['pipeline', 0.15],
  ['preparation', 0.2],
  ['completed', 0.1],
  ['operating', 0.05],
  ['suspended', 0.03],
  ['withdrawn', 0.02],
];

const LEAD_BY_CATEGORY: Record<Category, string> = {
  industry: 'vice-industry',
  infrastructure: 'vice-urban',
  urban: 'vice-urban',
  livelihood: 'vice-social',
  culture_tourism: 'vice-social',
  ecology: 'vice-rural',
  other: 'exec-vice',
};

/** Stages from which a project has a lead official (包抓领导); withdrawn projects have had theirs ended. */
const LED_STAGES: readonly Stage[] = ['preparation', 'under_construction', 'completed', 'operating', 'suspended'];

export function demoProjects(opts: DemoProjectsOptions): { projects: DemoProject[]; assignments: DemoAssignment[] } {
  assertIsoDate('today', opts.today);
  if (opts.today < '2024-01-01') throw new RangeError('the demo projects need a today of 2024-01-01 or later');
  const rng = makeRng(SEED);
  const today = dayOf(opts.today);
  const year = Number(opts.today.slice(0, 4));
  const todayMonth = monthIndexOf(today);
  const codeMaxMonth = todayMonth - 1;

  const unitId = (key: string): string => {
    const id = opts.unitIdByKey.get(key);
    if (!id) throw new Error(`demo projects: no unit with key ${key}`);
    return id;
  };
  const leader = (key: string): string => {
    if (!opts.leaderIdByKey.has(key)) throw new Error(`demo projects: no leader with key ${key}`);
    return key;
  };

  // owners: one USCC per name, registered in the region of its project
  const owners = new Map<string, { uscc: string; region: string }>();
  const usccs = new Set<string>();
  const newUscc = (authority: string, type: string, region: string, body: () => string): string => {
    for (;;) {
      const first17 = `${authority}${type}${region}${body()}`;
      const uscc = `${first17}${computeUsccCheckChar(first17)}`;
      if (!usccs.has(uscc)) {
        usccs.add(uscc);
        return uscc;
      }
    }
  };
  const chars = (n: number, set: string) => Array.from({ length: n }, () => set[rng.int(0, set.length - 1)]).join('');
  const enterpriseBody = () =>
    rng.chance(0.7) ? `MA${chars(7, USCC_CHARSET)}` : `${chars(8, '0123456789')}${chars(1, USCC_CHARSET)}`;
  const agencyBody = () => `0${chars(7, '0123456789')}${chars(1, USCC_CHARSET)}`;

  /** The owner's name and USCC, or null when that name is already registered in another region. */
  const ownerOf = (
    o: Owner,
    region: RegionSpec,
    brand: string,
    large: boolean,
  ): { name: string; uscc: string } | null => {
    let name: string;
    let authority = '9';
    let type = '1';
    if (o.kind === 'enterprise') {
      name = rng.weighted([
        [`示范${brand}${o.field}有限公司`, 4],
        [`${brand}${o.field}（示范）有限公司`, 4],
        [`${region.prefix}${brand}${o.field}有限公司`, 2],
        [`${brand}${o.field}${large ? '股份' : ''}有限公司`, 2],
      ] as const);
    } else if (o.kind === 'soe') {
      name = `${region.prefix}${(region.area === 'park' ? PARK_SOE_NAMES : SOE_NAMES)[o.field]}`;
    } else {
      authority = '1';
      type = region.area === 'park' ? '1' : o.type;
      name = region.area === 'park' ? `${region.longName}管理委员会` : `${region.longName}${o.name}`;
    }
    const known = owners.get(name);
    if (known) return known.region === region.code ? { name, uscc: known.uscc } : null;
    const uscc = newUscc(authority, type, region.code, o.kind === 'agency' ? agencyBody : enterpriseBody);
    owners.set(name, { uscc, region: region.code });
    return { name, uscc };
  };

  const amountIn = ([lo, hi]: readonly [number, number]): Wan => {
    const u = rng.next();
    const v = lo + (hi - lo) * u * u;
    const step = v >= 10000 ? 100 : v >= 1000 ? 10 : 1;
    const whole = wan(Math.round(v / step) * step);
    return rng.chance(0.2) ? whole + BigInt(rng.int(1, 99)) : whole;
  };

  // 1. what each project is: region, kind, name, owner, size, place
  // the phases named so far per region + core: 一期 and 二期 are two projects, a name without a phase stands alone
  const phases = new Map<string, Set<string>>();
  const drafts: Draft[] = [];
  for (const region of REGIONS) {
    const box = region.box;
    // each use of a template in a region makes it less likely there, so a district is not ten parks
    const used = new Map<Template, number>();
    for (let i = 0; i < region.count; i++) {
      const category = rng.weighted(Object.entries(CATEGORY_WEIGHTS[region.area]) as [Category, number][]) as Category;
      const fitting = TEMPLATES.filter((t) => t.category === category && t.areas.includes(region.area));
      if (fitting.length === 0) throw new Error(`demo projects: no template for ${category} in ${region.area}`);
      let draft: Draft | null = null;
      for (let attempt = 0; attempt < 200 && !draft; attempt++) {
        const template = rng.weighted(fitting.map((t) => [t, (t.weight ?? 1) / (1 + 2 * (used.get(t) ?? 0))] as const));
        const brand = rng.pick(BRANDS);
        const total = amountIn(template.range);
        const chosen = rng.pick(template.owners);
        const owner = ownerOf(chosen, region, brand, total >= 100000n * 100n);
        if (!owner) continue;
        const [place, place2] = rng.shuffle(region.places);
        const values: Record<string, string> = {
          n: String(rng.pick(template.n ?? [1])),
          brand,
          place: place!,
          place2: place2!,
          road: rng.pick(region.roads),
          avenue: rng.pick(region.roads.filter((r) => /(大道|环路|二环|[^街巷]路)$/.test(r))),
          river: rng.pick(region.rivers),
          scenic: rng.pick(region.scenic),
          ord: cnNumber(rng.int(2, region.area === 'county' ? 9 : 49)),
          few: cnNumber(rng.int(2, 6)),
        };
        const core = template.core.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
        const picked = rng.pick(template.suffixes ?? DEFAULT_SUFFIXES[category]);
        const suffix = core.endsWith('建设') && picked.startsWith('建设') ? picked.slice(2) : picked;
        const phase = /[一二三四五]期/.exec(suffix)?.[0] ?? '';
        const named = phases.get(`${region.prefix}${core}`) ?? new Set<string>();
        if (named.has(phase) || (named.size > 0 && (phase === '' || named.has('')))) continue;
        phases.set(`${region.prefix}${core}`, named.add(phase));
        used.set(template, (used.get(template) ?? 0) + 1);
        const name = `${region.prefix}${core}${suffix}`;

        const kind = chosen.kind;
        const fundingSource: FundingSource =
          kind === 'agency'
            ? 'government'
            : kind === 'soe'
              ? rng.weighted([
                  ['government', 5],
                  ['joint', 3.5],
                  ['social', 1.5],
                ] as const)
              : rng.chance(0.88)
                ? 'social'
                : 'joint';
        const unitKey = template.dept && region.area !== 'park' && rng.chance(0.35) ? template.dept : region.unitKey;

        let landArea: bigint | null = null;
        let output: Wan | null = null;
        let tax: Wan | null = null;
        let energy: bigint | null = null;
        if (category === 'industry') {
          const raw = total / BigInt(rng.int(150, 900));
          landArea = clampBig(rng.chance(0.3) ? raw : raw - (raw % 100n), 2000n, 50000n);
          output = share(total, rng.int(800, 2500), 100n);
          tax = share(output, rng.int(30, 90), 100n);
          // 吨标煤/年: 0.005–0.04 吨标煤 per 万元 of output
          if (template.energy || rng.chance(0.5)) energy = (output * BigInt(rng.int(50, 400))) / 10000n;
        }

        const lon = micro(box.west) + rng.int(1000, micro(box.east) - micro(box.west) - 1000);
        const lat = micro(box.south) + rng.int(1000, micro(box.north) - micro(box.south) - 1000);
        draft = {
          region,
          template,
          name,
          ownerName: owner.name,
          ownerUscc: owner.uscc,
          ownerKind: kind,
          fundingSource,
          unitKey,
          total,
          landArea,
          output,
          tax,
          energy,
          longitude: formatMicro(lon),
          latitude: formatMicro(lat),
          tags: new Set(template.tags ?? []),
        };
      }
      if (!draft) throw new Error(`demo projects: could not name a ${category} project in ${region.prefix}`);
      drafts.push(draft);
    }
  }

  // 2. stages: exact shares, operating only for industry, the rest shuffled
  const n = drafts.length;
  const stageOf: (Stage | null)[] = new Array(n).fill(null);
  const counts = new Map(STAGE_SHARES.map(([s, f]) => [s, Math.round(n * f)]));
  const industry = rng.shuffle(
    drafts.map((d, i) => (d.template.category === 'industry' ? i : -1)).filter((i) => i >= 0),
  );
  for (const i of industry.slice(0, counts.get('operating')!)) stageOf[i] = 'operating';
  const rest = rng.shuffle(stageOf.map((s, i) => (s === null ? i : -1)).filter((i) => i >= 0));
  let k = 0;
  for (const [stage] of STAGE_SHARES) {
    if (stage === 'operating') continue;
    for (let c = 0; c < counts.get(stage)!; c++) stageOf[rest[k++]!] = stage;
  }
  for (; k < rest.length; k++) stageOf[rest[k]!] = 'under_construction';

  // 3. per stage: code, approvals, dates, plans
  const codes = new Set<string>();
  const newCode = (d: Draft, month: number): string => {
    const sector = d.template.industry.slice(1, 3);
    const type = d.fundingSource !== 'social' ? '01' : d.template.ratified ? '02' : '03';
    for (;;) {
      const code = `${yymm(month)}-${d.region.code}-${sector}-${type}-${String(rng.int(0, 999999)).padStart(6, '0')}`;
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const docNo = (d: Draft, item: ApprovalItem, day: number, code: string): string => {
    const y = isoOf(day).slice(0, 4);
    const serial = rng.int(1, 260);
    const r = d.region.code;
    switch (item) {
      case 'project_approval':
        if (d.fundingSource === 'social') {
          return d.template.ratified ? `示发改能源〔${y}〕${serial}号` : code;
        }
        return `${d.region.docPrefix}发改投资〔${y}〕${serial}号`;
      case 'land_pre_review':
        return `用字第${r}${y}${String(serial).padStart(5, '0')}号`;
      case 'land_planning':
        return `地字第${r}${y}${String(serial).padStart(5, '0')}号`;
      case 'engineering_planning':
        return `建字第${r}${y}${String(serial).padStart(5, '0')}号`;
      case 'environmental':
        return `示环批复〔${y}〕${serial}号`;
      case 'energy_review':
        return `示发改环资〔${y}〕${serial}号`;
      case 'construction_permit':
        return `${r}${isoOf(day).replaceAll('-', '')}${String(rng.int(1, 9999)).padStart(4, '0')}`;
    }
  };
  /** `done` items (a prefix of the applicable ones, in order) with sorted dates in [from, to] */
  const approvalsOf = (d: Draft, done: number, from: number, to: number, code: string): Approvals => {
    const items = APPROVAL_ITEMS.filter((item) => item !== 'energy_review' || d.energy !== null);
    const days = Array.from({ length: done }, () => rng.int(from, to)).sort((a, b) => a - b);
    const out: Approvals = {};
    items.forEach((item, i) => {
      const day = days[i];
      out[item] =
        day === undefined
          ? { done: false, date: null, docNo: null }
          : { done: true, date: isoOf(day), docNo: docNo(d, item, day, code) };
    });
    return out;
  };
  const applicable = (d: Draft) => (d.energy === null ? APPROVAL_ITEMS.length - 1 : APPROVAL_ITEMS.length);
  /** planned construction time in days, by size */
  const duration = (d: Draft): number => {
    const w = Number(d.total / 100n);
    const months = w < 10000 ? rng.int(8, 18) : w < 100000 ? rng.int(15, 36) : rng.int(24, 48);
    return months * 30 + rng.int(0, 25);
  };
  const batchOf = (day: number): string => {
    const iso = isoOf(day);
    const m = Number(iso.slice(5, 7));
    const season = m <= 4 ? '春季' : m <= 6 ? '二季度' : m <= 10 ? '秋季' : '冬季';
    return `${iso.slice(0, 4)}年${season}集中开工`;
  };

  const out: DemoProject[] = drafts.map((d, i) => {
    const stage = stageOf[i]!;
    // the stage the row's facts are built for; suspended and withdrawn keep those of the stage they left
    const basis: Stage =
      stage === 'suspended'
        ? rng.chance(0.55)
          ? 'under_construction'
          : 'preparation'
        : stage === 'withdrawn'
          ? rng.chance(0.65)
            ? 'pipeline'
            : 'preparation'
          : stage;
    let projectCode: string | null = null;
    let approvals: Approvals = {};
    let plannedStart: number;
    let plannedCompletion: number;
    let actualStart: number | null = null;
    let actualCompletion: number | null = null;
    let batch: string | null = null;
    let planPermille: readonly [number, number];

    if (basis === 'pipeline') {
      if (rng.chance(0.3)) projectCode = newCode(d, rng.int(Math.max(CODE_MIN_MONTH, todayMonth - 9), codeMaxMonth));
      plannedStart = today + rng.int(60, 720);
      plannedCompletion = plannedStart + duration(d);
      planPermille = [110, 200];
    } else if (basis === 'preparation') {
      const month = rng.int(Math.max(CODE_MIN_MONTH, todayMonth - 18), codeMaxMonth);
      projectCode = newCode(d, month);
      const codeDay = firstDayOfMonth(month) + rng.int(0, 27);
      const all = applicable(d);
      let done = rng.chance(0.15) ? 0 : rng.int(1, all - 1);
      if (done === all - 1 && rng.chance(0.4)) done = all; // ready to start: the permit is in hand
      approvals = approvalsOf(d, done, codeDay, today - 1, projectCode);
      plannedStart = rng.chance(0.15) ? today - rng.int(10, 90) : today + rng.int(15, 300);
      plannedCompletion = plannedStart + duration(d);
      if (isoOf(plannedStart).startsWith(String(year)) && plannedStart > today && rng.chance(0.25)) {
        batch = batchOf(plannedStart);
      }
      planPermille = [110, 300];
    } else {
      // under construction, completed or operating: started, with the code a month or more before the start
      if (basis === 'under_construction') {
        // 新开工 grow over the year: about 10% of those under construction in January, 40% from May on
        const elapsed = today - dayOf(`${year}-01-01`);
        const newThisYear = elapsed > 0 && rng.chance(0.1 + 0.3 * Math.min(1, elapsed / 120));
        actualStart = newThisYear
          ? rng.int(dayOf(`${year}-01-01`), today - 1)
          : rng.int(Math.max(START_MIN_DAY, dayOf(`${year - 3}-01-01`)), dayOf(`${year - 1}-12-31`));
      } else if (basis === 'completed') {
        actualStart = rng.int(START_MIN_DAY, Math.max(START_MIN_DAY, today - 400));
        actualCompletion = rng.int(Math.min(actualStart + 180, today - 1), today - 1);
      } else {
        actualStart = rng.int(START_MIN_DAY, Math.max(START_MIN_DAY, today - 500));
        actualCompletion = rng.int(Math.min(actualStart + 180, today - 60), today - 60);
      }
      if (actualCompletion !== null && actualCompletion <= actualStart) actualCompletion = actualStart + 1;
      const startMonth = monthIndexOf(actualStart);
      const month = rng.int(Math.max(CODE_MIN_MONTH, startMonth - 18), startMonth - 1);
      projectCode = newCode(d, month);
      const codeDay = firstDayOfMonth(month) + rng.int(0, 27);
      approvals = approvalsOf(d, applicable(d), codeDay, actualStart - 1, projectCode);
      plannedStart = actualStart + rng.int(-45, 20);
      plannedCompletion = actualCompletion === null ? plannedStart + duration(d) : actualCompletion + rng.int(-60, 45);
      if (plannedCompletion <= plannedStart + 90) plannedCompletion = plannedStart + 90 + rng.int(0, 60);
      if (rng.chance(isNewStart(isoOf(actualStart), opts.today) ? 0.3 : 0.06)) batch = batchOf(actualStart);
      planPermille = basis === 'under_construction' ? [250, 590] : basis === 'completed' ? [110, 300] : [110, 150];
    }
    if (stage === 'suspended' || stage === 'withdrawn') planPermille = [110, 200];

    // 年度计划: 11%–59% of the total before rounding down to whole 万元 (kept only while it stays ≥ 10%)
    const annual = share(d.total, rng.int(planPermille[0], planPermille[1]), (d.total + 9n) / 10n);
    const environmentalAssessment = basis === 'pipeline' ? rng.chance(0.7) : true;
    const row: DemoProject = {
      name: d.name,
      projectCode,
      ownerName: d.ownerName,
      ownerUscc: d.ownerUscc,
      regionCode: d.region.code,
      responsibleUnitId: unitId(d.unitKey),
      level: 'district',
      category: d.template.category,
      industry: d.template.industry,
      fundingSource: d.fundingSource,
      totalInvestment: formatWan(d.total),
      annualPlan: formatWan(annual),
      planYear: year,
      monthlyPlan: cumulativeEvenSpread(annual, 12).map(formatWan),
      plannedStartDate: isoOf(plannedStart),
      plannedCompletionDate: isoOf(plannedCompletion),
      actualStartDate: actualStart === null ? null : isoOf(actualStart),
      actualCompletionDate: actualCompletion === null ? null : isoOf(actualCompletion),
      newStart: actualStart === null ? null : isNewStart(isoOf(actualStart), opts.today),
      landArea: d.landArea === null ? null : formatWan(d.landArea),
      expectedAnnualOutput: d.output === null ? null : formatWan(d.output),
      expectedAnnualTax: d.tax === null ? null : formatWan(d.tax),
      energyUse: d.energy === null ? null : formatWan(d.energy),
      longitude: d.longitude,
      latitude: d.latitude,
      groundbreakingBatch: batch,
      tags: [],
      environmentalAssessment,
      obsoleteCapacity: false,
      overcapacity: false,
      highEnergyHighEmission: false,
      approvals,
      stage,
      suspendedFrom: stage === 'suspended' ? (basis as SuspendableStage) : null,
      admissionFailures: [],
    };
    const admission = checkAdmission(
      {
        stage,
        suspendedFrom: null,
        hasValidProjectCode: projectCode !== null,
        approvalsDone: Object.entries(approvals)
          .filter(([, a]) => a.done)
          .map(([item]) => item as ApprovalItem),
        plannedStartDate: row.plannedStartDate ?? null,
        plannedCompletionDate: row.plannedCompletionDate ?? null,
        actualStartDate: row.actualStartDate ?? null,
        actualCompletionDate: row.actualCompletionDate ?? null,
        totalInvestment: d.total,
        annualPlan: annual,
        landArea: d.landArea,
        expectedAnnualTax: d.tax,
        expectedAnnualOutput: d.output,
        energyUse: d.energy,
        environmentalAssessment,
        obsoleteCapacity: false,
        overcapacity: false,
        highEnergyHighEmission: false,
      },
      DEFAULT_ADMISSION_RULES,
    );
    row.admissionFailures = admission.failed;
    return row;
  });

  // 4. level and tags, by size and kind
  const byTotal = drafts
    .map((_, i) => i)
    .sort((a, b) => {
      const ta = drafts[a]!.total;
      const tb = drafts[b]!.total;
      return tb > ta ? 1 : tb < ta ? -1 : a - b;
    });
  const tenBig = byTotal.filter((i) => ['preparation', 'under_construction'].includes(out[i]!.stage!)).slice(0, 10);
  drafts.forEach((d, i) => {
    const w = Number(d.total / 100n);
    const level: Level =
      w >= 250000
        ? rng.chance(0.6)
          ? 'national'
          : 'provincial'
        : w >= 100000
          ? rng.chance(0.45)
            ? 'provincial'
            : 'municipal'
          : w >= 20000
            ? rng.weighted([
                ['provincial', 0.06],
                ['municipal', 0.6],
                ['district', 0.34],
              ] as const)
            : rng.chance(0.3)
              ? 'municipal'
              : 'district';
    const row = out[i]!;
    row.level = level;
    const tags = d.tags;
    if (level === 'national') tags.add('国家重大项目');
    if (level === 'provincial') tags.add('省重点');
    if (tenBig.includes(i)) tags.add('十大工程');
    if (d.template.category === 'industry' && d.ownerKind === 'enterprise' && rng.chance(0.55)) tags.add('招商引资');
    if (d.fundingSource !== 'social' && row.stage !== 'pipeline' && rng.chance(0.25)) tags.add('专项债');
    if (d.template.category === 'livelihood' && rng.chance(0.5)) tags.add('民生实事');
    row.tags = [...tags];
  });

  // 5. who answers for it: lead official, the "1+3" team of the largest, site commissioners
  const assignments: DemoAssignment[] = [];
  const led = byTotal.filter((i) => LED_STAGES.includes(out[i]!.stage as Stage));
  const top10 = new Set(led.slice(0, 10));
  const top40 = new Set(led.slice(0, 40));
  led.forEach((i, rank) => {
    const key = top10.has(i)
      ? rank % 2 === 0
        ? 'mayor'
        : 'exec-vice'
      : LEAD_BY_CATEGORY[drafts[i]!.template.category];
    assignments.push({ projectIndex: i, kind: 'lead_official', holderType: 'leader', holderKey: leader(key) });
  });
  for (const i of led) {
    if (!top40.has(i)) continue;
    const team = ['coordinator'];
    if (drafts[i]!.template.category === 'industry') team.push('dept_staff');
    if (drafts[i]!.region.code === '990102') team.push('district_staff');
    if (team.length < 3 && out[i]!.stage === 'under_construction') team.push('commissioner');
    for (const holderKey of team)
      assignments.push({ projectIndex: i, kind: 'team_member', holderType: 'user', holderKey });
  }
  const building = rng.shuffle(out.map((p, i) => (p.stage === 'under_construction' ? i : -1)).filter((i) => i >= 0));
  for (const i of building.slice(0, Math.round(building.length * 0.6)).sort((a, b) => a - b)) {
    assignments.push({ projectIndex: i, kind: 'site_commissioner', holderType: 'user', holderKey: 'commissioner' });
  }
  assignments.sort((a, b) => a.projectIndex - b.projectIndex);
  return { projects: out, assignments };
}
