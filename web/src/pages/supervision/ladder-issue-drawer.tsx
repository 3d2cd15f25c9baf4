import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { skippedSteps } from '../../../../domain/supervision/ladder.ts';
import { LONG_TEXT_MAX, REASON_MAX, StepIssue } from '../../../../domain/supervision/ladder-contracts.ts';
import type { LadderStep, NoticePolarity, SupervisableType } from '../../../../domain/supervision/model.ts';
import { http } from '../../api/client.ts';
import { type LadderStep as StepView, supervisionApi } from '../../api/supervision.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { today } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { useLadderLabels } from './ladder-labels.tsx';

/** What the drawer starts from: an object (from its page), a suggestion (with its reason), or nothing (the register). */
export type IssuePreset = {
  objectType?: SupervisableType;
  objectId?: string;
  objectLabel?: string;
  step?: LadderStep;
  polarity?: NoticePolarity | null;
  unitId?: string | null;
  reason?: string;
  skipReason?: string | null;
  requirement?: string | null;
  dueOn?: string | null;
};

type Values = {
  objectType?: SupervisableType;
  objectId?: string;
  step?: LadderStep;
  polarity?: NoticePolarity | null;
  unitId?: string | null;
  reason?: string;
  requirement?: string;
  dueOn?: Dayjs | null;
  skipReason?: string;
  meetingOn?: Dayjs | null;
  participants?: string;
  record?: string;
  decision?: string;
  decisionRef?: string;
};

type Option = { value: string; label: string };
type Paged = { items: Record<string, unknown>[] };

/** Searching the objects that can be supervised, through each module's own list (a missing module finds nothing). */
const SEARCH: Partial<Record<SupervisableType, (q: string) => Promise<Option[]>>> = {
  task: async (q) => {
    const r = await http.get<Paged>('/api/tasks', { q, pageSize: 20 });
    return r.items.map((i) => ({ value: String(i.id), label: `${i.number ?? ''} ${String(i.content ?? '')}`.trim() }));
  },
  project: async (q) => {
    const r = await http.get<Paged>('/api/projects', { q, pageSize: 20 });
    return r.items.map((i) => ({ value: String(i.id), label: String(i.name) }));
  },
  coordination_item: async (q) => {
    const r = await http.get<Paged>('/api/dispatch/items', { q, pageSize: 20 });
    return r.items.map((i) => ({ value: String(i.id), label: `${i.projectName}:${i.description}` }));
  },
  instruction: async (q) => {
    const r = await http.get<Paged>('/api/instructions', { q, pageSize: 20 });
    return r.items.map((i) => ({ value: String(i.id), label: String(i.text ?? i.objectLabel ?? i.id).slice(0, 60) }));
  },
};

