import { SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Slider,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FEEDBACK_TEXT_MAX } from '../../../../domain/tasks/feedback.ts';
import type { Confidence } from '../../../../domain/tasks/model.ts';
import type { Feedback, FeedbackPart, TaskDetail, TaskFile } from '../../../../domain/tasks/tasks-contracts.ts';
import { tasksApi } from '../../api/tasks.ts';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { FeedbackStatusTag, FileLinks, useTaskLabels } from './feedback-labels.tsx';

/** After a step the answer is the task page: it replaces the cached one; the list is stale. */
export function useTaskUpdate(id: string) {
  const qc = useQueryClient();
  return (d: TaskDetail) => {
    qc.setQueryData(['task', id], d);
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    void qc.invalidateQueries({ queryKey: ['history', 'task', id] });
  };
}

/** A file picker that uploads at once (an evidence file), with a busy state. */
export function EvidenceUpload({
  disabled,
  hint,
  upload,
}: {
  disabled?: boolean;
  hint?: string;
  upload: (file: File) => Promise<unknown>;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <Space wrap>
      <Upload
        showUploadList={false}
        disabled={disabled || busy}
        beforeUpload={(file) => {
          if (file.size > 20 * 1024 * 1024) {
            toast.error(t('tasks.file.tooLarge'));
            return false;
          }
          setBusy(true);
          upload(file)
            .then(() => toast.success(t('tasks.file.uploaded', { name: file.name })))
            .catch((e) => showError(e))
            .finally(() => setBusy(false));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} disabled={disabled}>
          {t('tasks.file.upload')}
        </Button>
      </Upload>
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    </Space>
  );
}

const textArea = (placeholder: string) => (
  <Input.TextArea
    autoSize={{ minRows: 3, maxRows: 10 }}
    maxLength={FEEDBACK_TEXT_MAX}
    showCount
    placeholder={placeholder}
  />
);

type LeadValues = {
  progress: string;
  problems: string;
  nextSteps: string;
  completionPct: number;
  quantValue: number | string | null;
  confidence: Confidence | null;
};

const valuesOf = (f: Feedback | null, lastPct: number | null): LeadValues => ({
  progress: f?.progress ?? '',
  problems: f?.problems ?? '',
  nextSteps: f?.nextSteps ?? '',
  completionPct: f?.completionPct ?? lastPct ?? 0,
  quantValue: f?.quantValue ?? null,
  confidence: f?.confidence ?? null,
});

/**
 * The lead unit's feedback of a cycle: 进展情况 / 存在问题 / 下步打算, the completion, the value reached (a task with a
 * target), its own assessment, evidence; 保存草稿 or 报送. The partners' parts of the cycle show under it.
 */
export function LeadFeedbackForm({ task }: { task: TaskDetail }) {
  const t = useT();
  const labels = useTaskLabels();
  const update = useTaskUpdate(task.id);
  const [form] = Form.useForm<LeadValues>();
  // a returned feedback needs attention first, else the current cycle
  const preferred = () =>
    task.writableCycles.find((c) => task.cycles.find((x) => x.cycle === c.cycle)?.feedback?.status === 'returned')
      ?.cycle ??
    task.writableCycles.find((c) => c.cycle === task.currentCycle)?.cycle ??
    task.writableCycles[0]?.cycle ??
    task.currentCycle;
  const [cycle, setCycle] = useState(preferred);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-pick only when the cycle is no longer writable
  useEffect(() => {
    if (!task.writableCycles.some((c) => c.cycle === cycle)) setCycle(preferred());
  }, [task.writableCycles, cycle]);
  const slot = task.cycles.find((c) => c.cycle === cycle);
  const feedback = slot?.feedback ?? null;
  const due = task.writableCycles.find((c) => c.cycle === cycle)?.dueOn ?? slot?.dueOn ?? task.currentDueOn;
  const key = `${cycle}:${feedback?.version ?? 0}`;
  const initial = useMemo(() => valuesOf(feedback, task.completionPct), [feedback, task.completionPct]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the feedback read
  useEffect(() => {
    form.setFieldsValue(initial);
  }, [key, form]);

  const toBody = (v: LeadValues, version: number) => ({
    progress: v.progress ?? '',
    problems: v.problems ?? '',
    nextSteps: v.nextSteps ?? '',
    completionPct: v.completionPct ?? 0,
    quantValue: task.targetValue === null || v.quantValue === null || v.quantValue === '' ? null : String(v.quantValue),
    confidence: v.confidence ?? null,
    version,
  });
  const onStale = async () => update(await tasksApi.get(task.id));

  const save = useMutation({
    mutationFn: (v: LeadValues) => tasksApi.saveFeedback(task.id, cycle, toBody(v, feedback?.version ?? 0)),
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.form.saved'));
    },
    onError: (e) => handleSaveError(form, e, onStale),
  });
  const submit = useMutation({
    mutationFn: async (v: LeadValues) => {
      const saved = await tasksApi.saveFeedback(task.id, cycle, toBody(v, feedback?.version ?? 0));
      update(saved);
      const version = saved.cycles.find((c) => c.cycle === cycle)?.feedback?.version;
      return tasksApi.submit(task.id, cycle, version);
    },
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.form.submitted'));
    },
    onError: (e) => handleSaveError(form, e, onStale),
  });
  const busy = save.isPending || submit.isPending;
  const onSubmit = () => form.validateFields().then((v) => submit.mutate(v));

  return (
    <Card
      title={
        <Space wrap>
          {t('tasks.form.title')}
          {task.writableCycles.length > 1 ? (
            <Select
              size="small"
              value={cycle}
              onChange={setCycle}
              options={task.writableCycles.map((c) => ({ value: c.cycle, label: c.cycleLabel }))}
              aria-label={t('tasks.form.cycle')}
            />
          ) : (
            <Typography.Text>{task.writableCycles[0]?.cycleLabel ?? task.currentCycleLabel}</Typography.Text>
          )}
          <FeedbackStatusTag status={feedback?.status ?? null} />
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('tasks.form.due', { date: due })}</Typography.Text>}
      data-testid="feedback-form"
    >
      {feedback?.status === 'returned' && feedback.returnComment && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.form.returned', { by: feedback.reviewedByName ?? '' })}
          description={feedback.returnComment}
        />
      )}
      <Form<LeadValues> form={form} layout="vertical" initialValues={initial} disabled={busy}>
        <Form.Item
          name="progress"
          label={t('tasks.fb.progress')}
          rules={[{ required: true, message: t('tasks.form.progressRequired') }]}
        >
          {textArea(t('tasks.form.progressPlaceholder'))}
        </Form.Item>
        <Form.Item name="problems" label={t('tasks.fb.problems')}>
          {textArea(t('tasks.form.problemsPlaceholder'))}
        </Form.Item>
        <Form.Item name="nextSteps" label={t('tasks.fb.nextSteps')}>
          {textArea(t('tasks.form.nextStepsPlaceholder'))}
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('tasks.fb.completion')} required>
              <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <Form.Item name="completionPct" noStyle>
                  <Slider min={0} max={100} style={{ flex: 1 }} />
                </Form.Item>
                <Form.Item name="completionPct" noStyle>
                  <InputNumber
                    min={0}
                    max={100}
                    precision={0}
                    suffix="%"
                    style={{ width: 96 }}
                    aria-label={t('tasks.fb.completion')}
                  />
                </Form.Item>
              </div>
            </Form.Item>
          </Col>
          {task.targetValue !== null && (
            <Col xs={24} md={12}>
              <Form.Item
                name="quantValue"
                label={t('tasks.fb.quantValue', { target: task.targetValue, unit: task.targetUnit ?? '' })}
              >
                <InputNumber min={0} style={{ width: '100%' }} suffix={task.targetUnit ?? undefined} stringMode />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="confidence" label={t('tasks.fb.confidence')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={labels.confidenceOptions} />
        </Form.Item>
        <Form.Item label={t('tasks.fb.evidence')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <FileLinks
              files={feedback?.files ?? []}
              onRemove={(f: TaskFile) =>
                tasksApi
                  .removeFile(task.id, f.id)
                  .then(update)
                  .catch((e) => showError(e))
              }
            />
            <EvidenceUpload
              disabled={!feedback}
              hint={feedback ? undefined : t('tasks.file.saveFirst')}
              upload={(file) => tasksApi.uploadEvidence(task.id, cycle, file).then(update)}
            />
          </Space>
        </Form.Item>
        {slot && slot.parts.length > 0 && (
          <Form.Item label={t('tasks.parts.title')}>
            <PartsList parts={slot.parts} />
          </Form.Item>
        )}
        <Space wrap>
          <Button
            icon={<SaveOutlined />}
            loading={save.isPending}
            onClick={() => save.mutate(form.getFieldsValue(true))}
          >
            {t('tasks.form.saveDraft')}
          </Button>
          <Popconfirm
            title={t('tasks.form.submitConfirm')}
            onConfirm={onSubmit}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
          >
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="feedback-submit">
              {t('tasks.form.submit')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}

/** The partners' parts of a cycle, each under its unit's name. */
export function PartsList({ parts }: { parts: FeedbackPart[] }) {
  const t = useT();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, width: '100%' }}>
      {parts.map((p) => (
        <div
          key={p.id}
          data-testid="feedback-part"
          style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}
        >
          <Typography.Text strong>【{p.unitName}】</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {t('tasks.parts.by', { name: p.updatedByName })}
          </Typography.Text>
          {(['progress', 'problems', 'nextSteps'] as const).map((k) =>
            p[k] ? (
              <div key={k} style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">{t(`tasks.fb.${k}`)}:</Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{p[k]}</span>
              </div>
            ) : null,
          )}
          <FileLinks files={p.files} />
        </div>
      ))}
    </div>
  );
}

