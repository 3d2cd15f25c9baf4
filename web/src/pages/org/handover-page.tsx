import { CheckCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Empty,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Segmented,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type Assignment, HandoverRequest, HOLDER_TYPES, type HolderType } from '../../../../domain/org/contracts.ts';
import { type HandoverResult, handoverApi } from '../../api/org.ts';
import { Page, Panel } from '../../components/page.tsx';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { hasMessage, type MessageKey, useT } from '../../lib/i18n.ts';
import { useAuditLabels } from '../../lib/labels.ts';
import { useInvalidate } from './org-queries.ts';
import { EntitySelect, useEntityLabel } from './org-selects.tsx';

type Values = { fromId?: string | null; toId?: string | null; reason?: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const holderKey = (h: HolderType): MessageKey => `handover.holder.${h}`;

function useAssignments(holderType: HolderType, holderId: string | null | undefined) {
  return useQuery({
    queryKey: ['assignments', holderType, holderId],
    queryFn: () => handoverApi.assignments(holderType, holderId!),
    enabled: Boolean(holderId),
  });
}

function AssignmentTable({ rows, loading, history }: { rows: Assignment[]; loading: boolean; history?: boolean }) {
  const t = useT();
  const labels = useAuditLabels();
  const kind = (k: string) => {
    const key = `assignment.${k}`;
    return hasMessage(key) ? t(key) : k;
  };
  const columns: TableColumnsType<Assignment> = [
    { title: t('handover.kind'), dataIndex: 'kind', width: 150, render: kind },
    {
      title: t('handover.subject'),
      dataIndex: 'subjectName',
      render: (name: string, a) => (
        <>
          {name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.entity(a.subjectType)}
          </Typography.Text>
        </>
      ),
    },
    ...(history
      ? [{ title: t('handover.holderCol'), dataIndex: 'holderName', width: 140, responsive: ['md' as const] }]
      : []),
    { title: t('handover.startedAt'), dataIndex: 'startedAt', width: 150, render: (v: string) => formatMinute(v) },
    ...(history
      ? [
          {
            title: t('handover.endedAt'),
            dataIndex: 'endedAt',
            width: 150,
            render: (v: string | null) => (v ? formatMinute(v) : <Tag color="processing">{t('handover.current')}</Tag>),
          },
          {
            title: t('handover.status'),
            key: 'via',
            width: 100,
            responsive: ['lg' as const],
            render: (_v: unknown, a: Assignment) => (a.handoverId ? <Tag>{t('handover.viaHandover')}</Tag> : null),
          },
        ]
      : []),
  ];
  return (
    <Table<Assignment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 10 ? { pageSize: 10, showTotal: (total) => t('common.total', { total }) } : false}
      scroll={{ x: 520 }}
      locale={{ emptyText: history ? t('common.empty') : t('handover.nothingOpen') }}
    />
  );
}

