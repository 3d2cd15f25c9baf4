import type { z } from 'zod';
import type {
  Dashboard,
  IndicatorList,
  PeerGroupList,
  Ranking,
  ScorecardResponse,
  Trend,
  ValuesPage,
} from '../../../domain/indicators/contracts.ts';
import { http } from './client.ts';

/** 月分析's read models, as the contracts in domain/indicators describe them. */
export type DashboardData = z.infer<typeof Dashboard>;
export type DashboardRowData = DashboardData['rows'][number];
export type TrendData = z.infer<typeof Trend>;
export type TrendPoint = TrendData['points'][number];
export type RankingData = z.infer<typeof Ranking>;
export type RankingRow = RankingData['rows'][number];
export type ScorecardData = z.infer<typeof ScorecardResponse>;
export type ScorecardSegmentData = ScorecardData['segments'][number];
export type PeerGroupsData = z.infer<typeof PeerGroupList>;
export type PeerGroupData = PeerGroupsData['items'][number];
export type CatalogData = z.infer<typeof IndicatorList>;
type ValuesPageData = z.infer<typeof ValuesPage>;

/** [year, month] of a moment in the business calendar (Asia/Shanghai). */
function businessMonth(now: Date): [number, number] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((o, p) => Object.assign(o, { [p.type]: p.value }), {});
  return [Number(parts.year), Number(parts.month)];
}

/** Which region, period and (optionally) peer group a dashboard, scorecard or report speaks of. */
export type AnalysisQuery = { regionCode: string; period: string; peerGroupId?: string };

const enc = encodeURIComponent;

export const indicatorAnalysisApi = {
  dashboard: (q: AnalysisQuery) => http.get<DashboardData>('/api/indicators/dashboard', q),
  scorecard: (q: AnalysisQuery) => http.get<ScorecardData>('/api/indicators/scorecard', q),
  /** the last `months` periods up to `period` (default: the latest period with a figure of the region) */
  trend: (code: string, q: { regionCode: string; months?: number; period?: string }) =>
    http.get<TrendData>(`/api/indicators/${enc(code)}/trend`, q),
  ranking: (code: string, q: { period: string; groupId?: string }) =>
    http.get<RankingData>(`/api/indicators/${enc(code)}/ranking`, q),
  peerGroups: () => http.get<PeerGroupsData>('/api/indicators/peer-groups'),
  catalog: () => http.get<CatalogData>('/api/indicators'),
  /** 月度经济运行分析 (.docx) */
  report: (q: AnalysisQuery) => http.download('/api/indicators/report.docx', q),

  /**
   * The latest period with a figure of the region. The API has no endpoint for it yet: look at this month's and
   * the three months before's figures (one small request each, newest first), and only when none has any, ask
   * every active indicator's trend for its last month (null when the region has no figures at all).
   */
  async latestPeriod(regionCode: string, now = new Date()): Promise<string | null> {
    const [y, m] = businessMonth(now);
    for (let back = 0; back <= 3; back++) {
      const n = y * 12 + (m - 1) - back;
      const period = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
      const page = await http.get<ValuesPageData>('/api/indicators/values', { period, regionCode });
      if (page.items.some((v) => v.value !== null || v.growth !== null)) return period;
    }
    const catalog = await http.get<CatalogData>('/api/indicators');
    const codes = catalog.items.filter((i) => i.active).map((i) => i.code);
    const trends = await Promise.all(
      codes.map((code) => http.get<TrendData>(`/api/indicators/${enc(code)}/trend`, { regionCode, months: 1 })),
    );
    let latest: string | null = null;
    for (const t of trends) {
      const p = t.points.at(-1)?.period;
      if (p && (latest === null || p > latest)) latest = p;
    }
    return latest;
  },
};
