import { and, asc, gte, inArray } from 'drizzle-orm';
import { businessDate } from '../../domain/common/business-date.ts';
import {
  addDays,
  addWorkingDays,
  type CalendarData,
  dayNumber,
  nextWorkingDay,
  OFFICIAL_CALENDAR,
  previousWorkingDay,
} from '../../domain/common/calendar.ts';
import { weekKey, weekKeyOf } from '../../domain/common/iso-week.ts';
import {
  type AnswerValue,
  compareWithReported,
  flagNote,
  type ReportedFigures,
} from '../../domain/supervision/inspections.ts';
import { stepNumber, taskLabel } from '../../domain/supervision/ladder.ts';
import { PROBLEM_KINDS, type ProblemKind } from '../../domain/supervision/model.ts';
import { addCycles, cycleDueOn, cycleLabel, type PlanCycle } from '../../domain/tasks/cycles.ts';
import { parseDeadline } from '../../domain/tasks/deadline.ts';
import type { Confidence, FeedbackStatus } from '../../domain/tasks/model.ts';
import {
  assignmentPlans,
  coordinationItems,
  inspectionChecklistItems,
  inspectionFindings,
  inspections,
  inspectionTargets,
  inspectionTeams,
  instructions,
  instructionUnits,
  ladderSteps,
  leaders,
  planSections,
  projects,
  rectifications,
  taskEvents,
  taskFeedback,
  taskFeedbackParts,
  taskLeaders,
  taskMilestones,
  taskPartners,
  taskSources,
  tasks,
  units,
  users,
  weeklyReports,
} from '../db/schema/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { makeRng, type Rng, streamRng } from './rng.ts';

/**
 * The demo city's key tasks and supervision (重点任务与督查督办), so every view is meaningful on first start: the
 * 分工方案 of this year's 政府工作报告 (80 tasks in 8 sections, lead and partner units, responsible leaders, deadlines in
 * the words the 政府办 writes them), claims (nearly all in January; two pending after a recent reassignment, one
 * disputed), monthly three-part feedback from January up to the current cycle (most accepted, some returned then
 * accepted, some late, a few tasks that stopped reporting, ~12 done, a few overdue, some lagging), partners' parts,
 * ratings, the ladder register (催办, 督办〔year〕n号, 通报, 约谈), leaders' instructions, a sweep inspection of this
 * year's groundbreaking batches and a special inspection of the 民生 tasks, with findings and rectifications.
 *
 * The same split as demo-dispatch.ts: `planDemoTasks` is pure and deterministic (a seeded PRNG, `now` a parameter,
 * the ids drawn from the PRNG too) over the facts of the city already seeded (`DemoWorld`: units, leaders, users,
 * projects with their counted weekly reports, coordination items), so the same world and `now` give the same rows;
 * `seedDemoTasks` reads that world through the transaction handle and writes the plan through it. Every derived fact
 * (status, overdue, on time) is what the domain rules say about the rows, never a label typed here: the deadlines are
 * read by domain/tasks/deadline.ts, the due dates by cycles.ts, the mismatches by inspections.ts.
 */

const SEED = 0x7a5c0de7;
const BATCH = 1000;
const FEEDBACK_PLAN: PlanCycle = { feedbackCycle: 'monthly', feedbackDueDay: 25 };

/** An independent stream per part and per index, so one task's history does not shift another's. */
const rngFor = (part: number, i: number) => streamRng(SEED, part, i);

