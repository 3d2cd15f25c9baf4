import { AuditQuery, AuditRecord, AuditVerifyResult } from '../../../domain/audit/contracts.ts';
import { pageOf } from '../../../domain/common/contracts.ts';
import { assertMay } from '../../platform/access/access.ts';
import { listAudit, verifyAuditChain } from '../../platform/audit/audit.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';

/** The trail itself: admins and the 督查室 browse it; admins verify the chain. */
export const auditRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/audit',
    {
      schema: { tags: ['audit'], summary: '审计日志', querystring: AuditQuery, response: { 200: pageOf(AuditRecord) } },
    },
    async (req) => {
      assertMay(actorOf(req), 'audit.read');
      return listAudit(ctx.db, req.query);
    },
  );
  app.get(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计链', response: { 200: AuditVerifyResult } } },
    async (req) => {
      assertMay(actorOf(req), 'audit.verify');
      return verifyAuditChain(ctx.db, ctx.config.auditKey);
    },
  );
};
