import { CopyOutlined, DownloadOutlined, FlagOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PlanningReportQuery } from '../../../../domain/projects/contracts.ts';
import { PLANNING_STATUS_LABELS, type PlanningStatus } from '../../../../domain/projects/planning.ts';
import { type PlanningReportData, type PlanningRowData, planningApi } from '../../api/project-planning.ts';
import { Page, Panel } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { BUSINESS_TZ, formatAmount } from '../../lib/format.ts';
import { pick, useLang, useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { AmountInput } from './project-inputs.tsx';

const NO_DEFAULTS = {};
/** numbers never wrap inside a cell */
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

const STATUS_COLORS: Record<PlanningStatus, string> = {
  done: 'green',
  on_pace: 'blue',
  behind: 'red',
  no_quota: 'default',
};

function Rate({ value, schedule }: { value: string | null; schedule: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const n = Number(value);
  return (
    <div style={{ minWidth: 84, lineHeight: 1.2 }}>
      <Progress
        percent={Math.min(100, n)}
        size="small"
        showInfo={false}
        status={n >= Number(schedule) ? 'normal' : 'exception'}
        aria-hidden
      />
      <div>{value}%</div>
    </div>
  );
}

type QuotaTarget = { unitId?: string; unitName?: string; countQuota?: number | null; investmentQuota?: string | null };
type QuotaValues = { unitId: string; countQuota: number; investmentQuota: string };

/** 下达/调整任务: one unit's yearly quota (number and total investment). */
function QuotaModal({
  year,
  target,
  report,
  onClose,
}: {
  year: number;
  target: QuotaTarget | null;
  report: PlanningReportData | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<QuotaValues>();
  const save = useMutation({
    mutationFn: (v: QuotaValues) => {
      const version = report?.rows.find((r) => r.unitId === v.unitId)?.quotaVersion ?? 0;
      return planningApi.setQuota(year, v.unitId, {
        countQuota: v.countQuota,
        investmentQuota: v.investmentQuota,
        version,
      });
    },
    onSuccess: () => {
      toast.success(t('planning.saved'));
      void qc.invalidateQueries({ queryKey: ['planning'] });
      onClose();
    },
    onError: (e) => {
      showError(e);
      void qc.invalidateQueries({ queryKey: ['planning'] });
    },
  });
  return (
    <Modal
      open={target !== null}
      title={t('planning.quotaFor', { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open && target) {
          form.setFieldsValue({
            unitId: target.unitId,
            countQuota: target.countQuota ?? undefined,
            investmentQuota: target.investmentQuota ?? undefined,
          });
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('planning.quotaHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item
          name="unitId"
          label={t('planning.quotaUnit')}
          rules={[{ required: true, message: t('planning.pickUnit') }]}
        >
          <EntitySelect
            kind="unit"
            disabled={Boolean(target?.unitId)}
            knownOptions={target?.unitId ? [{ value: target.unitId, label: target.unitName ?? '' }] : undefined}
          />
        </Form.Item>
        <Form.Item
          name="countQuota"
          label={t('planning.countQuota')}
          rules={[{ required: true, message: '请填写项目个数任务' }]}
        >
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} suffix="个" />
        </Form.Item>
        <Form.Item
          name="investmentQuota"
          label={t('planning.investmentQuota')}
          rules={[{ required: true, message: '请填写总投资任务' }]}
        >
          <AmountInput unit="万元" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 策划包装: each unit's planned projects against its yearly quota, the monthly report and its export. */
export function PlanningPage() {
  const t = useT();
  const [lang] = useLang();
  const now = dayjs().tz(BUSINESS_TZ);
  const [filter, setFilter] = useUrlFilter(PlanningReportQuery, NO_DEFAULTS);
  const year = filter.year ?? now.year();
  const month = filter.month ?? (year < now.year() ? 12 : now.month() + 1);
  const [quota, setQuota] = useState<QuotaTarget | null>(null);
  const [exporting, setExporting] = useState(false);
  const q = useQuery({
    queryKey: ['planning', year, month],
    queryFn: () => planningApi.report({ year, month }),
    placeholderData: keepPreviousData,
  });
  const r = q.data;

  const exportReport = async () => {
    setExporting(true);
    try {
      saveFile(await planningApi.exportXlsx({ year, month }), `策划包装月报-${year}年${month}月.xlsx`);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };
  const copy = async () => {
    if (!r) return;
    try {
      await navigator.clipboard.writeText(r.summary);
      toast.success(t('planning.copied'));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<PlanningRowData> = [
    { title: t('planning.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (v) => v ?? '—' },
    { title: t('planning.unit'), dataIndex: 'unitName', width: 180, fixed: 'left' },
    {
      title: t('planning.countQuota'),
      dataIndex: 'countQuota',
      onCell: nowrap,
      align: 'right',
      render: (v) => v ?? <Typography.Text type="secondary">{t('planning.noQuota')}</Typography.Text>,
    },
    {
      title: t('planning.investmentQuota'),
      dataIndex: 'investmentQuota',
      onCell: nowrap,
      align: 'right',
      render: (v) => (v === null ? '—' : formatAmount(v)),
    },
    { title: t('planning.monthCount'), dataIndex: 'monthCount', onCell: nowrap, align: 'right' },
    {
      title: t('planning.monthInvestment'),
      dataIndex: 'monthInvestment',
      onCell: nowrap,
      align: 'right',
      render: formatAmount,
    },
    { title: t('planning.count'), dataIndex: 'count', onCell: nowrap, align: 'right' },
    { title: t('planning.investment'), dataIndex: 'investment', onCell: nowrap, align: 'right', render: formatAmount },
    {
      title: t('planning.countRate'),
      dataIndex: 'countRate',
      render: (v) => <Rate value={v} schedule={r?.schedule ?? '0'} />,
    },
    {
      title: t('planning.investmentRate'),
      dataIndex: 'investmentRate',
      render: (v) => <Rate value={v} schedule={r?.schedule ?? '0'} />,
    },
    {
      title: t('planning.status'),
      dataIndex: 'status',
      render: (s: PlanningStatus) => <Tag color={STATUS_COLORS[s]}>{pick(lang, PLANNING_STATUS_LABELS[s])}</Tag>,
    },
    ...(r?.can.editQuotas
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 96,
            render: (_: unknown, row: PlanningRowData) => (
              <Button type="link" size="small" onClick={() => setQuota(row)} style={{ padding: 0 }}>
                {t('planning.editQuota')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Page
      title={t('planning.title')}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('planning.month')}
            value={dayjs(`${year}-${String(month).padStart(2, '0')}-01`)}
            onChange={(d: Dayjs | null) => d && setFilter({ year: d.year(), month: d.month() + 1 })}
            disabledDate={(d) => d.isAfter(now, 'month')}
          />
          <Button icon={<DownloadOutlined />} onClick={exportReport} loading={exporting} disabled={!r}>
            {t('planning.export')}
          </Button>
          {r?.can.editQuotas && (
            <Button type="primary" icon={<FlagOutlined />} onClick={() => setQuota({})}>
              {t('planning.setQuota')}
            </Button>
          )}
        </Space>
      }
    >
      {q.isError && !r ? (
        <LoadError message={q.error.message} onRetry={() => q.refetch()} />
      ) : (
        <>
          {r && (
            <Alert
              type="info"
              showIcon
              message={
                <Space wrap>
                  <Tag color="geekblue">{t('planning.schedule', { value: r.schedule })}</Tag>
                  <span>{r.summary}</span>
                </Space>
              }
              action={
                <Button size="small" icon={<CopyOutlined />} onClick={copy}>
                  {t('planning.copy')}
                </Button>
              }
            />
          )}
          <Panel>
            <Table<PlanningRowData>
              rowKey="unitId"
              size="middle"
              loading={q.isFetching}
              columns={columns}
              dataSource={r?.rows ?? []}
              pagination={false}
              scroll={{ x: 1200 }}
              locale={{ emptyText: t('planning.empty') }}
              summary={() =>
                r && r.rows.length > 0 ? (
                  <Table.Summary fixed>
                    <Table.Summary.Row style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                      <Table.Summary.Cell index={0} />
                      <Table.Summary.Cell index={1}>{t('planning.total')}</Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">
                        {r.totals.countQuota}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        {formatAmount(r.totals.investmentQuota)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        {r.totals.monthCount}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        {formatAmount(r.totals.monthInvestment)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right">
                        {r.totals.count}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={7} align="right">
                        {formatAmount(r.totals.investment)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={8}>
                        <Rate value={r.totals.countRate} schedule={r.schedule} />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={9}>
                        <Rate value={r.totals.investmentRate} schedule={r.schedule} />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={10} colSpan={r.can.editQuotas ? 2 : 1} />
                    </Table.Summary.Row>
                  </Table.Summary>
                ) : null
              }
            />
          </Panel>
        </>
      )}
      <QuotaModal year={year} target={quota} report={r} onClose={() => setQuota(null)} />
    </Page>
  );
}
