import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { describeDeadline, parseDeadline } from '../../../../domain/tasks/deadline.ts';
import { TASK_CONTENT_MAX, TaskCreate } from '../../../../domain/tasks/plans-contracts.ts';
import { type PlanDetail, type PlanTask, taskPlansApi } from '../../api/task-plans.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { useLang, useT } from '../../lib/i18n.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { EntitySelect } from '../org/org-selects.tsx';

type Values = {
  sectionId?: string | null;
  number?: string | null;
  content?: string;
  leadUnitId?: string | null;
  partnerUnitIds?: string[];
  leaderIds?: string[];
  deadlineText?: string;
  targetValue?: string | null;
  targetUnit?: string | null;
  tags?: string[];
};

/** The 完成时限 as the parser reads it, under the field, while the user types. */
export function DeadlineReading({ text, year }: { text: string | undefined; year: number }) {
  const t = useT();
  const [lang] = useLang();
  const typed = useDebounced((text ?? '').trim(), 200);
  if (!typed) return null;
  const r = parseDeadline(typed, { year });
  return r.ok ? (
    <Alert
      type="success"
      showIcon
      data-testid="deadline-reading"
      title={t('plans.form.deadlineReading', { reading: describeDeadline(r.value, lang === 'zh-CN' ? 'zh' : 'en') })}
      style={{ marginTop: 8 }}
    />
  ) : (
    <Alert type="error" showIcon data-testid="deadline-reading" title={r.reason} style={{ marginTop: 8 }} />
  );
}

const valuesOf = (task: PlanTask | null | undefined): Values =>
  task
    ? {
        sectionId: task.sectionId,
        number: task.number,
        content: task.content,
        leadUnitId: task.leadUnit.id,
        partnerUnitIds: task.partners.map((p) => p.id),
        leaderIds: task.leaders.map((l) => l.id),
        deadlineText: task.deadlineText,
        targetValue: task.targetValue,
        targetUnit: task.targetUnit,
        tags: task.tags,
      }
    : { partnerUnitIds: [], leaderIds: [], tags: [] };

/**
 * 添加任务 / 修改任务 (督查室): section, number (blank: the next one), the text, the lead unit, partners, leaders, the
 * deadline as the source writes it — read live, so an unreadable phrase is seen before saving — and the target.
 */
export function TaskFormDrawer({
  open,
  plan,
  task,
  onClose,
}: {
  open: boolean;
  plan: PlanDetail;
  /** the task to edit; none to add one */
  task?: PlanTask | null;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [stale, setStale] = useState(false);
  const deadlineText = Form.useWatch('deadlineText', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(valuesOf(task));
      setStale(false);
    }
  }, [open, task, form]);

  const done = () => {
    void qc.invalidateQueries({ queryKey: ['task-plan', plan.id] });
    void qc.invalidateQueries({ queryKey: ['task-plans'] });
    void qc.invalidateQueries({ queryKey: ['task-claims'] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    onClose();
  };
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = TaskCreate.parse({ ...v, number: v.number || null, sectionId: v.sectionId ?? null });
      if (!task) return taskPlansApi.addTask(plan.id, body);
      return taskPlansApi.editTask(task.id, { ...body, version: task.version });
    },
    onSuccess: (saved) => {
      toast.success(task ? t('common.saved') : t('plans.form.added', { number: saved.number }));
      done();
    },
    onError: (err) =>
      handleSaveError(form, err, () => {
        setStale(true);
        void qc.invalidateQueries({ queryKey: ['task-plan', plan.id] });
      }),
  });

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const parsed = validateWith(form, TaskCreate, { ...values, number: values.number || null });
    if (!parsed) return;
    const reading = parseDeadline(values.deadlineText ?? '', { year: plan.year });
    if (!reading.ok) {
      form.setFields([{ name: 'deadlineText', errors: [reading.reason] }]);
      return;
    }
    save.mutate(values);
  };

  const sectionOptions = plan.sections.map((s) => ({
    value: s.id,
    label: s.label ? `${s.label}${/[)）]$/.test(s.label) ? '' : '、'}${s.title}` : s.title,
  }));

  return (
    <FormDrawer
      title={task ? t('plans.form.editTitle', { number: task.number }) : t('plans.form.addTitle')}
      open={open}
      onClose={onClose}
      onSubmit={() => void submit()}
      submitting={save.isPending}
      staleNotice={stale}
      width={680}
    >
      <Form<Values> form={form} layout="vertical" requiredMark data-testid="task-form">
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="sectionId" label={t('plans.form.section')}>
              <Select allowClear options={sectionOptions} placeholder={t('plans.form.sectionNone')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="number"
              label={t('plans.col.number')}
              extra={task ? undefined : t('plans.form.numberHelp')}
            >
              <Input maxLength={32} placeholder={t('plans.form.numberPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="content"
          label={t('plans.col.content')}
          rules={[{ required: true, whitespace: true, message: t('plans.form.contentRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TASK_CONTENT_MAX} showCount />
        </Form.Item>
        <Form.Item
          name="leadUnitId"
          label={t('plans.col.leadUnit')}
          rules={[{ required: true, message: t('plans.form.leadRequired') }]}
        >
          <EntitySelect
            kind="unit"
            knownOptions={task ? [{ value: task.leadUnit.id, label: task.leadUnit.name }] : undefined}
          />
        </Form.Item>
        <Form.Item name="partnerUnitIds" label={t('plans.col.partners')}>
          <EntitySelect
            kind="unit"
            multiple
            exclude={leadUnitId ? [leadUnitId] : undefined}
            knownOptions={task?.partners.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="leaderIds" label={t('plans.col.leaders')}>
          <EntitySelect
            kind="leader"
            multiple
            knownOptions={task?.leaders.map((l) => ({ value: l.id, label: l.name }))}
          />
        </Form.Item>
        <Form.Item
          name="deadlineText"
          label={t('plans.col.deadline')}
          rules={[{ required: true, whitespace: true, message: t('plans.form.deadlineRequired') }]}
          extra={
            <>
              <div>{t('plans.form.deadlineHelp')}</div>
              <DeadlineReading text={deadlineText} year={plan.year} />
            </>
          }
        >
          <Input maxLength={200} placeholder={t('plans.form.deadlinePlaceholder')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item name="targetValue" label={t('plans.col.target')}>
              <Input inputMode="decimal" placeholder="1.2" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="targetUnit" label={t('plans.col.targetUnit')}>
              <Input maxLength={20} placeholder={t('plans.form.targetUnitPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="tags" label={t('plans.col.tags')}>
              <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
