import { useCallback, useMemo } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/auth/roles.ts';
import { REGION_KIND_LABELS, REGION_KINDS, type RegionKind } from '../../../domain/org/region.ts';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../domain/org/unit.ts';
import { hasMessage, type T, useLabel, useT } from './i18n.ts';

export type Option<V extends string = string> = { value: V; label: string };

/** Labels and select options for the enumerations of domain/, in the current language. */
export function useEnumLabels() {
  const label = useLabel();
  return useMemo(
    () => ({
      role: (r: string) => label(ROLE_LABELS[r as Role], r),
      unitKind: (k: string) => label(UNIT_KIND_LABELS[k as UnitKind], k),
      regionKind: (k: string) => label(REGION_KIND_LABELS[k as RegionKind], k),
      roleOptions: ROLES.map((r): Option<Role> => ({ value: r, label: label(ROLE_LABELS[r]) })),
      unitKindOptions: UNIT_KINDS.map((k): Option<UnitKind> => ({ value: k, label: label(UNIT_KIND_LABELS[k]) })),
      regionKindOptions: REGION_KINDS.map(
        (k): Option<RegionKind> => ({
          value: k,
          label: label(REGION_KIND_LABELS[k]),
        }),
      ),
    }),
    [label],
  );
}

const known = (t: T, key: string, fallback: string): string => (hasMessage(key) ? t(key) : fallback);

/** `unit.update` → 单位·修改; unknown parts stay as they are. */
export function auditActionLabel(t: T, action: string): string {
  const whole = `action.${action}`;
  if (hasMessage(whole)) return t(whole);
  const dot = action.indexOf('.');
  if (dot < 0) return known(t, `verb.${action}`, action);
  const entity = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  return `${known(t, `entity.${entity}`, entity)}·${known(t, `verb.${verb}`, verb)}`;
}

export const entityTypeLabel = (t: T, type: string): string => known(t, `entity.${type}`, type);
export const fieldLabel = (t: T, field: string): string => known(t, `field.${field}`, field);

export function useAuditLabels() {
  const t = useT();
  return {
    action: useCallback((a: string) => auditActionLabel(t, a), [t]),
    entity: useCallback((e: string) => entityTypeLabel(t, e), [t]),
    field: useCallback((f: string) => fieldLabel(t, f), [t]),
  };
}