function ObjectPicker({
  type,
  value,
  onChange,
  initialLabel,
}: {
  type: SupervisableType | undefined;
  value?: string;
  onChange?: (v: string | undefined) => void;
  initialLabel?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const find = type ? SEARCH[type] : undefined;
  const found = useQuery({
    queryKey: ['sup-object-search', type, q],
    queryFn: () => find!(q),
    enabled: Boolean(find),
    meta: { silent: true },
  });
  const options = [...(found.data ?? [])];
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      disabled={!find}
      placeholder={find ? t('sup.issue.objectSearch') : t('sup.issue.objectFromPage')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      allowClear
      style={{ width: '100%' }}
    />
  );
}

const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 发起督办: one drawer for every rung, its own fields shown for the rung chosen, the skip reason when one is skipped. */
export function LadderIssueDrawer({
  open,
  preset,
  onClose,
  onIssued,
}: {
  open: boolean;
  preset: IssuePreset;
  onClose: () => void;
  onIssued?: (s: StepView) => void;
}) {
  const t = useT();
  const labels = useLadderLabels();
  const size = useDrawerSize(600);
  const phone = Grid.useBreakpoint().md === false;
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const fixedObject = Boolean(preset.objectType && preset.objectId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      objectType: preset.objectType ?? 'task',
      objectId: preset.objectId,
      step: preset.step ?? 'reminder',
      polarity: preset.polarity ?? (preset.step === 'notice' ? 'critical' : null),
      unitId: preset.unitId ?? null,
      reason: preset.reason ?? '',
      skipReason: preset.skipReason ?? '',
      requirement: preset.requirement ?? '',
      dueOn: preset.dueOn ? dayjs(preset.dueOn) : null,
    });
  }, [open, preset, form]);

  // a fixed object is not a field of the form: its type and id come from the preset
  const watchedType = Form.useWatch('objectType', form);
  const watchedId = Form.useWatch('objectId', form);
  const objectType = fixedObject ? preset.objectType : watchedType;
  const objectId = fixedObject ? preset.objectId : watchedId;
  const step = Form.useWatch('step', form) ?? 'reminder';
  const polarity = Form.useWatch('polarity', form);

  // the steps the object already received, to say whether this one skips a rung
  const prior = useQuery({
    queryKey: ['sup-steps', 'object', objectType, objectId],
    queryFn: () => supervisionApi.steps({ objectType, objectId, pageSize: 200 }),
    enabled: open && Boolean(objectType && objectId),
  });
  const skipped =
    objectId && prior.data && !(step === 'notice' && polarity === 'commending')
      ? skippedSteps(step, prior.data.items)
      : [];

  const issue = useMutation({
    mutationFn: (body: StepIssue) => supervisionApi.issue(body),
    onSuccess: (s) => {
      toast.success(t('sup.issue.done', { step: labels.step(s.step), unit: s.unitName, number: s.number ?? '' }));
      qc.invalidateQueries({ queryKey: ['sup-steps'] });
      qc.invalidateQueries({ queryKey: ['sup-suggestions'] });
      qc.invalidateQueries({ queryKey: ['sup-board'] });
      onIssued?.(s);
      onClose();
    },
    onError: (e) => handleSaveError(form, e),
  });

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const body = validateWith(form, StepIssue, {
      objectType,
      objectId,
      step: v.step,
      unitId: v.unitId || null,
      reason: v.reason ?? '',
      requirement: v.requirement || null,
      dueOn: toDate(v.dueOn),
      polarity: v.step === 'notice' ? (v.polarity ?? null) : null,
      skipReason: v.skipReason || null,
      meetingOn: v.step === 'admonition' ? toDate(v.meetingOn) : null,
      participants: v.step === 'admonition' ? v.participants || null : null,
      record: v.step === 'admonition' ? v.record || null : null,
      decision: v.step === 'accountability' ? v.decision || null : null,
      decisionRef: v.step === 'accountability' ? v.decisionRef || null : null,
    });
    if (body) issue.mutate(body);
  };

  const notBeforeToday = (d: Dayjs) => d.format('YYYY-MM-DD') < today();

  return (
    <Drawer
      title={t('sup.issue.title')}
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={issue.isPending} onClick={submit} data-testid="sup-issue-submit">
            {t('sup.issue.submit')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" requiredMark="optional" onValuesChange={() => undefined}>
        {fixedObject ? (
          <Form.Item label={t('sup.field.object')} required>
            <Typography.Text strong>
              {labels.objectType(preset.objectType!)} · {preset.objectLabel ?? preset.objectId}
            </Typography.Text>
          </Form.Item>
        ) : (
          <Space.Compact style={{ width: '100%' }} direction={phone ? 'vertical' : 'horizontal'}>
            <Form.Item name="objectType" label={t('sup.field.objectType')} style={{ minWidth: 140 }} required>
              <Select options={labels.objectTypeOptions} onChange={() => form.setFieldValue('objectId', undefined)} />
            </Form.Item>
            <Form.Item name="objectId" label={t('sup.field.object')} style={{ flex: 1 }} required>
              <ObjectPicker type={objectType} initialLabel={preset.objectLabel} />
            </Form.Item>
          </Space.Compact>
        )}
        <Form.Item name="step" label={t('sup.field.step')} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={labels.stepOptions} />
        </Form.Item>
        {step === 'notice' && (
          <Form.Item name="polarity" label={t('sup.field.polarity')} required>
            <Radio.Group options={labels.polarityOptions} />
          </Form.Item>
        )}
        <Form.Item name="unitId" label={t('sup.field.unit')} extra={t('sup.issue.unitHelp')}>
          <EntitySelect kind="unit" placeholder={t('sup.issue.unitPlaceholder')} />
        </Form.Item>
        <Form.Item name="reason" label={t('sup.field.reason')} required>
          <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder={t('sup.issue.reasonPlaceholder')} />
        </Form.Item>
        {skipped.length > 0 && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('sup.issue.skipWarning', {
                missing: skipped.map((s) => labels.step(s)).join('、'),
                step: labels.step(step),
              })}
            />
            <Form.Item name="skipReason" label={t('sup.field.skipReason')} required>
              <Input.TextArea rows={2} maxLength={REASON_MAX} placeholder={t('sup.issue.skipPlaceholder')} />
            </Form.Item>
          </>
        )}
        <Form.Item name="requirement" label={t('sup.field.requirement')} required={step === 'order'}>
          <Input.TextArea rows={3} maxLength={LONG_TEXT_MAX} placeholder={t('sup.issue.requirementPlaceholder')} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('sup.field.dueOn')} required={step === 'order'}>
          <DatePicker style={{ width: '100%', maxWidth: 240 }} disabledDate={notBeforeToday} inputReadOnly={phone} />
        </Form.Item>
        {step === 'admonition' && (
          <>
            <Form.Item name="meetingOn" label={t('sup.field.meetingOn')} required>
              <DatePicker style={{ width: '100%', maxWidth: 240 }} inputReadOnly={phone} />
            </Form.Item>
            <Form.Item name="participants" label={t('sup.field.participants')} required>
              <Input maxLength={500} placeholder={t('sup.issue.participantsPlaceholder')} />
            </Form.Item>
            <Form.Item name="record" label={t('sup.field.record')}>
              <Input.TextArea rows={3} maxLength={LONG_TEXT_MAX} />
            </Form.Item>
          </>
        )}
        {step === 'accountability' && (
          <>
            <Form.Item name="decision" label={t('sup.field.decision')} required>
              <Input.TextArea rows={3} maxLength={LONG_TEXT_MAX} placeholder={t('sup.issue.decisionPlaceholder')} />
            </Form.Item>
            <Form.Item name="decisionRef" label={t('sup.field.decisionRef')}>
              <Input maxLength={100} placeholder={t('sup.issue.decisionRefPlaceholder')} />
            </Form.Item>
          </>
        )}
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sup.issue.note')}
      </Typography.Text>
    </Drawer>
  );
}
