import type { Role } from '../../domain/auth/roles.ts';
import type { RegionKind } from '../../domain/org/region.ts';
import type { UnitKind } from '../../domain/org/unit.ts';

/**
 * The demo city. Deterministic: the same rows on every machine. The province and its cities are fictional and use
 * the code range 99xxxx, which GB/T 2260 leaves unassigned, so demo rows never collide with real regions loaded
 * later. One province with 11 cities (for benchmarks and peer ranking), one fully populated city 示范市 with six
 * districts and counties and two parks.
 */
export const DEMO_PASSWORD = 'Demo@2026!';
export const DEMO_PROVINCE = '990000';
export const DEMO_CITY = '990100';

type R = { code: string; name: string; kind: RegionKind; parentCode: string | null; sort: number };

const CITIES: [string, string][] = [
  ['990100', '示范市'],
  ['990200', '东川市'],
  ['990300', '西岭市'],
  ['990400', '南浦市'],
  ['990500', '北塬市'],
  ['990600', '青河市'],
  ['990700', '白石市'],
  ['990800', '金川市'],
  ['990900', '云台市'],
  ['991000', '长宁市'],
  ['991100', '丰原示范区'],
];

export const DEMO_REGIONS: R[] = [
  { code: DEMO_PROVINCE, name: '示范省', kind: 'province', parentCode: null, sort: 0 },
  ...CITIES.map(([code, name], i) => ({ code, name, kind: 'city' as const, parentCode: DEMO_PROVINCE, sort: i + 1 })),
  ...(
    [
      ['990102', '城关区', 'district'],
      ['990103', '新城区', 'district'],
      ['990104', '河东区', 'district'],
      ['990105', '河西区', 'district'],
      ['990121', '临山县', 'county'],
      ['990122', '平川县', 'county'],
      ['990171', '示范经济技术开发区', 'park'],
      ['990172', '示范高新技术产业开发区', 'park'],
    ] as const
  ).map(([code, name, kind], i) => ({ code, name, kind, parentCode: DEMO_CITY, sort: i + 1 })),
  { code: '990202', name: '东川区', kind: 'district', parentCode: '990200', sort: 1 },
];

type U = {
  key: string;
  name: string;
  shortName: string | null;
  aliases?: string[];
  kind: UnitKind;
  regionCode: string;
};

const city = (
  key: string,
  name: string,
  shortName: string | null,
  kind: UnitKind = 'department',
  aliases: string[] = [],
): U => ({
  key,
  name,
  shortName,
  aliases,
  kind,
  regionCode: DEMO_CITY,
});

export const DEMO_UNITS: U[] = [
  city('gov-office', '示范市人民政府办公室', '市政府办', 'department', ['市政府办公厅']),
  city('drc', '示范市发展和改革委员会', '市发改委', 'department', ['市发展改革委', '市发展和改革委']),
  city('project-center', '示范市重点项目建设服务中心', '市项目办', 'department', ['市重点办']),
  city('miit', '示范市工业和信息化局', '市工信局'),
  city('finance', '示范市财政局', '市财政局'),
  city('nature', '示范市自然资源和规划局', '市自然资源局', 'department', ['市国土资源局', '市规划局']),
  city('eco', '示范市生态环境局', '市生态环境局', 'department', ['市环保局']),
  city('housing', '示范市住房和城乡建设局', '市住建局'),
  city('transport', '示范市交通运输局', '市交通局'),
  city('water', '示范市水利局', '市水利局'),
  city('agri', '示范市农业农村局', '市农业农村局', 'department', ['市农业局']),
  city('commerce', '示范市商务局', '市商务局'),
  city('culture', '示范市文化和旅游局', '市文旅局'),
  city('health', '示范市卫生健康委员会', '市卫健委'),
  city('emergency', '示范市应急管理局', '市应急局', 'department', ['市安监局']),
  city('market', '示范市市场监督管理局', '市市场监管局'),
  city('stats', '示范市统计局', '市统计局'),
  city('approval', '示范市行政审批服务局', '市审批局'),
  city('education', '示范市教育局', '市教育局'),
  city('science', '示范市科学技术局', '市科技局'),
  city('hr', '示范市人力资源和社会保障局', '市人社局'),
  city('civil', '示范市民政局', '市民政局'),
  city('urban', '示范市城市管理局', '市城管局'),
  city('invest', '示范市投资促进局', '市投促局', 'department', ['市招商局']),
  city('sasac', '示范市人民政府国有资产监督管理委员会', '市国资委'),
  city('audit', '示范市审计局', '市审计局'),
  city('tax', '国家税务总局示范市税务局', '市税务局'),
  city('supervision', '示范市人民政府督查室', '市督查室', 'supervision_office'),
  city('assessment', '示范市考核办公室', '市考核办', 'assessment_office'),
  { key: 'gov-chengguan', name: '城关区人民政府', shortName: '城关区', kind: 'government', regionCode: '990102' },
  { key: 'gov-xincheng', name: '新城区人民政府', shortName: '新城区', kind: 'government', regionCode: '990103' },
  { key: 'gov-hedong', name: '河东区人民政府', shortName: '河东区', kind: 'government', regionCode: '990104' },
  { key: 'gov-hexi', name: '河西区人民政府', shortName: '河西区', kind: 'government', regionCode: '990105' },
  { key: 'gov-linshan', name: '临山县人民政府', shortName: '临山县', kind: 'government', regionCode: '990121' },
  { key: 'gov-pingchuan', name: '平川县人民政府', shortName: '平川县', kind: 'government', regionCode: '990122' },
  {
    key: 'park-etdz',
    name: '示范经济技术开发区管理委员会',
    shortName: '经开区管委会',
    kind: 'park_committee',
    regionCode: '990171',
  },
  {
    key: 'park-hitech',
    name: '示范高新技术产业开发区管理委员会',
    shortName: '高新区管委会',
    kind: 'park_committee',
    regionCode: '990172',
  },
  {
    key: 'chengguan-drc',
    name: '城关区发展和改革局',
    shortName: '城关区发改局',
    kind: 'department',
    regionCode: '990102',
  },
  {
    key: 'xincheng-drc',
    name: '新城区发展和改革局',
    shortName: '新城区发改局',
    kind: 'department',
    regionCode: '990103',
  },
  {
    key: 'ent-construction',
    name: '示范建工集团有限公司',
    shortName: '示范建工',
    kind: 'enterprise',
    regionCode: '990102',
  },
  {
    key: 'ent-energy',
    name: '示范新能源科技有限公司',
    shortName: '示范新能源',
    kind: 'enterprise',
    regionCode: '990171',
  },
  {
    key: 'dongchuan-gov-office',
    name: '东川市人民政府办公室',
    shortName: '东川市政府办',
    kind: 'department',
    regionCode: '990200',
  },
  {
    key: 'dongchuan-drc',
    name: '东川市发展和改革委员会',
    shortName: '东川市发改委',
    kind: 'department',
    regionCode: '990200',
  },
];

