import type { DispatchSettings, DispatchSettingsUpdate } from '../../../domain/dispatch/contracts.ts';
import { http } from './client.ts';

/** 周调度设置: the reporting calendar, warning thresholds, item deadlines and the later years' holidays. */
export type { DispatchSettings, DispatchSettingsUpdate };
export type SettingsPart = DispatchSettingsUpdate['part'];

export const dispatchSettingsApi = {
  get: () => http.get<DispatchSettings>('/api/dispatch/settings'),
  /** one part at a time, with that part's version; answers with all the settings as saved */
  save: (body: DispatchSettingsUpdate) => http.put<DispatchSettings>('/api/dispatch/settings', body),
};
