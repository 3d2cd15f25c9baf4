import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuditRecord } from '../../../domain/audit/contracts.ts';
import {
  Dashboard,
  DashboardQuery,
  ExportQuery,
  ImportOutcome,
  ImportQuery,
  Indicator,
  IndicatorCodeParams,
  IndicatorCreate,
  IndicatorList,
  IndicatorUpdate,
  IndicatorValuesUpsert,
  LatestPeriod,
  LatestPeriodQuery,
  PeerGroupIdParams,
  PeerGroupItem,
  PeerGroupList,
  PeerGroupUpdate,
  PeerGroupWrite,
  Ranking,
  RankingQuery,
  ScorecardQuery,
  ScorecardResponse,
  TargetsPage,
  TargetsQuery,
  TargetsUpsert,
  Trend,
  TrendQuery,
  UpsertOutcome,
  ValueHistory,
  ValueHistoryQuery,
  ValuesPage,
  ValuesQuery,
  ValuesUpsertOutcome,
} from '../../../domain/indicators/contracts.ts';
import { AnalysisSettingsResponse, AnalysisSettingsUpdate } from '../../../domain/indicators/settings.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import * as analysis from './analysis.service.ts';
import * as settings from './analysis-settings.service.ts';
import {
  figuresWorkbook,
  type HeaderMapping,
  importErrorsFile,
  importFigures,
  readMapping,
} from './indicators.excel.ts';
import * as svc from './indicators.service.ts';

