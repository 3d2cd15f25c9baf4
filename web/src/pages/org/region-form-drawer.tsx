import { Form, Input, InputNumber, Select } from 'antd';
import { useMemo } from 'react';
import { type Region, RegionCreate, RegionUpdate } from '../../../../domain/org/contracts.ts';
import {
  CHILD_KINDS,
  codeInsideParent,
  codeMatchesKind,
  REGION_CODE_RE,
  type RegionKind,
} from '../../../../domain/org/region.ts';
import { regionsApi } from '../../api/org.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { validateWith, zodRule } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { useInvalidate, useRegions } from './org-queries.ts';
import { RegionTreeSelect } from './org-selects.tsx';

export type RegionFormTarget = { mode: 'create'; parentCode: string | null } | { mode: 'edit'; region: Region };

type Values = { code?: string; name?: string; kind?: RegionKind; parentCode?: string | null; sort?: number | null };

export function RegionFormDrawer({ target, onClose }: { target: RegionFormTarget | null; onClose: () => void }) {
  const t = useT();
  const labels = useEnumLabels();
  const regions = useRegions();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const parentCode = Form.useWatch('parentCode', form) ?? null;
  const parent = parentCode ? regions.byCode.get(parentCode) : undefined;
  const allowedKinds: readonly RegionKind[] = parent ? CHILD_KINDS[parent.kind] : ['province'];

  // the form mounts when the drawer opens, so each opening starts from these values
  const initialValues = useMemo((): Values | undefined => {
    if (!target) return undefined;
    if (target.mode === 'edit') {
      const r = target.region;
      return { code: r.code, name: r.name, kind: r.kind, parentCode: r.parentCode, sort: r.sort };
    }
    const p = target.parentCode ? regions.byCode.get(target.parentCode) : undefined;
    const kinds = p ? CHILD_KINDS[p.kind] : (['province'] as const);
    return { parentCode: target.parentCode, kind: kinds.length === 1 ? kinds[0] : undefined, sort: 0 };
  }, [target, regions.byCode]);

  const { save, stale } = useVersionedSave({
    form,
    editing: target?.mode === 'edit' ? target.region : undefined,
    mutationFn: async (values: Values, version) => {
      if (target?.mode === 'edit') {
        const body = validateWith(form, RegionUpdate, { version, name: values.name, sort: values.sort ?? 0 });
        return body ? regionsApi.update(target.region.code, body) : null;
      }
      const body = validateWith(form, RegionCreate, {
        code: values.code?.trim(),
        name: values.name,
        kind: values.kind,
        parentCode: values.parentCode ?? null,
        sort: values.sort ?? 0,
      });
      return body ? regionsApi.create(body) : null;
    },
    onSaved: () => invalidate('regions', 'options'),
    onClose,
    reload: async (r) => (await regions.query.refetch()).data?.items.find((x) => x.code === r.code),
    toValues: (r) => ({ name: r.name, sort: r.sort }),
  });

  const editing = target?.mode === 'edit';

  return (
    <FormDrawer
      title={editing ? t('region.editTitle') : t('region.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
      width={480}
    >
      <Form<Values>
        form={form}
        name="region"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Form.Item name="parentCode" label={t('region.parent')}>
          <RegionTreeSelect disabled={editing} placeholder={t('region.topLevel')} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('region.kind')}
          required
          rules={[{ required: true, message: t('common.select') }]}
        >
          <Select
            disabled={editing}
            options={labels.regionKindOptions.filter((o) => editing || allowedKinds.includes(o.value))}
            placeholder={t('common.select')}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('region.code')}
          extra={editing ? undefined : t('region.codeHelp')}
          required
          dependencies={['kind', 'parentCode']}
          rules={
            editing
              ? []
              : [
                  zodRule(RegionCreate.shape.code, (v) => (typeof v === 'string' ? v.trim() : v)),
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: string | undefined) => {
                      const code = v?.trim() ?? '';
                      if (!REGION_CODE_RE.test(code)) return;
                      const kind = getFieldValue('kind') as RegionKind | undefined;
                      if (kind && !codeMatchesKind(code, kind)) throw new Error(t('region.codeKindMismatch'));
                      const p = regions.byCode.get(getFieldValue('parentCode') ?? '');
                      if (p && !codeInsideParent(code, p.code, p.kind)) throw new Error(t('region.codeOutsideParent'));
                    },
                  }),
                ]
          }
        >
          <Input disabled={editing} maxLength={6} inputMode="numeric" placeholder="610100" />
        </Form.Item>
        <Form.Item name="name" label={t('region.name')} required rules={[zodRule(RegionCreate.shape.name)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="sort" label={t('common.sort')} extra={t('common.sortHelp')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