/** 换届 / 调整: moves every open responsibility of one holder to another, with a reason, keeping the history. */
export function HandoverPage() {
  const t = useT();
  const { modal } = App.useApp();
  const invalidate = useInvalidate();
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const holderType: HolderType = HOLDER_TYPES.includes(typeParam as HolderType) ? (typeParam as HolderType) : 'leader';
  const fromParam = params.get('from');
  const fromId = fromParam && UUID_RE.test(fromParam) ? fromParam : null;
  const [form] = Form.useForm<Values>();
  const toId = Form.useWatch('toId', form) ?? null;
  const [result, setResult] = useState<HandoverResult | null>(null);
  const [historyOf, setHistoryOf] = useState<'from' | 'to'>('from');
  const names = { from: useEntityLabel(holderType, fromId), to: useEntityLabel(holderType, toId) };

  // the URL holds the holder type and the "from" side (shareable; back and forward move the form along)
  useEffect(() => {
    if (result) return;
    if ((form.getFieldValue('fromId') ?? null) !== fromId) form.setFieldsValue({ fromId });
  }, [fromId, form, result]);

  const fromAssignments = useAssignments(holderType, fromId);
  const historyId = historyOf === 'to' && toId ? toId : fromId;
  const history = useAssignments(holderType, historyId);
  const open = (fromAssignments.data?.items ?? []).filter((a) => a.endedAt === null);
  const historyRows = [...(history.data?.items ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt));

  const setUrl = (type: HolderType, from: string | null) => {
    const next = new URLSearchParams();
    next.set('type', type);
    if (from) next.set('from', from);
    setParams(next);
  };

  const perform = useMutation({
    mutationFn: handoverApi.handover,
    onSuccess: (r) => {
      setResult(r);
      invalidate('assignments', 'leaders', 'leader', 'units', 'users');
    },
    onError: (err) => handleSaveError(form, err),
  });

  const onFinish = (v: Values) => {
    const body = validateWith(form, HandoverRequest, { holderType, fromId: v.fromId, toId: v.toId, reason: v.reason });
    if (!body) return;
    modal.confirm({
      title: t('handover.confirmTitle'),
      icon: <SwapOutlined />,
      content: (
        <>
          <p>{t('handover.confirmBody', { from: names.from ?? '', to: names.to ?? '', count: open.length })}</p>
          <Typography.Text type="secondary">{t('handover.confirmNote')}</Typography.Text>
        </>
      ),
      okText: t('handover.submit'),
      cancelText: t('common.cancel'),
      onOk: () => perform.mutateAsync(body).catch(() => undefined),
    });
  };

  const restart = () => {
    setResult(null);
    form.resetFields();
    setUrl(holderType, null);
  };

  return (
    <Page title={t('handover.title')}>
      <Alert type="info" showIcon title={t('handover.intro')} />
      <Panel>
        {result ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('handover.done')}
            subTitle={t('handover.doneBody', { moved: result.moved, id: result.handoverId })}
            extra={
              <Button type="primary" onClick={restart}>
                {t('handover.another')}
              </Button>
            }
          />
        ) : (
          <Form<Values>
            form={form}
            name="handover"
            layout="vertical"
            onFinish={onFinish}
            initialValues={{ fromId }}
            onValuesChange={(changed: Values) => {
              if ('fromId' in changed) setUrl(holderType, changed.fromId ?? null);
            }}
          >
            <Form.Item label={t('handover.holderType')} required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={holderType}
                onChange={(e) => {
                  form.resetFields();
                  setUrl(e.target.value as HolderType, null);
                }}
                options={HOLDER_TYPES.map((h) => ({ value: h, label: t(holderKey(h)) }))}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item label={t('handover.from')} name="fromId" required>
                  <EntitySelect key={`from-${holderType}`} kind={holderType} exclude={toId ? [toId] : []} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('handover.to')} name="toId" required>
                  <EntitySelect key={`to-${holderType}`} kind={holderType} exclude={fromId ? [fromId] : []} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="reason"
              label={t('handover.reason')}
              required
              rules={[{ required: true, whitespace: true, message: t('handover.reason') }]}
            >
              <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('handover.reasonPlaceholder')} />
            </Form.Item>
            <Typography.Title level={5}>{t('handover.openItems')}</Typography.Title>
            {fromId ? (
              <AssignmentTable rows={open} loading={fromAssignments.isLoading} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('handover.pickFrom')} />
            )}
            <div style={{ marginTop: 16 }}>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SwapOutlined />}
                disabled={!fromId || open.length === 0}
                loading={perform.isPending}
              >
                {t('handover.submit')}
              </Button>
            </div>
          </Form>
        )}
      </Panel>
      {fromId && (
        <Panel>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
              {t('handover.history')}
            </Typography.Title>
            {toId && !result && (
              <Segmented<'from' | 'to'>
                value={historyOf}
                onChange={setHistoryOf}
                options={[
                  { value: 'from', label: `${t('handover.from')}${names.from ? `:${names.from}` : ''}` },
                  { value: 'to', label: `${t('handover.to')}${names.to ? `:${names.to}` : ''}` },
                ]}
              />
            )}
          </div>
          <AssignmentTable rows={historyRows} loading={history.isLoading} history />
        </Panel>
      )}
    </Page>
  );
}