/** A version-4 UUID drawn from the PRNG: the same plan gives the same ids. */
function idMaker(rng: Rng): () => string {
  return () => {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(rng.next() * 4294967296)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

// ── time (Beijing wall clock) ──────────────────────────────────────────────────────────────────────────────
const MINUTE = 60_000;
/** The instant of `minutes` after midnight, Beijing time, on `date`. */
const bj = (date: string, minutes: number): Date => new Date((dayNumber(date) * 1440 + minutes - 480) * MINUTE);
const plusMin = (t: Date, m: number): Date => new Date(t.getTime() + m * MINUTE);
const maxDate = (...ts: Date[]): Date => new Date(Math.max(...ts.map((t) => t.getTime())));
const minDate = (...ts: Date[]): Date => new Date(Math.min(...ts.map((t) => t.getTime())));
const pad2 = (n: number) => String(n).padStart(2, '0');
const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
/** office hours: 08:30–17:30 */
const officeTime = (rng: Rng) => rng.int(8 * 60 + 30, 17 * 60 + 30);

// ── the world the demo is built on ─────────────────────────────────────────────────────────────────────────
export type DemoWorld = {
  units: { id: string; name: string; shortName: string | null }[];
  leaders: { id: string; name: string; userId: string | null }[];
  users: { id: string; username: string; displayName: string; unitId: string; roles: string[] }[];
  /** projects that have started (under construction or suspended), with their counted weekly reports of the year */
  projects: {
    id: string;
    name: string;
    unitId: string;
    stage: string;
    newStart: boolean | null;
    batch: string | null;
    actualStartDate: string | null;
    reports: { id: string; week: string; invested: string; progress: string }[];
  }[];
  /** coordination items of the weekly dispatch (may be empty: the tasks do not need the dispatch) */
  items: {
    id: string;
    description: string;
    unitId: string;
    status: string;
    dueDate: string;
    raisedOn: string;
    escalationLevel: number;
  }[];
};

// ── the plan: 8 sections, 80 tasks ─────────────────────────────────────────────────────────────────────────
/**
 * `n` fate: normal / lagging (yellow) / overdue at the deadline / silent (stops reporting) / a milestone missed /
 * done in month `d<M>`. Units by full or short name; 各区县 = the six district and county governments, 两个开发区 =
 * the two park committees.
 */
type Fate = 'n' | 'l' | 'o' | 's' | 'm' | `d${number}`;
type TaskSpec = {
  brief: string;
  content: string;
  lead: string;
  partners?: string;
  leaders: string;
  /** {Y} = the plan's year, {Y1} = the next */
  deadline: string;
  fate: Fate;
  target?: [value: number, unit: string, decimals: number];
  /** a recent reassignment: the lead before it; `pending` (not yet claimed, claim due soon or just past) or `disputed` */
  reassigned?: { from: string; claim: 'pending' | 'pending_overdue' | 'disputed'; note: string; reason?: string };
};

type SectionSpec = { label: string; title: string; tasks: TaskSpec[] };

const SECTIONS: SectionSpec[] = [
  {
    label: '一',
    title: '稳增长扩投资',
    tasks: [
      {
        brief: '扩大有效投资',
        content: '全力扩大有效投资，全年固定资产投资增长8%左右，新开工亿元以上项目120个以上。',
        lead: '市发改委',
        partners: '市项目办、市统计局、各区县、两个开发区',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'n',
        target: [120, '个', 0],
      },
      {
        brief: '市级重点项目建设',
        content: '实施市级重点项目300个，年度计划投资600亿元以上，其中产业项目投资占比达到55%以上。',
        lead: '市项目办',
        partners: '市发改委、市财政局',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'l',
        target: [600, '亿元', 1],
      },
      {
        brief: '重点项目集中开工',
        content: '组织开展春季、秋季重点项目集中开工活动，确保一季度项目开工率达到40%以上。',
        lead: '市项目办',
        partners: '市发改委、各区县',
        leaders: '李明远',
        deadline: '3月底前组织春季集中开工，9月底前组织秋季集中开工',
        fate: 'd9',
      },
      {
        brief: '争取上级资金',
        content: '积极争取中央预算内投资、超长期特别国债和地方政府专项债券，全年争取上级资金80亿元以上。',
        lead: '市发改委',
        partners: '市财政局',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'n',
        target: [80, '亿元', 1],
      },
      {
        brief: '专项债券资金支出',
        content: '加快专项债券项目前期工作和资金支出，确保专项债券资金6月底前支出进度达到60%以上。',
        lead: '市财政局',
        partners: '市发改委、各区县',
        leaders: '李明远',
        deadline: '{Y}年6月底前',
        fate: 'o',
      },
      {
        brief: '重大项目要素保障',
        content: '建立重大项目要素保障“绿色通道”，全年保障项目用地1.5万亩以上。',
        lead: '市自然资源局',
        partners: '市发改委、市审批局',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
        target: [1.5, '万亩', 2],
      },
      {
        brief: '促进消费提质扩容',
        content: '大力促进消费提质扩容，社会消费品零售总额增长6%以上，全年开展各类促消费活动100场以上。',
        lead: '市商务局',
        partners: '市文旅局、市市场监管局、各区县',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        target: [100, '场', 0],
      },
      {
        brief: '夜间文旅消费集聚区',
        content: '培育壮大夜间经济、首发经济，打造省级夜间文旅消费集聚区2个。',
        lead: '市文旅局',
        partners: '市商务局、城关区',
        leaders: '陈静怡',
        deadline: '三季度末',
        fate: 'd8',
      },
      {
        brief: '经济运行监测调度',
        content: '强化经济运行监测调度，每月召开经济运行分析会，及时研判解决突出问题。',
        lead: '市统计局',
        partners: '市发改委、市工信局',
        leaders: '李明远',
        deadline: '每月',
        fate: 'n',
      },
      {
        brief: '招商引资',
        content: '加大招商引资力度，全年引进亿元以上项目150个、到位市外资金500亿元以上。',
        lead: '市投促局',
        partners: '各区县、两个开发区',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'l',
        target: [150, '个', 0],
      },
    ],
  },
  {
    label: '二',
    title: '产业转型升级',
    tasks: [
      {
        brief: '制造业重点产业链链长制',
        content: '实施制造业重点产业链“链长制”，规模以上工业增加值增长7.5%以上。',
        lead: '市工信局',
        partners: '市发改委、市统计局、两个开发区',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '工业技术改造',
        content: '推进100项重点技术改造项目，全年完成工业技改投资150亿元。',
        lead: '市工信局',
        partners: '市财政局、各区县',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'l',
        target: [150, '亿元', 1],
      },
      {
        brief: '规上工业企业培育',
        content: '新增规模以上工业企业60户以上，培育省级专精特新中小企业30户。',
        lead: '市工信局',
        partners: '市市场监管局、市统计局',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        target: [60, '户', 0],
      },
      {
        brief: '新能源产业园二期',
        content: '加快示范新能源产业园二期建设，6月底前实现主体完工，年底前建成投产。',
        lead: '经开区管委会',
        partners: '市工信局、市发改委',
        leaders: '张慧敏',
        deadline: '6月底前主体完工，年底前建成投产',
        fate: 'm',
      },
      {
        brief: '数字经济融合发展',
        content: '推动数字经济和实体经济深度融合，新建5G基站800个，打造省级智能工厂（数字化车间）10个。',
        lead: '市工信局',
        partners: '市发改委、各区县',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        target: [800, '个', 0],
      },
      {
        brief: '公铁联运物流园',
        content: '培育壮大现代物流产业，建成公铁联运物流园一期工程并投入运营。',
        lead: '市交通局',
        partners: '市商务局、河东区',
        leaders: '刘志刚',
        deadline: '{Y}年10月底前',
        fate: 'o',
      },
      {
        brief: 'A级旅游景区创建',
        content: '推动文旅融合发展，创建国家4A级旅游景区2家，全年接待游客人次增长10%以上。',
        lead: '市文旅局',
        partners: '各区县',
        leaders: '陈静怡',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '质量强市',
        content: '实施质量强市战略，新增省级以上质量奖企业3家，主导制修订各类标准20项。',
        lead: '市市场监管局',
        partners: '市工信局',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'd10',
        target: [20, '项', 0],
      },
      {
        brief: '壮大民营经济',
        content: '持续壮大民营经济，常态化开展“企业家日”活动，全年新增市场主体2万户以上。',
        lead: '市市场监管局',
        partners: '市工信局、市税务局',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        target: [2, '万户', 2],
      },
      {
        brief: '开发区亩均效益改革',
        content: '推动开发区扩区调规和“亩均论英雄”改革，开发区规上工业产值占全市比重提高2个百分点。',
        lead: '市发改委',
        partners: '两个开发区、市自然资源局',
        leaders: '李明远',
        deadline: '持续推进',
        fate: 'n',
      },
    ],
  },
  {
    label: '三',
    title: '科技创新',
    tasks: [
      {
        brief: '研发投入和高新技术企业',
        content: '全社会研发经费投入强度达到2.2%以上，高新技术企业净增80家。',
        lead: '市科技局',
        partners: '市财政局、市统计局、市税务局',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        target: [80, '家', 0],
      },
      {
        brief: '科创走廊创新平台',
        content: '高标准建设示范科创走廊，新建省级以上创新平台15个。',
        lead: '高新区管委会',
        partners: '市科技局、市发改委',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'l',
        target: [15, '个', 0],
      },
      {
        brief: '科技型中小企业倍增',
        content: '实施科技型中小企业“倍增计划”，入库国家科技型中小企业500家以上。',
        lead: '市科技局',
        partners: '各区县、两个开发区',
        leaders: '张慧敏',
        deadline: '三季度末',
        fate: 'd8',
        target: [500, '家', 0],
      },
      {
        brief: '产学研合作',
        content: '深化产学研合作，与5所以上高校院所签订战略合作协议，全年技术合同成交额达到30亿元。',
        lead: '市科技局',
        partners: '市教育局',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        target: [30, '亿元', 1],
      },
      {
        brief: '示范英才计划',
        content: '实施“示范英才”计划，全年引进各类人才1万人以上，其中高层次人才300人。',
        lead: '市人社局',
        partners: '市科技局、市教育局',
        leaders: '陈静怡',
        deadline: '年底前',
        fate: 'n',
        target: [1, '万人', 2],
      },
      {
        brief: '科技成果转化中心',
        content: '建成市科技成果转化中心，完善运营管理机制，推动科技成果在本地转化落地。',
        lead: '市科技局',
        partners: '高新区管委会',
        leaders: '张慧敏',
        deadline: '4月底前出台运营管理办法，年内持续推进',
        fate: 'n',
      },
      {
        brief: '知识产权强市',
        content: '推进知识产权强市建设，每万人口高价值发明专利拥有量达到6件。',
        lead: '市市场监管局',
        partners: '市科技局',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        reassigned: {
          from: '市科技局',
          claim: 'disputed',
          note: '根据年中任务调整，改由市市场监管局牵头，市科技局配合',
          reason:
            '根据市委编委关于职能调整的批复，知识产权强市建设和专利资助工作仍由市科技局承担，我局主要负责知识产权行政执法，建议调整为市科技局牵头、我局配合。',
        },
      },
      {
        brief: '政务大数据平台',
        content: '加快数字政府建设，建成全市一体化政务大数据平台，实现部门数据共享交换。',
        lead: '市政府办',
        partners: '市审批局、市财政局',
        leaders: '王建国',
        deadline: '{Y}年9月30日前',
        fate: 'o',
      },
      {
        brief: '科技创新引导基金',
        content: '完善科技金融服务体系，设立规模10亿元的科技创新引导基金。',
        lead: '市财政局',
        partners: '市科技局、市国资委',
        leaders: '李明远',
        deadline: '上半年',
        fate: 'd6',
      },
    ],
  },
  {
    label: '四',
    title: '深化改革开放',
    tasks: [
      {
        brief: '一网通办',
        content: '深化“放管服”改革，政务服务事项“一网通办”率达到90%以上，“高效办成一件事”新增20项。',
        lead: '市审批局',
        partners: '市政府办、各区县',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
        target: [20, '项', 0],
      },
      {
        brief: '优化营商环境',
        content: '持续优化营商环境，开展营商环境评价，企业开办时间压减至1个工作日以内。',
        lead: '市发改委',
        partners: '市审批局、市市场监管局',
        leaders: '李明远',
        deadline: '长期坚持',
        fate: 'n',
      },
      {
        brief: '国资国企改革',
        content: '深化国资国企改革，完成国有企业改革深化提升行动年度任务，市属国有企业营业收入增长8%。',
        lead: '市国资委',
        partners: '市财政局',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'l',
      },
      {
        brief: '财政收入分析',
        content: '加强财政收入组织，一般公共预算收入增长5%，税收收入占比保持在75%以上，每季度开展收入形势分析。',
        lead: '市财政局',
        partners: '市税务局',
        leaders: '李明远',
        deadline: '每季度',
        fate: 'n',
      },
      {
        brief: '工程建设项目审批改革',
        content: '深化工程建设项目审批制度改革，一般社会投资项目审批时限压缩至40个工作日以内。',
        lead: '市审批局',
        partners: '市住建局、市自然资源局',
        leaders: '刘志刚',
        deadline: '6月底前',
        fate: 'd6',
      },
      {
        brief: '稳外贸稳外资',
        content: '稳外贸稳外资，全年进出口总额增长8%，实际使用外资1.5亿美元。',
        lead: '市商务局',
        partners: '市投促局、两个开发区',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'l',
        target: [1.5, '亿美元', 2],
      },
      {
        brief: '盘活低效用地',
        content: '推进要素市场化配置改革，全年盘活存量低效用地5000亩。',
        lead: '市自然资源局',
        partners: '各区县',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
        target: [5000, '亩', 0],
      },
      {
        brief: '开发区管理体制改革',
        content: '深化开发区管理体制改革，推行“管委会+公司”运营模式。',
        lead: '市发改委',
        partners: '两个开发区',
        leaders: '李明远',
        deadline: '3月底前完成改革方案报批，年底前完成改革任务',
        fate: 'n',
      },
      {
        brief: '社会信用体系建设',
        content: '加快社会信用体系建设，城市信用监测排名进入全国前50位。',
        lead: '市发改委',
        partners: '市市场监管局',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '减税降费',
        content: '不折不扣落实结构性减税降费政策，全年为经营主体减税降费退税30亿元以上。',
        lead: '市税务局',
        partners: '市财政局',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'n',
        target: [30, '亿元', 1],
      },
    ],
  },
  {
    label: '五',
    title: '城乡融合与乡村振兴',
    tasks: [
      {
        brief: '粮食生产',
        content: '稳定粮食生产，粮食播种面积稳定在120万亩以上，总产量达到50万吨以上。',
        lead: '市农业农村局',
        partners: '临山县、平川县',
        leaders: '赵东升',
        deadline: '年底前',
        fate: 'n',
        target: [50, '万吨', 1],
      },
      {
        brief: '高标准农田建设',
        content: '新建高标准农田8万亩，完成年度建设任务并通过验收。',
        lead: '市农业农村局',
        partners: '市财政局、市自然资源局、临山县、平川县',
        leaders: '赵东升',
        deadline: '10月底前',
        fate: 'd10',
        target: [8, '万亩', 2],
      },
      {
        brief: '巩固拓展脱贫攻坚成果',
        content: '巩固拓展脱贫攻坚成果，健全防止返贫动态监测和帮扶机制，确保不发生规模性返贫致贫。',
        lead: '市农业农村局',
        partners: '市民政局、市人社局、各区县',
        leaders: '赵东升',
        deadline: '长期坚持',
        fate: 'n',
      },
      {
        brief: '农村人居环境整治',
        content: '推进农村人居环境整治提升，农村卫生厕所普及率达到85%，生活垃圾收运处置体系实现行政村全覆盖。',
        lead: '市农业农村局',
        partners: '市住建局、市生态环境局、各区县',
        leaders: '赵东升',
        deadline: '年底前',
        fate: 'l',
      },
      {
        brief: '县域主导产业集群',
        content: '发展壮大县域经济，支持临山县、平川县各打造1个产值超50亿元的主导产业集群。',
        lead: '临山县',
        partners: '平川县、市发改委、市工信局',
        leaders: '赵东升',
        deadline: '到{Y1}年底前',
        fate: 'n',
      },
      {
        brief: '老旧小区改造',
        content: '实施城市更新行动，改造老旧小区120个、城中村3个。',
        lead: '市住建局',
        partners: '城关区、新城区、河东区、河西区',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
        target: [120, '个', 0],
      },
      {
        brief: '城市路网建设',
        content: '加快城市路网建设，打通断头路10条，完成东二环快速化改造一期工程。',
        lead: '市住建局',
        partners: '市交通局、新城区',
        leaders: '刘志刚',
        deadline: '{Y}年9月底前',
        fate: 'o',
        target: [10, '条', 0],
      },
      {
        brief: '四好农村路',
        content: '推进“四好农村路”建设，新改建农村公路300公里。',
        lead: '市交通局',
        partners: '临山县、平川县',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
        target: [300, '公里', 0],
      },
      {
        brief: '东川水库枢纽工程',
        content: '加快东川水库枢纽工程建设，年底前完成主体工程的60%。',
        lead: '市水利局',
        partners: '市发改委、市财政局、临山县',
        leaders: '赵东升',
        deadline: '年底前',
        fate: 's',
      },
      {
        brief: '农村集体经济',
        content: '深化农村集体产权制度改革，集体经济年收入10万元以上的村占比达到60%。',
        lead: '市农业农村局',
        partners: '各区县',
        leaders: '赵东升',
        deadline: '年底前',
        fate: 'n',
      },
    ],
  },
  {
    label: '六',
    title: '生态环境保护',
    tasks: [
      {
        brief: '蓝天保卫战',
        content: '深入打好蓝天保卫战，PM2.5平均浓度控制在35微克/立方米以内，优良天数比例达到80%以上。',
        lead: '市生态环境局',
        partners: '市工信局、市住建局、市交通局、市城管局、各区县',
        leaders: '赵东升',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '碧水保卫战',
        content: '深入打好碧水保卫战，国控、省控断面水质优良比例达到90%，城市黑臭水体动态清零。',
        lead: '市生态环境局',
        partners: '市水利局、市住建局',
        leaders: '赵东升',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '环保督察反馈问题整改',
        content: '扎实推进中央生态环境保护督察反馈问题整改，完成年度整改任务并销号。',
        lead: '市生态环境局',
        partners: '各区县',
        leaders: '赵东升',
        deadline: '6月底前',
        fate: 'd6',
      },
      {
        brief: '玉川河流域综合治理',
        content: '实施玉川河流域综合治理，完成河道整治20公里。',
        lead: '市水利局',
        partners: '河东区、市生态环境局',
        leaders: '赵东升',
        deadline: '三季度末',
        fate: 'o',
        target: [20, '公里', 1],
      },
      {
        brief: '国土绿化',
        content: '科学推进国土绿化，完成造林绿化5万亩，新建城市口袋公园20个。',
        lead: '市自然资源局',
        partners: '市城管局、各区县',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
        target: [5, '万亩', 2],
      },
      {
        brief: '污水管网建设',
        content: '推进污水处理提质增效，新建改造污水管网100公里，城市生活污水集中收集率达到75%。',
        lead: '市住建局',
        partners: '市水利局、各区县',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 's',
        target: [100, '公里', 0],
      },
      {
        brief: '生活垃圾分类',
        content: '全面推进生活垃圾分类，城区生活垃圾分类覆盖率达到95%。',
        lead: '市城管局',
        partners: '城关区、新城区、河东区、河西区',
        leaders: '刘志刚',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '碳达峰和能耗双控',
        content: '稳妥推进碳达峰行动，单位地区生产总值能耗下降3%，完成省下达的能耗双控目标任务。',
        lead: '市发改委',
        partners: '市工信局、市统计局',
        leaders: '李明远',
        deadline: '年底前',
        fate: 'l',
      },
      {
        brief: '秸秆禁烧和综合利用',
        content: '抓好秸秆禁烧和综合利用，秸秆综合利用率稳定在93%以上。',
        lead: '市农业农村局',
        partners: '市生态环境局、临山县、平川县',
        leaders: '赵东升',
        deadline: '常态化推进',
        fate: 'n',
        reassigned: {
          from: '市生态环境局',
          claim: 'pending_overdue',
          note: '原牵头单位市生态环境局提出调整申请，经市政府分管领导同意，改由市农业农村局牵头，市生态环境局配合',
        },
      },
      {
        brief: '清废行动',
        content: '加强生态环境执法监管，开展“清废行动”专项整治，固体废物非法倾倒问题动态清零。',
        lead: '市生态环境局',
        partners: '市城管局、各区县',
        leaders: '赵东升',
        deadline: '持续推进',
        fate: 'n',
      },
    ],
  },
  {
    label: '七',
    title: '保障和改善民生',
    tasks: [
      {
        brief: '稳就业',
        content: '坚持就业优先，新增城镇就业1.2万人，城镇调查失业率控制在5.5%以内。',
        lead: '市人社局',
        partners: '各区县',
        leaders: '陈静怡',
        deadline: '年底前',
        fate: 'n',
        target: [1.2, '万人', 2],
      },
      {
        brief: '新建改扩建学校',
        content: '扩大优质教育资源供给，新建改扩建中小学、幼儿园20所，新增学位1.5万个。',
        lead: '市教育局',
        partners: '市住建局、市自然资源局、各区县',
        leaders: '陈静怡',
        deadline: '8月底前',
        fate: 'd8',
        target: [20, '所', 0],
      },
      {
        brief: '第一人民医院新院区',
        content: '推进健康示范市建设，市第一人民医院新院区建成投用，新增床位1200张。',
        lead: '市卫健委',
        partners: '市发改委、市住建局',
        leaders: '陈静怡',
        deadline: '年底前',
        fate: 'l',
      },
      {
        brief: '社会保障体系',
        content: '健全多层次社会保障体系，基本养老保险参保率稳定在95%以上。',
        lead: '市人社局',
        partners: '市税务局、市财政局',
        leaders: '陈静怡',
        deadline: '持续推进',
        fate: 'n',
      },
      {
        brief: '养老服务体系',
        content: '完善养老服务体系，新建社区养老服务中心30个，新增养老床位1000张。',
        lead: '市民政局',
        partners: '市卫健委、各区县',
        leaders: '陈静怡',
        deadline: '年底前',
        fate: 's',
        target: [30, '个', 0],
      },
      {
        brief: '保障性住房建设',
        content: '推进保障性住房建设，筹集保障性租赁住房3000套，开工建设配售型保障性住房500套。',
        lead: '市住建局',
        partners: '市自然资源局、市财政局、城关区、新城区',
        leaders: '刘志刚',
        deadline: '三季度末',
        fate: 'o',
        target: [3000, '套', 0],
      },
      {
        brief: '惠民文化活动',
        content: '丰富群众文化生活，举办“惠民文化季”活动200场以上，建成城市书房20个。',
        lead: '市文旅局',
        partners: '各区县',
        leaders: '陈静怡',
        deadline: '年底前',
        fate: 'n',
        target: [200, '场', 0],
      },
      {
        brief: '十件民生实事',
        content: '办好年度十件民生实事，每季度通报推进情况，年底前全部兑现。',
        lead: '市政府办',
        partners: '市财政局、市督查室',
        leaders: '王建国',
        deadline: '每季度',
        fate: 'n',
      },
      {
        brief: '安全生产治本攻坚',
        content: '深入开展安全生产治本攻坚三年行动，生产安全事故起数和死亡人数实现“双下降”。',
        lead: '市应急局',
        partners: '市住建局、市交通局、各区县',
        leaders: '赵东升',
        deadline: '长期坚持',
        fate: 'n',
      },
      {
        brief: '食品安全',
        content: '提升食品药品安全保障水平，食品安全抽检合格率稳定在98%以上。',
        lead: '市市场监管局',
        partners: '市卫健委',
        leaders: '张慧敏',
        deadline: '年底前',
        fate: 'n',
        reassigned: {
          from: '市卫健委',
          claim: 'pending',
          note: '根据食品安全监管职能分工，改由市市场监管局牵头，市卫健委配合',
        },
      },
      {
        brief: '紧密型县域医共体',
        content: '加强基层医疗卫生服务能力建设，实现紧密型县域医共体建设全覆盖。',
        lead: '市卫健委',
        partners: '临山县、平川县',
        leaders: '陈静怡',
        deadline: '10月底前',
        fate: 'd9',
      },
    ],
  },
  {
    label: '八',
    title: '政府自身建设',
    tasks: [
      {
        brief: '政府系统党的建设',
        content: '全面加强政府系统党的建设，巩固拓展主题教育成果，持续深化党纪学习教育。',
        lead: '市政府办',
        leaders: '王建国',
        deadline: '长期坚持',
        fate: 'n',
      },
      {
        brief: '规范性文件清理',
        content: '坚持依法行政，完成市政府规章和行政规范性文件集中清理工作。',
        lead: '市政府办',
        partners: '市审批局',
        leaders: '王建国',
        deadline: '{Y}年3月15日前',
        fate: 'd3',
      },
      {
        brief: '审计监督全覆盖',
        content: '加强审计监督，对重大政策措施落实情况开展跟踪审计，实现审计监督全覆盖。',
        lead: '市审计局',
        partners: '市财政局',
        leaders: '王建国',
        deadline: '年底前',
        fate: 'n',
      },
      {
        brief: '过紧日子',
        content: '严格落实过紧日子要求，一般性支出压减10%以上，“三公”经费只减不增。',
        lead: '市财政局',
        partners: '市审计局',
        leaders: '李明远',
        deadline: '年内',
        fate: 'n',
      },
      {
        brief: '督查督办机制',
        content: '健全督查督办机制，对重点任务实行月调度、季通报、年考核。',
        lead: '市督查室',
        partners: '市考核办',
        leaders: '王建国',
        deadline: '每月',
        fate: 'n',
      },
      {
        brief: '政府绩效考核',
        content: '完善政府绩效考核办法，科学设置考核指标，强化考核结果运用。',
        lead: '市考核办',
        partners: '市督查室、市政府办',
        leaders: '王建国',
        deadline: '4月底前出台年度考核实施方案，年内持续推进',
        fate: 'n',
      },
      {
        brief: '12345热线办理质效',
        content: '提升12345政务服务便民热线办理质效，群众满意率达到95%以上。',
        lead: '市政府办',
        partners: '市审批局、各区县',
        leaders: '王建国',
        deadline: '持续推进',
        fate: 's',
      },
      {
        brief: '一件事集成办理',
        content: '推进“高效办成一件事”，实现企业开办、项目开工等10个事项集成办理。',
        lead: '市审批局',
        partners: '市市场监管局、市住建局',
        leaders: '刘志刚',
        deadline: '9月底前',
        fate: 'o',
        target: [10, '个', 0],
      },
      {
        brief: '防范化解政府债务风险',
        content: '防范化解政府债务风险，严格落实债务化解计划，坚决守住不发生系统性风险的底线。',
        lead: '市财政局',
        partners: '市国资委、各区县',
        leaders: '李明远',
        deadline: '长期坚持',
        fate: 'n',
      },
      {
        brief: '政务公开',
        content: '深化政务公开，政府信息主动公开率达到100%，按时发布政府信息公开工作年度报告。',
        lead: '市政府办',
        leaders: '王建国',
        deadline: '5月底前',
        fate: 'd5',
      },
    ],
  },
];

// ── words ──────────────────────────────────────────────────────────────────────────────────────────────────
type Words = { progress: string[]; problems: string[]; next: string[] };

/** Per section: what a unit writes under 进展情况 / 存在问题 / 下步打算 ({b} = the task in brief). */
const SECTION_WORDS: Words[] = [
  {
    progress: [
      '召开{b}专题调度会，逐项梳理推进情况，协调解决用地、资金等要素制约问题',
      '建立{b}工作台账，实行周调度、月通报，压茬推进各项工作',
      '主动对接省发改委、省财政厅，积极争取政策和资金支持，{b}各项工作有序推进',
      '组织各区县开展{b}专项督导，现场协调解决问题',
      '深入重点企业和项目现场走访调研，推动{b}各项措施落地见效',
      '按照时间节点倒排工期，挂图作战，{b}工作稳步推进',
    ],
    problems: [
      '部分项目前期手续办理进度偏慢，用地、环评等要素保障压力较大',
      '受市场需求偏弱影响，部分企业投资意愿不强，项目落地转化偏慢',
      '上级资金争取竞争激烈，储备项目成熟度有待提升',
      '部分区县项目谋划储备不足，接续能力不强',
    ],
    next: [
      '持续加强调度，对进度滞后事项实行清单化管理、挂图作战',
      '加大要素保障力度，推动储备项目尽快转化落地',
      '加强与省级部门的沟通对接，争取更多政策和资金支持',
      '强化督导考核，对推进不力的单位进行约谈提醒',
    ],
  },
  {
    progress: [
      '召开{b}推进会，分解年度目标，建立“一企一策”包抓机制',
      '开展重点企业走访服务，帮助企业解决融资、用工等困难，{b}各项工作有序推进',
      '组织{b}项目谋划对接活动，新签约一批产业项目',
      '落实{b}相关扶持政策，兑现奖补资金，企业积极性明显提升',
      '梳理{b}重点项目清单，实行专班推进、周调度',
    ],
    problems: [
      '部分企业订单不足、资金紧张，增长动力偏弱',
      '产业链上下游配套不够完善，本地配套率不高',
      '部分项目建设进度滞后于计划，设备采购和安装周期较长',
      '高层次技术人才和熟练技工短缺',
    ],
    next: [
      '加大企业培育和服务力度，推动更多企业升规入统',
      '加快在建项目建设进度，推动尽早投产达效',
      '强化政策兑现，持续开展惠企政策宣传解读',
      '围绕主导产业开展精准招商，补齐产业链短板',
    ],
  },
  {
    progress: [
      '开展{b}政策宣讲和企业辅导，组织企业申报相关资质和项目',
      '联合高校院所举办{b}对接活动，推动一批合作项目签约',
      '完善{b}工作机制，出台配套支持措施',
      '组织专家对{b}重点事项开展评审论证，推进工作落实',
      '加快{b}相关平台建设，基础设施和运营团队逐步到位',
    ],
    problems: [
      '企业研发投入意愿不强，创新主体培育难度较大',
      '高端创新人才引进难、留住难',
      '创新平台运营机制有待完善，成果转化效率不高',
      '部分申报材料准备不充分，影响认定进度',
    ],
    next: [
      '加强企业培育辅导，建立后备企业库，实行动态管理',
      '加大政策兑现力度，激发企业创新活力',
      '深化与高校院所合作，推动成果就地转化',
      '强化跟踪服务，确保年度指标按期完成',
    ],
  },
  {
    progress: [
      '制定{b}年度工作要点，明确改革任务清单和责任分工',
      '召开{b}专题会议，研究部署重点改革事项',
      '对标先进地区经验，推进{b}流程再造和制度创新',
      '开展{b}第三方评估，梳理问题清单并建立整改台账',
      '组织{b}政策培训，推动各项改革措施落地',
    ],
    problems: [
      '部分改革事项涉及多部门，协同推进难度较大',
      '信息系统对接不畅，数据共享程度不高',
      '基层承接能力不足，改革红利释放不充分',
      '部分改革措施需上级授权，推进周期较长',
    ],
    next: [
      '加强部门协同，定期会商解决改革中的堵点难点',
      '加快信息系统整合对接，提升数据共享水平',
      '总结推广典型经验做法，扩大改革成效',
      '持续跟踪评估，及时调整完善改革措施',
    ],
  },
  {
    progress: [
      '召开{b}现场推进会，逐县区压实工作责任',
      '下达{b}年度计划和资金，督促各地加快项目实施',
      '组织技术人员深入田间地头和项目现场开展指导服务，{b}有序推进',
      '开展{b}专项督导检查，对发现的问题建立台账限期整改',
      '完成{b}项目招标，施工队伍已进场作业',
    ],
    problems: [
      '部分项目资金配套不到位，影响实施进度',
      '受雨季和农时影响，部分工程有效施工期较短',
      '村级组织发展能力不均衡，带动作用有待加强',
      '部分工程征地拆迁和群众工作难度较大',
    ],
    next: [
      '加快资金拨付，确保项目按计划实施',
      '抢抓有利施工时机，倒排工期加快推进',
      '加强督导检查，对进度滞后的县区进行通报',
      '做好群众工作，及时化解矛盾纠纷',
    ],
  },
  {
    progress: [
      '开展{b}专项执法检查，对发现问题实行清单化管理、闭环式整改',
      '召开{b}工作调度会，分析研判形势，部署重点任务',
      '落实{b}精准治理措施，实行清单化管理，重点区域环境质量持续改善',
      '推进{b}重点工程建设，完成阶段性任务',
      '加强{b}监测预警，及时会商研判并采取管控措施',
    ],
    problems: [
      '受不利气象条件影响，部分时段污染指标波动较大',
      '部分治理工程建设进度偏慢，资金缺口较大',
      '基层执法监管力量相对薄弱',
      '部分企业治污设施运行不稳定，存在反弹风险',
    ],
    next: [
      '持续加强监测预警和联防联控，确保年度目标完成',
      '加快推进重点治理工程，确保按期建成发挥效益',
      '加大执法检查力度，严厉打击环境违法行为',
      '健全长效管护机制，巩固治理成效',
    ],
  },
  {
    progress: [
      '制定{b}年度实施方案，细化分解目标任务',
      '召开{b}推进会，逐项对账，督促加快进度',
      '加强{b}资金保障，已拨付年度资金的大部分',
      '开展{b}专项行动，惠及群众数量持续增加',
      '深入基层调研{b}落实情况，及时回应群众关切',
    ],
    problems: [
      '部分项目选址和用地手续办理周期较长',
      '基层专业人员不足，服务能力有待提升',
      '部分区县配套资金到位较慢',
      '群众参与度和满意度有待进一步提高',
    ],
    next: [
      '加快项目建设进度，确保按时投入使用',
      '加强资金统筹，督促区县落实配套资金',
      '加大宣传力度，提高群众知晓率和满意度',
      '强化督导考核，确保各项民生任务如期兑现',
    ],
  },
  {
    progress: [
      '制定{b}年度工作方案，明确责任分工和完成时限',
      '召开{b}专题会议，研究部署重点工作',
      '开展{b}专项检查，对发现问题督促整改',
      '完善{b}相关制度，推进工作规范化、常态化',
      '组织{b}业务培训，提升工作人员能力水平',
    ],
    problems: [
      '部分单位思想认识不到位，工作推进不平衡',
      '制度执行刚性不足，长效机制有待完善',
      '信息化支撑能力不足，工作效率有待提高',
      '工作人员力量不足，专业化水平有待提升',
    ],
    next: [
      '加强统筹调度，推动各项任务落细落实',
      '健全完善制度机制，推动工作常态长效',
      '强化督促检查，对发现的问题跟踪整改到位',
      '加强队伍建设，提升履职能力',
    ],
  },
];

const MILD_PROBLEMS = [
  '部分工作涉及多个部门，协调推进的时间成本较高',
  '个别配合单位材料报送不够及时',
  '专业技术人员力量不足',
  '统计数据存在一定滞后，进度核实需要时间',
];

const RETURN_COMMENTS = [
  '进展情况表述笼统，请补充具体数据和完成节点。',
  '存在问题未如实填写，请反映推进中的实际困难。',
  '完成比例与进展描述不一致，请核实后重新报送。',
  '请补充佐证材料（现场照片、批复文件等）。',
  '下步打算缺少时间节点和具体措施，请细化后重新报送。',
  '量化指标累计完成值与统计部门数据不一致，请核实。',
];

const DELAY_REASONS = [
  '资金拨付滞后',
  '征地拆迁难度较大',
  '施工单位组织不力',
  '审批手续办理周期较长',
  '设备采购周期延长',
  '部门间数据对接不畅',
];

const PARTNER_PROGRESS = [
  '按要求报送本单位相关数据和材料',
  '参加专题协调会，落实职责范围内的工作任务',
  '在审批、资金等方面给予支持，相关事项已办结',
  '组织本辖区开展相关工作，完成阶段性任务',
  '配合开展现场核查，及时反馈核查情况',
  '安排专人对接，配合做好政策宣传和业务指导',
];

const PARTNER_PROBLEMS = ['无', '无', '相关数据统计口径需进一步统一', '部分事项需牵头单位进一步明确分工'];

// names of unit staff without a demo account: the same person for a unit every month
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = ['建华', '志强', '海燕', '晓东', '丽娟', '国庆', '伟', '敏', '军', '磊', '静', '洋', '涛', '鹏', '婷'];
const GIVEN2 = ['超', '勇', '霞', '斌', '峰', '文博', '雅琴', '建军', '红梅', '永刚', '小龙', '佳怡', '宏伟', '立新'];
const personName = (n: number): string => {
  const s = SURNAMES[(n * 7 + 3) % SURNAMES.length]!;
  const g = n % 3 === 0 ? GIVEN2[(n >>> 2) % GIVEN2.length]! : GIVEN[(n >>> 1) % GIVEN.length]!;
  return `${s}${g}`;
};

const fill = (template: string, brief: string) => template.replaceAll('{b}', brief);

// ── the output ─────────────────────────────────────────────────────────────────────────────────────────────
export type DemoTasksPlan = {
  year: number;
  today: string;
  source: typeof taskSources.$inferInsert;
  plan: typeof assignmentPlans.$inferInsert;
  sections: (typeof planSections.$inferInsert)[];
  tasks: (typeof tasks.$inferInsert)[];
  partners: (typeof taskPartners.$inferInsert)[];
  leaders: (typeof taskLeaders.$inferInsert)[];
  milestones: (typeof taskMilestones.$inferInsert)[];
  feedback: (typeof taskFeedback.$inferInsert)[];
  parts: (typeof taskFeedbackParts.$inferInsert)[];
  events: (typeof taskEvents.$inferInsert)[];
  steps: (typeof ladderSteps.$inferInsert)[];
  instructions: (typeof instructions.$inferInsert)[];
  instructionUnits: (typeof instructionUnits.$inferInsert)[];
  inspections: (typeof inspections.$inferInsert)[];
  checklist: (typeof inspectionChecklistItems.$inferInsert)[];
  teams: (typeof inspectionTeams.$inferInsert)[];
  targets: (typeof inspectionTargets.$inferInsert)[];
  findings: (typeof inspectionFindings.$inferInsert)[];
  rectifications: (typeof rectifications.$inferInsert)[];
  /** weekly reports an inspection contradicts (the dispatch's inspection_flag) */
  flags: { reportIds: string[]; note: string; at: Date }[];
};

/** The plan's year: this year once it is well under way, last year's plan in January and February. */
export const demoTasksYear = (today: string): number =>
  today.slice(5) >= '03-01' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;

type Actor = { userId: string | null; name: string; unitId: string; unitName: string };

/** The demo key tasks and supervision for `world` at `now`. Pure and deterministic. */
export function planDemoTasks(world: DemoWorld, now: Date, cal: CalendarData = OFFICIAL_CALENDAR): DemoTasksPlan {
  const today = businessDate(now);
  const Y = demoTasksYear(today);
  const newId = idMaker(makeRng(SEED ^ 0x1d));

  // units and people
  const unitByName = new Map<string, DemoWorld['units'][number]>();
  for (const u of world.units) {
    unitByName.set(u.name, u);
    if (u.shortName && !unitByName.has(u.shortName)) unitByName.set(u.shortName, u);
  }
  const unitNamed = (name: string) => {
    const u = unitByName.get(name);
    if (!u) throw new Error(`demo tasks: no unit named ${name}`);
    return u;
  };
  const unitName = new Map(world.units.map((u) => [u.id, u.name]));
  const shortOf = (id: string) => world.units.find((u) => u.id === id)?.shortName ?? unitName.get(id) ?? '';
  const GROUPS: Record<string, string[]> = {
    各区县: ['城关区', '新城区', '河东区', '河西区', '临山县', '平川县'],
    两个开发区: ['经开区管委会', '高新区管委会'],
  };
  const unitsOf = (text: string | undefined): string[] =>
    (text ?? '')
      .split('、')
      .filter((s) => s !== '')
      .flatMap((s) => GROUPS[s] ?? [s])
      .map((s) => unitNamed(s).id);
  const leaderNamed = (name: string) => {
    const l = world.leaders.find((x) => x.name === name);
    if (!l) throw new Error(`demo tasks: no leader named ${name}`);
    return l;
  };
  const STAFF_ROLES = ['unit_staff', 'supervisor', 'assessor', 'coordinator', 'statistician'];
  const staff = new Map<string, Actor>();
  world.units.forEach((u, i) => {
    const user = world.users.find((x) => x.unitId === u.id && x.roles.some((r) => STAFF_ROLES.includes(r)));
    staff.set(u.id, {
      userId: user?.id ?? null,
      name: user?.displayName ?? personName(i + 11),
      unitId: u.id,
      unitName: u.name,
    });
  });
  const staffOf = (unitId: string) => staff.get(unitId)!;
  const supervisionUnit = world.units.find((u) => u.name.includes('督查室')) ?? world.units[0]!;
  const supUser = world.users.find((u) => u.username === 'supervisor');
  const sup: Actor = {
    userId: supUser?.id ?? null,
    name: supUser?.displayName ?? '钱督查',
    unitId: supervisionUnit.id,
    unitName: supervisionUnit.name,
  };
  const SYSTEM: Actor = { userId: null, name: '系统', unitId: supervisionUnit.id, unitName: supervisionUnit.name };

  // ── the source and the plan ────────────────────────────────────────────────────────────────────────────
  const issued = nextWorkingDay(`${Y}-01-20`, cal);
  const sourceAt = bj(issued, 9 * 60 + 30);
  const planAt = bj(issued, 11 * 60 + 10);
  const claimDue = addWorkingDays(issued, 3, cal);
  const sourceId = newId();
  const planId = newId();
  const planTitle = `${Y}年市政府工作报告重点任务分解和责任落实分工方案`;
  const source: typeof taskSources.$inferInsert = {
    id: sourceId,
    kind: 'work_report',
    title: `${Y}年示范市政府工作报告`,
    docNumber: `示政发〔${Y}〕1号`,
    issuedOn: issued,
    createdByName: sup.name,
    version: 1,
    createdAt: sourceAt,
    updatedAt: sourceAt,
  };
  const plan: typeof assignmentPlans.$inferInsert = {
    id: planId,
    sourceId,
    title: planTitle,
    year: Y,
    feedbackCycle: FEEDBACK_PLAN.feedbackCycle,
    feedbackDueDay: FEEDBACK_PLAN.feedbackDueDay,
    claimWorkingDays: 3,
    status: 'active',
    createdByName: sup.name,
    version: 1,
    createdAt: planAt,
    updatedAt: planAt,
  };

  // the cycles: every one due before today, then the open one (due today or later)
  const cycles: { key: string; dueOn: string }[] = [];
  for (let key = `${Y}-01`; ; key = addCycles(key, 1)) {
    const dueOn = cycleDueOn(key, FEEDBACK_PLAN, cal);
    cycles.push({ key, dueOn });
    if (dueOn >= today) break;
  }
  const past = cycles.filter((c) => c.dueOn < today);
  const openCycle = cycles.at(-1)!;

  const out: DemoTasksPlan = {
    year: Y,
    today,
    source,
    plan,
    sections: [],
    tasks: [],
    partners: [],
    leaders: [],
    milestones: [],
    feedback: [],
    parts: [],
    events: [],
    steps: [],
    instructions: [],
    instructionUnits: [],
    inspections: [],
    checklist: [],
    teams: [],
    targets: [],
    findings: [],
    rectifications: [],
    flags: [],
  };
  const event = (taskId: string, action: string, who: Actor, at: Date, note: string | null = null) =>
    out.events.push({
      id: newId(),
      taskId,
      action,
      note,
      byUserId: who.userId,
      byName: who.name,
      byUnitName: who.unitName,
      at,
    });

  /** What the seed knows of each task afterwards (for the ladder, instructions and inspections). */
  type Built = {
    id: string;
    number: string;
    brief: string;
    content: string;
    label: string;
    fate: Fate;
    leadUnitId: string;
    sectionIndex: number;
    sectionId: string;
    deadlineOn: string | null;
    deadlineKind: string;
    doneAt: Date | null;
    /** the completion of the latest feedback submitted by now */
    pct: number;
    /** cycles missed at the end (silent tasks) */
    missedKeys: string[];
    /** each cycle's first submission, by key */
    submitted: Map<string, Date>;
  };
  const built: Built[] = [];

  let sort = 0;
  SECTIONS.forEach((sec, si) => {
    const sectionId = newId();
    out.sections.push({ id: sectionId, planId, ordinal: si + 1, label: sec.label, title: sec.title });
    const words = SECTION_WORDS[si]!;
    sec.tasks.forEach((spec, ti) => {
      const index = sort++;
      const rng = rngFor(1, index);
      const id = newId();
      const number = `${si + 1}.${ti + 1}`;
      const deadlineText = spec.deadline.replaceAll('{Y1}', String(Y + 1)).replaceAll('{Y}', String(Y));
      const parsed = parseDeadline(deadlineText, { year: Y, cal });
      if (!parsed.ok) throw new Error(`demo tasks: ${number} ${parsed.reason}`);
      const dl = parsed.value;
      const lead = unitNamed(spec.lead);
      const partnerIds = unitsOf(spec.partners).filter((u) => u !== lead.id);
      const leaderRows = spec.leaders.split('、').map(leaderNamed);
      const startsOn = `${Y}-01-01`;
      const yearEnd = `${Y}-12-31`;
      const end = dl.kind === 'date' ? dl.on! : yearEnd;
      const span = Math.max(1, dayNumber(end) - dayNumber(startsOn));
      const share = (d: string) => Math.max(0, (dayNumber(d) - dayNumber(startsOn)) / span);
      const leadStaff = staffOf(lead.id);
      const oldLead = spec.reassigned ? unitNamed(spec.reassigned.from) : null;

      // ── done (销号): on a day of the fated month, or just before a long-passed deadline ─────────────────
      let doneOn: string | null = null;
      if (spec.fate.startsWith('d')) {
        const m = Number(spec.fate.slice(1));
        doneOn = nextWorkingDay(`${Y}-${pad2(m)}-${pad2(rng.int(6, 16))}`, cal);
        if (dl.on && doneOn > dl.on) doneOn = previousWorkingDay(addDays(dl.on, -2), cal);
      } else if (spec.fate === 'n' && dl.kind === 'date' && dl.on! < today) {
        // a task on track whose deadline has passed was finished, and confirmed, before it
        doneOn = addWorkingDays(previousWorkingDay(dl.on!, cal), -rng.int(5, 15), cal);
      }
      const doneRequestAt = doneOn ? bj(doneOn, rng.int(10 * 60, 16 * 60)) : null;
      const requested = doneRequestAt !== null && doneRequestAt <= now;
      const doneConfirmAt = doneOn ? bj(addWorkingDays(doneOn, rng.int(1, 3), cal), rng.int(14 * 60, 17 * 60)) : null;
      const doneAt = requested && doneConfirmAt! <= now ? doneConfirmAt : null;
      /** the day the work was finished, if by now */
      const finished = requested ? doneOn : null;

      // ── the completion each cycle reports ─────────────────────────────────────────────────────────────
      const overdueCap = rng.int(62, 84);
      const pctAt = (d: string, prev: number): number => {
        if (finished && d >= finished) return 100;
        const s = share(d);
        let p: number;
        switch (spec.fate) {
          case 'l':
            p = 100 * s * 0.68 - 3 + rng.int(-2, 2);
            break;
          case 'o':
            p = Math.min(100 * s * 0.9, overdueCap) + (dl.on && d > dl.on ? rng.int(1, 3) : 0);
            break;
          default:
            if (doneOn)
              p = (100 * (dayNumber(d) - dayNumber(startsOn))) / Math.max(1, dayNumber(doneOn) - dayNumber(startsOn));
            else p = 100 * s;
            p += rng.int(-2, 7);
        }
        if (d.slice(5, 7) === '01') p = rng.int(2, 6);
        return Math.max(prev, Math.min(95, Math.max(1, Math.round(p))));
      };
      const confidenceAt = (d: string, pct: number): Confidence => {
        if (pct >= 100) return 'on_track';
        switch (spec.fate) {
          case 'l':
            return share(d) < 0.4 || rng.chance(0.45) ? 'on_track' : 'at_risk';
          case 'o':
            if (dl.on && d > dl.on) return rng.chance(0.7) ? 'off_track' : 'at_risk';
            return dayNumber(dl.on!) - dayNumber(d) > 60 ? 'on_track' : 'at_risk';
          case 's':
          case 'm':
            return 'on_track';
          default:
            return rng.chance(0.93) ? 'on_track' : 'at_risk';
        }
      };
      const quantAt = (pct: number, prev: number): number | null => {
        if (!spec.target) return null;
        const [value, , decimals] = spec.target;
        const v = pct >= 100 ? value * (1 + rng.int(0, 12) / 100) : (value * pct * (0.97 + rng.next() * 0.08)) / 100;
        const f = 10 ** decimals;
        return Math.max(prev, Math.round(v * f) / f);
      };

      // ── claims ────────────────────────────────────────────────────────────────────────────────────────
      const claimDay = addWorkingDays(
        issued,
        rng.weighted([
          [0, 3],
          [1, 4],
          [2, 2],
          [3, 1],
        ]),
        cal,
      );
      const claimedAt = maxDate(plusMin(planAt, 45), bj(claimDay, officeTime(rng)));
      const claimer = oldLead ? staffOf(oldLead.id) : leadStaff;
      event(id, 'claimed', claimer, claimedAt);
      let claimStatus: 'pending' | 'claimed' | 'disputed' = 'claimed';
      let claimDueOn = claimDue;
      let currentClaimedAt: Date | null = claimedAt;
      let claimedByName: string | null = claimer.name;
      let disputeReason: string | null = null;
      let lastTaskChange = claimedAt;
      let reassignDay: string | null = null;
      if (spec.reassigned) {
        const back = spec.reassigned.claim === 'pending' ? 1 : spec.reassigned.claim === 'pending_overdue' ? 5 : 8;
        const day = addWorkingDays(previousWorkingDay(today, cal), -back, cal);
        reassignDay = day;
        const reassignAt = bj(day, rng.int(9 * 60, 11 * 60 + 30));
        event(id, 'reassigned', sup, reassignAt, `由${oldLead!.name}调整为${lead.name}：${spec.reassigned.note}`);
        claimStatus = 'pending';
        claimDueOn = addWorkingDays(day, 3, cal);
        currentClaimedAt = null;
        claimedByName = null;
        lastTaskChange = reassignAt;
        if (spec.reassigned.claim === 'disputed') {
          const disputeAt = bj(addWorkingDays(day, 2, cal), rng.int(14 * 60, 17 * 60));
          if (disputeAt <= now) {
            claimStatus = 'disputed';
            disputeReason = spec.reassigned.reason ?? null;
            event(id, 'disputed', leadStaff, disputeAt, disputeReason);
            lastTaskChange = disputeAt;
          }
        }
      }

      // ── feedback, cycle by cycle ──────────────────────────────────────────────────────────────────────
      const silentFrom = spec.fate === 's' ? past.length - rng.int(2, 3) : Number.POSITIVE_INFINITY;
      const missedKeys: string[] = [];
      const submitted = new Map<string, Date>();
      let pct = 0;
      let quant = 0;
      cycles.forEach((c, ci) => {
        // nothing owed after the 销号: a cycle that begins after the work was finished and is due after the confirmation
        if (finished && doneAt && finished < `${c.key}-01` && businessDate(doneAt) <= c.dueOn) return;
        const reporter = oldLead && reassignDay !== null && c.dueOn <= reassignDay ? staffOf(oldLead.id) : leadStaff;
        const isOpen = c === openCycle;
        const cycleStart = `${c.key}-01`;
        const january = c.key.endsWith('-01');
        const silent = ci >= silentFrom;
        // when the unit sends it: mostly in the last days before the due date, sometimes late
        const lateness = silent
          ? 'never'
          : rng.weighted<'ontime' | 'late' | 'verylate'>([
              ['ontime', january ? 70 : 90],
              ['late', january ? 26 : 8],
              ['verylate', 2],
            ]);
        let submitDay: string;
        if (lateness === 'ontime') {
          const before = rng.weighted([
            [0, 38],
            [1, 25],
            [2, 15],
            [3, 10],
            [4, 6],
            [rng.int(5, 12), 6],
          ]);
          submitDay = addWorkingDays(c.dueOn, -before, cal);
          if (submitDay < cycleStart) submitDay = nextWorkingDay(cycleStart, cal);
        } else if (lateness === 'late') submitDay = addWorkingDays(c.dueOn, rng.int(1, 3), cal);
        else submitDay = addWorkingDays(c.dueOn, rng.int(4, 8), cal);
        let submitAt = bj(submitDay, submitDay === c.dueOn ? rng.int(9 * 60, 17 * 60 + 20) : officeTime(rng));
        if (january) submitAt = maxDate(submitAt, plusMin(claimedAt, rng.int(60, 600)));
        const draftAt = minDate(
          plusMin(submitAt, -10),
          maxDate(
            january ? plusMin(claimedAt, 20) : bj(cycleStart, 8 * 60 + 40),
            plusMin(submitAt, -rng.int(60, 4 * 1440)),
          ),
        );
        if (silent) {
          missedKeys.push(c.key);
          // now and then a draft started and never sent
          if (!isOpen && rng.chance(0.3)) {
            const at = bj(addWorkingDays(c.dueOn, -rng.int(1, 4), cal), officeTime(rng));
            if (at <= now) {
              const p = pctAt(c.dueOn, pct);
              out.feedback.push(feedbackRow(c, 'draft', p, at, at, null, null, null, reporter));
            }
          }
          return;
        }
        if (draftAt > now) {
          if (!isOpen) missedKeys.push(c.key);
          return; // not started yet
        }
        const p = pctAt(c.dueOn, pct);
        const q = quantAt(p, quant);
        const confidence = confidenceAt(c.dueOn, p);
        if (submitAt > now) {
          // a draft in the making
          const updated = minDate(now, plusMin(draftAt, rng.int(10, 600)));
          out.feedback.push(feedbackRow(c, 'draft', p, draftAt, updated, q, confidence, null, reporter));
          if (!isOpen) missedKeys.push(c.key);
          return;
        }
        pct = p;
        quant = q ?? 0;
        // the 督查室 reads it within a few working days; now and then it goes back once
        const reviewDay = addWorkingDays(
          businessDate(submitAt),
          rng.weighted([
            [0, 15],
            [1, 45],
            [2, 25],
            [3, 15],
          ]),
          cal,
        );
        let reviewAt = bj(reviewDay, officeTime(rng));
        if (reviewAt <= submitAt) reviewAt = plusMin(submitAt, rng.int(40, 240));
        const returns = rng.chance(january || c.key <= `${Y}-03` ? 0.1 : 0.05);
        let status: FeedbackStatus = 'submitted';
        let lastSubmitAt = submitAt;
        let reviewedAt: Date | null = null;
        let returnComment: string | null = null;
        const steps: { action: string; at: Date; who: Actor; note: string | null }[] = [
          { action: 'feedback_submitted', at: submitAt, who: reporter, note: `${cycleLabel(c.key, 'zh')}进展情况` },
        ];
        if (reviewAt <= now) {
          reviewedAt = reviewAt;
          if (returns) {
            returnComment = rng.pick(RETURN_COMMENTS);
            steps.push({ action: 'feedback_returned', at: reviewAt, who: sup, note: returnComment });
            status = 'returned';
            const again = bj(addWorkingDays(businessDate(reviewAt), rng.int(1, 2), cal), officeTime(rng));
            if (again <= now) {
              status = 'submitted';
              lastSubmitAt = again;
              steps.push({
                action: 'feedback_submitted',
                at: again,
                who: reporter,
                note: `${cycleLabel(c.key, 'zh')}进展情况（修改后重新报送）`,
              });
              const accept = bj(addWorkingDays(businessDate(again), rng.int(1, 2), cal), officeTime(rng));
              if (accept <= now) {
                status = 'accepted';
                reviewedAt = accept;
                steps.push({ action: 'feedback_accepted', at: accept, who: sup, note: null });
              }
            }
          } else {
            status = 'accepted';
            steps.push({ action: 'feedback_accepted', at: reviewAt, who: sup, note: null });
          }
        }
        submitted.set(c.key, submitAt);
        const row = feedbackRow(c, status, p, draftAt, steps.at(-1)!.at, q, confidence, submitAt, reporter);
        row.submittedAt = lastSubmitAt;
        row.submittedByName = reporter.name;
        row.returnComment = returnComment;
        row.reviewedAt = reviewedAt;
        row.reviewedByName = reviewedAt ? sup.name : null;
        row.version = steps.length + 1;
        out.feedback.push(row);
        for (const s of steps) event(id, s.action, s.who, s.at, s.note);
      });

      function feedbackRow(
        c: { key: string; dueOn: string },
        status: FeedbackStatus,
        p: number,
        createdAt: Date,
        updatedAt: Date,
        q: number | null,
        confidence: Confidence | null,
        firstSubmittedAt: Date | null,
        who: Actor,
      ): typeof taskFeedback.$inferInsert {
        const m = Number(c.key.slice(5, 7));
        const text = writeFeedback(c.key, p, q);
        // partners' parts on a share of the cycles, written a little before the lead's
        // (before a reassignment the old lead wrote the feedback itself, not a part)
        const writers = partnerIds.filter(
          (u) => !(oldLead && u === oldLead.id && reassignDay && c.dueOn <= reassignDay),
        );
        if (writers.length > 0 && rng.chance(c.key >= addCycles(openCycle.key, -3) ? 0.5 : 0.3)) {
          for (const unitId of rng.shuffle(writers).slice(0, rng.int(1, Math.min(2, writers.length)))) {
            const at = minDate(
              createdAt,
              maxDate(bj(`${c.key}-01`, 9 * 60), plusMin(createdAt, -rng.int(30, 2 * 1440))),
            );
            out.parts.push({
              id: newId(),
              taskId: id,
              cycle: c.key,
              unitId,
              progress: `${shortOf(unitId)}配合${shortOf(lead.id)}推进${spec.brief}工作：${rng.pick(PARTNER_PROGRESS)}。`,
              problems: rng.pick(PARTNER_PROBLEMS),
              nextSteps: `继续做好${spec.brief}相关配合工作，按时报送${m}月份相关数据和材料。`,
              updatedByName: staffOf(unitId).name,
              version: 1,
              createdAt: at,
              updatedAt: at,
            });
          }
        }
        return {
          id: newId(),
          taskId: id,
          cycle: c.key,
          dueOn: c.dueOn,
          status,
          progress: text.progress,
          problems: text.problems,
          nextSteps: text.next,
          completionPct: p,
          quantValue: q === null ? null : String(q),
          confidence,
          firstSubmittedAt,
          submittedAt: firstSubmittedAt,
          submittedByName: firstSubmittedAt ? who.name : null,
          returnComment: null,
          reviewedAt: null,
          reviewedByName: null,
          createdByName: who.name,
          version: 1,
          createdAt,
          updatedAt,
        };
      }

      function writeFeedback(
        key: string,
        p: number,
        q: number | null,
      ): { progress: string; problems: string; next: string } {
        const m = Number(key.slice(5, 7));
        const quantText =
          q !== null && spec.target
            ? `截至目前，累计完成${q}${spec.target[1]}，占年度目标的${Math.min(100, Math.round((q / spec.target[0]) * 100))}%。`
            : '';
        const nextMonth = (m % 12) + 1;
        // the final deadline in words: "6月底前", "三季度末", "2027年底前" (a combined phrase by its last date)
        const finishBy = deadlineText.includes('，')
          ? `${Number(dl.on?.slice(5, 7) ?? 12)}月底前`
          : deadlineText.replace(/^到/, '');
        if (key.endsWith('-01')) {
          return {
            progress: `已认领任务，成立由主要负责同志任组长的工作专班，研究制定《${spec.brief}工作方案》，明确责任分工和时间节点。${quantText}`,
            problems: rng.chance(0.5) ? '工作方案尚在征求意见，部分配合单位职责需进一步明确。' : '暂无。',
            next: `${nextMonth}月上旬印发工作方案，召开启动部署会，全面启动各项工作。`,
          };
        }
        if (p >= 100) {
          return {
            progress: `${spec.brief}年度目标任务已全面完成。${quantText}相关佐证材料已整理归档，已提交销号申请。`,
            problems: '无。',
            next: '巩固工作成果，建立长效机制，做好总结评估。',
          };
        }
        const holiday = m === 2 ? '克服春节假期影响，' : m === 10 ? '克服国庆假期影响，' : '';
        const progress = `${m}月，${holiday}${fill(rng.pick(words.progress), spec.brief)}。${quantText}`;
        const behind = spec.fate === 'o' && dl.on !== null && `${key}-25` > dl.on;
        const lagging = spec.fate === 'l' || spec.fate === 'o';
        const problems = behind
          ? `受${rng.pick(DELAY_REASONS)}影响，未能在${finishBy}按期完成，目前完成${p}%。`
          : lagging || rng.chance(0.5)
            ? `${rng.pick(words.problems)}。`
            : rng.chance(0.6)
              ? `${rng.pick(MILD_PROBLEMS)}。`
              : '暂无突出问题。';
        const finish = behind
          ? `倒排工期、挂图作战，力争${nextMonth}月底前全面完成。`
          : dl.kind === 'date'
            ? `确保${finishBy}完成目标任务。`
            : '推动工作常态长效。';
        return { progress, problems, next: `${rng.pick(words.next)}，${finish}` };
      }

      // ── 销号 and ratings ──────────────────────────────────────────────────────────────────────────────
      let doneRequestedAt: Date | null = null;
      let doneRequestNote: string | null = null;
      let doneRequestedByName: string | null = null;
      let doneRefusedReason: string | null = null;
      const doneNote = () =>
        `${spec.brief}年度任务已全部完成${spec.target && quant ? `，累计完成${quant}${spec.target[1]}` : ''}，佐证材料已上传，申请销号。`;
      if (requested) {
        doneRequestedAt = doneRequestAt;
        doneRequestNote = doneNote();
        doneRequestedByName = leadStaff.name;
        event(id, 'done_requested', leadStaff, doneRequestAt!, doneRequestNote);
        lastTaskChange = maxDate(lastTaskChange, doneRequestAt!);
        if (doneAt) {
          event(id, 'done_confirmed', sup, doneAt, '经核查，任务已完成，同意销号。');
          lastTaskChange = maxDate(lastTaskChange, doneAt);
        }
      }
      // 4.10: asked to be marked done last week, waiting for the 督查室; 6.7: a request refused for want of evidence
      if (number === '4.10' && !doneOn && share(today) > 0.8) {
        const at = bj(addWorkingDays(previousWorkingDay(today, cal), -2, cal), rng.int(9 * 60, 16 * 60));
        if (at <= now && at > planAt) {
          doneRequestedAt = at;
          doneRequestNote = `全年减税降费退税已达${spec.target ? spec.target[0] + rng.int(1, 4) : ''}亿元，提前完成年度目标，佐证材料已上传，申请销号。`;
          doneRequestedByName = leadStaff.name;
          event(id, 'done_requested', leadStaff, at, doneRequestNote);
          lastTaskChange = maxDate(lastTaskChange, at);
        }
      }
      if (number === '6.7' && share(today) > 0.6) {
        const asked = bj(addWorkingDays(today, -18, cal), rng.int(9 * 60, 16 * 60));
        const refused = bj(addWorkingDays(businessDate(asked), 2, cal), rng.int(9 * 60, 17 * 60));
        if (refused <= now && asked > planAt) {
          event(id, 'done_requested', leadStaff, asked, '城区生活垃圾分类覆盖率已达95%，申请销号。');
          doneRefusedReason =
            '经抽查，河西区、河东区部分老旧小区尚未实现分类投放，覆盖率佐证材料不完整，请补充完善后重新申请。';
          event(id, 'done_refused', sup, refused, doneRefusedReason);
          lastTaskChange = maxDate(lastTaskChange, refused);
        }
      }
      let supervisorRating: Confidence | null = null;
      if (!doneAt && submitted.size > 1 && rng.chance(0.75)) {
        supervisorRating =
          spec.fate === 'o'
            ? 'off_track'
            : spec.fate === 'l' || spec.fate === 'm'
              ? rng.chance(0.75)
                ? 'at_risk'
                : 'off_track'
              : spec.fate === 's'
                ? 'at_risk'
                : rng.chance(0.88)
                  ? 'on_track'
                  : 'at_risk';
        const lastReview = [...out.events].reverse().find((e) => e.taskId === id && e.action === 'feedback_accepted');
        const at = lastReview ? plusMin(lastReview.at as Date, rng.int(5, 90)) : null;
        if (at && at <= now) {
          event(
            id,
            'rated',
            sup,
            at,
            `督查室评价：${{ on_track: '按计划推进', at_risk: '存在风险', off_track: '滞后' }[supervisorRating]}`,
          );
          lastTaskChange = maxDate(lastTaskChange, at);
        } else supervisorRating = null;
      }

      // ── the task's rows ───────────────────────────────────────────────────────────────────────────────
      out.tasks.push({
        id,
        planId,
        sectionId,
        parentId: null,
        number,
        sort: index,
        content: spec.content,
        leadUnitId: lead.id,
        deadlineText,
        deadlineKind: dl.kind,
        deadlineOn: dl.on,
        recurrence: dl.recurrence,
        startsOn,
        targetValue: spec.target ? String(spec.target[0]) : null,
        targetUnit: spec.target ? spec.target[1] : null,
        tags: spec.target ? ['量化指标'] : [],
        claimStatus,
        claimDueOn,
        claimedAt: currentClaimedAt,
        claimedByName,
        disputeReason,
        doneRequestedAt,
        doneRequestNote,
        doneRequestedByName,
        doneAt,
        doneConfirmedByName: doneAt ? sup.name : null,
        doneRefusedReason,
        supervisorRating,
        origin: null,
        version: 1 + out.events.filter((e) => e.taskId === id && !e.action.startsWith('feedback')).length,
        createdAt: planAt,
        updatedAt: lastTaskChange,
      });
      for (const unitId of partnerIds) out.partners.push({ taskId: id, unitId });
      for (const l of leaderRows) out.leaders.push({ taskId: id, leaderId: l.id });
      for (const [k, ms] of dl.milestones.entries()) {
        // reached a little before its date, unless this is the task whose milestone slipped
        const missed = spec.fate === 'm' && k === 0;
        const reached = addDays(ms.on, -rng.int(0, 12));
        out.milestones.push({
          id: newId(),
          taskId: id,
          title: ms.title,
          dueOn: ms.on,
          doneOn: !missed && reached < today ? reached : null,
        });
      }
      built.push({
        id,
        number,
        brief: spec.brief,
        content: spec.content,
        label: taskLabel({ number, content: spec.content }),
        fate: spec.fate,
        leadUnitId: lead.id,
        sectionIndex: si,
        sectionId,
        deadlineOn: dl.on,
        deadlineKind: dl.kind,
        doneAt,
        pct,
        missedKeys,
        submitted,
      });
    });
  });

  const task = (number: string) => built.find((t) => t.number === number)!;

  // ── the ladder register ────────────────────────────────────────────────────────────────────────────────
  const lr = rngFor(2, 0);
  type StepDraft = typeof ladderSteps.$inferInsert & { issuedAt: Date };
  const steps: StepDraft[] = [];
  const addStep = (
    s: Omit<StepDraft, 'id' | 'year' | 'seq' | 'number' | 'issuedBy' | 'issuedByName'> & { by?: Actor },
  ) => {
    if (s.issuedAt > now) return null;
    const by = s.by ?? sup;
    const { by: _by, ...rest } = s;
    const row: StepDraft = {
      ...rest,
      id: newId(),
      year: Number(businessDate(s.issuedAt).slice(0, 4)),
      seq: null,
      number: null,
      issuedBy: by.userId,
      issuedByName: by.name,
    };
    steps.push(row);
    return row;
  };
  const respond = (s: StepDraft | null, at: Date, response: string, close: Date | null = null) => {
    if (!s || at > now || at <= s.issuedAt) return;
    s.response = response;
    s.respondedAt = at;
    s.respondedByName = staffOf(s.unitId).name;
    s.status = 'answered';
    s.version = 2;
    if (close && close <= now && close > at) {
      s.status = 'closed';
      s.closedAt = close;
      s.closedByName = sup.name;
      s.version = 3;
    }
  };

  // 催办 by the daily sweep (supervision.jobs.ts, 08:10 every morning), as it leaves the register: origin
  // `auto:feedback:<cycle>` to the lead unit of each task still without feedback the morning after the due date,
  // closed by the sweep once the feedback is in or the next cycle is the one owed; `auto:claim` once a claim is late
  const SWEEP = 8 * 60 + 10;
  const sweepAfter = (t: Date): Date => {
    const d = businessDate(t);
    return t < bj(d, SWEEP) ? bj(d, SWEEP) : bj(addDays(d, 1), SWEEP);
  };
  past.slice(-2).forEach((c, k, list) => {
    const at = bj(addDays(c.dueOn, 1), SWEEP);
    const following = list[k + 1] ?? null;
    for (const t of built) {
      if (t.doneAt && t.doneAt <= at) continue;
      const sent = t.submitted.get(c.key);
      if (sent && sent <= at) continue;
      const s = addStep({
        objectType: 'task',
        objectId: t.id,
        objectLabel: t.label,
        unitId: t.leadUnitId,
        step: 'reminder',
        reason: `${cycleLabel(c.key, 'zh')}进展情况应于${c.dueOn}前报送,已逾期,请立即报送`,
        dueOn: c.dueOn,
        origin: `auto:feedback:${c.key}`,
        issuedAt: at,
        by: SYSTEM,
        status: 'open',
        version: 1,
      });
      const ends = [sent ? sweepAfter(sent) : null, following ? bj(addDays(following.dueOn, 1), SWEEP) : null]
        .filter((x): x is Date => x !== null)
        .sort((a, b) => a.getTime() - b.getTime());
      if (s && ends[0] && ends[0] <= now) {
        s.status = 'closed';
        s.closedAt = ends[0];
        s.closedByName = SYSTEM.name;
        s.version = 2;
      }
    }
  });
  // 催办 by hand: the tasks that stopped reporting
  for (const t of built.filter((x) => x.fate === 's' && x.missedKeys.length >= 2)) {
    const firstMissed = past.find((c) => c.key === t.missedKeys[0]);
    if (!firstMissed) continue;
    const at = bj(addWorkingDays(firstMissed.dueOn, lr.int(5, 8), cal), lr.int(9 * 60, 11 * 60));
    const s = addStep({
      objectType: 'task',
      objectId: t.id,
      objectLabel: t.label,
      unitId: t.leadUnitId,
      step: 'reminder',
      reason: `该任务自${cycleLabel(firstMissed.key, 'zh')}起未报送进展情况，请立即报送并书面说明原因。`,
      dueOn: addWorkingDays(businessDate(at), 3, cal),
      origin: 'manual',
      issuedAt: at,
      status: 'open',
      version: 1,
    });
    if (t.number === '5.9') {
      respond(
        s,
        plusMin(at, 1440 + lr.int(60, 300)),
        '因项目负责同志调整，进展材料报送不及时，已安排专人负责，近日补报。',
      );
    }
  }
  for (const row of out.tasks.filter((x) => x.claimStatus === 'pending' && x.claimDueOn < today)) {
    const t = built.find((x) => x.id === row.id)!;
    addStep({
      objectType: 'task',
      objectId: t.id,
      objectLabel: t.label,
      unitId: t.leadUnitId,
      step: 'reminder',
      reason: `任务认领时限${row.claimDueOn}已过,请尽快认领或提出异议`,
      origin: 'auto:claim',
      issuedAt: bj(addDays(row.claimDueOn, 1), SWEEP),
      by: SYSTEM,
      status: 'open',
      version: 1,
    });
  }

  // 督办单: overdue tasks after the rule's 5 working days, and a coordination item of the weekly dispatch
  const orderOn = (t: Built, extra: number) =>
    bj(addWorkingDays(t.deadlineOn!, 5 + extra, cal), lr.int(9 * 60 + 30, 11 * 60));
  const o1Task = task('1.5');
  const o1 = o1Task.doneAt
    ? null
    : addStep({
        objectType: 'task',
        objectId: o1Task.id,
        objectLabel: o1Task.label,
        unitId: o1Task.leadUnitId,
        step: 'order',
        reason: `“${o1Task.brief}”已超过完成时限（${zhDate(o1Task.deadlineOn!)}）仍未完成。`,
        requirement: '请于10个工作日内制定专项债券资金支出提速方案，明确时间表和责任人，并书面报告整改情况。',
        dueOn: addWorkingDays(businessDate(orderOn(o1Task, 0)), 10, cal),
        origin: 'manual',
        issuedAt: orderOn(o1Task, 0),
        status: 'open',
        version: 1,
      });
  if (o1) {
    const answered = bj(addWorkingDays(businessDate(o1.issuedAt), 8, cal), lr.int(9 * 60, 17 * 60));
    respond(
      o1,
      answered,
      '已制定资金支出提速方案，对未支出项目逐一约谈项目单位，截至目前专项债券资金支出进度提高至57%，剩余资金已明确支出计划。',
      bj(addWorkingDays(businessDate(answered), 2, cal), lr.int(9 * 60, 17 * 60)),
    );
  }
  const o2Task = task('6.4');
  const o2 = addStep({
    objectType: 'task',
    objectId: o2Task.id,
    objectLabel: o2Task.label,
    unitId: o2Task.leadUnitId,
    step: 'order',
    reason: `“${o2Task.brief}”已超过完成时限（${zhDate(o2Task.deadlineOn!)}），河道整治仅完成年度任务的六成。`,
    requirement: '请倒排工期、增加施工力量，于办理时限前书面报告整改措施和完成时间，逾期将予以通报。',
    dueOn: addWorkingDays(businessDate(orderOn(o2Task, 1)), 10, cal),
    origin: 'manual',
    issuedAt: orderOn(o2Task, 1),
    status: 'open',
    version: 1,
  });
  // on the weekly dispatch: a coordination item still open after its due date
  const item = [...world.items]
    .filter((x) => ['open', 'accepted', 'in_progress', 'reopened'].includes(x.status))
    .filter((x) => addWorkingDays(x.dueDate, 3, cal) < addWorkingDays(today, -4, cal))
    .sort(
      (a, b) => b.escalationLevel - a.escalationLevel || a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id),
    )[0];
  if (item) {
    const at = bj(addWorkingDays(item.dueDate, 3, cal), lr.int(14 * 60, 16 * 60));
    const s = addStep({
      objectType: 'coordination_item',
      objectId: item.id,
      objectLabel: item.description.length > 60 ? `${item.description.slice(0, 60)}…` : item.description,
      unitId: item.unitId,
      step: 'order',
      reason: '该协调事项已超过办理时限仍未解决，影响项目建设进度。',
      requirement: '请于办理时限前协调解决，并将办理结果书面报送市督查室和市重点项目建设服务中心。',
      dueOn: addWorkingDays(businessDate(at), 5, cal),
      origin: 'manual',
      issuedAt: at,
      status: 'open',
      version: 1,
    });
    respond(
      s,
      bj(addWorkingDays(businessDate(at), 3, cal), lr.int(9 * 60, 17 * 60)),
      '已召开专题协调会，明确了解决方案和时间节点，相关手续正在办理中，预计两周内办结。',
    );
  }
  const o4Task = task('2.6');
  const o4At = orderOn(o4Task, 0);
  addStep({
    objectType: 'task',
    objectId: o4Task.id,
    objectLabel: o4Task.label,
    unitId: o4Task.leadUnitId,
    step: 'order',
    reason: `“${o4Task.brief}”已超过完成时限（${zhDate(o4Task.deadlineOn!)}）仍未建成。`,
    requirement: '请查明原因，制定切实可行的赶超计划，于办理时限前报送书面材料。',
    dueOn: [addWorkingDays(businessDate(o4At), 10, cal), addWorkingDays(today, 4, cal)].sort()[1]!,
    origin: 'manual',
    issuedAt: o4At,
    status: 'open',
    version: 1,
  });
  // 通报: a critical one after the order on 6.4 went unanswered past its time limit, then a commendation
  let critical: StepDraft | null = null;
  if (o2 && o2.dueOn! < today) {
    const at = bj(addWorkingDays(o2.dueOn!, 5, cal), lr.int(9 * 60, 11 * 60));
    critical = addStep({
      objectType: 'task',
      objectId: o2Task.id,
      objectLabel: o2Task.label,
      unitId: o2Task.leadUnitId,
      step: 'notice',
      polarity: 'critical',
      reason: `“${o2Task.brief}”逾期未完成，督办单{order}下发后逾期未办理答复，予以通报批评。`,
      requirement: '请深刻反思，于5个工作日内向市政府作出书面说明，并报送整改方案。',
      dueOn: addWorkingDays(businessDate(at), 5, cal),
      origin: 'manual',
      issuedAt: at,
      status: 'open',
      version: 1,
    });
    respond(
      critical,
      critical ? bj(addWorkingDays(businessDate(critical.issuedAt), 4, cal), lr.int(9 * 60, 17 * 60)) : now,
      `我局已召开专题会议深刻反思，成立由局长任组长的攻坚专班，增加3个施工作业面，力争${Number(addDays(today, 30).slice(5, 7))}月底前完成河道整治任务。`,
    );
  }
  const praised = built
    .filter((t) => t.doneAt && t.deadlineOn && businessDate(t.doneAt) < t.deadlineOn)
    .sort((a, b) => (b.doneAt as Date).getTime() - (a.doneAt as Date).getTime())[0];
  if (praised) {
    let at = bj(addWorkingDays(businessDate(praised.doneAt!), 3, cal), lr.int(9 * 60, 11 * 60));
    if (critical && at <= critical.issuedAt)
      at = plusMin(bj(addWorkingDays(businessDate(critical.issuedAt), 2, cal), 0), lr.int(9 * 60, 11 * 60));
    const s = addStep({
      objectType: 'task',
      objectId: praised.id,
      objectLabel: praised.label,
      unitId: praised.leadUnitId,
      step: 'notice',
      polarity: 'commending',
      reason: `“${praised.brief}”提前完成年度目标任务，工作成效明显，予以通报表扬。`,
      origin: 'manual',
      issuedAt: at,
      status: 'open',
      version: 1,
    });
    if (s) {
      s.status = 'closed';
      s.closedAt = s.issuedAt;
      s.closedByName = sup.name;
    }
  }
  // 约谈: the unit of the critical notice, with the leader in charge
  if (critical) {
    const meetingOn = addWorkingDays(businessDate(critical.issuedAt), 6, cal);
    const at = bj(addWorkingDays(businessDate(critical.issuedAt), 3, cal), lr.int(9 * 60, 11 * 60));
    const leadName = unitName.get(o2Task.leadUnitId)!;
    const s = addStep({
      objectType: 'task',
      objectId: o2Task.id,
      objectLabel: o2Task.label,
      unitId: o2Task.leadUnitId,
      step: 'admonition',
      reason: `“${o2Task.brief}”逾期未完成，经督办、通报后仍进展缓慢。`,
      meetingOn,
      participants: `市政府副市长赵东升；市督查室主任；${leadName}党组书记、局长，分管副局长；河东区人民政府分管副区长`,
      record: null,
      origin: 'manual',
      issuedAt: at,
      status: 'open',
      version: 1,
    });
    if (s && bj(meetingOn, 16 * 60) <= now) {
      s.record = `约谈指出：${o2Task.brief}任务逾期未完成，督办后仍未按期答复，责任落实不到位。被约谈单位主要负责同志作表态发言，承诺倒排工期、挂图作战，确保年底前完成河道整治任务。约谈要求：一是每周向市督查室报送工程进度；二是12月底前完成全部整治任务；三是举一反三，全面排查本单位其他重点任务推进情况。`;
      s.response = '已按约谈要求建立周报制度，每周五向市督查室报送工程进度。';
      s.respondedAt = bj(addWorkingDays(meetingOn, 2, cal), 10 * 60);
      s.respondedByName = staffOf(s.unitId).name;
      s.status = s.respondedAt <= now ? 'answered' : 'open';
      if (s.status === 'open') {
        s.response = null;
        s.respondedAt = null;
        s.respondedByName = null;
      }
      s.version = 2;
    }
  }
  // the register numbers, per year in the order issued
  steps.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || String(a.id).localeCompare(String(b.id)));
  const seqs = new Map<string, number>();
  for (const s of steps) {
    const key = `${s.step}|${s.year}`;
    if (s.step !== 'order' && s.step !== 'notice') continue;
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    s.seq = seq;
    s.number = stepNumber(s.step as 'order' | 'notice', s.year, seq);
  }
  if (critical) critical.reason = critical.reason.replace('{order}', o2?.number ? `（${o2.number}）` : '');
  out.steps = steps;

  // ── leaders' instructions (批示) ───────────────────────────────────────────────────────────────────────
  const ir = rngFor(3, 0);
  const liming = world.leaders.find((l) => l.name === '李明远') ?? world.leaders[0]!;
  const mayor = world.leaders.find((l) => l.name === '王建国') ?? world.leaders.at(-1)!;
  const project = [...world.projects]
    .filter((p) => p.stage === 'under_construction' && p.reports.length > 0)
    .sort(
      (a, b) =>
        Number(b.newStart ?? false) - Number(a.newStart ?? false) ||
        (a.actualStartDate ?? '').localeCompare(b.actualStartDate ?? '') ||
        a.name.localeCompare(b.name),
    )[0];
  type InstructionSpec = {
    leader: DemoWorld['leaders'][number];
    object: { type: string; id: string; label: string } | null;
    kind: 'act' | 'read';
    text: string;
    units: string[];
    /** working days before today it was written, and the time limit after it */
    ago: number;
    dueIn: number | null;
    /** the units that answered, after how many working days */
    responses: Record<string, [days: number, text: string]>;
    close?: number;
  };
  const tObj = (t: Built) => ({ type: 'task', id: t.id, label: t.label });
  const specs: InstructionSpec[] = [
    {
      leader: liming,
      object: tObj(task('1.2')),
      kind: 'act',
      text: '市级重点项目投资完成进度明显滞后于序时进度，请市项目办会同市发改委逐项目分析原因，制定赶超措施，限期报我。',
      units: [task('1.2').leadUnitId, unitNamed('市发改委').id],
      ago: 12,
      dueIn: 7,
      responses: {
        [unitNamed('市发改委').id]: [4, '已会同市项目办对滞后项目逐一梳理，形成问题清单和赶超措施，已报市项目办汇总。'],
      },
    },
    {
      leader: liming,
      object: project ? { type: 'project', id: project.id, label: project.name } : null,
      kind: 'act',
      text: '该项目开工以来进展偏慢，请项目所在地政府和市项目办现场办公，帮助解决施工用地和资金问题，确保年度投资计划完成。',
      units: project ? [project.unitId, unitNamed('市项目办').id] : [unitNamed('市项目办').id],
      ago: 30,
      dueIn: 10,
      responses: Object.fromEntries(
        (project ? [project.unitId, unitNamed('市项目办').id] : [unitNamed('市项目办').id]).map((u, k) => [
          u,
          [
            3 + k * 2,
            k === 0
              ? '已组织现场办公，施工用地问题已协调解决，项目已增加施工人员，进度明显加快。'
              : '已派专员驻点服务，每周调度项目进展，资金缺口已协调银行授信解决。',
          ],
        ]),
      ),
      close: 14,
    },
    {
      leader: liming,
      object: null,
      kind: 'act',
      text: '四季度是完成全年目标的关键期，请市财政局、市税务局密切关注收入形势，加强收入组织，确保完成全年财政收入目标。',
      units: [unitNamed('市财政局').id, unitNamed('市税务局').id],
      ago: 3,
      dueIn: 10,
      responses: {},
    },
    {
      leader: liming,
      object: tObj(task('4.5')),
      kind: 'read',
      text: '阅。审批制度改革成效明显，望总结经验，持续巩固提升。',
      units: [task('4.5').leadUnitId],
      ago: 20,
      dueIn: null,
      responses: {},
    },
    {
      leader: mayor,
      object: tObj(task('6.4')),
      kind: 'act',
      text: '玉川河流域综合治理事关群众切身利益，进度严重滞后，请市水利局、河东区政府倒排工期，确保年底前完成整治任务，每半月报告一次进展。',
      units: [task('6.4').leadUnitId, unitNamed('河东区').id],
      ago: 9,
      dueIn: 5,
      responses: {
        [task('6.4').leadUnitId]: [
          2,
          '已成立攻坚专班，增加施工作业面，已完成河道整治15.2公里，确保12月底前完成剩余任务。',
        ],
        [unitNamed('河东区').id]: [3, '已完成沿线征迁扫尾工作，全力保障施工作业，每半月报告一次进展。'],
      },
    },
    {
      leader: mayor,
      object: tObj(task('7.8')),
      kind: 'act',
      text: '请市政府办牵头，会同市督查室对十件民生实事推进情况开展一次专项督查，年底前务必全部兑现承诺。',
      units: [task('7.8').leadUnitId, unitNamed('市督查室').id],
      ago: 16,
      dueIn: 20,
      responses: {
        [unitNamed('市督查室').id]: [5, '已制定专项督查方案，已组织督查组赴各责任单位实地督查。'],
      },
    },
  ];
  for (const s of specs) {
    const day = addWorkingDays(previousWorkingDay(today, cal), -s.ago, cal);
    const at = bj(day, ir.int(9 * 60, 17 * 60));
    if (at > now || at < planAt) continue;
    const id = newId();
    const dueOn = s.dueIn === null ? null : addWorkingDays(day, s.dueIn, cal);
    let last = at;
    for (const unitId of [...new Set(s.units)]) {
      const r = s.responses[unitId];
      const rAt = r ? bj(addWorkingDays(day, r[0], cal), ir.int(9 * 60, 17 * 60)) : null;
      const answered = r && rAt! <= now;
      if (answered) last = maxDate(last, rAt!);
      out.instructionUnits.push({
        instructionId: id,
        unitId,
        response: answered ? r[1] : null,
        respondedAt: answered ? rAt : null,
        respondedByName: answered ? staffOf(unitId).name : null,
        version: answered ? 2 : 1,
      });
    }
    const closeAt = s.close ? bj(addWorkingDays(day, s.close, cal), ir.int(9 * 60, 17 * 60)) : null;
    const closed = closeAt !== null && closeAt <= now && closeAt > last;
    out.instructions.push({
      id,
      leaderId: s.leader.id,
      leaderName: s.leader.name,
      objectType: s.object?.type ?? null,
      objectId: s.object?.id ?? null,
      objectLabel: s.object?.label ?? null,
      kind: s.kind,
      text: s.text,
      dueOn,
      status: closed ? 'closed' : 'open',
      closedAt: closed ? closeAt : null,
      createdBy: s.leader.userId,
      createdByName: s.leader.name,
      version: closed ? 2 : 1,
      createdAt: at,
    });
  }

  // ── inspections ────────────────────────────────────────────────────────────────────────────────────────
  planInspections(out, { world, now, today, Y, cal, newId, sup, staffOf, unitNamed, built, users: world.users });
  return out;
}

