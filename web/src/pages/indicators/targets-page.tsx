import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { Target } from '../../../../domain/indicators/contracts.ts';
import { isApiError } from '../../api/client.ts';
import { type IndicatorItem, indicatorCatalogApi, indicatorTargetsApi, type TargetItem } from '../../api/indicators.ts';
import { regionsApi } from '../../api/org.ts';
import { useMe } from '../../app/session.tsx';
import { FormDrawer } from '../../components/drawers.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { toast } from '../../lib/feedback.ts';
import { emptyToNull, handleSaveError, validateWith } from '../../lib/form.ts';
import { BUSINESS_TZ, formatMinute, groupThousands } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';

const TargetsFilter = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
const NO_DEFAULTS = {};

type FormValues = {
  growth?: string;
  amount?: string;
  schedule?: { month?: number | null; percent?: string }[];
};

type Row = { indicator: IndicatorItem; target: TargetItem | undefined };

const dash = (v: string | null | undefined) => (v === null || v === undefined ? '—' : groupThousands(v));

/** "3月20%、6月50%、9月75%" */
const scheduleText = (s: TargetItem['schedule']) =>
  s?.length ? s.map((p) => `${p.month}月${p.percent}%`).join('、') : '—';

/** The drawer that sets one region's annual target for one indicator. */
function TargetDrawer({
  editing,
  year,
  regionCode,
  regionName,
  onClose,
}: {
  editing: Row | null;
  year: number;
  regionCode: string;
  regionName: string;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!editing) return;
    const tg = editing.target;
    form.setFieldsValue({
      growth: tg?.growth ?? undefined,
      amount: tg?.amount ?? undefined,
      schedule: tg?.schedule?.map((p) => ({ month: p.month, percent: p.percent })) ?? [],
    });
  }, [editing, form]);

  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      if (!editing) return null;
      const input = {
        regionCode,
        indicatorCode: editing.indicator.code,
        year,
        growth: emptyToNull(values.growth),
        amount: emptyToNull(values.amount),
        schedule: (values.schedule ?? []).map((p) => ({ month: p.month ?? undefined, percent: p.percent ?? '' })),
      };
      const parsed = validateWith(form, Target, input);
      if (!parsed) return null;
      return indicatorTargetsApi.save([parsed]);
    },
    onSuccess: async (r) => {
      if (!r) return;
      await queryClient.invalidateQueries({ queryKey: ['indicators'] });
      toast.success(t('common.saved'));
      onClose();
    },
    onError: (err) => {
      // the server names fields of the batch (targets.0.growth): put them on this form's fields
      if (isApiError(err) && err.fields.length) {
        const fields = err.fields.map((f) => ({ ...f, path: f.path.replace(/^targets\.\d+\.?/, '') }));
        Object.assign(err, { fields });
      }
      handleSaveError(form, err);
    },
  });

  const unit = editing?.indicator.unit ?? '';
  return (
    <FormDrawer
      title={
        editing
          ? t('indicatorTargets.drawerTitle', { region: regionName, year, indicator: editing.indicator.name })
          : ''
      }
      open={editing !== null}
      onClose={onClose}
      onSubmit={() => save.mutate(form.getFieldsValue(true))}
      submitting={save.isPending}
      width={560}
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        <Typography.Paragraph type="secondary">{t('indicatorTargets.formHint')}</Typography.Paragraph>
        <Form.Item name="growth" label={t('indicatorTargets.growth')} extra={t('indicatorTargets.growthHelp')}>
          <Input inputMode="decimal" suffix="%" placeholder={t('indicatorTargets.growthPlaceholder')} allowClear />
        </Form.Item>
        <Form.Item name="amount" label={t('indicatorTargets.amountWithUnit', { unit })}>
          <Input inputMode="decimal" suffix={unit} allowClear />
        </Form.Item>
        <Typography.Text strong>{t('indicatorTargets.schedule')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('indicatorTargets.scheduleHelp')}
        </Typography.Paragraph>
        <Form.List name="schedule">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'month']} style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={1}
                      max={12}
                      precision={0}
                      suffix="月"
                      aria-label={t('indicatorTargets.month')}
                      style={{ width: 110 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'percent']} style={{ marginBottom: 8 }}>
                    <Input
                      inputMode="decimal"
                      suffix="%"
                      aria-label={t('indicatorTargets.percent')}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('indicatorTargets.removePoint')}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 12}>
                {t('indicatorTargets.addPoint')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

/**
 * 年度目标: for one region of the caller (its city or one of its districts) and one year, each indicator's target
 * growth rate and/or amount, with an optional time schedule; set in a drawer and saved with PUT.
 */
export function IndicatorTargetsPage() {
  const t = useT();
  const me = useMe();
  const [filter, setFilter] = useUrlFilter(TargetsFilter, NO_DEFAULTS);
  const thisYear = dayjs().tz(BUSINESS_TZ).year();
  const year = filter.year ?? thisYear;
  const [editing, setEditing] = useState<Row | null>(null);
  const phone = Grid.useBreakpoint().md === false;

  const catalog = useQuery({ queryKey: ['indicators', 'catalog'], queryFn: indicatorCatalogApi.list });
  const regions = useQuery({ queryKey: ['regions'], queryFn: regionsApi.list, staleTime: 5 * 60_000 });

  // the caller's own region and the regions directly below it (a city and its districts, counties and parks)
  const regionOptions = useMemo(() => {
    const all = regions.data?.items ?? [];
    const own = all.find((r) => r.code === me.unit.regionCode);
    const below = all
      .filter((r) => r.parentCode === me.unit.regionCode)
      .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
    return [...(own ? [own] : []), ...below].map((r) => ({ value: r.code, label: r.name }));
  }, [regions.data, me.unit.regionCode]);
  const regionCode = filter.region ?? me.unit.regionCode;
  const regionName = regionOptions.find((o) => o.value === regionCode)?.label ?? regionCode;

  const targets = useQuery({
    queryKey: ['indicators', 'targets', year, regionCode],
    queryFn: () => indicatorTargetsApi.list({ year, regionCode }),
    placeholderData: keepPreviousData,
  });

  const byCode = new Map((targets.data?.items ?? []).map((x) => [x.indicatorCode, x]));
  const rows: Row[] = (catalog.data?.items ?? [])
    .filter((i) => i.active)
    .map((indicator) => ({ indicator, target: byCode.get(indicator.code) }));
  // per target the API says whether the caller may change it; an indicator with no target yet follows the
  // region's other targets, else the catalog's configure flag (the server decides)
  const regionEditable =
    (targets.data?.items ?? []).some((x) => x.can.edit) ||
    ((targets.data?.items.length ?? 0) === 0 && (catalog.data?.can.configure ?? false));
  const mayEdit = (r: Row) => (r.target ? r.target.can.edit : regionEditable);

  const columns: TableColumnsType<Row> = [
    {
      title: t('indicatorTargets.indicator'),
      key: 'name',
      fixed: phone ? undefined : 'start',
      width: phone ? undefined : 200,
      render: (_v, r) =>
        phone ? (
          <div style={{ lineHeight: 1.4 }}>
            <div>{r.indicator.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.target
                ? [
                    r.target.growth ? `${t('indicatorTargets.growthShort')} ${r.target.growth}%` : null,
                    r.target.amount
                      ? `${t('indicatorTargets.amount')} ${dash(r.target.amount)}${r.indicator.unit}`
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : t('indicatorTargets.notSet')}
            </Typography.Text>
          </div>
        ) : (
          r.indicator.name
        ),
    },
    {
      title: t('indicatorTargets.growth'),
      key: 'growth',
      width: 120,
      responsive: ['md'],
      align: 'right',
      render: (_v, r) => (r.target?.growth ? `${r.target.growth}%` : '—'),
    },
    {
      title: t('indicatorTargets.amount'),
      key: 'amount',
      width: 160,
      responsive: ['md'],
      align: 'right',
      render: (_v, r) => (r.target?.amount ? `${dash(r.target.amount)} ${r.indicator.unit}` : '—'),
    },
    {
      title: t('indicatorTargets.schedule'),
      key: 'schedule',
      width: 200,
      responsive: ['md'],
      render: (_v, r) => scheduleText(r.target?.schedule ?? null),
    },
    {
      title: t('indicatorTargets.updated'),
      key: 'updated',
      width: 180,
      responsive: ['md'],
      render: (_v, r) =>
        r.target ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.target.updatedByName} · {formatMinute(r.target.updatedAt)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: phone ? 64 : 90,
      fixed: phone ? undefined : 'end',
      render: (_v, r) =>
        mayEdit(r) ? (
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            {r.target ? t('common.edit') : t('indicatorTargets.set')}
          </Button>
        ) : null,
    },
  ];

  const loadError = catalog.error ?? targets.error;
  const setCount = rows.filter((r) => r.target).length;

  return (
    <Page
      title={t('indicatorTargets.title')}
      extra={
        <Space wrap>
          <DatePicker
            picker="year"
            allowClear={false}
            aria-label={t('indicatorTargets.year')}
            value={dayjs(`${year}-01-01`)}
            onChange={(d: Dayjs | null) => d && setFilter({ ...filter, year: d.year() })}
            style={{ width: phone ? 96 : 120 }}
          />
          <Select
            aria-label={t('indicatorTargets.region')}
            value={regionCode}
            loading={regions.isLoading}
            style={{ width: phone ? 140 : 180 }}
            options={regionOptions}
            onChange={(code: string) => setFilter({ ...filter, region: code })}
          />
        </Space>
      }
    >
      <Panel>
        <ListToolbar
          left={
            <Typography.Text>
              {t('indicatorTargets.summary', { region: regionName, year, count: setCount, total: rows.length })}
            </Typography.Text>
          }
          onRefresh={() => void targets.refetch()}
          refreshing={targets.isFetching}
        />
        {loadError ? (
          <Alert type="error" showIcon title={loadError.message} />
        ) : (
          <Table<Row>
            rowKey={(r) => r.indicator.code}
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={catalog.isLoading || targets.isFetching}
            pagination={false}
            scroll={phone ? undefined : { x: 860 }}
          />
        )}
      </Panel>
      <TargetDrawer
        editing={editing}
        year={year}
        regionCode={regionCode}
        regionName={regionName}
        onClose={() => setEditing(null)}
      />
    </Page>
  );
}