type PartValues = { progress: string; problems: string; nextSteps: string };

/** A partner unit's own part of the current cycle (配合单位材料); the lead unit's feedback shows it. */
export function PartForm({ task, unitId }: { task: TaskDetail; unitId: string }) {
  const t = useT();
  const update = useTaskUpdate(task.id);
  const [form] = Form.useForm<PartValues>();
  const cycle = task.currentCycle;
  const slot = task.cycles.find((c) => c.cycle === cycle);
  const mine = slot?.parts.find((p) => p.unitId === unitId) ?? null;
  const initial = useMemo(
    () => ({ progress: mine?.progress ?? '', problems: mine?.problems ?? '', nextSteps: mine?.nextSteps ?? '' }),
    [mine],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the part's version stands for it
  useEffect(() => {
    form.setFieldsValue(initial);
  }, [mine?.version, form]);
  const save = useMutation({
    mutationFn: (v: PartValues) => tasksApi.savePart(task.id, cycle, { ...v, version: mine?.version ?? 0 }),
    onSuccess: (d) => {
      update(d);
      toast.success(t('tasks.part.saved'));
    },
    onError: (e) => handleSaveError(form, e, async () => update(await tasksApi.get(task.id))),
  });
  return (
    <Card
      title={
        <Space wrap>
          {t('tasks.part.title')}
          <Typography.Text>{task.currentCycleLabel}</Typography.Text>
        </Space>
      }
      data-testid="part-form"
    >
      <Typography.Paragraph type="secondary">{t('tasks.part.help', { lead: task.leadUnitName })}</Typography.Paragraph>
      <Form<PartValues> form={form} layout="vertical" initialValues={initial} disabled={save.isPending}>
        <Form.Item name="progress" label={t('tasks.fb.progress')}>
          {textArea(t('tasks.part.progressPlaceholder'))}
        </Form.Item>
        <Form.Item name="problems" label={t('tasks.fb.problems')}>
          {textArea(t('tasks.form.problemsPlaceholder'))}
        </Form.Item>
        <Form.Item name="nextSteps" label={t('tasks.fb.nextSteps')}>
          {textArea(t('tasks.form.nextStepsPlaceholder'))}
        </Form.Item>
        <Form.Item label={t('tasks.fb.evidence')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <FileLinks
              files={mine?.files ?? []}
              onRemove={(f) =>
                tasksApi
                  .removeFile(task.id, f.id)
                  .then(update)
                  .catch((e) => showError(e))
              }
            />
            <EvidenceUpload
              disabled={!mine}
              hint={mine ? undefined : t('tasks.file.savePartFirst')}
              upload={(file) => tasksApi.uploadEvidence(task.id, cycle, file).then(update)}
            />
          </Space>
        </Form.Item>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={save.isPending}
          onClick={() => form.validateFields().then((v) => save.mutate(v))}
        >
          {t('tasks.part.save')}
        </Button>
      </Form>
    </Card>
  );
}
