import type { z } from 'zod';
import type {
  ImportOutcome,
  Indicator,
  IndicatorCreate,
  IndicatorList,
  IndicatorUpdate,
  IndicatorValuesUpsert,
  PeerGroupList,
  TargetsPage,
  TargetsUpsert,
  UpsertOutcome,
  ValueHistory,
  ValuesPage,
} from '../../../domain/indicators/contracts.ts';
import { http } from './client.ts';

/** The shapes of 月分析's API, as the contracts in domain/indicators describe them. */
export type IndicatorListResponse = z.infer<typeof IndicatorList>;
export type IndicatorItem = z.infer<typeof Indicator>;
export type ValuesPageResponse = z.infer<typeof ValuesPage>;
export type ValueItem = ValuesPageResponse['items'][number];
/** What the PUT takes (the zod input: figures as text, null to clear one, absent to keep it). */
export type ValueWrite = z.input<typeof IndicatorValuesUpsert>['values'][number];
export type ValueHistoryResponse = z.infer<typeof ValueHistory>;
export type TargetsPageResponse = z.infer<typeof TargetsPage>;
export type TargetItem = TargetsPageResponse['items'][number];
export type TargetWrite = z.input<typeof TargetsUpsert>['targets'][number];
export type PeerGroupListResponse = z.infer<typeof PeerGroupList>;
export type PeerGroup = PeerGroupListResponse['items'][number];
export type IndicatorImportOutcome = z.infer<typeof ImportOutcome>;
export type IndicatorUpsertOutcome = z.infer<typeof UpsertOutcome>;

const enc = encodeURIComponent;

const withFile = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

/** 指标目录: the catalog and what the caller may do with it. */
export const indicatorCatalogApi = {
  list: () => http.get<IndicatorListResponse>('/api/indicators'),
  create: (body: z.input<typeof IndicatorCreate>) => http.post<IndicatorItem>('/api/indicators', body),
  update: (code: string, body: z.input<typeof IndicatorUpdate>) =>
    http.put<IndicatorItem>(`/api/indicators/catalog/${enc(code)}`, body),
};

/** 指标数据: one period's figures, the batch write (changed figures only) and the revisions of one figure. */
export const indicatorValuesApi = {
  list: (q: { period: string; regionCode?: string; indicatorCode?: string }) =>
    http.get<ValuesPageResponse>('/api/indicators/values', q),
  save: (values: ValueWrite[]) => http.put<IndicatorUpsertOutcome>('/api/indicators/values', { values }),
  history: (q: { regionCode: string; indicatorCode: string; period: string }) =>
    http.get<ValueHistoryResponse>('/api/indicators/values/history', q),
};

/** 年度目标. */
export const indicatorTargetsApi = {
  list: (q: { year: number; regionCode?: string }) => http.get<TargetsPageResponse>('/api/indicators/targets', q),
  save: (targets: TargetWrite[]) => http.put<IndicatorUpsertOutcome>('/api/indicators/targets', { targets }),
};

/** 对标组: the regions a region is ranked among, with 全省/全市. */
export const peerGroupsApi = {
  list: () => http.get<PeerGroupListResponse>('/api/indicators/peer-groups'),
};

/** The statistics bureau's table in Excel: template, 预检 (dry run), 正式导入, export — all of one period. */
export const indicatorExcelApi = {
  template: (period: string, groupId?: string) =>
    http.download('/api/indicators/import-template.xlsx', { period, groupId }),
  export: (period: string, groupId?: string) => http.download('/api/indicators/export.xlsx', { period, groupId }),
  /** 预检: nothing is written */
  dryRun: (file: File, period: string, signal?: AbortSignal) =>
    http.upload<IndicatorImportOutcome>('/api/indicators/import', withFile(file), { period, dryRun: 'true' }, signal),
  /** 正式导入: every valid figure in one transaction; rejected rows are left out */
  commit: (file: File, period: string) =>
    http.upload<IndicatorImportOutcome>('/api/indicators/import', withFile(file), { period, dryRun: 'false' }),
};
