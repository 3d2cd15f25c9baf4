import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { type Unit, UnitCreate, UnitUpdate } from '../../../../domain/org/contracts.ts';
import type { UnitKind } from '../../../../domain/org/unit.ts';
import { unitsApi } from '../../api/org.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { emptyToNull, validateWith, zodRule } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { useInvalidate } from './org-queries.ts';
import { EntitySelect, RegionTreeSelect } from './org-selects.tsx';

export type UnitFormTarget = { mode: 'create' } | { mode: 'edit'; unit: Unit };

type Values = {
  name?: string;
  shortName?: string | null;
  aliases?: string[];
  kind?: UnitKind;
  regionCode?: string | null;
  parentUnitId?: string | null;
  sort?: number | null;
  active?: boolean;
};

const toValues = (u: Unit): Values => ({
  name: u.name,
  shortName: u.shortName,
  aliases: u.aliases,
  kind: u.kind,
  regionCode: u.regionCode,
  parentUnitId: u.parentUnitId,
  sort: u.sort,
  active: u.active,
});

export function UnitFormDrawer({ target, onClose }: { target: UnitFormTarget | null; onClose: () => void }) {
  const t = useT();
  const labels = useEnumLabels();
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit';

  const { save, stale } = useVersionedSave({
    form,
    editing: target?.mode === 'edit' ? target.unit : undefined,
    mutationFn: async (v: Values, version) => {
      const fields = {
        name: v.name,
        shortName: emptyToNull(v.shortName),
        aliases: (v.aliases ?? []).map((a) => a.trim()).filter(Boolean),
        kind: v.kind,
        regionCode: v.regionCode ?? undefined,
        parentUnitId: v.parentUnitId ?? null,
        sort: v.sort ?? 0,
      };
      if (target?.mode === 'edit') {
        const body = validateWith(form, UnitUpdate, { ...fields, version, active: v.active ?? true });
        return body ? unitsApi.update(target.unit.id, body) : null;
      }
      const body = validateWith(form, UnitCreate, fields);
      return body ? unitsApi.create(body) : null;
    },
    onSaved: (saved) => {
      qc.setQueryData(['unit', saved.id], saved);
      invalidate('units', 'unit', 'options');
    },
    onClose,
    reload: (u) => qc.fetchQuery({ queryKey: ['unit', u.id], queryFn: () => unitsApi.get(u.id), staleTime: 0 }),
    toValues,
    onReloaded: () => invalidate('units'),
  });

  return (
    <FormDrawer
      title={editing ? t('unit.editTitle') : t('unit.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
    >
      <Form<Values>
        form={form}
        name="unit"
        layout="vertical"
        initialValues={target?.mode === 'edit' ? toValues(target.unit) : { aliases: [], sort: 0 }}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Form.Item name="name" label={t('unit.name')} required rules={[zodRule(UnitCreate.shape.name)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="shortName"
          label={t('unit.shortName')}
          rules={[zodRule(UnitCreate.shape.shortName, emptyToNull)]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="aliases" label={t('unit.aliases')} extra={t('unit.aliasesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', ',', '、']} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="kind" label={t('unit.kind')} required rules={[zodRule(UnitCreate.shape.kind)]}>
          <Select options={labels.unitKindOptions} placeholder={t('common.select')} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('unit.region')} required rules={[zodRule(UnitCreate.shape.regionCode)]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="parentUnitId" label={t('unit.parentUnit')}>
          <EntitySelect kind="unit" exclude={target?.mode === 'edit' ? [target.unit.id] : []} />
        </Form.Item>
        <Form.Item name="sort" label={t('common.sort')} extra={t('common.sortHelp')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
