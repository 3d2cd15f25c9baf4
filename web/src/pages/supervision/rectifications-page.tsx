import { CheckOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Segmented,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CITY_WIDE_ROLES } from '../../../../domain/auth/roles.ts';
import { RESPONSE_MAX, RectificationListQuery } from '../../../../domain/supervision/inspections-contracts.ts';
import type { RectificationStatus } from '../../../../domain/supervision/model.ts';
import { type Rectification, type RectificationList, rectificationsApi } from '../../api/inspections.ts';
import { useMe } from '../../app/session.tsx';
import { CardList } from '../../components/card-list.tsx';
import { useDrawerSize } from '../../components/drawers.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { CountTiles, ProblemTags, RectStatusTag } from './inspection-labels.tsx';

export const rectificationsPath = (id: string) => `/supervision/rectifications?id=${id}`;
const findingPath = (r: Rectification) => `/supervision/inspections/${r.inspectionId}/targets/${r.targetId}`;

type TileKey = 'open' | 'submitted' | 'closed' | 'overdue';
const TILE_COLORS: Record<TileKey, string> = {
  open: '#d46b08',
  submitted: '#1d5fd6',
  closed: '#389e0d',
  overdue: '#cf1322',
};

function Due({ r }: { r: Rectification }) {
  const t = useT();
  return (
    <span>
      {r.dueOn}
      {r.overdue && (
        <Tag color="error" style={{ marginInlineStart: 6 }}>
          {t('insp.rect.overdue')}
        </Tag>
      )}
    </span>
  );
}

function columnsOf(t: T, open: (r: Rectification) => void): TableColumnsType<Rectification> {
  return [
    {
      title: t('insp.rect.requirement'),
      dataIndex: 'requirement',
      render: (v: string, r) => (
        <Typography.Link onClick={() => open(r)}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, color: 'inherit' }}>
            {v}
          </Typography.Paragraph>
        </Typography.Link>
      ),
    },
    {
      title: t('insp.target.col.object'),
      key: 'object',
      width: 220,
      render: (_v, r) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{r.objectLabel}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.inspectionTitle}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('insp.rect.unit'), dataIndex: 'unitName', width: 160 },
    { title: t('insp.rect.due'), key: 'due', width: 150, render: (_v, r) => <Due r={r} /> },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: RectificationStatus) => <RectStatusTag status={s} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_v, r) => (
        <Typography.Link onClick={() => open(r)}>
          {r.can.submit || r.can.verify ? t('insp.rect.handle') : t('common.view')}
        </Typography.Link>
      ),
    },
  ];
}

