import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ProjectListQuery } from '../../../../domain/projects/contracts.ts';
import type { Category, FundingSource, Level, Stage } from '../../../../domain/projects/project.ts';
import { type ProjectListItem, projectsApi } from '../../api/projects.ts';
import { useMe } from '../../app/session.tsx';
import { AddButton } from '../../components/list-actions.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { showError } from '../../lib/feedback.ts';
import { formatAmount, formatMinute } from '../../lib/format.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { compact, type FilterValue, useUrlFilter } from '../../lib/url-filter.ts';
import { RegionTreeSelect } from '../org/org-selects.tsx';
import { ProjectFormDrawer, type ProjectFormTarget } from './project-form-drawer.tsx';
import { ProjectExportButton, ProjectImportButton } from './project-import-drawer.tsx';
import { AmountInput } from './project-inputs.tsx';
import { StageTag, useProjectLabels } from './project-labels.tsx';
import { ProjectStatsStrip } from './project-stats-strip.tsx';

type Range = [string | null | undefined, string | null | undefined];

type SearchValues = {
  q?: string;
  regionCode?: string;
  stage?: Stage[];
  level?: Level;
  category?: Category;
  fundingSource?: FundingSource[];
  batch?: string;
  investment?: Range;
};

/** The URL leaves these out when they have their default value. */
const URL_DEFAULTS: Partial<Record<string, FilterValue>> = { page: 1, pageSize: 20, sort: 'updatedAt', order: 'desc' };

/** 总投资 from … to … (万元), one control so the search form can tell whether it is in use. */
function InvestmentRange({ id, value, onChange }: { id?: string; value?: Range; onChange?: (v: Range) => void }) {
  const t = useT();
  const [min, max] = value ?? [undefined, undefined];
  return (
    <Space.Compact id={id} style={{ width: '100%' }}>
      <AmountInput
        value={min ?? null}
        onChange={(v) => onChange?.([v, max])}
        placeholder={t('project.min')}
        aria-label={`${t('project.investmentRange')} ${t('project.min')}`}
      />
      <AmountInput
        value={max ?? null}
        onChange={(v) => onChange?.([min, v])}
        placeholder={t('project.max')}
        aria-label={`${t('project.investmentRange')} ${t('project.max')}`}
      />
    </Space.Compact>
  );
}

const SORT_CHOICES = ['updatedAt:desc', 'updatedAt:asc', 'totalInvestment:desc', 'totalInvestment:asc'] as const;
type SortChoice = (typeof SORT_CHOICES)[number];
const SORT_LABELS: Record<SortChoice, MessageKey> = {
  'updatedAt:desc': 'project.sortUpdatedDesc',
  'updatedAt:asc': 'project.sortUpdatedAsc',
  'totalInvestment:desc': 'project.sortInvestmentDesc',
  'totalInvestment:asc': 'project.sortInvestmentAsc',
};

