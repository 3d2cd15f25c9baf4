import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import sharp from 'sharp';
import { businessDate } from '../../domain/common/business-date.ts';
import {
  addDays,
  addWorkingDays,
  type CalendarData,
  dayNumber,
  holidayName,
  isWorkingDay,
  OFFICIAL_CALENDAR,
  previousWorkingDay,
} from '../../domain/common/calendar.ts';
import { daysInMonth } from '../../domain/common/date-parse.ts';
import { addWeeks, parseWeekKey, weekKey, weekKeyOf, weekStart, weeksBetween } from '../../domain/common/iso-week.ts';
import { cumulativeEvenSpread, formatWan, parseWan, type Wan } from '../../domain/common/money.ts';
import {
  DEFAULT_ITEM_SETTINGS,
  ESCALATION_LABELS,
  type EscalationLevel,
  escalationLevelFor,
  ITEM_OPEN_STATUSES,
  type ItemCategory,
  type ItemStatus,
  itemDueDate,
  itemOverdueDays,
} from '../../domain/dispatch/items.ts';
import { checkPhoto, type PhotoCheck } from '../../domain/dispatch/photo-check.ts';
import {
  DEFAULT_REPORTING_SCHEDULE,
  type ReportingSchedule,
  reportDeadline,
  reportGraceEnd,
} from '../../domain/dispatch/schedule.ts';
import {
  DEFAULT_WARNING_THRESHOLDS,
  investmentLight,
  type Light,
  scheduleCumulativeFor,
  type WarningThresholds,
} from '../../domain/dispatch/warnings.ts';
import { APPROVAL_ITEMS, type ApprovalItem, type Stage } from '../../domain/projects/project.ts';
import {
  coordinationItemEvents,
  coordinationItems,
  files,
  weeklyReportPhotos,
  weeklyReports,
} from '../db/schema/index.ts';
import type { Tx } from '../platform/db/database.ts';
import type { FileStore } from '../platform/files/file-store.ts';
import { readPhotoFacts, thumbnail } from '../platform/files/images.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './demo-data.ts';
import type { DemoProject } from './demo-projects.ts';
import { makeRng, type Rng, streamRng } from './rng.ts';

/**
 * The demo city's weekly dispatch (周调度) history, so the meeting page is meaningful on first start: every project in
 * a reporting stage reports each ISO week from January (at least 26 weeks back) up to the current week, which is
 * partly reported; site photos on the recent reports; coordination items (协调事项) in every status with their history.
 *
 * The mix is made on purpose: most projects on pace, some yellow, some clearly red; a few 开而未建 (under construction,
 * nothing invested for weeks); a few weeks never reported (some two or more in a row, up to last week); late
 * submissions; returned reports with a reason; photos a reviewer should look at twice (old, far away, no EXIF, the same
 * picture sent again). Every derived fact — on time or late, the light, verified or not, overdue and escalated — is
 * what the domain rules say about the rows written, never a label typed here.
 *
 * `planDemoDispatch` is pure and deterministic (one seeded PRNG per project and per part; `now` a parameter), so the
 * same `now` gives the same plan on every machine; `seedDemoDispatch` draws the photos and writes the rows in bulk
 * through the transaction handle it is given. Amounts are `Wan` (bigint hundredths of 万元) throughout.
 */

const SEED = 0x5eedd15b;
/** at least this many weeks of history, more when the ISO year began earlier */
export const DEMO_HISTORY_WEEKS = 26;
/** rows per INSERT statement */
const BATCH = 2000;

/** An independent stream per part and per project, so one project's history does not shift another's. */
const rngFor = (part: number, i: number) => streamRng(SEED, part, i);

// ── time (Beijing wall clock; day arithmetic through the calendar's day numbers) ───────────────────────────
const MINUTE = 60_000;
/** The instant of `minutes` after midnight, Beijing time, on `date`. */
const bj = (date: string, minutes: number): Date => new Date((dayNumber(date) * 1440 + minutes - 480) * MINUTE);
const minutesOf = (t: Date): number => (((Math.floor(t.getTime() / MINUTE) + 480) % 1440) + 1440) % 1440;
const plusMin = (t: Date, m: number): Date => new Date(t.getTime() + m * MINUTE);
const later = (a: Date, b: Date): Date => (a > b ? a : b);
const earlier = (a: Date, b: Date): Date => (a < b ? a : b);
const monthOfWeek = (week: string): number => Number(addDays(weekStart(week), 3).slice(5, 7));