function RectCard({ r, onOpen }: { r: Rectification; onOpen: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid="rect-card"
      style={{
        textAlign: 'start',
        font: 'inherit',
        cursor: 'pointer',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${r.overdue ? '#cf1322' : r.status === 'closed' ? '#52c41a' : '#fa8c16'}`,
        borderRadius: 8,
        padding: 12,
        width: '100%',
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Paragraph strong ellipsis={{ rows: 3 }} style={{ flex: 1, fontSize: 15, margin: 0 }}>
          {r.requirement}
        </Typography.Paragraph>
        <RectStatusTag status={r.status} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {r.objectLabel} · {r.unitName}
      </Typography.Text>
      <div style={{ fontSize: 13, marginTop: 4 }}>
        {t('insp.rect.dueShort', { date: r.dueOn })}
        {r.overdue && (
          <Tag color="error" style={{ marginInlineStart: 6 }}>
            {t('insp.rect.overdue')}
          </Tag>
        )}
        {(r.can.submit || r.can.verify) && (
          <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
            {r.can.submit ? t('insp.rect.yourTurnUnit') : t('insp.rect.yourTurnTeam')}
          </Typography.Text>
        )}
      </div>
    </button>
  );
}

/** One rectification: what was found and required; the unit's evidence and files; the team's verdict. */
function RectDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const size = useDrawerSize(600);
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<{ evidence: string }>();
  const [rejecting, setRejecting] = useState(false);
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const q = useQuery({
    queryKey: ['rectification', id],
    queryFn: () => rectificationsApi.get(id!),
    enabled: Boolean(id),
  });
  const r = q.data;
  const done = (next: Rectification, message: string) => {
    qc.setQueryData(['rectification', id], next);
    void qc.invalidateQueries({ queryKey: ['rectifications'] });
    toast.success(message);
  };
  const submit = useMutation({
    mutationFn: (evidence: string) => rectificationsApi.submit(r!.id, evidence, r!.version),
    onSuccess: (next) => done(next, t('insp.rect.submitted')),
    onError: (err) => handleSaveError(form, err, () => void q.refetch()),
  });
  const verify = useMutation({
    mutationFn: () => rectificationsApi.verify(r!.id, r!.version),
    onSuccess: (next) => done(next, t('insp.rect.verified')),
    onError: (err) => {
      showError(err);
      void q.refetch();
    },
  });
  const reject = useMutation({
    mutationFn: (reason: string) => rectificationsApi.reject(r!.id, reason, r!.version),
    onSuccess: (next) => {
      done(next, t('insp.rect.rejected'));
      setRejecting(false);
    },
    onError: (err) => handleSaveError(rejectForm, err, () => void q.refetch()),
  });
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    if (!r) return;
    setUploading(true);
    try {
      done(await rectificationsApi.addFile(r.id, file), t('insp.rect.fileAdded', { name: file.name }));
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };
  const row = (label: string, children: ReactNode) => ({ key: label, label, children });
  return (
    <Drawer title={t('insp.rect.detail')} open={Boolean(id)} onClose={onClose} size={size} destroyOnHidden>
      {q.error && <Alert type="error" showIcon title={q.error.message} />}
      {!r && !q.error && <Skeleton active />}
      {r && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="rect-detail">
          <Space wrap>
            <RectStatusTag status={r.status} />
            {r.overdue && <Tag color="error">{t('insp.rect.overdue')}</Tag>}
          </Space>
          {r.status === 'open' && r.rejectReason && (
            <Alert type="error" showIcon title={t('insp.rect.rejectedBecause')} description={r.rejectReason} />
          )}
          <Descriptions
            size="small"
            column={1}
            bordered={!phone}
            items={[
              row(t('insp.rect.requirement'), <span style={{ whiteSpace: 'pre-wrap' }}>{r.requirement}</span>),
              row(t('insp.rect.unit'), r.unitName),
              row(t('insp.rect.due'), <Due r={r} />),
              row(
                t('insp.target.col.object'),
                <Link to={findingPath(r)}>
                  {r.objectLabel}({r.inspectionTitle})
                </Link>,
              ),
              row(t('insp.target.col.problems'), r.problemKinds.length ? <ProblemTags kinds={r.problemKinds} /> : '—'),
              row(t('insp.rect.openedBy'), `${r.createdByName} · ${formatMinute(r.createdAt)}`),
              ...(r.evidence
                ? [
                    row(t('insp.rect.evidence'), <span style={{ whiteSpace: 'pre-wrap' }}>{r.evidence}</span>),
                    row(t('insp.rect.submittedBy'), `${r.submittedByName ?? ''} · ${formatMinute(r.submittedAt)}`),
                  ]
                : []),
              ...(r.verifiedAt
                ? [row(t('insp.rect.verifiedBy'), `${r.verifiedByName} · ${formatMinute(r.verifiedAt)}`)]
                : []),
              row(
                t('insp.rect.files'),
                r.files.length ? (
                  <Space orientation="vertical" size={2}>
                    {r.files.map((f) => (
                      <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
                        <PaperClipOutlined /> {f.name}
                      </a>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
              ),
            ]}
          />
          {r.can.submit && (
            <Form
              form={form}
              layout="vertical"
              name="rect-submit"
              initialValues={{ evidence: r.evidence ?? '' }}
              onFinish={(v) => submit.mutate(v.evidence)}
            >
              <Form.Item
                name="evidence"
                label={t('insp.rect.evidence')}
                rules={[{ required: true, whitespace: true, message: t('insp.rect.evidenceRequired') }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 4, maxRows: 10 }}
                  maxLength={RESPONSE_MAX}
                  showCount
                  placeholder={t('insp.rect.evidencePlaceholder')}
                />
              </Form.Item>
              <Space wrap>
                <Upload
                  multiple
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={uploading}>
                    {t('insp.rect.addFile')}
                  </Button>
                </Upload>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SendOutlined />}
                  loading={submit.isPending}
                  data-testid="rect-submit"
                >
                  {t('insp.rect.submit')}
                </Button>
              </Space>
            </Form>
          )}
          {(r.can.verify || r.can.reject) && (
            <Space wrap>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={verify.isPending}
                onClick={() => verify.mutate()}
                data-testid="rect-verify"
              >
                {t('insp.rect.verify')}
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setRejecting(true)} data-testid="rect-reject">
                {t('insp.rect.reject')}
              </Button>
            </Space>
          )}
          <Modal
            title={t('insp.rect.reject')}
            open={rejecting}
            onCancel={() => setRejecting(false)}
            onOk={() => rejectForm.submit()}
            confirmLoading={reject.isPending}
            destroyOnHidden
          >
            <Form form={rejectForm} layout="vertical" name="rect-reject" onFinish={(v) => reject.mutate(v.reason)}>
              <Form.Item
                name="reason"
                label={t('insp.rect.rejectReason')}
                rules={[{ required: true, whitespace: true, message: t('insp.rect.rejectRequired') }]}
              >
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} showCount />
              </Form.Item>
            </Form>
          </Modal>
        </div>
      )}
    </Drawer>
  );
}

/** 整改销号: a unit's items to rectify (with evidence), the team's to verify, the 督查室's all. */
export function RectificationsPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useUrlFilter(RectificationListQuery);
  const openId = params.get('id');
  const seesAll = me.roles.some((r) => r === 'admin' || CITY_WIDE_ROLES.includes(r));
  const mine = filter.mine ?? !(me.can.manageInspections || me.roles.includes('admin'));
  const listFilter = { ...filter, id: undefined, mine };
  const q = useQuery({
    queryKey: ['rectifications', listFilter],
    queryFn: ({ signal }) => rectificationsApi.list(listFilter, signal),
    placeholderData: keepPreviousData,
  });
  const list: RectificationList | undefined = q.data;
  const open = (r: Rectification) => {
    const next = new URLSearchParams(params);
    next.set('id', r.id);
    setParams(next);
  };
  const close = () => {
    const next = new URLSearchParams(params);
    next.delete('id');
    setParams(next);
  };
  const active: TileKey | null = filter.overdue ? 'overdue' : (filter.status ?? null);
  const pick = (key: TileKey) => {
    if (active === key) setFilter({ ...filter, page: 1, status: undefined, overdue: undefined, id: undefined });
    else if (key === 'overdue') setFilter({ ...filter, page: 1, status: undefined, overdue: true, id: undefined });
    else setFilter({ ...filter, page: 1, status: key, overdue: undefined, id: undefined });
  };
  const tiles = list
    ? (['open', 'submitted', 'closed', 'overdue'] as TileKey[]).map((key) => ({
        key,
        label: t(`insp.rect.count.${key}`),
        value: list.counts[key],
        color: TILE_COLORS[key],
      }))
    : [];
  const emptyText = q.error || active ? tableEmptyText(t, q.error, true) : t('insp.rect.empty');
  return (
    <Page title={t('insp.rect.pageTitle')}>
      <Panel padding={phone ? 12 : 16}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {seesAll && (
            <Segmented<'mine' | 'all'>
              value={mine ? 'mine' : 'all'}
              block={phone}
              onChange={(v) => setFilter({ ...filter, page: 1, mine: v === 'mine', id: undefined })}
              options={[
                { value: 'mine', label: t('insp.rect.box.mine') },
                { value: 'all', label: t('insp.rect.box.all') },
              ]}
            />
          )}
          {list ? (
            <CountTiles tiles={tiles} active={active} onPick={pick} phone={phone} />
          ) : (
            <Skeleton.Input active block style={{ height: 60 }} />
          )}
        </div>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={list && <Typography.Text type="secondary">{t('common.total', { total: list.total })}</Typography.Text>}
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['rectifications'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(r) => <RectCard key={r.id} r={r} onOpen={() => open(r)} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
          />
        ) : (
          <Table<Rectification>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, open)}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 960 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
      <RectDrawer id={openId} onClose={close} />
    </Page>
  );
}