// ── inspections ────────────────────────────────────────────────────────────────────────────────────────────
type InspectionInput = {
  world: DemoWorld;
  now: Date;
  today: string;
  Y: number;
  cal: CalendarData;
  newId: () => string;
  sup: Actor;
  staffOf: (unitId: string) => Actor;
  unitNamed: (name: string) => { id: string; name: string };
  built: {
    id: string;
    number: string;
    label: string;
    leadUnitId: string;
    sectionIndex: number;
    sectionId: string;
    fate: Fate;
    brief: string;
  }[];
  users: DemoWorld['users'];
};

/** What the rectification of a problem is to become by `today`. */
type RectRole = 'closed' | 'submitted' | 'resubmitted' | 'overdue' | 'open';

function planInspections(out: DemoTasksPlan, c: InspectionInput): void {
  const { now, today, cal, newId, sup } = c;
  const rng = rngFor(4, 0);
  const userNamed = (username: string) => c.users.find((u) => u.username === username) ?? null;
  const member = (username: string, fallback: Actor) => {
    const u = userNamed(username);
    return u ? { id: u.id, name: u.displayName } : { id: fallback.userId, name: fallback.name };
  };
  const supervisor = member('supervisor', sup);
  const coordinator = member('coordinator', sup);
  const assessor = member('assessor', sup);
  const unitIdOr = (name: string, fallback: string) => {
    try {
      return c.unitNamed(name).id;
    } catch {
      return c.unitNamed(fallback).id;
    }
  };
  // 发改委、监察局(no such unit in the demo: the audit bureau is the closest)、督查室、考核办
  const drc = unitIdOr('市发改委', '市政府办');
  const discipline = unitIdOr('市审计局', '市政府办');
  const supervision = unitIdOr('市督查室', '市政府办');
  const assessment = unitIdOr('市考核办', '市政府办');
  const projectCenter = unitIdOr('市项目办', '市发改委');

  const rectify = (
    findingId: string,
    inspectionId: string,
    unitId: string,
    inspectedOn: string,
    role: RectRole,
    requirement: string,
    evidence: string,
    verifier: { id: string | null; name: string },
  ) => {
    const created = bj(addWorkingDays(inspectedOn, 1, cal), rng.int(9 * 60, 17 * 60));
    if (created > now) return;
    const row: typeof rectifications.$inferInsert = {
      id: newId(),
      findingId,
      inspectionId,
      unitId,
      requirement,
      dueOn: addWorkingDays(businessDate(created), 15, cal),
      status: 'open',
      evidence: null,
      submittedAt: null,
      submittedByName: null,
      rejectReason: null,
      verifiedAt: null,
      verifiedByName: null,
      createdByName: verifier.name,
      version: 1,
      createdAt: created,
      updatedAt: created,
    };
    const who = c.staffOf(unitId).name;
    const day = (t: Date) => businessDate(t);
    const at = (date: string) => bj(date, rng.int(9 * 60, 17 * 60));
    const submitAt = (d: string) => maxDate(plusMin(created, 60), at(d));
    if (role === 'closed') {
      const sub = submitAt(addWorkingDays(day(created), rng.int(4, 8), cal));
      const ver = at(addWorkingDays(day(sub), rng.int(1, 3), cal));
      if (ver <= now)
        Object.assign(row, {
          status: 'closed',
          evidence,
          submittedAt: sub,
          submittedByName: who,
          verifiedAt: ver,
          verifiedByName: verifier.name,
          version: 3,
          updatedAt: ver,
        });
      else if (sub <= now)
        Object.assign(row, {
          status: 'submitted',
          evidence,
          submittedAt: sub,
          submittedByName: who,
          version: 2,
          updatedAt: sub,
        });
    } else if (role === 'submitted') {
      row.dueOn = [row.dueOn!, addWorkingDays(today, 2, cal)].sort()[1]!;
      const sub = submitAt(addWorkingDays(today, -2, cal));
      if (sub <= now)
        Object.assign(row, {
          status: 'submitted',
          evidence,
          submittedAt: sub,
          submittedByName: who,
          version: 2,
          updatedAt: sub,
        });
    } else if (role === 'resubmitted') {
      row.dueOn = [row.dueOn!, addWorkingDays(today, 4, cal)].sort()[1]!;
      const first = submitAt(addWorkingDays(day(created), 4, cal));
      const rejected = at(addWorkingDays(day(first), 2, cal));
      const again = maxDate(plusMin(rejected, 120), at(addWorkingDays(today, -1, cal)));
      const reason = '整改材料仅有文字说明，缺少现场照片和第三方核实材料，请补充后重新提交。';
      if (again <= now) {
        Object.assign(row, {
          status: 'submitted',
          evidence: `${evidence}（已补充现场照片和监理单位核实意见）`,
          submittedAt: again,
          submittedByName: who,
          rejectReason: reason,
          version: 4,
          updatedAt: again,
        });
      } else if (rejected <= now) {
        Object.assign(row, {
          status: 'open',
          evidence,
          submittedAt: first,
          submittedByName: who,
          rejectReason: reason,
          version: 3,
          updatedAt: rejected,
        });
      }
    } else if (role === 'overdue') {
      const due = addWorkingDays(today, -3, cal);
      if (due > day(created)) row.dueOn = due;
    } else {
      row.dueOn = [row.dueOn!, addWorkingDays(today, 8, cal)].sort()[1]!;
    }
    out.rectifications.push(row);
  };

  // ── 1. the sweep of this year's groundbreaking batches ────────────────────────────────────────────────
  {
    const startsOn = nextWorkingDay(addDays(today, -38), cal);
    const endsOn = addWorkingDays(startsOn, 9, cal);
    const inspectionId = newId();
    const created = bj(addWorkingDays(startsOn, -5, cal), 10 * 60);
    const year = startsOn.slice(0, 4);
    const started = (p: DemoWorld['projects'][number]) =>
      p.actualStartDate !== null && p.actualStartDate <= addDays(startsOn, -7) && p.stage === 'under_construction';
    let candidates = c.world.projects
      .filter((p) => started(p) && p.newStart && p.batch?.startsWith(`${year}年`))
      .sort((a, b) => a.actualStartDate!.localeCompare(b.actualStartDate!) || a.name.localeCompare(b.name));
    let picks: Record<string, unknown>[];
    let title = `${year}年新开工重点项目拉网式督查`;
    if (candidates.length >= 6) {
      candidates = candidates.slice(0, 24);
      picks = [...new Set(candidates.map((p) => p.batch!))].map((batch) => ({ kind: 'projects_batch', batch }));
    } else {
      candidates = c.world.projects
        .filter(started)
        .sort(
          (a, b) => (b.actualStartDate ?? '').localeCompare(a.actualStartDate ?? '') || a.name.localeCompare(b.name),
        )
        .slice(0, 16);
      picks = [{ kind: 'list', objects: candidates.map((p) => ({ objectType: 'project', objectId: p.id })) }];
      title = `${year}年在建重点项目拉网式督查`;
    }
    if (candidates.length > 0 && created <= now) {
      out.inspections.push({
        id: inspectionId,
        title,
        kind: 'sweep',
        scope: { picks },
        startsOn,
        endsOn,
        status: 'active',
        createdBy: supervisor.id,
        createdByName: supervisor.name,
        version: 3,
        createdAt: created,
      });
      const items = [
        { label: '是否开工', answerType: 'yes_no', compareTo: null, required: true },
        { label: '现场人数', answerType: 'number', compareTo: null, required: true },
        { label: '实际完成投资(万元)', answerType: 'number', compareTo: 'reported_investment', required: true },
        { label: '形象进度是否与上报一致', answerType: 'yes_no', compareTo: 'reported_progress', required: true },
        { label: '现场照片', answerType: 'photo', compareTo: null, required: false },
      ] as const;
      const checklist = items.map((it, k) => ({ id: newId(), inspectionId, ordinal: k + 1, ...it }));
      out.checklist.push(...checklist);
      const [started_, workers, invest, progress] = checklist;
      const teams = [
        { name: '第一督查组', leaderName: supervisor.name, unitIds: [supervision, drc], members: [supervisor] },
        {
          name: '第二督查组',
          leaderName: coordinator.name,
          unitIds: [projectCenter, drc, discipline],
          members: [coordinator],
        },
        { name: '第三督查组', leaderName: assessor.name, unitIds: [assessment, discipline], members: [assessor] },
      ].map((t) => ({
        id: newId(),
        inspectionId,
        name: t.name,
        leaderName: t.leaderName,
        unitIds: [...new Set(t.unitIds)],
        memberUserIds: t.members.flatMap((m) => (m.id ? [m.id] : [])),
        by: t.members[0]!,
      }));
      out.teams.push(...teams.map(({ by: _by, ...t }) => t));
      // the problems found, in the order of the targets that have them: every rectification state once at least
      const roles: { kinds: ProblemKind[]; role: RectRole }[] = [
        { kinds: ['investment_mismatch'], role: 'closed' },
        { kinds: ['safety'], role: 'closed' },
        { kinds: ['progress_mismatch'], role: 'submitted' },
        { kinds: ['investment_mismatch', 'progress_mismatch'], role: 'resubmitted' },
        { kinds: ['not_started'], role: 'overdue' },
        { kinds: ['other'], role: 'open' },
        { kinds: ['safety'], role: 'open' },
      ];
      const days = [] as string[];
      for (let d = startsOn; d <= endsOn && d < today; d = addWorkingDays(d, 1, cal)) days.push(d);
      const notYet = new Set(candidates.length > 8 ? [candidates.length - 1, Math.floor(candidates.length / 2)] : []);
      const dayOf = (k: number) => days[Math.min(days.length - 1, Math.floor((k / candidates.length) * days.length))]!;
      const eligible = candidates
        .map((_, k) => k)
        .filter((k) => !notYet.has(k) && days.length > 0 && reportedOf(candidates[k]!, dayOf(k))?.investedYtd);
      const roleOf = new Map<number, (typeof roles)[number]>();
      const nRoles = Math.min(roles.length, eligible.length);
      for (let j = 0; j < nRoles; j++) roleOf.set(eligible[Math.floor((j * eligible.length) / nRoles)]!, roles[j]!);
      candidates.forEach((p, k) => {
        const team = teams[k % teams.length]!;
        const targetId = newId();
        out.targets.push({
          id: targetId,
          inspectionId,
          teamId: team.id,
          objectType: 'project',
          objectId: p.id,
          objectLabel: p.name,
          unitId: p.unitId,
        });
        if (notYet.has(k) || days.length === 0) return;
        const inspectedOn = dayOf(k);
        const reported = reportedOf(p, inspectedOn);
        const said = reported?.investedYtd ? Number(reported.investedYtd) : null;
        const problem = roleOf.get(k) ?? null;
        const kinds = new Set(problem?.kinds ?? []);
        const notStarted = kinds.has('not_started');
        const seen = notStarted
          ? 0
          : kinds.has('investment_mismatch')
            ? Math.round((said ?? 800) * (0.55 + rng.next() * 0.2) * 100) / 100
            : said !== null
              ? Math.round(said * (0.985 + rng.next() * 0.03) * 100) / 100
              : rng.int(200, 3000);
        const answers: Record<string, AnswerValue> = {
          [started_!.id]: !notStarted,
          [workers!.id]: notStarted ? rng.int(0, 3) : rng.int(25, 260),
          [invest!.id]: seen,
          [progress!.id]: !(kinds.has('progress_mismatch') || notStarted),
        };
        const mismatches = compareWithReported(checklist, answers, reported);
        const chosen: ProblemKind[] = [...kinds].filter(
          (x) => x !== 'investment_mismatch' && x !== 'progress_mismatch',
        );
        const problemKinds = PROBLEM_KINDS.filter((x) => chosen.includes(x) || mismatches.some((m) => m.kind === x));
        const notes: string[] = [];
        if (notStarted) notes.push('现场仅完成场地围挡，未见施工机械和作业人员，与上报“已开工”不符');
        for (const m of mismatches) notes.push(m.note);
        if (kinds.has('safety')) notes.push('基坑临边防护不到位，部分作业人员未佩戴安全帽');
        if (kinds.has('other')) notes.push('扬尘治理“六个百分之百”落实不到位，裸土未完全覆盖');
        const recordedAt = bj(inspectedOn, rng.int(10 * 60, 18 * 60));
        const findingId = newId();
        out.findings.push({
          id: findingId,
          targetId,
          inspectionId,
          answers,
          problemKinds,
          note: notes.length ? `${notes.join('；')}。` : '现场施工正常，形象进度与上报基本一致。',
          inspectedOn,
          recordedBy: team.by.id,
          recordedByName: team.by.name,
          version: 1,
          recordedAt,
        });
        if (mismatches.length) {
          const ids = mismatches.some((m) => m.kind === 'investment_mismatch')
            ? p.reports
                .filter((r) => r.week >= yearStartWeek(inspectedOn) && r.week <= weekKeyOf(inspectedOn))
                .map((r) => r.id)
            : latestReport(p, inspectedOn)
              ? [latestReport(p, inspectedOn)!.id]
              : [];
          if (ids.length)
            out.flags.push({ reportIds: ids, note: flagNote(title, inspectedOn, mismatches), at: recordedAt });
        }
        if (problem && problemKinds.length) {
          const requirement = notStarted
            ? '立即组织施工力量进场，按计划开工建设，并如实报送项目进展。'
            : problemKinds.includes('investment_mismatch')
              ? '核实本年度完成投资，更正周报数据，并说明数据不实的原因。'
              : problemKinds.includes('progress_mismatch')
                ? '如实报送形象进度，加快施工进度，确保与计划相符。'
                : problemKinds.includes('safety')
                  ? '立即整改安全隐患，完善临边防护和人员防护措施。'
                  : '落实扬尘治理措施，裸土全部覆盖，出入车辆冲洗到位。';
          const evidence = notStarted
            ? '施工单位已进场，主要机械设备已到位，已开始土方开挖。'
            : problemKinds.includes('investment_mismatch')
              ? '已核实本年完成投资并更正周报数据，相关责任人已作书面检讨。'
              : problemKinds.includes('safety')
                ? '已完善基坑临边防护，开展全员安全教育培训。'
                : '已按要求整改到位，整改前后对比照片已上传。';
          rectify(findingId, inspectionId, p.unitId, inspectedOn, problem.role, requirement, evidence, {
            id: team.by.id,
            name: team.by.name,
          });
        }
      });
    }
  }

  // ── 2. the special inspection of the 民生 tasks (section 七) ────────────────────────────────────────────
  {
    const section = c.built.filter((t) => t.sectionIndex === 6);
    const startsOn = nextWorkingDay(addDays(today, -24), cal);
    const endsOn = addWorkingDays(startsOn, 7, cal);
    const created = bj(addWorkingDays(startsOn, -3, cal), 15 * 60);
    if (section.length > 0 && created <= now) {
      const inspectionId = newId();
      out.inspections.push({
        id: inspectionId,
        title: `${startsOn.slice(0, 4)}年重点民生任务落实情况专项督查`,
        kind: 'special',
        scope: { picks: [{ kind: 'plan_section', sectionId: section[0]!.sectionId }] },
        startsOn,
        endsOn,
        status: 'active',
        createdBy: supervisor.id,
        createdByName: supervisor.name,
        version: 2,
        createdAt: created,
      });
      const items = [
        { label: '工作进展是否与报送情况一致', answerType: 'yes_no', compareTo: null, required: true },
        { label: '佐证材料是否齐全', answerType: 'yes_no', compareTo: null, required: true },
        { label: '群众满意度抽样(%)', answerType: 'number', compareTo: null, required: false },
        { label: '存在问题及整改建议', answerType: 'text', compareTo: null, required: false },
        { label: '现场照片', answerType: 'photo', compareTo: null, required: false },
      ] as const;
      const checklist = items.map((it, k) => ({ id: newId(), inspectionId, ordinal: k + 1, ...it }));
      out.checklist.push(...checklist);
      const teamId = newId();
      out.teams.push({
        id: teamId,
        inspectionId,
        name: '民生实事专项督查组',
        leaderName: supervisor.name,
        unitIds: [supervision, assessment],
        memberUserIds: [supervisor.id, assessor.id].filter((x): x is string => x !== null),
      });
      const days = [] as string[];
      for (let d = startsOn; d <= endsOn && d < today; d = addWorkingDays(d, 1, cal)) days.push(d);
      section.forEach((t, k) => {
        const targetId = newId();
        out.targets.push({
          id: targetId,
          inspectionId,
          teamId,
          objectType: 'task',
          objectId: t.id,
          objectLabel: t.label,
          unitId: t.leadUnitId,
        });
        if (k >= 8 || days.length === 0) return;
        const inspectedOn = days[Math.min(days.length - 1, k)]!;
        const mismatch = t.fate === 'o';
        const noEvidence = t.fate === 's';
        const problemKinds: ProblemKind[] = [
          ...(mismatch ? (['progress_mismatch'] as const) : []),
          ...(noEvidence ? (['other'] as const) : []),
        ];
        const answers: Record<string, AnswerValue> = {
          [checklist[0]!.id]: !mismatch,
          [checklist[1]!.id]: !noEvidence,
          [checklist[2]!.id]: rng.int(82, 97),
        };
        if (mismatch) answers[checklist[3]!.id] = '实地核查发现已开工套数少于报送数量，部分项目尚在办理前期手续。';
        if (noEvidence) answers[checklist[3]!.id] = '连续两个月未报送进展，现场查阅台账资料不全，部分点位尚未建成。';
        const recordedAt = bj(inspectedOn, rng.int(10 * 60, 18 * 60));
        const findingId = newId();
        out.findings.push({
          id: findingId,
          targetId,
          inspectionId,
          answers,
          problemKinds,
          note: problemKinds.length
            ? `${String(answers[checklist[3]!.id])}`
            : `${t.brief}推进情况与报送基本一致，台账资料齐全。`,
          inspectedOn,
          recordedBy: supervisor.id,
          recordedByName: supervisor.name,
          version: 1,
          recordedAt,
        });
        if (problemKinds.length) {
          rectify(
            findingId,
            inspectionId,
            t.leadUnitId,
            inspectedOn,
            mismatch ? 'open' : 'closed',
            mismatch
              ? '如实报送保障性住房筹集和开工数据，加快前期手续办理，确保年底前完成年度任务。'
              : '完善工作台账，按月报送进展情况，加快未建成点位建设。',
            mismatch
              ? '已更正报送数据，并制定加快推进计划。'
              : '已补齐工作台账，恢复按月报送进展，剩余点位已开工建设。',
            supervisor,
          );
        }
      });
    }
  }
}

