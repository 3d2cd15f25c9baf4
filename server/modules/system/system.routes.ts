import { z } from 'zod';
import type { RoutesPlugin } from '../../platform/http/types.ts';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const systemRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: '健康检查', response: { 200: Health } }, config: { public: true } },
    async () => {
      await ctx.db.execute('select 1');
      return { status: 'ok' as const, database: ctx.engine, version: ctx.config.version };
    },
  );
};
