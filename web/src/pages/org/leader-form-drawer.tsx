import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { type Leader, LeaderCreate, LeaderUpdate } from '../../../../domain/org/contracts.ts';
import { leadersApi } from '../../api/org.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { validateWith, zodRule } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { useInvalidate } from './org-queries.ts';
import { EntitySelect, RegionTreeSelect } from './org-selects.tsx';

export type LeaderFormTarget = { mode: 'create' } | { mode: 'edit'; leader: Leader };

type Values = {
  name?: string;
  title?: string;
  portfolio?: string;
  regionCode?: string | null;
  userId?: string | null;
  overseesUnitIds?: string[];
  sort?: number | null;
  active?: boolean;
};

const toValues = (l: Leader): Values => ({
  name: l.name,
  title: l.title,
  portfolio: l.portfolio,
  regionCode: l.regionCode,
  userId: l.userId,
  overseesUnitIds: l.oversees.map((o) => o.unitId),
  sort: l.sort,
  active: l.active,
});

/** The labels of the units a leader oversees, known to the unit select without a look-up. */
const knownUnits = (l: Leader) => l.oversees.map((o) => ({ value: o.unitId, label: o.unitName }));

export function LeaderFormDrawer({ target, onClose }: { target: LeaderFormTarget | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [known, setKnown] = useState<{ value: string; label: string }[]>([]);
  const editing = target?.mode === 'edit';

  useEffect(() => {
    setKnown(target?.mode === 'edit' ? knownUnits(target.leader) : []);
  }, [target]);

  const { save, stale } = useVersionedSave({
    form,
    editing: target?.mode === 'edit' ? target.leader : undefined,
    mutationFn: async (v: Values, version) => {
      const fields = {
        name: v.name,
        title: v.title,
        portfolio: v.portfolio ?? '',
        regionCode: v.regionCode ?? undefined,
        userId: v.userId ?? null,
        overseesUnitIds: v.overseesUnitIds ?? [],
        sort: v.sort ?? 0,
      };
      if (target?.mode === 'edit') {
        const body = validateWith(form, LeaderUpdate, { ...fields, version, active: v.active ?? true });
        return body ? leadersApi.update(target.leader.id, body) : null;
      }
      const body = validateWith(form, LeaderCreate, fields);
      return body ? leadersApi.create(body) : null;
    },
    onSaved: (saved) => {
      qc.setQueryData(['leader', saved.id], saved);
      invalidate('leaders', 'leader', 'options');
    },
    onClose,
    reload: (l) => qc.fetchQuery({ queryKey: ['leader', l.id], queryFn: () => leadersApi.get(l.id), staleTime: 0 }),
    toValues,
    onReloaded: (fresh) => {
      setKnown(knownUnits(fresh));
      invalidate('leaders');
    },
  });

  return (
    <FormDrawer
      title={editing ? t('leader.editTitle') : t('leader.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
    >
      <Form<Values>
        form={form}
        name="leader"
        layout="vertical"
        initialValues={
          target?.mode === 'edit' ? toValues(target.leader) : { overseesUnitIds: [], sort: 0, portfolio: '' }
        }
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Form.Item name="name" label={t('leader.name')} required rules={[zodRule(LeaderCreate.shape.name)]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="title" label={t('leader.post')} required rules={[zodRule(LeaderCreate.shape.title)]}>
          <Input maxLength={50} placeholder="副市长" />
        </Form.Item>
        <Form.Item name="portfolio" label={t('leader.portfolio')} rules={[zodRule(LeaderCreate.shape.portfolio)]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('leader.region')}
          required
          rules={[zodRule(LeaderCreate.shape.regionCode)]}
        >
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="overseesUnitIds" label={t('leader.oversees')}>
          <EntitySelect kind="unit" multiple knownOptions={known} />
        </Form.Item>
        <Form.Item name="userId" label={t('leader.user')}>
          <EntitySelect kind="user" />
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
