import type { z } from 'zod';
import type { AuditRecord } from '../../../domain/audit/contracts.ts';
import type {
  ImportColumnReport,
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
  ValueConflict,
  ValueHistory,
  ValuesPage,
  ValuesUpsertOutcome,
} from '../../../domain/indicators/contracts.ts';
import type { AnalysisSettingsResponse, AnalysisSettingsUpdate } from '../../../domain/indicators/settings.ts';
import { http, type Items } from './client.ts';

/** The shapes of 月分析's API, as the contracts in domain/indicators describe them. */
export type IndicatorListResponse = z.infer<typeof IndicatorList>;
export type IndicatorItem = z.infer<typeof Indicator>;
export type ValuesPageResponse = z.infer<typeof ValuesPage>;
export type ValueItem = ValuesPageResponse['items'][number];
/**
 * What the PUT takes (the zod input: figures as text, null to clear one, absent to keep it, both null to remove the
 * figure; `version` the one read, 0 when none was).
 */
export type ValueWrite = z.input<typeof IndicatorValuesUpsert>['values'][number];
export type ValuesSaveOutcome = z.infer<typeof ValuesUpsertOutcome>;
/** A row of a refused save that someone else changed meanwhile (409 `details.conflicts`). */
export type ValueConflictData = z.infer<typeof ValueConflict>;
export type ValueHistoryResponse = z.infer<typeof ValueHistory>;
export type TargetsPageResponse = z.infer<typeof TargetsPage>;
export type TargetItem = TargetsPageResponse['items'][number];
export type TargetWrite = z.input<typeof TargetsUpsert>['targets'][number];
export type PeerGroupListResponse = z.infer<typeof PeerGroupList>;
export type PeerGroup = PeerGroupListResponse['items'][number];
export type IndicatorImportOutcome = z.infer<typeof ImportOutcome>;
export type IndicatorColumnReport = z.infer<typeof ImportColumnReport>;
export type IndicatorUpsertOutcome = z.infer<typeof UpsertOutcome>;
export type AnalysisSettingsData = AnalysisSettingsResponse;
export type AnalysisSettingsWrite = z.input<typeof AnalysisSettingsUpdate>;
/** The user's corrections of the column reading: header → column key, or null to leave the column out. */
export type IndicatorHeaderMapping = Record<string, string | null>;

const enc = encodeURIComponent;

const withFile = (file: File, mapping: IndicatorHeaderMapping = {}) => {
  const form = new FormData();
  // before the file: the server reads the fields that precede it
  if (Object.keys(mapping).length) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return form;
};

/** The 409 of a save: the rows someone else changed meanwhile (none for another error). */
export const valueConflictsOf = (details: unknown): ValueConflictData[] => {
  const c = (details as { conflicts?: unknown } | null | undefined)?.conflicts;
  return Array.isArray(c) ? (c as ValueConflictData[]) : [];
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
  save: (values: ValueWrite[]) => http.put<ValuesSaveOutcome>('/api/indicators/values', { values }),
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

/**
 * The statistics bureau's table in Excel: template, 预检 (dry run), 正式导入, the 错误原因 sheet, export — all of one
 * period; uploads carry the user's column corrections (`mapping`).
 */
export const indicatorExcelApi = {
  template: (period: string, groupId?: string) =>
    http.download('/api/indicators/import-template.xlsx', { period, groupId }),
  export: (period: string, groupId?: string) => http.download('/api/indicators/export.xlsx', { period, groupId }),
  /** 预检: nothing is written */
  dryRun: (file: File, period: string, mapping: IndicatorHeaderMapping, signal?: AbortSignal) =>
    http.upload<IndicatorImportOutcome>(
      '/api/indicators/import',
      withFile(file, mapping),
      { period, dryRun: 'true' },
      signal,
    ),
  /** 正式导入: every valid figure in one transaction; rejected rows are left out; the mapping is remembered */
  commit: (file: File, period: string, mapping: IndicatorHeaderMapping) =>
    http.upload<IndicatorImportOutcome>('/api/indicators/import', withFile(file, mapping), {
      period,
      dryRun: 'false',
    }),
  /** the uploaded sheet given back with a 错误原因 column on every rejected row */
  errorsFile: (file: File, period: string, mapping: IndicatorHeaderMapping) =>
    http.uploadForFile('/api/indicators/import/errors.xlsx', withFile(file, mapping), { period }),
};

/** 月分析设置: the thresholds of the traffic light and of the scorecard's count clause. */
export const analysisSettingsApi = {
  get: () => http.get<AnalysisSettingsData>('/api/indicators/settings'),
  save: (body: AnalysisSettingsWrite) => http.put<AnalysisSettingsData>('/api/indicators/settings', body),
  history: () => http.get<Items<AuditRecord>>('/api/indicators/settings/history'),
};
