import { z } from 'zod';
import { AuditRecord } from '../../../domain/audit/contracts.ts';
import {
  AdmissionSettingsResponse,
  AdmissionSettingsUpdate,
  EffectiveAdmissionQuery,
  EffectiveAdmissionRules,
  MandatoryApprovalsResponse,
  MandatoryApprovalsUpdate,
} from '../../../domain/projects/settings.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import * as svc from './projects.settings.service.ts';

const tags = ['projects'];
const History = z.object({ items: z.array(AuditRecord) });

/** 项目库设置: admission rules (准入标准) per region and the approvals required to start construction. */
export const projectSettingsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/projects/settings/admission',
    { schema: { tags, summary: '准入标准(全市默认与各区域标准)', response: { 200: AdmissionSettingsResponse } } },
    async (req) => svc.getAdmissionSettings(ctx, actorOf(req)),
  );
  app.put(
    '/api/projects/settings/admission',
    {
      schema: {
        tags,
        summary: '修改准入标准',
        body: AdmissionSettingsUpdate,
        response: { 200: AdmissionSettingsResponse },
      },
    },
    async (req) => svc.putAdmissionSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/projects/settings/admission/effective',
    {
      schema: {
        tags,
        summary: '某区域适用的准入标准及每项来源',
        querystring: EffectiveAdmissionQuery,
        response: { 200: EffectiveAdmissionRules },
      },
    },
    async (req) => svc.effectiveAdmission(ctx, actorOf(req), req.query.regionCode),
  );
  app.get(
    '/api/projects/settings/admission/history',
    { schema: { tags, summary: '准入标准修改记录', response: { 200: History } } },
    async (req) => ({ items: await svc.settingHistory(ctx, actorOf(req), 'admission') }),
  );
  app.get(
    '/api/projects/settings/mandatory-approvals',
    { schema: { tags, summary: '开工必备手续', response: { 200: MandatoryApprovalsResponse } } },
    async (req) => svc.getMandatoryApprovals(ctx, actorOf(req)),
  );
  app.put(
    '/api/projects/settings/mandatory-approvals',
    {
      schema: {
        tags,
        summary: '修改开工必备手续',
        body: MandatoryApprovalsUpdate,
        response: { 200: MandatoryApprovalsResponse },
      },
    },
    async (req) => svc.putMandatoryApprovals(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/projects/settings/mandatory-approvals/history',
    { schema: { tags, summary: '开工必备手续修改记录', response: { 200: History } } },
    async (req) => ({ items: await svc.settingHistory(ctx, actorOf(req), 'mandatory-approvals') }),
  );
};
