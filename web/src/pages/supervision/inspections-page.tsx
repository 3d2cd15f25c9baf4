import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DatePicker,
  Empty,
  Form,
  Grid,
  Input,
  Progress,
  Radio,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { InspectionCreate, InspectionListQuery } from '../../../../domain/supervision/inspections-contracts.ts';
import type { InspectionKind } from '../../../../domain/supervision/model.ts';
import { type InspectionList, inspectionsApi } from '../../api/inspections.ts';
import { CardList } from '../../components/card-list.tsx';
import { FormDrawer } from '../../components/drawers.tsx';
import { AddButton } from '../../components/list-actions.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { CampaignStatusTag, useInspectionLabels } from './inspection-labels.tsx';

type Row = InspectionList['items'][number];
export const inspectionPath = (id: string) => `/supervision/inspections/${id}`;

function Progressed({ r }: { r: Row }) {
  const pct = r.counts.targets ? Math.round((r.counts.inspected / r.counts.targets) * 100) : 0;
  return (
    <div style={{ minWidth: 0 }}>
      <Progress percent={pct} size="small" showInfo={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.counts.inspected}/{r.counts.targets}
      </Typography.Text>
    </div>
  );
}

function columnsOf(t: T, l: ReturnType<typeof useInspectionLabels>): TableColumnsType<Row> {
  return [
    {
      title: t('insp.list.col.title'),
      dataIndex: 'title',
      render: (v: string, r) => <Link to={inspectionPath(r.id)}>{v}</Link>,
    },
    { title: t('insp.list.col.kind'), dataIndex: 'kind', width: 120, render: (k: InspectionKind) => l.kind(k) },
    {
      title: t('insp.list.col.dates'),
      key: 'dates',
      width: 200,
      render: (_v, r) => `${r.startsOn} ~ ${r.endsOn}`,
    },
    { title: t('insp.list.col.progress'), key: 'progress', width: 140, render: (_v, r) => <Progressed r={r} /> },
    {
      title: t('insp.list.col.problems'),
      key: 'problems',
      width: 90,
      align: 'right',
      render: (_v, r) => r.counts.withProblems,
    },
    {
      title: t('insp.list.col.rectifications'),
      key: 'rect',
      width: 120,
      render: (_v, r) => (
        <span>
          {r.counts.rectificationsOpen}
          {r.counts.rectificationsOverdue > 0 && (
            <Typography.Text type="danger">
              {' '}
              {t('insp.list.overdue', { n: r.counts.rectificationsOverdue })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: Row['status']) => <CampaignStatusTag status={s} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_v, r) => (
        <Link to={inspectionPath(r.id)}>{r.can.record ? t('insp.list.record') : t('common.view')}</Link>
      ),
    },
  ];
}

function CampaignCard({ r }: { r: Row }) {
  const t = useT();
  const l = useInspectionLabels();
  return (
    <Link
      to={inspectionPath(r.id)}
      data-testid="inspection-card"
      style={{
        display: 'block',
        color: 'inherit',
        background: '#fff',
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ flex: 1, fontSize: 15 }}>
          {r.title}
        </Typography.Text>
        <CampaignStatusTag status={r.status} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {l.kind(r.kind)} · {r.startsOn} ~ {r.endsOn}
      </Typography.Text>
      <Progressed r={r} />
      <div style={{ fontSize: 13, display: 'flex', gap: 16 }}>
        <span>{t('insp.list.cardProblems', { n: r.counts.withProblems })}</span>
        <span>{t('insp.list.cardRect', { n: r.counts.rectificationsOpen })}</span>
        {r.can.record && <Typography.Text type="warning">{t('insp.list.youRecord')}</Typography.Text>}
      </div>
    </Link>
  );
}

type CreateValues = { title?: string; kind: InspectionKind; startsOn?: Dayjs | null; endsOn?: Dayjs | null };

function CreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const l = useInspectionLabels();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation({
    mutationFn: inspectionsApi.create,
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      toast.success(t('common.created'));
      onClose();
      navigate(inspectionPath(c.id));
    },
    onError: (err) => handleSaveError(form, err),
  });
  const submit = () => {
    const v = form.getFieldsValue();
    const body = validateWith(form, InspectionCreate, {
      title: v.title ?? '',
      kind: v.kind,
      startsOn: v.startsOn?.format('YYYY-MM-DD'),
      endsOn: v.endsOn?.format('YYYY-MM-DD'),
    });
    if (body) create.mutate(body);
  };
  return (
    <FormDrawer
      title={t('insp.list.create')}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      submitting={create.isPending}
    >
      <Form<CreateValues>
        form={form}
        name="create-inspection"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: 'sweep', startsOn: dayjs(), endsOn: dayjs().add(14, 'day') }}
      >
        <Form.Item name="title" label={t('insp.field.title')} required>
          <Input maxLength={100} placeholder={t('insp.field.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('insp.field.kind')} required>
          <Radio.Group optionType="button" options={l.kindOptions} />
        </Form.Item>
        <Form.Item name="startsOn" label={t('insp.field.startsOn')} required>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="endsOn" label={t('insp.field.endsOn')} required>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** 督查检查: the campaigns (all for the 督查室 and the city's leaders; a team member's own), and a new one. */
export function InspectionsPage() {
  const t = useT();
  const l = useInspectionLabels();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useUrlFilter(InspectionListQuery);
  const q = useQuery({
    queryKey: ['inspections', filter],
    queryFn: ({ signal }) => inspectionsApi.list(filter, signal),
    placeholderData: keepPreviousData,
  });
  const list = q.data;
  const filtering = Boolean(filter.q || filter.status);
  const emptyText = q.error || filtering ? tableEmptyText(t, q.error, true) : t('insp.list.empty');
  return (
    <Page title={t('insp.list.title')}>
      <Panel>
        <SearchForm<{ q?: string; status?: string }>
          values={{ q: filter.q, status: filter.status }}
          onSearch={(v) => setFilter({ ...compact(v), pageSize: filter.pageSize })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear maxLength={50} placeholder={t('insp.list.keywordPlaceholder')} />
          </Form.Item>
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear placeholder={t('common.all')} options={l.statusOptions} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel padding={phone ? 12 : 16}>
        <ListToolbar
          left={list?.can.create && <AddButton onClick={() => setCreating(true)} />}
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['inspections'] })}
          refreshing={q.isFetching}
        />
        {phone ? (
          <CardList
            items={list?.items}
            card={(r) => <CampaignCard key={r.id} r={r} />}
            loading={q.isLoading}
            emptyText={emptyText}
            total={list?.total}
            page={filter.page}
            pageSize={filter.pageSize}
            onPage={(page) => setFilter({ ...filter, page })}
          />
        ) : (
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={columnsOf(t, l)}
            dataSource={list?.items}
            loading={q.isFetching}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
            pagination={tablePagination(t, list?.total, filter, setFilter)}
          />
        )}
      </Panel>
      <CreateDrawer open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
