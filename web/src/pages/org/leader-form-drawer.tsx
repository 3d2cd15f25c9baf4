import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { type Leader, LeaderCreate, LeaderUpdate } from '../../../../domain/org/contracts.ts';
import { leadersApi } from '../../api/org.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith, zodRule } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
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

export function LeaderFormDrawer({ target, onClose }: { target: LeaderFormTarget | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [known, setKnown] = useState<{ value: string; label: string }[]>([]);
  const editing = target?.mode === 'edit';

  useEffect(() => {
    setStale(false);
    if (target?.mode === 'edit') {
      setVersion(target.leader.version);
      setKnown(target.leader.oversees.map((o) => ({ value: o.unitId, label: o.unitName })));
    } else setKnown([]);
  }, [target]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
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
    onSuccess: (saved) => {
      if (!saved) return;
      qc.setQueryData(['leader', saved.id], saved);
      toast.success(editing ? t('common.saved') : t('common.created'));
      invalidate('leaders', 'leader', 'options');
      onClose();
    },
    onError: (err) =>
      handleSaveError(form, err, async () => {
        if (target?.mode !== 'edit') return;
        const fresh = await qc.fetchQuery({
          queryKey: ['leader', target.leader.id],
          queryFn: () => leadersApi.get(target.leader.id),
          staleTime: 0,
        });
        setVersion(fresh.version);
        setKnown(fresh.oversees.map((o) => ({ value: o.unitId, label: o.unitName })));
        form.setFieldsValue(toValues(fresh));
        setStale(true);
        invalidate('leaders');
      }),
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
