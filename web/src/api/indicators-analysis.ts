import type { z } from 'zod';
import type {
  Dashboard,
  IndicatorList,
  LatestPeriod,
  PeerGroupList,
  Ranking,
  ScorecardResponse,
  Trend,
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
type LatestPeriodData = z.infer<typeof LatestPeriod>;

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
   * The latest period with figures: of the region (or, without one, of the peer group's members); null when there
   * are none at all.
   */
  latestPeriod: async (q: { regionCode?: string; peerGroupId?: string }): Promise<string | null> =>
    (await http.get<LatestPeriodData>('/api/indicators/latest-period', q)).period,
};