/** 'YYYY:MM:DD HH:MM:SS' in Beijing time, as a phone in China writes DateTimeOriginal. */
function exifDateTime(t: Date): string {
  const local = new Date(t.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10).replaceAll('-', ':')} ${local.slice(11, 19)}`;
}

type WeekInfo = {
  key: string;
  isoYear: number;
  /** weeks before the current one (0 = the current week) */
  ago: number;
  monday: string;
  sunday: string;
  /** the Sunday before */
  before: string;
  mondayDay: number;
  sundayDay: number;
  /** Monday 07:30, the earliest a report of the week is started */
  open: Date;
  deadline: Date;
  graceEnd: Date;
  /** the week's working days (a make-up Saturday included, holidays not) */
  workdays: string[];
  /** work done in the week relative to a normal one, ‰ (holiday weeks less) */
  workPermille: number;
  /** a holiday that takes most of the week (春节, 国庆节), for the progress text */
  holiday: string | null;
};

function weekInfo(key: string, current: string, schedule: ReportingSchedule, cal: CalendarData): WeekInfo {
  const monday = weekStart(key);
  const days = Array.from({ length: 7 }, (_, k) => addDays(monday, k));
  const workdays = days.filter((d) => isWorkingDay(d, cal));
  const holidays = days.map((d) => holidayName(d, cal)).filter((h): h is string => h !== null);
  return {
    key,
    isoYear: parseWeekKey(key)!.isoYear,
    ago: weeksBetween(key, current),
    monday,
    sunday: days[6]!,
    before: addDays(monday, -1),
    mondayDay: dayNumber(monday),
    sundayDay: dayNumber(monday) + 6,
    open: bj(monday, 7 * 60 + 30),
    deadline: reportDeadline(key, schedule, cal),
    graceEnd: reportGraceEnd(key, schedule, cal),
    workdays,
    workPermille: Math.min(1000, Math.max(150, workdays.length * 200)),
    holiday: workdays.length <= 2 && holidays.length > 0 ? holidays[0]! : null,
  };
}

// ── names ──────────────────────────────────────────────────────────────────────────────────────────────────
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = ['建华', '志强', '海燕', '晓东', '丽娟', '国庆', '伟', '敏', '军', '磊', '静', '洋', '涛', '鹏', '婷'];
const GIVEN2 = ['超', '勇', '霞', '斌', '峰', '文博', '雅琴', '建军', '红梅', '永刚', '小龙', '佳怡', '宏伟', '立新'];
/** a unit reporter without an account: the same name for a project on every week */
const personName = (n: number): string => {
  const s = SURNAMES[n % SURNAMES.length]!;
  const g = n % 3 === 0 ? GIVEN2[(n >>> 2) % GIVEN2.length]! : GIVEN[(n >>> 1) % GIVEN.length]!;
  return `${s}${g}`;
};
const hashOf = (text: string): number => {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
};
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const COMMISSIONER = account('commissioner');
const COORDINATOR = account('coordinator');
const UNIT_ACCOUNT: Record<string, string> = { miit: 'dept_staff', 'gov-chengguan': 'district_staff' };
const unitName = (key: string): string => DEMO_UNITS.find((u) => u.key === key)!.name;
/** the district government or park committee a project's region answers to */
const REGION_UNIT: ReadonlyMap<string, string> = new Map(
  DEMO_UNITS.filter((u) => u.kind === 'government' || u.kind === 'park_committee').map((u) => [u.regionCode, u.key]),
);
/** who in a unit acts on an item: the unit's demo account, else a named member of staff */
function staffOf(unitKey: string): { name: string; username: string | null } {
  const username = UNIT_ACCOUNT[unitKey] ?? null;
  return username ? { name: account(username).displayName, username } : { name: personName(hashOf(unitKey)), username };
}

// ── what a report says: 形象进度 by kind of works ────────────────────────────────────────────────────────────
type Kind =
  | 'building'
  | 'factory'
  | 'road'
  | 'bridge'
  | 'pipe'
  | 'grid'
  | 'solar'
  | 'wind'
  | 'landscape'
  | 'oldtown'
  | 'village'
  | 'street';

function worksKind(name: string, category: string): Kind {
  if (/光伏发电/.test(name)) return 'solar';
  if (/风电/.test(name)) return 'wind';
  if (/输变电/.test(name)) return 'grid';
  if (/大桥|桥梁/.test(name)) return 'bridge';
  if (/道路|大道|路改扩建|正街|基础设施配套/.test(name)) return 'road';
  if (/管廊|管网|水厂|污水|供水|供热|天然气|充换电|基站/.test(name)) return 'pipe';
  if (/城中村/.test(name)) return 'village';
  if (/老旧小区|背街小巷/.test(name)) return 'oldtown';
  if (/街区/.test(name)) return 'street';
  if (/焚烧|资源化|固废/.test(name)) return 'factory';
  if (/湿地|治理|水系|生态修复|公园|农田|人居环境|海绵|农业产业园/.test(name)) return 'landscape';
  if (category === 'industry' && !/大厦|孵化|总部|大数据|软件/.test(name)) return 'factory';
  return 'building';
}

/** Sizes a project's texts count in, fixed per project. */
type Works = {
  kind: Kind;
  floors: number;
  buildings: number;
  piles: number;
  lengthKm: number;
  units: number;
  megawatts: number;
  volume: number;
};

function worksOf(p: DemoProject, rng: Rng): Works {
  const big = (parseWan(p.totalInvestment) ?? 0n) >= 5_000_000n; // ≥ 5 亿元
  const mw = /(\d+)兆瓦/.exec(p.name);
  return {
    kind: worksKind(p.name, p.category),
    floors: big ? rng.int(16, 32) : rng.int(5, 14),
    buildings: big ? rng.int(2, 8) : rng.int(1, 3),
    piles: rng.int(12, 90) * 10,
    lengthKm: rng.int(12, 96) / 10,
    units: rng.int(6, 40),
    megawatts: mw ? Number(mw[1]) : rng.int(5, 20) * 10,
    volume: rng.int(8, 60),
  };
}

type Phase = { upTo: number; text: (q: number, w: Works) => string; enter?: string };
const pct = (q: number) => Math.min(99, Math.max(1, Math.round(q * 100)));
const km = (q: number, total: number) => (Math.max(0.1, q * total) || 0.1).toFixed(1);
const count = (q: number, total: number) => Math.max(1, Math.round(q * total));

const PHASES: Record<Kind, Phase[]> = {
  building: [
    { upTo: 0.07, text: (q) => `基坑土方开挖完成${pct(q)}%` },
    { upTo: 0.16, text: (q, w) => `桩基施工完成${count(q, w.piles)}根(共${w.piles}根)`, enter: '基坑开挖完成' },
    { upTo: 0.22, text: (q) => `基础筏板钢筋绑扎及混凝土浇筑,完成${pct(q)}%` },
    {
      upTo: 0.48,
      text: (q, w) =>
        w.buildings > 1
          ? `${w.buildings}栋单体主体结构施工,最高施工至第${count(q, w.floors)}层`
          : `主体结构施工至第${count(q, w.floors)}层`,
      enter: '基础工程完工',
    },
    { upTo: 0.62, text: (q) => `二次结构砌筑完成${pct(q)}%`, enter: '主体结构封顶' },
    { upTo: 0.8, text: (q) => `外墙保温及门窗安装完成${pct(q)}%,机电安装同步推进` },
    { upTo: 0.95, text: (q) => `室内装修及室外配套工程施工,完成${pct(q)}%`, enter: '进入装饰装修阶段' },
    { upTo: 1, text: () => '收尾工程施工,准备竣工验收' },
  ],
  factory: [
    { upTo: 0.08, text: (q) => `场地平整及土方开挖,完成${pct(q)}%` },
    { upTo: 0.22, text: (q) => `厂房独立基础及地梁施工,完成${pct(q)}%` },
    { upTo: 0.45, text: (q) => `厂房钢结构吊装完成${pct(q)}%`, enter: '钢结构开始吊装' },
    { upTo: 0.58, text: (q) => `屋面及墙面板安装完成${pct(q)}%`, enter: '厂房钢结构封顶' },
    { upTo: 0.82, text: (q) => `生产设备安装完成${pct(q)}%`, enter: '首批生产设备进场' },
    { upTo: 0.95, text: (q) => `设备安装调试,完成${pct(q)}%`, enter: '设备单机调试' },
    { upTo: 1, text: () => '生产线联动调试,准备试生产', enter: '进入联动试车' },
  ],
  road: [
    { upTo: 0.12, text: (q) => `征拆清表及临时便道施工,完成${pct(q)}%` },
    { upTo: 0.4, text: (q, w) => `路基填筑完成${km(q, w.lengthKm)}公里(全长${w.lengthKm}公里)` },
    { upTo: 0.58, text: (q, w) => `雨污水管网铺设完成${count(q, w.lengthKm * 1800)}米` },
    { upTo: 0.8, text: (q, w) => `水稳层摊铺完成${km(q, w.lengthKm)}公里`, enter: '管网工程完工' },
    { upTo: 0.95, text: (q, w) => `沥青面层摊铺完成${km(q, w.lengthKm)}公里`, enter: '开始沥青面层摊铺' },
    { upTo: 1, text: () => '交通标线、路灯及绿化等附属工程施工' },
  ],
  bridge: [
    { upTo: 0.25, text: (q, w) => `桩基施工完成${count(q, w.piles / 5)}根(共${Math.round(w.piles / 5)}根)` },
    { upTo: 0.45, text: (q, w) => `承台及墩柱施工完成${count(q, w.units * 2)}个` },
    { upTo: 0.75, text: (q, w) => `箱梁预制及架设完成${count(q, w.units * 6)}片`, enter: '下部结构完工' },
    { upTo: 0.9, text: (q) => `桥面铺装及防撞护栏施工,完成${pct(q)}%`, enter: '主桥合龙' },
    { upTo: 1, text: () => '引道及附属工程施工' },
  ],
  pipe: [
    { upTo: 0.15, text: (q) => `沟槽开挖及基坑支护,完成${pct(q)}%` },
    { upTo: 0.65, text: (q, w) => `管道铺设完成${km(q, w.lengthKm * 2)}公里(共${(w.lengthKm * 2).toFixed(1)}公里)` },
    { upTo: 0.85, text: (q) => `检查井砌筑及闭水试验,完成${pct(q)}%`, enter: '主管道贯通' },
    { upTo: 0.96, text: (q) => `附属设备安装调试,完成${pct(q)}%` },
    { upTo: 1, text: () => '系统联调,准备试运行', enter: '通水试验' },
  ],
  grid: [
    { upTo: 0.25, text: (q, w) => `铁塔基础施工完成${count(q, w.units * 2)}基(共${w.units * 2}基)` },
    { upTo: 0.55, text: (q, w) => `铁塔组立完成${count(q, w.units * 2)}基` },
    { upTo: 0.75, text: (q, w) => `导线架设完成${km(q, w.lengthKm * 3)}公里`, enter: '铁塔组立完成' },
    { upTo: 0.95, text: (q) => `变电站电气设备安装,完成${pct(q)}%` },
    { upTo: 1, text: () => '变电站带电调试', enter: '启动送电' },
  ],
  solar: [
    { upTo: 0.12, text: (q) => `场区道路及场地平整,完成${pct(q)}%` },
    { upTo: 0.4, text: (q, w) => `光伏支架桩基施工完成${count(q, w.megawatts * 300)}根` },
    {
      upTo: 0.75,
      text: (q, w) => `支架及组件安装完成${count(q, w.megawatts)}兆瓦(共${w.megawatts}兆瓦)`,
      enter: '组件开始安装',
    },
    { upTo: 0.92, text: (q) => `升压站电气设备安装,完成${pct(q)}%` },
    { upTo: 1, text: () => '并网调试', enter: '首批组件并网发电' },
  ],
  wind: [
    { upTo: 0.15, text: (q) => `风场道路及吊装平台施工,完成${pct(q)}%` },
    {
      upTo: 0.45,
      text: (q, w) => `风机基础浇筑完成${count(q, w.megawatts / 5)}台(共${Math.round(w.megawatts / 5)}台)`,
    },
    { upTo: 0.8, text: (q, w) => `风机吊装完成${count(q, w.megawatts / 5)}台`, enter: '首台风机吊装' },
    { upTo: 0.95, text: (q) => `集电线路及升压站设备安装,完成${pct(q)}%` },
    { upTo: 1, text: () => '风机并网调试', enter: '首批风机并网' },
  ],
  landscape: [
    { upTo: 0.15, text: (q) => `清表及地形整理,完成${pct(q)}%` },
    { upTo: 0.45, text: (q, w) => `土方及清淤工程完成${count(q, w.volume)}万立方米` },
    { upTo: 0.7, text: (q, w) => `护岸及园路施工完成${count(q, w.lengthKm * 800)}米` },
    { upTo: 0.92, text: (q) => `绿化种植完成${pct(q)}%`, enter: '开始绿化种植' },
    { upTo: 1, text: () => '景观小品及附属设施施工' },
  ],
  oldtown: [
    { upTo: 0.3, text: (q, w) => `雨污分流及供水管网改造完成${count(q, w.lengthKm * 1000)}米` },
    { upTo: 0.6, text: (q, w) => `完成${count(q, w.units)}栋楼外墙保温及屋面防水改造(共${w.units}栋)` },
    { upTo: 0.85, text: (q) => `楼道整治及加装电梯,完成${pct(q)}%` },
    { upTo: 1, text: (q) => `小区道路及绿化提升,完成${pct(q)}%` },
  ],
  village: [
    { upTo: 0.2, text: (q) => `房屋征收签约率${pct(q)}%` },
    { upTo: 0.35, text: (q, w) => `房屋拆除完成${count(q, w.volume)}万平方米`, enter: '征收签约完成' },
    { upTo: 0.5, text: (q) => `安置楼桩基施工,完成${pct(q)}%` },
    { upTo: 0.85, text: (q, w) => `安置楼主体结构施工至第${count(q, w.floors)}层` },
    { upTo: 1, text: (q) => `安置楼二次结构及装饰装修,完成${pct(q)}%`, enter: '安置楼主体封顶' },
  ],
  street: [
    { upTo: 0.3, text: (q) => `沿街建筑立面改造完成${pct(q)}%` },
    { upTo: 0.6, text: (q) => `街巷铺装及管线入地,完成${pct(q)}%` },
    { upTo: 0.85, text: (q) => `景观亮化施工,完成${pct(q)}%` },
    { upTo: 1, text: () => '商业业态招商及开街准备' },
  ],
};

const SUFFIXES = ['', '', '', ',现场安全文明施工措施落实到位', ',本周开展安全生产检查', ',材料供应正常'];

/** Which phase a progress (0–1) is in and how far into it. */
function phaseAt(kind: Kind, r: number): { index: number; q: number } {
  const phases = PHASES[kind];
  let from = 0;
  for (let k = 0; k < phases.length; k++) {
    const to = phases[k]!.upTo;
    if (r < to || k === phases.length - 1) return { index: k, q: Math.min(0.999, (r - from) / (to - from)) };
    from = to;
  }
  return { index: phases.length - 1, q: 0.5 };
}

const PENDING_TEXT: Record<ApprovalItem, string> = {
  project_approval: '可行性研究报告编制完成初稿,项目立项办理中',
  land_pre_review: '用地预审与选址意见书办理中,勘测定界已完成',
  land_planning: '建设用地规划许可证办理中,同步推进土地征收',
  engineering_planning: '设计方案已通过规委会审查,建设工程规划许可证办理中',
  environmental: '环境影响报告书已编制完成,待组织技术评审',
  energy_review: '节能报告编制完成,节能审查办理中',
  construction_permit: '施工图审查及施工招标推进中,施工许可证待办理',
};
const PENDING_SHORT: Record<ApprovalItem, string> = {
  project_approval: '项目立项',
  land_pre_review: '用地预审',
  land_planning: '用地规划许可',
  engineering_planning: '工程规划许可',
  environmental: '环评批复',
  energy_review: '节能审查',
  construction_permit: '施工许可',
};
const APPROVAL_MILESTONE: Record<ApprovalItem, string> = {
  project_approval: '完成项目立项',
  land_pre_review: '取得用地预审与选址意见书',
  land_planning: '取得建设用地规划许可证',
  engineering_planning: '取得建设工程规划许可证',
  environmental: '取得环评批复',
  energy_review: '取得节能审查意见',
  construction_permit: '取得施工许可证',
};
const PREP_EXTRAS = [',同步开展施工图设计', ',同步推进征地拆迁工作', ',施工招标文件编制中', ',已完成地质勘察外业'];
const IDLE_REASONS = [
  '因建设资金未到位,现场暂停施工,留守人员看护',
  '施工总承包单位调整,现场暂停施工',
  '设计方案调整,暂停施工待变更批复',
  '受征地遗留问题影响,现场暂停施工',
  '企业融资未落实,现场暂停施工',
];
const RETURN_REASONS = [
  '形象进度描述过于简单,请补充本周具体完成的工程量',
  '本周完成投资与形象进度不匹配,请核实后重新报送',
  '未上传现场照片,请补充本周施工现场照片',
  '在岗人数与上周差异较大,请说明原因',
  '本周完成投资明显偏高,请附投资完成佐证材料后重新报送',
];
const CAPTIONS: Record<Kind, string[]> = {
  building: ['施工现场全景', '主体结构施工', '钢筋绑扎', '模板支设', '塔吊作业', '安全文明施工'],
  factory: ['厂房钢结构吊装', '设备安装', '施工现场全景', '屋面板安装'],
  road: ['路基施工', '水稳层摊铺', '管网铺设', '施工现场全景'],
  bridge: ['桩基施工', '墩柱施工', '箱梁架设', '施工现场全景'],
  pipe: ['管道铺设', '沟槽开挖', '施工现场全景'],
  grid: ['铁塔组立', '导线架设', '施工现场全景'],
  solar: ['光伏支架安装', '组件安装', '施工现场全景'],
  wind: ['风机基础', '风机吊装', '施工现场全景'],
  landscape: ['绿化种植', '河道清淤', '园路施工', '施工现场全景'],
  oldtown: ['外墙保温施工', '管网改造', '施工现场全景'],
  village: ['房屋拆除', '安置楼施工', '施工现场全景'],
  street: ['立面改造', '街巷铺装', '施工现场全景'],
};

// ── the plan ───────────────────────────────────────────────────────────────────────────────────────────────
export type Pace = 'green' | 'yellow' | 'red' | 'idle';
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export type DemoDispatchProfile = {
  projectIndex: number;
  /** what the history was made to look like; `light` is what the rule says about it */
  pace: Pace;
  /** 'streak': the weeks up to last week missed in a row; 'past_streak': two or more in a row earlier */
  missing: 'none' | 'scattered' | 'streak' | 'past_streak';
  missingWeeks: string[];
  habituallyLate: boolean;
  commissioned: boolean;
  /** the first week the project reports (the week after it entered the library, at the earliest the history's first) */
  firstWeek: string;
  /** 开而未建: the last weeks with nothing invested */
  idleWeeks: number;
  /** the investment light of the current week, computed from the planned rows with the domain rule */
  light: Light;
};

export type PlannedReport = {
  projectIndex: number;
  week: string;
  weekStart: string;
  status: ReportStatus;
  /** 万元 with two decimals */
  investedThisWeek: string;
  visibleProgress: string;
  workersOnSite: number | null;
  milestone: string | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  submittedByName: string | null;
  returnedReason: string | null;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  /** written through the demo site commissioner's account (else by a named unit reporter without an account) */
  byCommissioner: boolean;
  createdByName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type PhotoKind = 'site' | 'old_photo' | 'far_away' | 'no_exif' | 'no_gps' | 'reused';

export type PlannedPhoto = {
  reportIndex: number;
  kind: PhotoKind;
  /** the photo whose very bytes this one sends again, else null */
  sameAs: number | null;
  /** what the EXIF says; null for a picture without EXIF (forwarded through a chat app) */
  exif: { takenAt: Date; lat: number | null; lng: number | null } | null;
  /** the drawing's seed (a re-used photo has its original's) */
  image: number;
  caption: string | null;
  uploadedAt: Date;
  uploadedByName: string;
  byCommissioner: boolean;
  /** the check of domain/dispatch/photo-check.ts on the planned facts (the writer checks the stored bytes again) */
  check: PhotoCheck;
};

/** what an item's history rows record (coordination_item_events.action) */
export type ItemEventAction =
  | 'raised'
  | 'accepted'
  | 'responded'
  | 'resolved'
  | 'closed_out'
  | 'reopened'
  | 'escalated';

export type PlannedItemEvent = {
  action: ItemEventAction;
  note: string | null;
  byName: string;
  /** the acting demo account, if any */
  byUsername: string | null;
  byUnitKey: string | null;
  at: Date;
};

export type PlannedItem = {
  projectIndex: number;
  /** the report it was raised from, if any */
  reportIndex: number | null;
  category: ItemCategory;
  description: string;
  assignedUnitKey: string;
  raisedByName: string;
  raisedByUsername: string | null;
  raisedByUnitKey: string;
  requestedDate: string;
  raisedDate: string;
  dueDate: string;
  status: ItemStatus;
  escalationLevel: number;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  events: PlannedItemEvent[];
};

export type DemoDispatchPlan = {
  currentWeek: string;
  /** every week of the history, oldest first */
  weeks: string[];
  profiles: DemoDispatchProfile[];
  reports: PlannedReport[];
  photos: PlannedPhoto[];
  items: PlannedItem[];
};

export type DemoDispatchOptions = {
  now: Date;
  projects: readonly DemoProject[];
  /** when each project entered the library (demoEntryDates): it reports from the week after */
  entered: readonly Date[];
  /** the projects (by index) the demo site commissioner reports for */
  commissioned: ReadonlySet<number>;
  cal?: CalendarData;
  schedule?: ReportingSchedule;
  thresholds?: WarningThresholds;
};

type Ctx = {
  /** addWorkingDays, memoized (the same few hundred dates are asked for thousands of times) */
  addWorkingDays: (date: string, n: number) => string;
  now: Date;
  today: string;
  currentWeek: string;
  isoYear: number;
  weeks: WeekInfo[];
  projects: readonly DemoProject[];
  entered: readonly Date[];
  cal: CalendarData;
  thresholds: WarningThresholds;
};

type Special = 'draft_never' | 'returned_stale' | 'returned_recent';

const wanOf = (text: string | null | undefined): Wan => (text ? (parseWan(text) ?? 0n) : 0n);

export function planDemoDispatch(o: DemoDispatchOptions): DemoDispatchPlan {
  const cal = o.cal ?? OFFICIAL_CALENDAR;
  const schedule = o.schedule ?? DEFAULT_REPORTING_SCHEDULE;
  const today = businessDate(o.now);
  const currentWeek = weekKeyOf(today);
  const isoYear = parseWeekKey(currentWeek)!.isoYear;
  const yearFirst = weekKey(isoYear, 1);
  const startWeek =
    weeksBetween(yearFirst, currentWeek) + 1 >= DEMO_HISTORY_WEEKS
      ? yearFirst
      : addWeeks(currentWeek, -(DEMO_HISTORY_WEEKS - 1));
  const weeks: WeekInfo[] = [];
  for (let w = startWeek; w <= currentWeek; w = addWeeks(w, 1)) weeks.push(weekInfo(w, currentWeek, schedule, cal));
  const memo = new Map<string, string>();
  const c: Ctx = {
    addWorkingDays: (date, n) => {
      const key = `${date}|${n}`;
      let d = memo.get(key);
      if (d === undefined) {
        d = addWorkingDays(date, n, cal);
        memo.set(key, d);
      }
      return d;
    },
    now: o.now,
    today,
    currentWeek,
    isoYear,
    weeks,
    projects: o.projects,
    entered: o.entered,
    cal,
    thresholds: o.thresholds ?? DEFAULT_WARNING_THRESHOLDS,
  };
  const reporting = o.projects
    .map((p, i) => (schedule.reportingStages.includes(p.stage as Stage) ? i : -1))
    .filter((i) => i >= 0);
  const { profiles, specials } = assignProfiles(c, reporting, o.commissioned, startWeek);
  const reports: PlannedReport[] = [];
  for (const prof of profiles) reports.push(...planProject(c, prof, specials));
  const byProject = new Map<number, PlannedReport[]>();
  for (const r of reports) byProject.set(r.projectIndex, [...(byProject.get(r.projectIndex) ?? []), r]);
  for (const prof of profiles) prof.light = lightOf(c, prof.projectIndex, byProject.get(prof.projectIndex) ?? []);
  const photos = planPhotos(c, reports, profiles);
  const items = planItems(c, reports, profiles);
  return { currentWeek, weeks: weeks.map((w) => w.key), profiles, reports, photos, items };
}

/** The current week's light of a project (given its reports) as the dispatch service computes it. */
function lightOf(c: Ctx, i: number, reports: readonly PlannedReport[]): Light {
  const p = c.projects[i]!;
  const annual = p.annualPlan && p.planYear === c.isoYear ? parseWan(p.annualPlan) : null;
  let ytd = 0n;
  for (const r of reports) {
    if (r.week.startsWith(`${c.isoYear}-`) && countedStatus(r.status)) {
      ytd += wanOf(r.investedThisWeek);
    }
  }
  const sched = scheduleCumulativeFor(p.monthlyPlan ?? null, annual, monthOfWeek(c.currentWeek)) ?? 0n;
  return investmentLight({ ytd, annualPlan: annual, scheduleCumulative: sched }, c.thresholds).light;
}

const countedStatus = (s: ReportStatus) => s === 'submitted' || s === 'accepted';

function assignProfiles(c: Ctx, reporting: number[], commissioned: ReadonlySet<number>, startWeek: string) {
  const rng = rngFor(0, 0);
  const order = rng.shuffle(reporting);
  const ago = (n: number) => addWeeks(c.currentWeek, -n);
  const firstWeekOf = (i: number): string => {
    // reports begin the week after the project entered the library
    const w = addWeeks(weekKeyOf(businessDate(c.entered[i] ?? c.now)), 1);
    return w > startWeek ? w : startWeek;
  };
  const profiles = new Map<number, DemoDispatchProfile>();
  for (const i of reporting) {
    profiles.set(i, {
      projectIndex: i,
      pace: 'green',
      missing: 'none',
      missingWeeks: [],
      habituallyLate: false,
      commissioned: commissioned.has(i),
      firstWeek: firstWeekOf(i),
      idleWeeks: 0,
      light: 'none',
    });
  }
  const prof = (i: number) => profiles.get(i)!;
  const taken = new Set<number>();
  const take = (n: number, ok: (i: number) => boolean): number[] => {
    const out: number[] = [];
    for (const i of order) {
      if (out.length >= n) break;
      if (!taken.has(i) && ok(i)) {
        out.push(i);
        taken.add(i);
      }
    }
    return out;
  };
  const since = (i: number, n: number) => prof(i).firstWeek <= ago(n);
  const startedBefore = (i: number, n: number) => {
    const p = c.projects[i]!;
    return p.stage === 'under_construction' && !!p.actualStartDate && p.actualStartDate < weekStart(ago(n));
  };

  // 开而未建: under construction for months, then nothing invested for the last 4–7 weeks
  take(5, (i) => startedBefore(i, 16) && since(i, 16)).forEach((i, k) => {
    prof(i).pace = 'idle';
    prof(i).idleWeeks = [4, 5, 6, 4, 7][k]!;
  });
  // 连续漏报 up to last week (the current week still pending)
  take(4, (i) => since(i, 10)).forEach((i, k) => {
    const len = [2, 3, 2, 4][k]!;
    prof(i).missing = 'streak';
    prof(i).missingWeeks = Array.from({ length: len }, (_, j) => ago(j + 1));
    prof(i).pace = (['red', 'yellow', 'red', 'green'] as const)[k]!;
  });
  // two or three weeks missed in a row some time ago
  take(2, (i) => since(i, 22)).forEach((i, k) => {
    const end = rng.int(6, 14);
    prof(i).missing = 'past_streak';
    prof(i).missingWeeks = Array.from({ length: 2 + k }, (_, j) => ago(end + j));
  });
  // a week missed here and there
  take(10, (i) => since(i, 10)).forEach((i) => {
    const span = weeksBetween(prof(i).firstWeek, c.currentWeek);
    const first = rng.int(3, Math.max(3, span - 1));
    const weeks = [ago(first)];
    if (rng.chance(0.4) && first + 3 < span) weeks.push(ago(rng.int(first + 2, span - 1)));
    prof(i).missing = 'scattered';
    prof(i).missingWeeks = weeks;
  });
  take(4, () => true).forEach((i) => {
    prof(i).habituallyLate = true;
  });
  const specials = new Map<string, Special>();
  for (const i of take(2, (i) => since(i, 8))) specials.set(`${i}|${ago(rng.int(3, 7))}`, 'draft_never');
  for (const i of take(2, (i) => since(i, 10))) specials.set(`${i}|${ago(rng.int(4, 9))}`, 'returned_stale');
  for (const i of take(7, (i) => since(i, 3))) specials.set(`${i}|${ago(rng.int(0, 2))}`, 'returned_recent');

  for (const i of reporting) {
    const p = prof(i);
    if (p.pace === 'idle' || p.missing === 'streak') continue;
    const building = c.projects[i]!.stage === 'under_construction';
    p.pace = rng.weighted<Pace>(
      building
        ? [
            ['green', 72],
            ['yellow', 16],
            ['red', 12],
          ]
        : [
            ['green', 55],
            ['yellow', 25],
            ['red', 20],
          ],
    );
  }
  return { profiles: reporting.map(prof), specials };
}

// ── one project's weeks ────────────────────────────────────────────────────────────────────────────────────
type Row = {
  w: WeekInfo;
  status: ReportStatus;
  counted: boolean;
  idle: boolean;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  returnedReason: string | null;
  reviewedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  amount: Wan;
};

/** A submission on time: a working day of the week up to the deadline, later days likelier. */
function onTimeSubmission(rng: Rng, w: WeekInfo): Date {
  const deadlineDate = businessDate(w.deadline);
  const days = w.workdays.filter((d) => d <= deadlineDate);
  if (days.length === 0) return plusMin(w.deadline, -rng.int(30, 300));
  const day = rng.weighted(days.map((d, k) => [d, k + 1 + (d === deadlineDate ? 2 : 0)] as const));
  const hi = day === deadlineDate ? minutesOf(w.deadline) - 3 : 20 * 60 + 30;
  return bj(day, rng.int(8 * 60 + 30, Math.max(8 * 60 + 30, hi)));
}

/** A late one: mostly within the grace (Friday evening to Monday noon), now and then days after it. */
function lateSubmission(rng: Rng, w: WeekInfo): Date {
  if (rng.chance(0.85)) {
    const from = businessDate(w.deadline);
    const to = businessDate(w.graceEnd);
    const span = dayNumber(to) - dayNumber(from);
    const t = bj(addDays(from, rng.int(0, span)), rng.int(8 * 60, 22 * 60));
    if (t <= w.deadline) return plusMin(w.deadline, rng.int(20, 240));
    if (t >= w.graceEnd) return plusMin(w.graceEnd, -rng.int(15, 180));
    return t;
  }
  return bj(addDays(businessDate(w.graceEnd), rng.int(1, 2)), rng.int(8 * 60 + 30, 18 * 60));
}

/** When a coordinator gets to a report: now and then the same afternoon, usually the next working day or two. */
function reviewTime(c: Ctx, rng: Rng, s: Date): Date {
  const day = businessDate(s);
  if (minutesOf(s) < 15 * 60 && isWorkingDay(day, c.cal) && rng.chance(0.25)) return plusMin(s, rng.int(40, 150));
  return bj(c.addWorkingDays(day, rng.int(1, 2)), rng.int(9 * 60, 17 * 60 + 30));
}

function planProject(c: Ctx, prof: DemoDispatchProfile, specials: ReadonlyMap<string, Special>): PlannedReport[] {
  const i = prof.projectIndex;
  const rng = rngFor(1, i);
  const weeks = c.weeks.filter((w) => w.key >= prof.firstWeek);
  const missing = new Set(prof.missingWeeks);
  const pos = (w: WeekInfo) => w.ago;
  const weekOpen = (w: WeekInfo) => w.open;
  const rows: Row[] = [];
  for (const w of weeks) {
    // a project missing the last weeks has not reported this week either (it is still pending)
    if (missing.has(w.key) || (prof.missing === 'streak' && w.ago === 0)) continue;
    const special = specials.get(`${i}|${w.key}`);
    const idle = prof.pace === 'idle' && pos(w) <= prof.idleWeeks;
    const base = { w, idle, amount: 0n, returnedReason: null, reviewedAt: null } as const;
    if (special === 'draft_never') {
      const created = bj(w.workdays[0] ?? w.monday, rng.int(9 * 60, 17 * 60));
      rows.push({
        ...base,
        status: 'draft',
        counted: false,
        firstSubmittedAt: null,
        submittedAt: null,
        version: 1,
        createdAt: created,
        updatedAt: created,
      });
      continue;
    }
    const late = !idle && rng.chance(prof.habituallyLate ? 0.4 : 0.05);
    const s = late ? lateSubmission(rng, w) : onTimeSubmission(rng, w);
    if (s > c.now) {
      // not submitted yet: a draft saved earlier this week, likelier the further the week has gone
      const from = weekOpen(w).getTime();
      const to = c.now.getTime() - 10 * MINUTE;
      const gone = Math.min(1, Math.max(0, (to - from) / (w.deadline.getTime() - from)));
      if (to > from && rng.chance(0.05 + 0.55 * gone)) {
        const created = new Date(from + Math.floor(rng.next() * (to - from)));
        rows.push({
          ...base,
          status: 'draft',
          counted: false,
          firstSubmittedAt: null,
          submittedAt: null,
          version: 1,
          createdAt: created,
          updatedAt: created,
        });
      }
      continue;
    }
    const created = earlier(later(plusMin(s, -rng.int(3, 1500)), weekOpen(w)), plusMin(s, -2));
    const review = reviewTime(c, rng, s);
    const submitted = { ...base, firstSubmittedAt: s, submittedAt: s, createdAt: created };
    if ((special === 'returned_recent' || special === 'returned_stale') && review <= c.now) {
      rows.push({
        ...submitted,
        status: 'returned',
        counted: false,
        returnedReason: rng.pick(RETURN_REASONS),
        reviewedAt: review,
        version: 2,
        updatedAt: review,
      });
      continue;
    }
    if (!idle && pos(w) >= 3 && rng.chance(0.02)) {
      // returned once, corrected and accepted: the first submission still decides on time or late
      const resubmit = plusMin(review, rng.int(60, 1500));
      const accept = reviewTime(c, rng, resubmit);
      if (resubmit <= c.now && accept <= c.now) {
        rows.push({
          ...submitted,
          status: 'accepted',
          counted: true,
          submittedAt: resubmit,
          reviewedAt: accept,
          version: 4,
          updatedAt: accept,
        });
        continue;
      }
    }
    const reviewed = review <= c.now && !(pos(w) >= 2 && rng.chance(0.015));
    rows.push({
      ...submitted,
      status: reviewed ? 'accepted' : 'submitted',
      counted: true,
      reviewedAt: reviewed ? review : null,
      version: reviewed ? 2 : 1,
      updatedAt: reviewed ? review : s,
    });
  }
  planAmounts(c, prof, weeks, rows, rng);
  return describeRows(c, prof, rows, rng);
}

/**
 * Amounts: the counted weeks of the current ISO year share a year-to-date target set from the pace (green near or
 * above the time schedule, yellow 7–13 points behind, red 20–42 behind), in proportion to the monthly plan's growth
 * over each week, scaled by the working days, some noise and the pace's shape (a red project started well and
 * slowed); a week without a counted report carries its share to the next one (补报). Weeks of an earlier ISO year
 * report about a 52nd of the annual plan. Nothing ever takes the reported total above the total investment.
 */
function planAmounts(c: Ctx, prof: DemoDispatchProfile, weeks: WeekInfo[], rows: Row[], rng: Rng) {
  const p = c.projects[prof.projectIndex]!;
  const total = wanOf(p.totalInvestment);
  const annual = p.annualPlan ? parseWan(p.annualPlan) : null;
  const planned = annual !== null && annual > 0n && p.planYear === c.isoYear;
  const monthly: Wan[] | null = planned
    ? (p.monthlyPlan?.map((m) => parseWan(m) ?? 0n) ?? cumulativeEvenSpread(annual!, 12))
    : null;
  const planAt = (date: string): Wan => {
    if (!monthly || !annual) return 0n;
    const y = Number(date.slice(0, 4));
    if (y < p.planYear) return 0n;
    if (y > p.planYear) return annual;
    const m = Number(date.slice(5, 7));
    const prev = m > 1 ? monthly[m - 2]! : 0n;
    return prev + ((monthly[m - 1]! - prev) * BigInt(Number(date.slice(8, 10)))) / BigInt(daysInMonth(y, m));
  };
  const rowOf = new Map(rows.map((r) => [r.w.key, r]));
  const preStart = (w: WeekInfo) => !p.actualStartDate || p.actualStartDate > w.sunday;
  const weekly = (annual ?? total / 4n) / 52n;
  const gran = (avg: Wan): Wan => (avg >= 5000n ? 100n : avg >= 500n ? 10n : 1n);
  const roundTo = (v: Wan, g: Wan) => (v / g) * g;

  // this ISO year: weights, then the target shared out with cumulative rounding (sums exactly, never negative)
  const inYear = planned ? weeks.filter((w) => w.isoYear === c.isoYear) : [];
  const counted = inYear.filter((w) => rowOf.get(w.key)?.counted);
  const weights: Wan[] = [];
  let carry = 0n;
  inYear.forEach((w, k) => {
    const inc = planAt(w.sunday) - (k === 0 ? 0n : planAt(w.before));
    const row = rowOf.get(w.key);
    if (!row?.counted) {
      carry += inc;
      return;
    }
    const n = weights.length;
    const share = counted.length > 1 ? n / (counted.length - 1) : 0;
    const shape =
      prof.pace === 'red'
        ? 1500 - Math.round(1000 * share)
        : prof.pace === 'yellow'
          ? 1200 - Math.round(400 * share)
          : 1000;
    const lump = p.stage === 'preparation' || preStart(w) ? (rng.chance(0.18) ? 3500 : 450) : 1000;
    const factor = row.idle ? 0 : w.workPermille * rng.int(650, 1350) * shape * lump;
    weights.push((inc + carry) * BigInt(factor));
    carry = 0n;
  });
  let target = 0n;
  if (planned && counted.length > 0) {
    const sched = scheduleCumulativeFor(p.monthlyPlan ?? null, annual, monthOfWeek(c.currentWeek)) ?? 0n;
    const schedPermille = Number((sched * 1000n) / annual!);
    let permille =
      prof.pace === 'green'
        ? rng.chance(0.08)
          ? rng.int(1000, 1100)
          : schedPermille + rng.int(-30, 80)
        : prof.pace === 'yellow'
          ? schedPermille - rng.int(70, 130)
          : prof.pace === 'red'
            ? schedPermille - rng.int(200, 420)
            : schedPermille - rng.int(180, 320);
    // a project reporting only a few weeks this year cannot plausibly have done a whole year's share
    permille = Math.min(Math.max(permille, 5), Math.floor((counted.length * 6000) / 52));
    target = (annual! * BigInt(permille)) / 1000n;
  }
  const sumW = weights.reduce((s, x) => s + x, 0n);
  const g = gran(counted.length ? target / BigInt(counted.length) : weekly);
  let cumW = 0n;
  let prev = 0n;
  counted.forEach((w, k) => {
    cumW += weights[k]!;
    const r = sumW > 0n ? roundTo((target * cumW) / sumW, g) : 0n;
    rowOf.get(w.key)!.amount = r - prev;
    prev = r;
  });
  // the other rows: what a week of this project usually reports
  const usual = counted.length ? target / BigInt(counted.length) : weekly;
  for (const r of rows) {
    if (r.idle) r.amount = 0n;
    else if (!planned || r.w.isoYear !== c.isoYear) {
      r.amount = roundTo((weekly * BigInt(r.w.workPermille * rng.int(650, 1350))) / 1_000_000n, gran(weekly));
    } else if (!r.counted) r.amount = roundTo((usual * BigInt(rng.int(700, 1300))) / 1000n, g);
  }
  // never above the total investment, counting every week reported before
  let done = 0n;
  for (const r of rows) {
    const left = total - done;
    if (r.amount > left) r.amount = left < 0n ? 0n : left;
    if (r.counted) done += r.amount;
  }
}

/** 形象进度, workers and milestones, week by week. */
function describeRows(c: Ctx, prof: DemoDispatchProfile, rows: Row[], rng: Rng): PlannedReport[] {
  const i = prof.projectIndex;
  const p = c.projects[i]!;
  const works = worksOf(p, rngFor(2, i));
  const reporter = prof.commissioned ? COMMISSIONER.displayName : personName(hashOf(p.name));
  const total = Number(wanOf(p.totalInvestment) / 100n);
  const crew = Math.min(900, Math.max(15, Math.round(Math.sqrt(total) * (1.2 + (hashOf(p.name) % 12) / 10))));
  const start = p.actualStartDate ? dayNumber(p.actualStartDate) : null;
  const end = p.plannedCompletionDate ? dayNumber(p.plannedCompletionDate) : null;
  const idleReason = IDLE_REASONS[hashOf(p.name) % IDLE_REASONS.length]!;
  const approvals = (p.approvals ?? {}) as Record<string, { done: boolean; date?: string | null }>;
  const items = APPROVAL_ITEMS.filter((k) => approvals[k] !== undefined);
  let lastPhase = -1;
  let frozen: string | null = null;
  // a project that joined the library after the history began: its first report carries the year so far
  const joined = prof.firstWeek > c.weeks[0]!.key && prof.firstWeek.startsWith(`${c.isoYear}-`);
  return rows.map((r, k) => {
    const w = r.w;
    // dates 'YYYY-MM-DD' compare as text (a ternary on `<` would be taken for a number by the linter)
    const asOf = w.sunday.localeCompare(c.today) <= 0 ? w.sunday : c.today;
    let text: string;
    let milestone: string | null = null;
    let workers: number | null;
    const started = start !== null && start <= dayNumber(asOf);
    if (!started) {
      const pending = items.find((k) => !approvals[k]!.done || (approvals[k]!.date ?? '9999') > asOf);
      const got = items.find((k) => {
        const d = approvals[k]!.date;
        return approvals[k]!.done && !!d && d >= w.monday && d <= w.sunday;
      });
      if (got) milestone = APPROVAL_MILESTONE[got];
      if (!pending) {
        const toStart = p.plannedStartDate ? weeksBetween(w.key, weekKeyOf(p.plannedStartDate)) : 8;
        text =
          toStart > 12
            ? '前期手续已全部办结,施工招标及开工准备推进中'
            : `施工准备:场地三通一平完成${Math.min(95, Math.max(10, 100 - toStart * 8))}%,施工单位已进场`;
      } else if (p.plannedStartDate && p.plannedStartDate < asOf) {
        const d = p.plannedStartDate;
        text = `原计划${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日开工,${PENDING_SHORT[pending]}尚未办结,暂未开工`;
      } else {
        text = PENDING_TEXT[pending] + (rng.chance(0.3) ? rng.pick(PREP_EXTRAS) : '');
      }
      workers = rng.chance(0.5) ? null : rng.int(2, 12);
    } else if (r.idle) {
      text = frozen ? `${idleReason}(${frozen})` : idleReason;
      workers = rng.int(0, 6);
    } else {
      const span = end !== null && end > start! ? end - start! : 365;
      const slow = prof.pace === 'red' || prof.pace === 'idle' ? 0.85 : 1;
      const r01 = Math.min(0.999, Math.max(0.005, ((dayNumber(asOf) - start!) / span) * slow));
      const ph = phaseAt(works.kind, r01);
      const phase = PHASES[works.kind][ph.index]!;
      text = phase.text(ph.q, works);
      if (start! >= w.mondayDay && start! <= w.sundayDay) milestone = '项目正式开工';
      else if (lastPhase >= 0 && ph.index > lastPhase && phase.enter) milestone = phase.enter;
      lastPhase = ph.index;
      frozen = text;
      text += rng.pick(SUFFIXES);
      const phaseFactor = ph.index === 0 ? 0.5 : r01 > 0.85 ? 0.7 : 1;
      workers = Math.max(3, Math.round(crew * phaseFactor * (w.workPermille / 1000) * (rng.int(85, 115) / 100)));
    }
    if (k === 0 && joined && r.amount > 0n) text = `首次填报(含年初以来完成投资),${text}`;
    if (w.holiday === '春节') {
      text = `春节假期停工,${text}`;
      if (workers !== null) workers = rng.int(0, 8);
    } else if (w.holiday) {
      text = `${w.holiday}假期部分班组留守施工,${text}`;
    }
    return {
      projectIndex: i,
      week: w.key,
      weekStart: w.monday,
      status: r.status,
      investedThisWeek: formatWan(r.amount),
      visibleProgress: text,
      workersOnSite: workers,
      milestone,
      firstSubmittedAt: r.firstSubmittedAt,
      submittedAt: r.submittedAt,
      submittedByName: r.submittedAt ? reporter : null,
      returnedReason: r.returnedReason,
      reviewedAt: r.reviewedAt,
      reviewedByName: r.reviewedAt ? COORDINATOR.displayName : null,
      byCommissioner: prof.commissioned,
      createdByName: reporter,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

// ── photos ─────────────────────────────────────────────────────────────────────────────────────────────────
const M_PER_DEG = 111_320;
function offset(lat: number, lng: number, metres: number, bearing: number): { lat: number; lng: number } {
  const dLat = (metres * Math.cos(bearing)) / M_PER_DEG;
  const dLng = (metres * Math.sin(bearing)) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
  return { lat: Math.round((lat + dLat) * 1e6) / 1e6, lng: Math.round((lng + dLng) * 1e6) / 1e6 };
}

/**
 * 40–80 photos on the last four weeks' reports, the site commissioner's projects first: most taken that week on the
 * site; four old ones, three taken kilometres away, three without EXIF (sent through a chat app), one without a
 * position, and two pictures sent again on a later report (one by the same project, one by another).
 */
function planPhotos(
  c: Ctx,
  reports: readonly PlannedReport[],
  profiles: readonly DemoDispatchProfile[],
): PlannedPhoto[] {
  const rng = rngFor(3, 0);
  const recent = addWeeks(c.currentWeek, -3);
  const byProject = new Map<number, number[]>();
  reports.forEach((r, k) => {
    const p = c.projects[r.projectIndex]!;
    const started = !!p.actualStartDate && p.actualStartDate <= addDays(r.weekStart, 6);
    if (r.week < recent || !started || (r.status === 'draft' && r.week !== c.currentWeek)) return;
    byProject.set(r.projectIndex, [...(byProject.get(r.projectIndex) ?? []), k]);
  });
  const commissioned = new Set(profiles.filter((p) => p.commissioned).map((p) => p.projectIndex));
  const idle = new Set(profiles.filter((p) => p.pace === 'idle').map((p) => p.projectIndex));
  const candidates = [...byProject.keys()].filter((i) => !idle.has(i));
  const order = [
    ...rng.shuffle(candidates.filter((i) => commissioned.has(i))),
    ...rng.shuffle(candidates.filter((i) => !commissioned.has(i))),
  ];
  const photos: PlannedPhoto[] = [];
  const windowOf = (r: PlannedReport): [Date, Date] => [r.createdAt, r.firstSubmittedAt ?? r.updatedAt];
  const add = (reportIndex: number, n: number) => {
    const r = reports[reportIndex]!;
    const p = c.projects[r.projectIndex]!;
    const [from, to] = windowOf(r);
    const at = new Date(from.getTime() + Math.floor((0.2 + 0.7 * rng.next()) * (to.getTime() - from.getTime())));
    const kind = worksKind(p.name, p.category);
    for (let k = 0; k < n; k++) {
      const uploadedAt = plusMin(at, k / 3);
      const takenDay = addDays(
        businessDate(uploadedAt),
        -rng.int(0, Math.min(3, dayNumber(businessDate(uploadedAt)) - dayNumber(r.weekStart) + 1)),
      );
      let takenAt = bj(takenDay, rng.int(8 * 60, 17 * 60 + 30));
      if (takenAt > plusMin(uploadedAt, -10)) takenAt = plusMin(uploadedAt, -rng.int(10, 90));
      const lat = Number(p.latitude);
      const lng = Number(p.longitude);
      const near = offset(lat, lng, rng.int(20, 450), rng.next() * 2 * Math.PI);
      photos.push({
        reportIndex,
        kind: 'site',
        sameAs: null,
        exif: { takenAt, lat: near.lat, lng: near.lng },
        image: rng.int(1, 2 ** 30),
        caption: rng.chance(0.7) ? rng.pick(CAPTIONS[kind]) : null,
        uploadedAt,
        uploadedByName: r.createdByName,
        byCommissioner: r.byCommissioner,
        check: { verified: true, reasons: [] },
      });
    }
  };
  for (const i of order) {
    if (photos.length >= 50) break;
    const ks = byProject.get(i)!;
    const chosen = rng.shuffle(ks).slice(0, rng.chance(0.5) ? 2 : 1);
    for (const k of chosen.sort((a, b) => a - b)) add(k, rng.int(1, 3));
  }
  // the ones a reviewer should look at twice, each on a different report
  const special: PhotoKind[] = ['old_photo', 'old_photo', 'old_photo', 'old_photo', 'far_away', 'far_away'];
  special.push('far_away', 'no_exif', 'no_exif', 'no_exif', 'no_gps');
  const used = new Set<number>();
  for (const ph of rng.shuffle(photos)) {
    if (special.length === 0) break;
    if (used.has(ph.reportIndex)) continue;
    used.add(ph.reportIndex);
    const kind = special.shift()!;
    const r = reports[ph.reportIndex]!;
    const p = c.projects[r.projectIndex]!;
    ph.kind = kind;
    if (kind === 'old_photo') {
      ph.exif = { ...ph.exif!, takenAt: bj(addDays(r.weekStart, -rng.int(7, 24)), rng.int(8 * 60, 17 * 60)) };
    } else if (kind === 'far_away') {
      const far = offset(Number(p.latitude), Number(p.longitude), rng.int(3000, 8000), rng.next() * 2 * Math.PI);
      ph.exif = { ...ph.exif!, lat: far.lat, lng: far.lng };
    } else if (kind === 'no_exif') {
      ph.exif = null;
    } else if (kind === 'no_gps') {
      ph.exif = { ...ph.exif!, lat: null, lng: null };
    }
  }
  // the same picture sent again on a later report: once by the same project, once by another
  const sources = photos.map((ph, k) => ({ ph, k })).filter(({ ph }) => ph.kind === 'site');
  const reuse = (sameProject: boolean) => {
    for (const { ph, k } of rng.shuffle(sources)) {
      const src = reports[ph.reportIndex]!;
      const target = reports.findIndex(
        (r, t) =>
          t !== ph.reportIndex &&
          r.week > src.week &&
          (sameProject ? r.projectIndex === src.projectIndex : r.projectIndex !== src.projectIndex) &&
          byProject.get(r.projectIndex)?.includes(t) &&
          windowOf(r)[0] > ph.uploadedAt &&
          !photos.some((x) => x.sameAs !== null && x.reportIndex === t),
      );
      if (target < 0) continue;
      const r = reports[target]!;
      const [from, to] = windowOf(r);
      photos.push({
        ...ph,
        reportIndex: target,
        kind: 'reused',
        sameAs: k,
        caption: ph.caption,
        uploadedAt: new Date((from.getTime() + to.getTime()) / 2),
        uploadedByName: r.createdByName,
        byCommissioner: r.byCommissioner,
      });
      return;
    }
  };
  reuse(true);
  reuse(false);
  for (const ph of photos) {
    const r = reports[ph.reportIndex]!;
    const p = c.projects[r.projectIndex]!;
    const src = ph.sameAs === null ? null : reports[photos[ph.sameAs]!.reportIndex]!;
    ph.check = checkPhoto({
      takenAt: ph.exif?.takenAt ?? null,
      lat: ph.exif?.lat ?? null,
      lng: ph.exif?.lng ?? null,
      weekKey: r.week,
      project: { lat: p.latitude ? Number(p.latitude) : null, lng: p.longitude ? Number(p.longitude) : null },
      reusedFrom: src ? { weekKey: src.week, projectName: c.projects[src.projectIndex]!.name } : null,
    });
  }
  return photos;
}

// ── coordination items ─────────────────────────────────────────────────────────────────────────────────────
type ItemTemplate = {
  category: ItemCategory;
  /** the unit asked to solve it; 'region' = the district government or park committee of the project */
  unit: string;
  stages: readonly Stage[];
  industryOnly?: boolean;
  text: (rng: Rng) => string;
  respond: string;
  resolve: string;
};

const PREP: readonly Stage[] = ['preparation'];
const BUILDING: readonly Stage[] = ['under_construction'];
const BOTH: readonly Stage[] = ['preparation', 'under_construction'];

const TEMPLATES: readonly ItemTemplate[] = [
  {
    category: 'land',
    unit: 'nature',
    stages: BOTH,
    text: (r) => `项目用地范围内尚有${r.int(12, 86)}亩集体土地未完成征收,影响场地平整`,
    respond: '已会同属地街道开展征收入户工作,补偿方案已公示',
    resolve: '剩余土地征收补偿已完成,土地已交付项目单位',
  },
  {
    category: 'land',
    unit: 'nature',
    stages: PREP,
    text: (r) => `项目新增建设用地计划指标${r.int(30, 260)}亩未落实,用地报批材料无法上报`,
    respond: '已将项目纳入年度用地计划调整,正在向省厅申请指标',
    resolve: '用地计划指标已下达,组卷报批材料已上报',
  },
  {
    category: 'land',
    unit: 'nature',
    stages: PREP,
    text: () => '土地征收组卷报批材料已上报,省自然资源厅审查进度慢,请协调加快',
    respond: '已赴省厅对接,审查意见已反馈,正在补正材料',
    resolve: '省政府用地批复已下达',
  },
  {
    category: 'land',
    unit: 'region',
    stages: BOTH,
    text: (r) => `项目红线内${r.int(3, 40)}座坟墓迁移未完成,影响土方开挖`,
    respond: '属地镇街已发布迁坟公告,正在逐户做工作',
    resolve: '红线内坟墓已全部迁移完毕',
  },
  {
    category: 'funds',
    unit: 'finance',
    stages: BUILDING,
    text: (r) => `中央预算内投资${r.int(8, 60) * 100}万元已下达,财政资金拨付滞后,影响工程进度款支付`,
    respond: '已完成资金拨付审核,正在走国库支付流程',
    resolve: '中央预算内资金已全额拨付至项目单位',
  },
  {
    category: 'funds',
    unit: 'finance',
    stages: BOTH,
    text: (r) => `专项债券资金${r.int(5, 40) * 1000}万元尚未拨付到项目单位`,
    respond: '专项债资金已到位,正在按程序拨付',
    resolve: '专项债券资金已拨付到位',
  },
  {
    category: 'funds',
    unit: 'drc',
    stages: BOTH,
    text: (r) => `企业融资未落实,申请协调银行开展项目贷款对接(资金需求${r.int(2, 30) * 1000}万元)`,
    respond: '已组织三家银行召开银企对接会,贷款材料审查中',
    resolve: '项目贷款已获批并首笔放款',
  },
  {
    category: 'funds',
    unit: 'region',
    stages: BUILDING,
    text: (r) => `工程进度款拖欠${r.int(3, 40) * 100}万元,施工单位资金周转困难`,
    respond: '已约谈建设单位,制定分期支付计划',
    resolve: '拖欠的工程进度款已支付',
  },
  {
    category: 'funds',
    unit: 'miit',
    stages: BOTH,
    industryOnly: true,
    text: () => '申报省级技术改造专项资金,需行业主管部门出具推荐意见',
    respond: '已组织专家现场核查,推荐意见起草中',
    resolve: '推荐意见已出具并随申报材料报省工信厅',
  },
  {
    category: 'approvals',
    unit: 'approval',
    stages: PREP,
    text: () => '施工许可证办理中,施工图审查意见尚未回复',
    respond: '已启动容缺受理,施工图审查意见已回复',
    resolve: '施工许可证已核发',
  },
  {
    category: 'approvals',
    unit: 'eco',
    stages: PREP,
    text: () => '环评批复办理进度慢,环境影响报告书技术评审尚未组织',
    respond: '已组织专家技术评审,报告书按意见修改中',
    resolve: '环评批复已下达',
  },
  {
    category: 'approvals',
    unit: 'nature',
    stages: PREP,
    text: () => '建设工程规划许可证办理需补充人防审查意见',
    respond: '已与人防部门对接,并联审查中',
    resolve: '建设工程规划许可证已核发',
  },
  {
    category: 'approvals',
    unit: 'drc',
    stages: PREP,
    text: () => '节能审查意见待出具,影响项目开工',
    respond: '节能报告专家评审已完成,审查意见起草中',
    resolve: '节能审查意见已出具',
  },
  {
    category: 'approvals',
    unit: 'housing',
    stages: BOTH,
    text: () => '消防设计审查意见尚未出具,影响施工图报审',
    respond: '已安排专人对接,审查意见预计本周出具',
    resolve: '消防设计审查意见已出具',
  },
  {
    category: 'relocation',
    unit: 'region',
    stages: BOTH,
    text: (r) => `红线范围内尚有${r.int(3, 36)}户居民未签订征收补偿协议`,
    respond: '已组织工作专班逐户走访,新增签约若干户',
    resolve: '征收补偿协议已全部签订,房屋已腾空',
  },
  {
    category: 'relocation',
    unit: 'region',
    stages: BUILDING,
    text: (r) => `施工范围内${r.int(2, 15)}处经营门面拆除受阻,影响管线施工`,
    respond: '属地已召开协调会,商户补偿方案已确定',
    resolve: '经营门面已全部拆除',
  },
  {
    category: 'relocation',
    unit: 'housing',
    stages: BOTH,
    text: (r) => `安置房源不足,${r.int(10, 80)}户群众过渡安置未落实`,
    respond: '已调配公租房源,并落实过渡安置费',
    resolve: '过渡安置已全部落实',
  },
  {
    category: 'utilities',
    unit: 'region',
    stages: BUILDING,
    text: (r) => `施工用电接入未完成,需协调供电公司增容${r.int(4, 25) * 100}千伏安`,
    respond: '已与供电公司现场踏勘,增容方案已确定',
    resolve: '施工用电已接入',
  },
  {
    category: 'utilities',
    unit: 'housing',
    stages: BUILDING,
    text: () => '施工临时用水接入手续未办结',
    respond: '供水公司已受理,正在安排接驳施工',
    resolve: '临时用水已接通',
  },
  {
    category: 'utilities',
    unit: 'housing',
    stages: BOTH,
    text: () => '项目地块内燃气管道迁改方案未确定',
    respond: '燃气公司已提交迁改方案,正在审查',
    resolve: '燃气管道迁改已完成',
  },
  {
    category: 'utilities',
    unit: 'region',
    stages: BUILDING,
    text: () => '地块内10千伏高压线及通信光缆迁改未实施,影响基坑施工',
    respond: '已协调供电和通信运营商制定迁改计划',
    resolve: '高压线及通信光缆已迁改完毕',
  },
  {
    category: 'utilities',
    unit: 'urban',
    stages: BUILDING,
    text: () => '雨污水管网接驳点未明确,请协调市政部门',
    respond: '市政部门已现场确定接驳点位',
    resolve: '接驳方案已批复,管网已接通',
  },
  {
    category: 'environment',
    unit: 'eco',
    stages: BUILDING,
    text: () => '重污染天气预警期间停工,申请纳入重点工程正面清单',
    respond: '已组织现场核查扬尘管控措施',
    resolve: '项目已纳入正面清单,预警期间可有条件施工',
  },
  {
    category: 'environment',
    unit: 'urban',
    stages: BUILDING,
    text: () => '渣土消纳场地不足,土方外运受阻',
    respond: '已协调新增临时消纳场一处',
    resolve: '渣土外运消纳已落实',
  },
  {
    category: 'environment',
    unit: 'water',
    stages: BOTH,
    text: () => '水土保持方案审批未完成',
    respond: '水保方案技术审查已完成,待出具批复',
    resolve: '水土保持方案已批复',
  },
  {
    category: 'environment',
    unit: 'urban',
    stages: BUILDING,
    text: () => '主体结构混凝土浇筑需夜间连续施工,夜间施工许可待办理',
    respond: '已受理,正在征求周边社区意见',
    resolve: '夜间施工许可已核发',
  },
  {
    category: 'other',
    unit: 'region',
    stages: BUILDING,
    text: () => '施工期间周边群众反映噪音扰民,需属地协调化解',
    respond: '属地社区已召开居民座谈会,施工单位调整作业时间',
    resolve: '矛盾已化解,施工正常',
  },
  {
    category: 'other',
    unit: 'transport',
    stages: BUILDING,
    text: () => '项目周边道路交通组织需交警部门配合,施工围挡占道手续待办',
    respond: '交通组织方案已会审',
    resolve: '占道施工手续已办结',
  },
  {
    category: 'other',
    unit: 'hr',
    stages: BUILDING,
    text: () => '农民工工资专用账户未开立,影响工资按月足额支付',
    respond: '已督促施工单位开立专户,银行审核中',
    resolve: '农民工工资专用账户已开立并完成首月代发',
  },
];

type ItemShape = {
  status: ItemStatus;
  steps: [Exclude<ItemEventAction, 'raised' | 'escalated'>, number][];
  back: number;
};

/** Item histories in working days after raising; `back` = how many working days ago it was raised. */
function itemShapes(rng: Rng): ItemShape[] {
  const closed = (late: boolean): ItemShape => {
    const res = late ? rng.int(8, 10) : rng.int(3, 5);
    const close = res + rng.int(1, 3);
    const steps: ItemShape['steps'] = [
      ['accepted', rng.int(0, 1)],
      ['responded', 2],
    ];
    if (late) steps.push(['responded', 6]);
    steps.push(['resolved', res], ['closed_out', close]);
    return { status: 'closed_out', steps, back: close + rng.int(2, 40) };
  };
  const resolved = (late: boolean): ItemShape => {
    const res = late ? rng.int(7, 9) : rng.int(3, 5);
    const steps: ItemShape['steps'] = [
      ['accepted', late ? 1 : 0],
      ['responded', 2],
    ];
    if (late) steps.push(['responded', 5]);
    steps.push(['resolved', res]);
    return { status: 'resolved', steps, back: res + rng.int(0, 2) };
  };
  const inProgress = (overdue: 0 | 1 | 2): ItemShape => {
    if (overdue === 0) {
      return {
        status: 'in_progress',
        steps: [
          ['accepted', 0],
          ['responded', 2],
        ],
        back: rng.int(2, 4),
      };
    }
    const back = overdue === 1 ? rng.int(7, 9) : rng.int(12, 18);
    const steps: ItemShape['steps'] = [
      ['accepted', 1],
      ['responded', 3],
      ['responded', 6],
    ];
    if (overdue === 2) steps.push(['responded', 10]);
    return { status: 'in_progress', steps, back };
  };
  const accepted = (overdue: boolean): ItemShape => {
    const acc = overdue ? 1 : rng.int(0, 1);
    return { status: 'accepted', steps: [['accepted', acc]], back: overdue ? 8 : acc + rng.int(0, 2) };
  };
  const open = (overdue: boolean): ItemShape => ({ status: 'open', steps: [], back: overdue ? 7 : rng.int(0, 2) });
  const reopened = (back: number): ItemShape => ({
    status: 'reopened',
    steps: [
      ['accepted', 0],
      ['responded', 2],
      ['resolved', 3],
      ['reopened', 5],
    ],
    back,
  });
  return [
    ...Array.from({ length: 10 }, (_, k) => closed(k < 2)),
    ...Array.from({ length: 5 }, (_, k) => resolved(k === 0)),
    inProgress(0),
    inProgress(0),
    inProgress(0),
    inProgress(1),
    inProgress(1),
    inProgress(2),
    inProgress(2),
    accepted(true),
    accepted(false),
    accepted(false),
    accepted(false),
    open(true),
    open(false),
    open(false),
    open(false),
    reopened(5),
    reopened(rng.int(7, 9)),
    reopened(rng.int(13, 16)),
  ];
}

const STATUS_AFTER: Record<ItemEventAction, ItemStatus | null> = {
  raised: 'open',
  accepted: 'accepted',
  responded: 'in_progress',
  resolved: 'resolved',
  closed_out: 'closed_out',
  reopened: 'reopened',
  escalated: null,
};

/** ~33 items over the projects that lag most (and a few others), every status, some overdue and escalated. */
function planItems(c: Ctx, reports: readonly PlannedReport[], profiles: readonly DemoDispatchProfile[]): PlannedItem[] {
  const rng = rngFor(4, 0);
  const shapes = rng.shuffle(itemShapes(rng));
  const settled = addWeeks(c.currentWeek, -4);
  const categories: ItemCategory[] = rng.shuffle([
    ...Array<ItemCategory>(6).fill('land'),
    ...Array<ItemCategory>(6).fill('funds'),
    ...Array<ItemCategory>(6).fill('approvals'),
    ...Array<ItemCategory>(4).fill('relocation'),
    ...Array<ItemCategory>(5).fill('utilities'),
    ...Array<ItemCategory>(4).fill('environment'),
    ...Array<ItemCategory>(2).fill('other'),
  ]);
  const anchor = isWorkingDay(c.today, c.cal) ? c.today : previousWorkingDay(c.today, c.cal);
  const perProject = new Map<number, number>();
  const reportAt = new Map(reports.map((r, k) => [`${r.projectIndex}|${r.week}`, k]));
  const items: PlannedItem[] = [];
  shapes.forEach((shape, n) => {
    const category = categories[n % categories.length]!;
    // a template and a project it fits, lagging projects first
    const templates = rng.shuffle(TEMPLATES.filter((t) => t.category === category));
    let chosen: { t: ItemTemplate; i: number } | null = null;
    for (const t of templates) {
      const fits = profiles.filter(
        (pr) =>
          t.stages.includes(c.projects[pr.projectIndex]!.stage as Stage) &&
          (!t.industryOnly || c.projects[pr.projectIndex]!.category === 'industry') &&
          (perProject.get(pr.projectIndex) ?? 0) < 2 &&
          pr.firstWeek <= settled,
      );
      if (fits.length === 0) continue;
      // lagging projects have the problems; 城关区's own items show to the demo district account
      const weight = (pr: DemoDispatchProfile) =>
        (pr.pace === 'idle' ? 8 : pr.pace === 'red' ? 5 : pr.pace === 'yellow' ? 3 : 1) *
        (t.unit === 'region' && c.projects[pr.projectIndex]!.regionCode === '990102' ? 4 : 1);
      chosen = { t, i: rng.weighted(fits.map((pr) => [pr.projectIndex, weight(pr)] as const)) };
      break;
    }
    if (!chosen) return;
    const { t, i } = chosen;
    perProject.set(i, (perProject.get(i) ?? 0) + 1);
    const p = c.projects[i]!;
    const prof = profiles.find((x) => x.projectIndex === i)!;
    const regionUnit = REGION_UNIT.get(p.regionCode) ?? 'drc';
    const assignedUnitKey = t.unit === 'region' ? regionUnit : t.unit;
    // the site commissioner raises for the projects they report; else the district, or the 项目办 when the district
    // itself is asked to solve it
    const raiser: { name: string; username: string | null; unitKey: string } = prof.commissioned
      ? { name: COMMISSIONER.displayName, username: 'commissioner', unitKey: COMMISSIONER.unit }
      : assignedUnitKey === regionUnit
        ? { name: COORDINATOR.displayName, username: 'coordinator', unitKey: COORDINATOR.unit }
        : UNIT_ACCOUNT[regionUnit]
          ? { ...staffOf(regionUnit), unitKey: regionUnit }
          : { name: personName(hashOf(p.name)), username: null, unitKey: regionUnit };
    const assignee = staffOf(assignedUnitKey);
    const description = t.text(rng);
    // the history, moved a working day earlier until every step is in the past
    let built: { raisedDate: string; events: PlannedItemEvent[] } | null = null;
    for (let extra = 0; extra < 5 && !built; extra++) {
      const raisedDate = addWorkingDays(anchor, -(shape.back + extra), c.cal);
      const events: PlannedItemEvent[] = [];
      let at = bj(raisedDate, rng.int(8 * 60 + 40, 16 * 60 + 30));
      events.push({
        action: 'raised',
        note: null,
        byName: raiser.name,
        byUsername: raiser.username,
        byUnitKey: raiser.unitKey,
        at,
      });
      for (const [action, after] of shape.steps) {
        const day = addWorkingDays(raisedDate, after, c.cal);
        const sameDay = businessDate(at) === day;
        at = sameDay ? plusMin(at, rng.int(20, 120)) : bj(day, rng.int(8 * 60 + 30, 17 * 60 + 30));
        const byRaiser = action === 'closed_out' || action === 'reopened';
        const who = byRaiser
          ? { byName: raiser.name, byUsername: raiser.username, byUnitKey: raiser.unitKey }
          : { byName: assignee.name, byUsername: assignee.username, byUnitKey: assignedUnitKey };
        const note =
          action === 'accepted'
            ? '已签收,明确专人负责办理'
            : action === 'responded'
              ? events.some((e) => e.action === 'responded')
                ? '正在加快推进,预计近期办结'
                : t.respond
              : action === 'resolved'
                ? t.resolve
                : action === 'closed_out'
                  ? '经现场核实,问题已解决,同意销号'
                  : '经现场核实,问题未彻底解决,请继续办理';
        events.push({ action, note, ...who, at });
      }
      if (events.every((e) => e.at <= c.now)) built = { raisedDate, events };
    }
    if (!built) return;
    const { raisedDate, events } = built;
    const dueDate = itemDueDate(raisedDate, c.cal, DEFAULT_ITEM_SETTINGS.deadlineDays);
    // the daily escalation sweep (at 09:00 of each working day past the due date), by the domain's rule
    let level: EscalationLevel = 0;
    const escalations: PlannedItemEvent[] = [];
    for (let d = addWorkingDays(dueDate, 1, c.cal); level < 2; d = addWorkingDays(d, 1, c.cal)) {
      const at = bj(d, 9 * 60);
      if (at > c.now) break;
      let status: ItemStatus = 'open';
      for (const e of events) if (e.at <= at && STATUS_AFTER[e.action]) status = STATUS_AFTER[e.action]!;
      if (!ITEM_OPEN_STATUSES.includes(status)) continue;
      const next = escalationLevelFor(
        { status, dueDate, escalationLevel: level },
        d,
        c.cal,
        DEFAULT_ITEM_SETTINGS.escalationStepDays,
      );
      if (next <= level) continue;
      level = next;
      escalations.push({
        action: 'escalated',
        note: `逾期${itemOverdueDays({ status, dueDate }, d, c.cal)}个工作日,升级至${ESCALATION_LABELS[level].zh}`,
        byName: '系统',
        byUsername: null,
        byUnitKey: null,
        at,
      });
    }
    const all = [...events, ...escalations].sort((a, b) => a.at.getTime() - b.at.getTime());
    const last = (action: ItemEventAction) => all.filter((e) => e.action === action).at(-1)?.at ?? null;
    const raisedWeek = weekKeyOf(raisedDate);
    const fromReport = reportAt.get(`${i}|${raisedWeek}`);
    const reportIndex =
      fromReport !== undefined && reports[fromReport]!.createdAt < all[0]!.at && rng.chance(0.6) ? fromReport : null;
    items.push({
      projectIndex: i,
      reportIndex,
      category: t.category,
      description,
      assignedUnitKey,
      raisedByName: raiser.name,
      raisedByUsername: raiser.username,
      raisedByUnitKey: raiser.unitKey,
      requestedDate: addDays(raisedDate, rng.int(7, 30)),
      raisedDate,
      dueDate,
      status: shape.status,
      escalationLevel: level,
      escalatedAt: last('escalated'),
      resolvedAt: shape.status === 'resolved' || shape.status === 'closed_out' ? last('resolved') : null,
      closedAt: shape.status === 'closed_out' ? last('closed_out') : null,
      version: all.length,
      createdAt: all[0]!.at,
      updatedAt: all.at(-1)!.at,
      events: all,
    });
  });
  return items;
}

// ── drawing the photos ─────────────────────────────────────────────────────────────────────────────────────
/** A construction-site-like picture: sky, ground, blocks, maybe a crane and some trees; no text. */
function sceneSvg(seed: number): string {
  const r = makeRng(seed);
  const sky = r.pick(['#8fb8de', '#a9c6e3', '#c9d6df', '#b7cde0', '#d5dde5', '#9fb4c7']);
  const horizon = r.int(250, 330);
  const ground = r.pick(['#9c8056', '#8a7a5c', '#a58c62', '#7d7461', '#b09a73', '#8d8a7a']);
  const parts: string[] = [
    `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="#eef2f5"/></linearGradient></defs>`,
    `<rect width="640" height="480" fill="url(#s)"/>`,
    `<rect y="${horizon}" width="640" height="${480 - horizon}" fill="${ground}"/>`,
  ];
  for (let k = r.int(1, 4); k > 0; k--) {
    const w = r.int(60, 180);
    const h = r.int(60, horizon - 40);
    const x = r.int(10, 620 - w);
    const fill = r.pick(['#9e9e9e', '#b0aca4', '#8c8c8c', '#c2bfb8', '#a3a7ab']);
    parts.push(`<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="${fill}"/>`);
    for (let y = horizon - h + 12; y < horizon - 14; y += 22) {
      parts.push(`<rect x="${x + 8}" y="${y}" width="${w - 16}" height="6" fill="#6f7276" opacity="0.5"/>`);
    }
  }
  if (r.chance(0.75)) {
    const x = r.int(80, 560);
    const top = r.int(25, 90);
    parts.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${horizon + 10}" stroke="#e6b422" stroke-width="7"/>`,
      `<line x1="${x - r.int(60, 140)}" y1="${top + 6}" x2="${x + r.int(100, 200)}" y2="${top + 6}" stroke="#e6b422" stroke-width="5"/>`,
    );
  }
  for (let k = r.int(0, 5); k > 0; k--) {
    const fill = r.pick(['#4f7942', '#6b8e23', '#3b6e3b', '#b5651d']);
    parts.push(`<circle cx="${r.int(0, 640)}" cy="${r.int(horizon + 10, 470)}" r="${r.int(12, 40)}" fill="${fill}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">${parts.join('')}</svg>`;
}

/** 'd/1 m/1 s/10000' as EXIF writes a coordinate. */
function dms(deg: number): string {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const minutes = (a - d) * 60;
  const m = Math.floor(minutes);
  return `${d}/1 ${m}/1 ${Math.round((minutes - m) * 60 * 10000)}/10000`;
}

/** The JPEG of a planned photo (640×480), with the EXIF capture time and position it is planned to carry. */
export async function renderDemoPhoto(ph: Pick<PlannedPhoto, 'image' | 'exif'>): Promise<Buffer> {
  const img = sharp(Buffer.from(sceneSvg(ph.image))).jpeg({ quality: 80 });
  if (!ph.exif) return img.toBuffer();
  const { takenAt, lat, lng } = ph.exif;
  return img
    .withExif({
      IFD0: { Make: 'Luoshi', Model: 'Demo site camera' },
      IFD2: { DateTimeOriginal: exifDateTime(takenAt) },
      ...(lat !== null && lng !== null
        ? {
            IFD3: {
              GPSLatitudeRef: lat >= 0 ? 'N' : 'S',
              GPSLatitude: dms(lat),
              GPSLongitudeRef: lng >= 0 ? 'E' : 'W',
              GPSLongitude: dms(lng),
            },
          }
        : {}),
    })
    .toBuffer();
}

// ── writing it ─────────────────────────────────────────────────────────────────────────────────────────────
export type DemoDispatchCounts = { reports: number; photos: number; items: number; itemEvents: number };

/**
 * Inserts rows in batches, each batch one statement whose rows travel as a single JSON parameter that PostgreSQL
 * unpacks (json_populate_recordset over the table's row type). On PGlite this is about three times faster than a
 * multi-row VALUES with one bound parameter per cell (measured: 7,400 reports in 2.8 s against 7.5 s). Every row
 * must carry the same keys; a key left out would be NULL here, not the column default.
 */
async function insertMany<T extends PgTable>(tx: Tx, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]!);
  const names = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`demo dispatch: no column ${k}`);
    return column.name;
  });
  const list = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  for (let k = 0; k < rows.length; k += BATCH) {
    const batch = rows
      .slice(k, k + BATCH)
      .map((r) => Object.fromEntries(keys.map((key, j) => [names[j], (r as Record<string, unknown>)[key] ?? null])));
    await tx.execute(
      sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(batch)}::json)`,
    );
  }
}

/** Draws each picture once (a re-used photo is the very same bytes), stores it with its thumbnail, reads its EXIF. */
async function drawAndStore(photos: readonly PlannedPhoto[], store: FileStore) {
  const drawn = new Map<number, Buffer>();
  await Promise.all(
    photos.map(async (ph, k) => {
      if (ph.sameAs === null) drawn.set(k, await renderDemoPhoto(ph));
    }),
  );
  return Promise.all(
    photos.map(async (ph, k) => {
      const bytes = drawn.get(ph.sameAs ?? k)!;
      const [original, thumb, facts] = await Promise.all([
        store.put(bytes),
        thumbnail(bytes).then((t) => store.put(t)),
        readPhotoFacts(bytes),
      ]);
      return { original, thumb, facts };
    }),
  );
}

/**
 * Writes the plan through `tx` (and only `tx`): reports, photo files with thumbnails, photos, items and their events,
 * each table in multi-row batches. The photos' bytes go to `store` (content-addressed, so bytes of a seed that then
 * fails are harmless); their EXIF is read back from the bytes and checked exactly as an upload is (readPhotoFacts +
 * checkPhoto), and the photo row records what that check says.
 */
export async function seedDemoDispatch(
  tx: Tx,
  store: FileStore,
  input: {
    plan: DemoDispatchPlan;
    projects: readonly DemoProject[];
    /** the inserted projects' ids, by index */
    projectIds: readonly string[];
    unitIdByKey: ReadonlyMap<string, string>;
    userIdByUsername: ReadonlyMap<string, string>;
  },
): Promise<DemoDispatchCounts> {
  const { plan, projects, projectIds, unitIdByKey, userIdByUsername } = input;
  const commissionerId = userIdByUsername.get('commissioner') ?? null;
  const userOf = (username: string | null) => (username ? (userIdByUsername.get(username) ?? null) : null);
  const unitOf = (key: string) => {
    const id = unitIdByKey.get(key);
    if (!id) throw new Error(`demo dispatch: no unit ${key}`);
    return id;
  };

  // the photos are drawn and stored (sharp works on its own threads) while the reports go in
  const drawing = drawAndStore(plan.photos, store);
  drawing.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled meanwhile
  const reportIds = plan.reports.map(() => randomUUID());
  await insertMany(
    tx,
    weeklyReports,
    plan.reports.map((r, k) => ({
      id: reportIds[k]!,
      projectId: projectIds[r.projectIndex]!,
      week: r.week,
      weekStart: r.weekStart,
      status: r.status,
      investedThisWeek: r.investedThisWeek,
      visibleProgress: r.visibleProgress,
      workersOnSite: r.workersOnSite,
      milestone: r.milestone,
      firstSubmittedAt: r.firstSubmittedAt,
      submittedAt: r.submittedAt,
      submittedByName: r.submittedByName,
      returnedReason: r.returnedReason,
      reviewedAt: r.reviewedAt,
      reviewedByName: r.reviewedByName,
      createdBy: r.byCommissioner ? commissionerId : null,
      createdByName: r.createdByName,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  );

  const stored = await drawing;
  const photoIds = plan.photos.map(() => randomUUID());
  const fileRows: (typeof files.$inferInsert)[] = [];
  const photoRows: (typeof weeklyReportPhotos.$inferInsert)[] = [];
  plan.photos.forEach((ph, k) => {
    const r = plan.reports[ph.reportIndex]!;
    const p = projects[r.projectIndex]!;
    const { original, thumb, facts } = stored[k]!;
    const by = ph.byCommissioner ? commissionerId : null;
    const name = `IMG_${exifDateTime(ph.exif?.takenAt ?? ph.uploadedAt)
      .replace(/[: ]/g, '')
      .slice(0, 14)}_${k}.jpg`;
    const fileId = randomUUID();
    const thumbId = randomUUID();
    fileRows.push(
      {
        id: fileId,
        sha256: original.sha256,
        size: original.size,
        mediaType: 'image/jpeg',
        originalName: name,
        createdBy: by,
        createdAt: ph.uploadedAt,
      },
      {
        id: thumbId,
        sha256: thumb.sha256,
        size: thumb.size,
        mediaType: 'image/jpeg',
        originalName: `thumb-${name}`,
        createdBy: by,
        createdAt: ph.uploadedAt,
      },
    );
    const src = ph.sameAs === null ? null : plan.reports[plan.photos[ph.sameAs]!.reportIndex]!;
    const check = checkPhoto({
      takenAt: facts.takenAt,
      lat: facts.latitude,
      lng: facts.longitude,
      weekKey: r.week,
      project: { lat: p.latitude ? Number(p.latitude) : null, lng: p.longitude ? Number(p.longitude) : null },
      reusedFrom: src ? { weekKey: src.week, projectName: projects[src.projectIndex]!.name } : null,
    });
    photoRows.push({
      id: photoIds[k]!,
      reportId: reportIds[ph.reportIndex]!,
      fileId,
      thumbFileId: thumbId,
      sha256: original.sha256,
      takenAt: facts.takenAt,
      latitude: facts.latitude === null ? null : facts.latitude.toFixed(6),
      longitude: facts.longitude === null ? null : facts.longitude.toFixed(6),
      verified: check.verified,
      issues: check.reasons,
      reusedFromPhotoId: ph.sameAs === null ? null : photoIds[ph.sameAs]!,
      caption: ph.caption,
      uploadedBy: by,
      uploadedByName: ph.uploadedByName,
      uploadedAt: ph.uploadedAt,
    });
  });
  await insertMany(tx, files, fileRows);
  await insertMany(tx, weeklyReportPhotos, photoRows);

  // coordination items and their histories
  const itemIds = plan.items.map(() => randomUUID());
  await insertMany(
    tx,
    coordinationItems,
    plan.items.map((it, k) => ({
      id: itemIds[k]!,
      projectId: projectIds[it.projectIndex]!,
      reportId: it.reportIndex === null ? null : reportIds[it.reportIndex]!,
      category: it.category,
      description: it.description,
      assignedUnitId: unitOf(it.assignedUnitKey),
      raisedBy: userOf(it.raisedByUsername),
      raisedByName: it.raisedByName,
      raisedByUnitId: unitOf(it.raisedByUnitKey),
      requestedDate: it.requestedDate,
      dueDate: it.dueDate,
      status: it.status,
      escalationLevel: it.escalationLevel,
      escalatedAt: it.escalatedAt,
      resolvedAt: it.resolvedAt,
      closedAt: it.closedAt,
      version: it.version,
      createdAt: it.createdAt,
      updatedAt: it.updatedAt,
    })),
  );
  const eventRows = plan.items.flatMap((it, k) =>
    it.events.map((e) => ({
      id: randomUUID(),
      itemId: itemIds[k]!,
      action: e.action,
      note: e.note,
      byUserId: userOf(e.byUsername),
      byName: e.byName,
      byUnitName: e.byUnitKey ? unitName(e.byUnitKey) : null,
      at: e.at,
    })),
  );
  await insertMany(tx, coordinationItemEvents, eventRows);
  return {
    reports: plan.reports.length,
    photos: plan.photos.length,
    items: plan.items.length,
    itemEvents: eventRows.length,
  };
}
