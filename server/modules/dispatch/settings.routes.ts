import { DispatchSettings, DispatchSettingsUpdate } from '../../../domain/dispatch/contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { getDispatchSettings, updateDispatchSettings } from './dispatch.settings.ts';

const tags = ['dispatch'];

/** 周调度设置: the reporting calendar, warning thresholds, item deadlines and the later years of the official calendar. */
export const dispatchSettingsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/api/dispatch/settings',
    { schema: { tags, summary: '周调度设置', response: { 200: DispatchSettings } } },
    async (req) => getDispatchSettings(ctx, actorOf(req)),
  );
  app.put(
    '/api/dispatch/settings',
    {
      schema: {
        tags,
        summary: '保存周调度设置的一部分(报送时间、预警阈值、协调事项时限;节假日安排仅管理员)',
        body: DispatchSettingsUpdate,
        response: { 200: DispatchSettings },
      },
    },
    async (req) => updateDispatchSettings(ctx, actorOf(req), req.body),
  );
};
