import type { FastifyRequest } from 'fastify';
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
} from '../../../domain/indicators/contracts.ts';
import { appError } from '../../platform/errors/app-error.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import * as analysis from './analysis.service.ts';
import { figuresWorkbook, importFigures } from './indicators.excel.ts';
import * as svc from './indicators.service.ts';

const tags = ['indicators'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) =>
  `attachment; filename="indicators.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  const file = await req.file();
  if (file?.fieldname !== 'file') {
    throw appError('VALIDATION_FAILED', { fields: [{ path: 'file', message: '请选择要导入的 Excel 文件(.xlsx)' }] });
  }
  return file.toBuffer();
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
        body: IndicatorValuesUpsert,
        response: { 200: UpsertOutcome },
      },
    },
    async (req) => svc.upsertValues(ctx, actorOf(req), req.body.values),
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
    async (req) => importFigures(ctx, actorOf(req), await uploadedFile(req), req.query.period, req.query.dryRun),
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
