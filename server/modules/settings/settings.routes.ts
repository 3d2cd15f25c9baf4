import { z } from 'zod';
import { SecurityPolicySchema } from '../../../domain/auth/policy.ts';
import { assertMay } from '../../platform/access/access.ts';
import { auditActorOf } from '../../platform/auth/actor.ts';
import { audited } from '../../platform/context.ts';
import { appError } from '../../platform/errors/app-error.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';

const PolicyResponse = SecurityPolicySchema.extend({ version: z.number().int() });
const PolicyUpdate = SecurityPolicySchema.extend({ version: z.number().int().min(0) });

export const settingsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/settings/security-policy',
    { schema: { tags: ['settings'], summary: '安全策略', response: { 200: PolicyResponse } } },
    async (req) => {
      assertMay(actorOf(req), 'settings.manage');
      const p = await ctx.settings.securityPolicy(ctx.db);
      return { ...p.value, version: p.version };
    },
  );
  app.put(
    '/api/settings/security-policy',
    { schema: { tags: ['settings'], summary: '修改安全策略', body: PolicyUpdate, response: { 200: PolicyResponse } } },
    async (req) => {
      const actor = actorOf(req);
      assertMay(actor, 'settings.manage');
      const { version, ...value } = req.body;
      if (value.auditHash === 'hmac-sm3' && !ctx.config.auditKey) {
        throw appError('VALIDATION_FAILED', {
          fields: [{ path: 'auditHash', message: '使用HMAC-SM3需先配置 LUOSHI_AUDIT_KEY' }],
        });
      }
      const before = (await ctx.settings.securityPolicy(ctx.db)).value;
      const next = await audited(ctx, auditActorOf(actor), async (tx, audit) => {
        const v = await ctx.settings.put(tx, 'security_policy', value, version);
        if (v === null) throw appError('STALE_WRITE');
        await audit({
          action: 'settings.update',
          entityType: 'setting',
          entityId: 'security_policy',
          before,
          after: value,
        });
        return v;
      });
      ctx.settings.invalidate();
      return { ...value, version: next };
    },
  );
};