const yearStartWeek = (date: string) => weekKey(Number(weekKeyOf(date).slice(0, 4)), 1);

function latestReport(p: DemoWorld['projects'][number], onDate: string) {
  const to = weekKeyOf(onDate);
  return p.reports.filter((r) => r.week <= to).sort((a, b) => b.week.localeCompare(a.week))[0] ?? null;
}

/** What the project reported up to `onDate`, as the inspection reads it (dispatch/inspection-flags.ts). */
function reportedOf(p: DemoWorld['projects'][number], onDate: string): ReportedFigures | null {
  const from = yearStartWeek(onDate);
  const to = weekKeyOf(onDate);
  const counted = p.reports.filter((r) => r.week >= from && r.week <= to);
  const latest = latestReport(p, onDate);
  if (counted.length === 0 && !latest) return null;
  const cents = counted.reduce((s, r) => s + BigInt(Math.round(Number(r.invested) * 100)), 0n);
  return {
    investedYtd: counted.length ? `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}` : null,
    latestWeek: latest?.week ?? null,
    latestProgress: latest?.progress || null,
  };
}

// ── reading the world and writing the plan ─────────────────────────────────────────────────────────────────
/** The seeded city the demo tasks are built on, read through the transaction. */
export async function readDemoWorld(tx: Tx, today: string): Promise<DemoWorld> {
  const unitRows = await tx
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .orderBy(asc(units.sort), asc(units.name));
  const leaderRows = await tx
    .select({ id: leaders.id, name: leaders.name, userId: leaders.userId })
    .from(leaders)
    .orderBy(asc(leaders.sort));
  const userRows = await tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      unitId: users.unitId,
      roles: users.roles,
    })
    .from(users)
    .orderBy(asc(users.username));
  const projectRows = await tx
    .select({
      id: projects.id,
      name: projects.name,
      unitId: projects.responsibleUnitId,
      stage: projects.stage,
      newStart: projects.newStart,
      batch: projects.groundbreakingBatch,
      actualStartDate: projects.actualStartDate,
    })
    .from(projects)
    .where(inArray(projects.stage, ['under_construction', 'suspended']))
    .orderBy(asc(projects.name));
  const fromWeek = weekKey(Number(weekKeyOf(addDays(today, -60)).slice(0, 4)), 1);
  const reportRows = await tx
    .select({
      id: weeklyReports.id,
      projectId: weeklyReports.projectId,
      week: weeklyReports.week,
      invested: weeklyReports.investedThisWeek,
      progress: weeklyReports.visibleProgress,
    })
    .from(weeklyReports)
    .where(and(inArray(weeklyReports.status, ['submitted', 'accepted']), gte(weeklyReports.week, fromWeek)))
    .orderBy(asc(weeklyReports.week));
  const byProject = new Map<string, DemoWorld['projects'][number]['reports']>();
  for (const r of reportRows) {
    const list = byProject.get(r.projectId) ?? [];
    list.push({ id: r.id, week: r.week, invested: r.invested, progress: r.progress });
    byProject.set(r.projectId, list);
  }
  const itemRows = await tx
    .select({
      id: coordinationItems.id,
      description: coordinationItems.description,
      unitId: coordinationItems.assignedUnitId,
      status: coordinationItems.status,
      dueDate: coordinationItems.dueDate,
      createdAt: coordinationItems.createdAt,
      escalationLevel: coordinationItems.escalationLevel,
    })
    .from(coordinationItems)
    .orderBy(asc(coordinationItems.createdAt));
  return {
    units: unitRows,
    leaders: leaderRows,
    users: userRows,
    projects: projectRows.map((p) => ({ ...p, reports: byProject.get(p.id) ?? [] })),
    items: itemRows.map(({ createdAt, ...x }) => ({ ...x, raisedOn: businessDate(createdAt) })),
  };
}