const sortOrderOf = (filter: { sort: string; order: string }, key: string) =>
  filter.sort === key ? (filter.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

export function ProjectListPage() {
  const t = useT();
  const me = useMe();
  const labels = useProjectLabels();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [filter, setFilter] = useUrlFilter(ProjectListQuery, URL_DEFAULTS);
  const [formTarget, setFormTarget] = useState<ProjectFormTarget | null>(null);
  const list = useQuery({
    queryKey: ['projects', filter],
    queryFn: () => projectsApi.list(filter),
    placeholderData: keepPreviousData,
  });
  const filtering = Boolean(
    filter.q ||
      filter.regionCode ||
      filter.stage?.length ||
      filter.level?.length ||
      filter.category?.length ||
      filter.fundingSource?.length ||
      filter.batch ||
      filter.minInvestment ||
      filter.maxInvestment,
  );
  // the server decides; the menu gate reads the roles only until Me carries a can-flag for the library
  const canCreate = me.can.editProjects;

  const edit = async (id: string) => {
    try {
      const project = await qc.fetchQuery({ queryKey: ['project', id], queryFn: () => projectsApi.get(id) });
      setFormTarget({ mode: 'edit', project });
    } catch (e) {
      showError(e);
    }
  };

  const base = (filter.page - 1) * filter.pageSize;
  // below 1600 px the code goes under the name and 更新时间 is left out, so the ledger columns fit beside the menu
  const wide = screens.xxl === true;
  const amount = (v: string | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatAmount(v)}</span>;
  const admissionTag = (p: ProjectListItem) =>
    p.admission.failed.length > 0 && (
      <Tooltip title={p.admission.failed.map((f) => <div key={f.gate}>{f.message}</div>)}>
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('project.admissionFailed')}
        </Tag>
      </Tooltip>
    );
  const columns: TableColumnsType<ProjectListItem> = [
    {
      title: t('project.index'),
      key: 'index',
      width: 48,
      align: 'center',
      responsive: ['sm'],
      fixed: isPhone ? undefined : 'left',
      render: (_v, _p, i) => base + i + 1,
    },
    {
      title: t('project.name'),
      dataIndex: 'name',
      width: isPhone ? 160 : 196,
      fixed: isPhone ? undefined : 'left',
      render: (name: string, p) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${p.id}`}>{name}</Link>
          {!wide && !isPhone && p.projectCode && (
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {p.projectCode}
            </Typography.Text>
          )}
          {isPhone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.regionName} · {p.ownerName}
            </Typography.Text>
          )}
          {isPhone && admissionTag(p)}
        </Space>
      ),
    },
    {
      title: t('project.code'),
      dataIndex: 'projectCode',
      width: 220,
      responsive: ['xxl'],
      render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{v}</span> : '—'),
    },
    { title: t('project.owner'), dataIndex: 'ownerName', width: 130, responsive: ['md'] },
    { title: t('project.region'), dataIndex: 'regionName', width: 76, responsive: ['md'] },
    { title: t('project.unit'), dataIndex: 'responsibleUnitName', width: 120, responsive: ['lg'] },
    {
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestment',
      key: 'totalInvestment',
      width: isPhone ? 104 : 120,
      align: 'right',
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf(filter, 'totalInvestment'),
      render: amount,
    },
    {
      title: t('project.annualPlanWan'),
      dataIndex: 'annualPlan',
      width: 104,
      align: 'right',
      responsive: ['lg'],
      render: amount,
    },
    {
      title: t('project.stage'),
      dataIndex: 'stage',
      width: 76,
      render: (s: Stage) => <StageTag stage={s} />,
    },
    {
      title: t('project.leadOfficial'),
      key: 'leadOfficial',
      width: 68,
      responsive: ['xl'],
      render: (_v, p) => p.leadOfficial?.name ?? '—',
    },
    {
      title: t('project.admission'),
      key: 'admission',
      width: 96,
      responsive: ['md'],
      render: (_v, p) => admissionTag(p) || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('project.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 140,
      responsive: ['xxl'],
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf(filter, 'updatedAt'),
      render: (v: string) => formatMinute(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 52,
      responsive: ['sm'],
      render: (_v, p) =>
        p.can.edit && (
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => void edit(p.id)}>
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  const onTableChange: TableProps<ProjectListItem>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : undefined;
    setFilter({
      ...filter,
      page: 1,
      sort: key ?? 'updatedAt',
      order: key ? (s?.order === 'ascend' ? 'asc' : 'desc') : 'desc',
    });
  };

  const summary = list.data && (
    <Typography.Text data-testid="project-summary">
      {t('project.summary', { count: list.data.total, amount: formatAmount(list.data.sumTotalInvestment) })}
    </Typography.Text>
  );

  const searchValues: SearchValues = {
    q: filter.q,
    regionCode: filter.regionCode,
    stage: filter.stage,
    level: filter.level?.[0],
    category: filter.category?.[0],
    fundingSource: filter.fundingSource,
    batch: filter.batch,
    investment: filter.minInvestment || filter.maxInvestment ? [filter.minInvestment, filter.maxInvestment] : undefined,
  };
  const keep = { pageSize: filter.pageSize, sort: filter.sort, order: filter.order };

  return (
    <Page title={t('project.title')}>
      <Panel>
        <SearchForm<SearchValues>
          values={searchValues}
          onSearch={({ investment, ...v }) =>
            setFilter({
              ...compact({ ...v, minInvestment: investment?.[0], maxInvestment: investment?.[1] }),
              ...keep,
            })
          }
          onReset={() => setFilter(keep)}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('project.keywordPlaceholder')} allowClear maxLength={100} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('project.region')}>
            <RegionTreeSelect placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="stage" label={t('project.stage')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('common.all')}
              options={labels.stageOptions}
              maxTagCount="responsive"
            />
          </Form.Item>
          <Form.Item name="level" label={t('project.level')}>
            <Select allowClear placeholder={t('common.all')} options={labels.levelOptions} />
          </Form.Item>
          <Form.Item name="category" label={t('project.category')}>
            <Select allowClear placeholder={t('common.all')} options={labels.categoryOptions} />
          </Form.Item>
          <Form.Item name="fundingSource" label={t('project.fundingSource')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('common.all')}
              options={labels.fundingSourceOptions}
              maxTagCount="responsive"
            />
          </Form.Item>
          <Form.Item name="batch" label={t('project.batch')}>
            <Input allowClear maxLength={50} placeholder={t('project.batchPlaceholder')} />
          </Form.Item>
          <Form.Item name="investment" label={t('project.investmentRange')}>
            <InvestmentRange />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel>
        <ProjectStatsStrip
          selected={filter.stage}
          onPick={(s) =>
            setFilter({
              ...filter,
              page: 1,
              stage: filter.stage?.length === 1 && filter.stage[0] === s ? undefined : [s],
            })
          }
        />
      </Panel>
      <Panel padding={isPhone ? 12 : 16}>
        <ListToolbar
          left={
            <>
              {canCreate && <AddButton onClick={() => setFormTarget({ mode: 'create' })} />}
              {canCreate && <ProjectImportButton />}
              <ProjectExportButton filter={filter} />
              {!isPhone && summary}
            </>
          }
          right={
            <Select<string>
              aria-label={t('project.sortLabel')}
              value={`${filter.sort}:${filter.order}`}
              onChange={(v) => {
                const [sort, order] = v.split(':');
                setFilter({ ...filter, page: 1, sort, order });
              }}
              options={SORT_CHOICES.map((c) => ({ value: c, label: t(SORT_LABELS[c]) }))}
              popupMatchSelectWidth={false}
              style={{ minWidth: 140 }}
            />
          }
          onRefresh={() => void qc.invalidateQueries({ queryKey: ['projects'] })}
          refreshing={list.isFetching}
        />
        {isPhone && <div style={{ marginBottom: 8 }}>{summary}</div>}
        <Table<ProjectListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          onChange={onTableChange}
          locale={{ emptyText: tableEmptyText(t, list.error, filtering) }}
          pagination={tablePagination(t, list.data?.total, filter, setFilter)}
        />
      </Panel>
      <ProjectFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
    </Page>
  );
}
