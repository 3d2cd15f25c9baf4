import type { PlanningReport } from '../../../domain/projects/contracts.ts';
import { PLANNING_STATUS_LABELS } from '../../../domain/projects/planning.ts';
import { type LedgerColumn, ledgerWorkbook } from '../../platform/documents/xlsx-write.ts';

const COLUMNS: LedgerColumn[] = [
  { header: '排名', key: 'rank', kind: 'int', width: 6 },
  { header: '单位', key: 'unitName', kind: 'text', width: 22 },
  { header: '年度任务(个)', key: 'countQuota', kind: 'int' },
  { header: '年度任务总投资(万元)', key: 'investmentQuota', kind: 'amount' },
  { header: '本月新增(个)', key: 'monthCount', kind: 'int' },
  { header: '本月新增总投资(万元)', key: 'monthInvestment', kind: 'amount' },
  { header: '累计策划(个)', key: 'count', kind: 'int' },
  { header: '累计总投资(万元)', key: 'investment', kind: 'amount' },
  { header: '个数完成率', key: 'countRate', kind: 'percent' },
  { header: '投资完成率', key: 'investmentRate', kind: 'percent' },
  { header: '进度', key: 'status', kind: 'text', width: 10 },
];

/** 策划包装月报 as the coordinator sends it: the lead sentence under the title, one row per unit, a 合计 row. */
export function planningWorkbook(r: PlanningReport): Promise<Buffer> {
  return ledgerWorkbook({
    title: `${r.year}年1-${r.month}月策划包装项目进展情况`,
    filterLine: `${r.summary}(时序进度${r.schedule}%)`,
    columns: COLUMNS,
    sheetName: '策划包装月报',
    rows: r.rows.map((x) => ({
      ...x,
      rank: x.rank ?? '—',
      countQuota: x.countQuota ?? '未下达',
      investmentQuota: x.investmentQuota ?? '未下达',
      countRate: x.countRate ?? '—',
      investmentRate: x.investmentRate ?? '—',
      status: PLANNING_STATUS_LABELS[x.status].zh,
    })),
    totals: {
      unitName: '合计',
      countQuota: r.totals.countQuota,
      investmentQuota: r.totals.investmentQuota,
      monthCount: r.totals.monthCount,
      monthInvestment: r.totals.monthInvestment,
      count: r.totals.count,
      investment: r.totals.investment,
      countRate: r.totals.countRate,
      investmentRate: r.totals.investmentRate,
    },
  });
}
