import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Grid, InputNumber, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy, SecurityPolicySchema } from '../../../../domain/auth/policy.ts';
import { settingsApi, type VersionedSecurityPolicy } from '../../api/settings.ts';
import { Page } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith, zodRule } from '../../lib/form.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';

type NumberField = Exclude<keyof SecurityPolicy, 'auditHash'>;
type FieldSpec = { name: NumberField; unit: MessageKey; help?: MessageKey };

const GROUPS: { title: MessageKey; fields: FieldSpec[] }[] = [
  {
    title: 'settings.group.password',
    fields: [
      { name: 'passwordMinLength', unit: 'settings.unit.chars' },
      { name: 'passwordMinClasses', unit: 'settings.unit.classes', help: 'settings.passwordMinClassesHelp' },
      { name: 'passwordMaxAgeDays', unit: 'settings.unit.days', help: 'settings.passwordMaxAgeDaysHelp' },
      { name: 'passwordHistory', unit: 'settings.unit.times' },
    ],
  },
  {
    title: 'settings.group.lockout',
    fields: [
      { name: 'lockoutThreshold', unit: 'settings.unit.times' },
      { name: 'lockoutMinutes', unit: 'settings.unit.minutes' },
      { name: 'loginRatePerMinute', unit: 'settings.unit.perMinute' },
    ],
  },
  {
    title: 'settings.group.session',
    fields: [
      { name: 'sessionIdleMinutes', unit: 'settings.unit.minutes' },
      { name: 'sessionAbsoluteHours', unit: 'settings.unit.hours' },
    ],
  },
  {
    title: 'settings.group.audit',
    fields: [{ name: 'auditRetentionMonths', unit: 'settings.unit.months', help: 'settings.auditRetentionMonthsHelp' }],
  },
];

const shape = SecurityPolicySchema.shape;
const PolicyUpdate = SecurityPolicySchema.extend({ version: z.number().int().min(0) });
const HASHES = shape.auditHash.options;

/** 安全策略: every threshold of passwords, lockout, sessions and audit, with Chinese labels and units. */
export function SecurityPolicyPage() {
  const t = useT();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const vertical = screens.md === false;
  const [form] = Form.useForm<SecurityPolicy>();
  const [stale, setStale] = useState(false);
  const q = useQuery({ queryKey: ['security-policy'], queryFn: settingsApi.securityPolicy });

  useEffect(() => {
    if (q.data) {
      const { version: _v, ...policy } = q.data;
      form.setFieldsValue(policy);
    }
  }, [q.data, form]);

  const save = useMutation({
    mutationFn: (body: VersionedSecurityPolicy) => settingsApi.saveSecurityPolicy(body),
    onSuccess: (saved) => {
      setStale(false);
      qc.setQueryData(['security-policy'], saved);
      void qc.invalidateQueries({ queryKey: ['history'] });
      toast.success(t('common.saved'));
    },
    onError: (err) =>
      handleSaveError(form, err, async () => {
        await q.refetch();
        setStale(true);
      }),
  });

  const onFinish = (values: SecurityPolicy) => {
    if (!q.data) return;
    const body = validateWith(form, PolicyUpdate, { ...values, version: q.data.version });
    if (body) save.mutate(body);
  };

  if (q.isError && !q.data) return <LoadError message={q.error.message} onRetry={() => void q.refetch()} />;

  return (
    <Page
      title={t('settings.securityTitle')}
      extra={
        Boolean(q.data?.version) && (
          <Typography.Text type="secondary">
            {t('settings.lastVersion', { version: q.data?.version ?? 0 })}
          </Typography.Text>
        )
      }
    >
      <Alert type="info" showIcon title={t('settings.securityIntro')} />
      {stale && <Alert type="warning" showIcon title={t('common.staleReloaded')} />}
      {q.isLoading ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Form<SecurityPolicy>
          form={form}
          name="security-policy"
          layout={vertical ? 'vertical' : 'horizontal'}
          labelCol={vertical ? undefined : { flex: '220px' }}
          labelWrap
          onFinish={onFinish}
        >
          <Row gutter={[12, 12]}>
            {GROUPS.map((g) => (
              <Col xs={24} xl={12} key={g.title}>
                <Card variant="borderless" title={t(g.title)} style={{ height: '100%' }}>
                  {g.fields.map((f) => (
                    <Form.Item
                      key={f.name}
                      name={f.name}
                      label={t(`settings.${f.name}`)}
                      required
                      extra={f.help ? t(f.help) : undefined}
                      rules={[zodRule(shape[f.name])]}
                    >
                      <InputNumber
                        min={shape[f.name].minValue ?? undefined}
                        max={shape[f.name].maxValue ?? undefined}
                        precision={0}
                        suffix={t(f.unit)}
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                  ))}
                  {g.title === 'settings.group.audit' && (
                    <Form.Item
                      name="auditHash"
                      label={t('settings.auditHash')}
                      required
                      rules={[zodRule(shape.auditHash)]}
                    >
                      <Select
                        style={{ width: 260 }}
                        options={HASHES.map((h) => ({ value: h, label: t(`settings.hash.${h}`) }))}
                      />
                    </Form.Item>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Card variant="borderless" style={{ marginTop: 12 }} styles={{ body: { padding: '12px 16px' } }}>
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
                {t('common.save')}
              </Button>
              <Button
                icon={<UndoOutlined />}
                onClick={() => {
                  if (!q.data) return;
                  const { version: _v, ...policy } = q.data;
                  form.resetFields();
                  form.setFieldsValue(policy);
                }}
              >
                {t('common.reset')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue(DEFAULT_SECURITY_POLICY);
                  toast.info(t('settings.defaultsFilled'));
                }}
              >
                {t('settings.restoreDefaults')}
              </Button>
            </Space>
          </Card>
        </Form>
      )}
    </Page>
  );
}