type L = { key: string; name: string; title: string; portfolio: string; oversees: string[] };

export const DEMO_LEADERS: L[] = [
  {
    key: 'mayor',
    name: '王建国',
    title: '市长',
    portfolio: '主持市政府全面工作',
    oversees: ['gov-office', 'supervision', 'assessment', 'audit'],
  },
  {
    key: 'exec-vice',
    name: '李明远',
    title: '常务副市长',
    portfolio: '发展改革、重点项目、财政、统计、国资、税务',
    oversees: ['drc', 'project-center', 'finance', 'stats', 'sasac', 'tax'],
  },
  {
    key: 'vice-industry',
    name: '张慧敏',
    title: '副市长',
    portfolio: '工业和信息化、科技、商务、投资促进、市场监管',
    oversees: ['miit', 'science', 'commerce', 'invest', 'market'],
  },
  {
    key: 'vice-urban',
    name: '刘志刚',
    title: '副市长',
    portfolio: '自然资源、住房城乡建设、交通运输、城市管理、行政审批',
    oversees: ['nature', 'housing', 'transport', 'urban', 'approval'],
  },
  {
    key: 'vice-social',
    name: '陈静怡',
    title: '副市长',
    portfolio: '教育、卫生健康、民政、人力资源和社会保障、文化旅游',
    oversees: ['education', 'health', 'civil', 'hr', 'culture'],
  },
  {
    key: 'vice-rural',
    name: '赵东升',
    title: '副市长',
    portfolio: '农业农村、水利、生态环境、应急管理',
    oversees: ['agri', 'water', 'eco', 'emergency'],
  },
];

type A = { username: string; displayName: string; unit: string; roles: Role[]; phone: string; leader?: string };

/** One account per role, all with DEMO_PASSWORD (demo data only). */
export const DEMO_ACCOUNTS: A[] = [
  { username: 'admin', displayName: '系统管理员', unit: 'gov-office', roles: ['admin'], phone: '13800000001' },
  {
    username: 'coordinator',
    displayName: '孙项目',
    unit: 'project-center',
    roles: ['coordinator'],
    phone: '13800000002',
  },
  { username: 'supervisor', displayName: '钱督查', unit: 'supervision', roles: ['supervisor'], phone: '13800000003' },
  { username: 'assessor', displayName: '周考核', unit: 'assessment', roles: ['assessor'], phone: '13800000004' },
  {
    username: 'leader',
    displayName: '李明远',
    unit: 'gov-office',
    roles: ['leader'],
    phone: '13800000005',
    leader: 'exec-vice',
  },
  {
    username: 'district_staff',
    displayName: '吴城关',
    unit: 'gov-chengguan',
    roles: ['unit_staff'],
    phone: '13800000006',
  },
  { username: 'dept_staff', displayName: '郑工信', unit: 'miit', roles: ['unit_staff'], phone: '13800000007' },
  {
    username: 'commissioner',
    displayName: '冯专员',
    unit: 'project-center',
    roles: ['site_commissioner'],
    phone: '13800000008',
  },
  { username: 'statistician', displayName: '陈统计', unit: 'stats', roles: ['statistician'], phone: '13800000009' },
  {
    username: 'enterprise',
    displayName: '褚企业',
    unit: 'ent-construction',
    roles: ['enterprise'],
    phone: '13800000010',
  },
];
