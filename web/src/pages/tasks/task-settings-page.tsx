import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_TASK_RULES, type TaskRules, taskRulesSchema } from '../../../../domain/tasks/rules.ts';
import { tasksApi } from '../../api/tasks.ts';
import { useMe } from '../../app/session.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';

const KEY = ['task-rules'];

const FIELDS: {
  name: keyof TaskRules;
  label: MessageKey;
  help: MessageKey;
  unit: MessageKey;
  min: number;
  max: number;
}[] = [
  {
    name: 'yellowGapPoints',
    label: 'tasks.rules.yellowGapPoints',
    help: 'tasks.rules.yellowGapPointsHelp',
    unit: 'tasks.rules.points',
    min: 1,
    max: 100,
  },
  {
    name: 'orderAfterOverdueWorkingDays',
    label: 'tasks.rules.orderAfter',
    help: 'tasks.rules.orderAfterHelp',
    unit: 'tasks.rules.workingDays',
    min: 1,
    max: 60,
  },
  {
    name: 'noticesForAdmonition',
    label: 'tasks.rules.notices',
    help: 'tasks.rules.noticesHelp',
    unit: 'tasks.rules.times',
    min: 1,
    max: 12,
  },
  {
    name: 'remindDaysBefore',
    label: 'tasks.rules.remind',
    help: 'tasks.rules.remindHelp',
    unit: 'tasks.rules.days',
    min: 0,
    max: 30,
  },
  {
    name: 'claimWorkingDays',
    label: 'tasks.rules.claim',
    help: 'tasks.rules.claimHelp',
    unit: 'tasks.rules.workingDays',
    min: 1,
    max: 30,
  },
];

/** 督查规则设置: the thresholds of the lights, escalation suggestions, reminders and claiming (one versioned setting). */
export function TaskSettingsPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const [form] = Form.useForm<TaskRules>();
  const [stale, setStale] = useState(false);
  const q = useQuery({ queryKey: KEY, queryFn: () => tasksApi.rules() });
  const editable = me.can.manageTasks;
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.rules);
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (rules: TaskRules) => tasksApi.saveRules({ rules, version: q.data?.version ?? 0 }),
    onSuccess: (saved) => {
      qc.setQueryData(KEY, saved);
      setStale(false);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['task'] });
      toast.success(t('tasks.rules.saved'));
    },
    onError: (e) =>
      handleSaveError(form, e, async () => {
        const fresh = await q.refetch();
        if (fresh.data) form.setFieldsValue(fresh.data.rules);
        setStale(true);
      }),
  });
  const submit = () => {
    const v = validateWith(form, taskRulesSchema, form.getFieldsValue(true));
    if (v) save.mutate(v);
  };

  return (
    <Page title={t('tasks.rules.title')}>
      {q.isError ? (
        <LoadError message={q.error.message} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active />
      ) : (
        <Card>
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('tasks.rules.intro')}
            </Typography.Paragraph>
            {stale && <Alert type="warning" showIcon title={t('tasks.rules.stale')} />}
            {!editable && <Alert type="info" showIcon title={t('tasks.rules.readOnly')} />}
            <Form<TaskRules>
              form={form}
              layout="vertical"
              initialValues={q.data.rules}
              disabled={!editable || save.isPending}
            >
              <Row gutter={24}>
                {FIELDS.map((f) => (
                  <Col key={f.name} xs={24} md={12} xl={8}>
                    <Form.Item name={f.name} label={t(f.label)} extra={t(f.help)} required>
                      <InputNumber min={f.min} max={f.max} precision={0} suffix={t(f.unit)} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              {editable && (
                <Space wrap>
                  <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={submit}>
                    {t('common.save')}
                  </Button>
                  <Button icon={<UndoOutlined />} onClick={() => form.setFieldsValue(DEFAULT_TASK_RULES)}>
                    {t('tasks.rules.defaults')}
                  </Button>
                  <Typography.Text type="secondary">
                    {t('tasks.rules.version', { version: q.data.version })}
                  </Typography.Text>
                </Space>
              )}
            </Form>
          </Space>
        </Card>
      )}
    </Page>
  );
}