export type DemoTasksCounts = {
  tasks: number;
  feedback: number;
  ladderSteps: number;
  instructions: number;
  inspections: number;
  findings: number;
  rectifications: number;
};

/**
 * Builds the demo tasks and supervision on the city seeded so far and writes them through `tx` (and only `tx`),
 * each table in multi-row statements.
 */
export async function seedDemoTasks(tx: Tx, now: Date): Promise<DemoTasksCounts> {
  const world = await readDemoWorld(tx, businessDate(now));
  const plan = planDemoTasks(world, now);
  const chunks = <T>(rows: readonly T[]): T[][] => {
    const out: T[][] = [];
    for (let k = 0; k < rows.length; k += BATCH) out.push(rows.slice(k, k + BATCH));
    return out;
  };
  await tx.insert(taskSources).values(plan.source);
  await tx.insert(assignmentPlans).values(plan.plan);
  for (const part of chunks(plan.sections)) await tx.insert(planSections).values(part);
  for (const part of chunks(plan.tasks)) await tx.insert(tasks).values(part);
  for (const part of chunks(plan.partners)) await tx.insert(taskPartners).values(part);
  for (const part of chunks(plan.leaders)) await tx.insert(taskLeaders).values(part);
  for (const part of chunks(plan.milestones)) await tx.insert(taskMilestones).values(part);
  for (const part of chunks(plan.feedback)) await tx.insert(taskFeedback).values(part);
  for (const part of chunks(plan.parts)) await tx.insert(taskFeedbackParts).values(part);
  for (const part of chunks(plan.events)) await tx.insert(taskEvents).values(part);
  for (const part of chunks(plan.instructions)) await tx.insert(instructions).values(part);
  for (const part of chunks(plan.instructionUnits)) await tx.insert(instructionUnits).values(part);
  for (const part of chunks(plan.steps)) await tx.insert(ladderSteps).values(part);
  for (const part of chunks(plan.inspections)) await tx.insert(inspections).values(part);
  for (const part of chunks(plan.checklist)) await tx.insert(inspectionChecklistItems).values(part);
  for (const part of chunks(plan.teams)) await tx.insert(inspectionTeams).values(part);
  for (const part of chunks(plan.targets)) await tx.insert(inspectionTargets).values(part);
  for (const part of chunks(plan.findings)) await tx.insert(inspectionFindings).values(part);
  for (const part of chunks(plan.rectifications)) await tx.insert(rectifications).values(part);
  for (const f of plan.flags) {
    await tx
      .update(weeklyReports)
      .set({ inspectionFlag: f.note, inspectionFlaggedAt: f.at })
      .where(inArray(weeklyReports.id, f.reportIds));
  }
  return {
    tasks: plan.tasks.length,
    feedback: plan.feedback.length,
    ladderSteps: plan.steps.length,
    instructions: plan.instructions.length,
    inspections: plan.inspections.length,
    findings: plan.findings.length,
    rectifications: plan.rectifications.length,
  };
}