const tags = ['indicators'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) =>
  `attachment; filename="indicators.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const History = z.object({ items: z.array(AuditRecord) });
const ErrorsFileQuery = ImportQuery.pick({ period: true });

/**
 * The bytes of the multipart field `file`, or a 400 naming the field; with the optional `mapping` field (the column
 * corrections of the dry run, JSON) when it comes before the file.
 */
async function uploadedFile(req: FastifyRequest): Promise<{ bytes: Buffer; mapping: HeaderMapping }> {
  const file = await req.file();
  if (file?.fieldname !== 'file') {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '请选择要导入的 Excel 文件(.xlsx)' }] });
  }
  const field = file.fields.mapping;
  const text = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
  const mapping = readMapping(text);
  return { bytes: await file.toBuffer(), mapping };
}

/** 月分析: the indicator catalog, figures, targets, peer groups, the analysis read models and the Excel table. */
export const indicatorRoutes: RoutesPlugin = async (app, { ctx }) => {
  // ── catalog
  app.get('/api/indicators', { schema: { tags, summary: '指标目录', response: { 200: IndicatorList } } }, async (req) =>
    svc.listCatalog(ctx, actorOf(req)),
  );
  app.post(
    '/api/indicators',
    { schema: { tags, summary: '新增指标', body: IndicatorCreate, response: { 201: Indicator } } },
    async (req, reply) => {
      reply.status(201);
      return svc.createIndicator(ctx, actorOf(req), req.body);
    },
  );
  app.put(
    '/api/indicators/catalog/:code',
    {
      schema: {
        tags,
        summary: '修改指标',
        params: IndicatorCodeParams,
        body: IndicatorUpdate,
        response: { 200: Indicator },
      },
    },
    async (req) => svc.updateIndicator(ctx, actorOf(req), req.params.code, req.body),
  );

  // ── figures
  app.get(
    '/api/indicators/values',
    { schema: { tags, summary: '某统计期的指标数据', querystring: ValuesQuery, response: { 200: ValuesPage } } },
    async (req) => svc.listValues(ctx, actorOf(req), req.query),
  );
  app.put(
    '/api/indicators/values',
    {
      schema: {
        tags,
        summary: '批量填报一个统计期的指标数据(保留修改前的数据)',
        description:
          'Each row may name the `version` it read (0: no figure read); if any row has changed since, nothing is ' +
          'written and 409 STALE_WRITE lists those rows in `error.details.conflicts`. A figure left out keeps what ' +
          'is stored; null clears it; value and growth both null remove the figure (its history is kept).',
        body: IndicatorValuesUpsert,
        response: { 200: ValuesUpsertOutcome },
      },
    },
    async (req) => svc.upsertValues(ctx, actorOf(req), req.body.values),
  );
  app.get(
    '/api/indicators/latest-period',
    {
      schema: {
        tags,
        summary: '有数据的最近统计期(某地区,或某对标组)',
        querystring: LatestPeriodQuery,
        response: { 200: LatestPeriod },
      },
    },
    async (req) => svc.latestPeriod(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/indicators/values/history',
    {
      schema: { tags, summary: '指标数据的修改记录', querystring: ValueHistoryQuery, response: { 200: ValueHistory } },
    },
    async (req) => svc.valueHistory(ctx, actorOf(req), req.query),
  );

  // ── targets
  app.get(
    '/api/indicators/targets',
    { schema: { tags, summary: '年度目标', querystring: TargetsQuery, response: { 200: TargetsPage } } },
    async (req) => svc.listTargets(ctx, actorOf(req), req.query),
  );
  app.put(
    '/api/indicators/targets',
    { schema: { tags, summary: '批量设定年度目标', body: TargetsUpsert, response: { 200: UpsertOutcome } } },
    async (req) => svc.upsertTargets(ctx, actorOf(req), req.body),
  );

  // ── peer groups
  app.get(
    '/api/indicators/peer-groups',
    { schema: { tags, summary: '对标组', response: { 200: PeerGroupList } } },
    async (req) => svc.listPeerGroups(ctx, actorOf(req)),
  );
  app.post(
    '/api/indicators/peer-groups',
    { schema: { tags, summary: '新增对标组', body: PeerGroupWrite, response: { 201: PeerGroupItem } } },
    async (req, reply) => {
      reply.status(201);
      return svc.createPeerGroup(ctx, actorOf(req), req.body);
    },
  );
  app.put(
    '/api/indicators/peer-groups/:id',
    {
      schema: {
        tags,
        summary: '修改对标组',
        params: PeerGroupIdParams,
        body: PeerGroupUpdate,
        response: { 200: PeerGroupItem },
      },
    },
    async (req) => svc.updatePeerGroup(ctx, actorOf(req), req.params.id, req.body),
  );

  // ── settings: the thresholds of the traffic light and of the scorecard
  app.get(
    '/api/indicators/settings',
    { schema: { tags, summary: '月分析设置(红绿灯与成绩单门槛)', response: { 200: AnalysisSettingsResponse } } },
    async (req) => settings.getAnalysisSettings(ctx, actorOf(req)),
  );
  app.put(
    '/api/indicators/settings',
    {
      schema: {
        tags,
        summary: '修改月分析设置',
        body: AnalysisSettingsUpdate,
        response: { 200: AnalysisSettingsResponse },
      },
    },
    async (req) => settings.putAnalysisSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/indicators/settings/history',
    { schema: { tags, summary: '月分析设置修改记录', response: { 200: History } } },
    async (req) => ({ items: await settings.analysisSettingsHistory(ctx, actorOf(req)) }),
  );

  // ── analysis
  app.get(
    '/api/indicators/dashboard',
    {
      schema: {
        tags,
        summary: '月分析看板:值、增速、目标、位次、差距、红绿灯',
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (req) => analysis.dashboard(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/indicators/scorecard',
    { schema: { tags, summary: '成绩单', querystring: ScorecardQuery, response: { 200: ScorecardResponse } } },
    async (req) => analysis.scorecard(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/indicators/:code/trend',
    {
      schema: {
        tags,
        summary: '指标走势(含全省与目标线)',
        params: IndicatorCodeParams,
        querystring: TrendQuery,
        response: { 200: Trend },
      },
    },
    async (req) => analysis.trend(ctx, actorOf(req), req.params.code, req.query),
  );
  app.get(
    '/api/indicators/:code/ranking',
    {
      schema: {
        tags,
        summary: '对标组内排名',
        params: IndicatorCodeParams,
        querystring: RankingQuery,
        response: { 200: Ranking },
      },
    },
    async (req) => analysis.ranking(ctx, actorOf(req), req.params.code, req.query),
  );

  // ── Excel
  app.post(
    '/api/indicators/import',
    {
      schema: {
        tags,
        summary: '导入统计局指标表(先预检 dryRun=true)',
        querystring: ImportQuery,
        response: { 200: ImportOutcome },
      },
    },
    async (req) => {
      const a = actorOf(req);
      const { bytes, mapping } = await uploadedFile(req);
      return importFigures(ctx, a, bytes, req.query.period, req.query.dryRun, mapping);
    },
  );
  app.post(
    '/api/indicators/import/errors.xlsx',
    { schema: { tags, summary: '导入预检:返回标注了错误原因的原文件', querystring: ErrorsFileQuery } },
    async (req, reply) => {
      const a = actorOf(req);
      const { bytes, mapping } = await uploadedFile(req);
      const buffer = await importErrorsFile(ctx, a, bytes, req.query.period, mapping);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('导入错误原因.xlsx', 'import-errors.xlsx'));
      return buffer;
    },
  );
  app.get(
    '/api/indicators/import-template.xlsx',
    { schema: { tags, summary: '指标导入模板', querystring: ExportQuery } },
    async (req, reply) => {
      const buffer = await figuresWorkbook(ctx, actorOf(req), req.query.period, req.query.groupId, false);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`指标导入模板-${req.query.period}.xlsx`));
      return buffer;
    },
  );
  app.get(
    '/api/indicators/export.xlsx',
    { schema: { tags, summary: '导出某统计期的指标表', querystring: ExportQuery } },
    async (req, reply) => {
      const buffer = await figuresWorkbook(ctx, actorOf(req), req.query.period, req.query.groupId, true);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`主要经济指标-${req.query.period}.xlsx`));
      return buffer;
    },
  );
};
