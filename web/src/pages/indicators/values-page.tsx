import {
  ExportOutlined,
  HistoryOutlined,
  LockOutlined,
  SaveOutlined,
  UndoOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Grid,
  Input,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { memo, useCallback, useMemo, useState } from 'react';
import { z } from 'zod';
import { IndicatorValue, PeriodText, peerGroupScope } from '../../../../domain/indicators/contracts.ts';
import { periodLabel } from '../../../../domain/indicators/indicator.ts';
import { isApiError, isSessionError, STALE_WRITE } from '../../api/client.ts';
import {
  type IndicatorItem,
  indicatorCatalogApi,
  indicatorExcelApi,
  indicatorValuesApi,
  type PeerGroup,
  peerGroupsApi,
  type ValueWrite,
  valueConflictsOf,
} from '../../api/indicators.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { BUSINESS_TZ, formatDateTime, groupThousands } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { IndicatorImportDrawer } from './indicator-import-drawer.tsx';
import { cellKey, FIELDS, type Field, normalize, pairKey, sameText, stored, valueWrites } from './values-drafts.ts';

const ValuesFilter = z.object({
  period: PeriodText.optional(),
  group: z.string().max(64).optional(),
  indicator: z.string().max(64).optional(),
});
const NO_DEFAULTS = {};

/** The month whose figures are usually the latest out: the one before this month. */
export const defaultPeriod = (): string => dayjs().tz(BUSINESS_TZ).subtract(1, 'month').format('YYYY-MM');

type Row = {
  regionCode: string;
  regionName: string;
  /** 全省 / 全市: the published total, shown first and never ranked */
  total: string | null;
};

/**
 * One figure: an input where the caller may edit it, else the text (— when not published), greyed where the
 * caller edits other regions but not this one.
 */
const FigureCell = memo(function FigureCell({
  id,
  stored,
  draft,
  error,
  editable,
  label,
  onEdit,
}: {
  id: string;
  stored: string | null;
  draft: string | undefined;
  error: string | undefined;
  editable: boolean;
  label: string;
  onEdit: (id: string, text: string) => void;
}) {
  if (!editable) {
    return (
      <span className="figure-readonly" style={{ display: 'block', textAlign: 'right', paddingInline: 7 }}>
        {stored === null ? <Typography.Text type="secondary">—</Typography.Text> : groupThousands(stored)}
      </span>
    );
  }
  const changed = draft !== undefined && !sameText(normalize(draft), stored);
  const input = (
    <Input
      size="small"
      inputMode="decimal"
      aria-label={label}
      data-cell={id}
      value={draft ?? stored ?? ''}
      placeholder="—"
      status={error ? 'error' : undefined}
      onChange={(e) => onEdit(id, e.target.value)}
      style={{ textAlign: 'right', background: changed && !error ? '#fffbe6' : undefined }}
    />
  );
  return error ? (
    <Tooltip title={error} color="#cf1322" placement="bottom">
      {input}
    </Tooltip>
  ) : (
    input
  );
});

/**
 * 指标数据填报: one period's table of the statistics bureau — regions (the peer group and its 全省/全市 row) ×
 * indicators (累计值 and 增速). Cells the caller may edit are inputs; Save sends the changed figures only, in one
 * batch; a refused save keeps every edit and shows the reasons on the cells.
 */
export function IndicatorValuesPage() {
  const t = useT();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useUrlFilter(ValuesFilter, NO_DEFAULTS);
  const period = filter.period ?? defaultPeriod();
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [importOpen, setImportOpen] = useState(false);
  const [history, setHistory] = useState<{ regionCode: string; regionName: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  /** rows refused because someone else changed them meanwhile (the last save's 409) */
  const [conflicts, setConflicts] = useState(0);
  const phone = Grid.useBreakpoint().md === false;

  const catalog = useQuery({ queryKey: ['indicators', 'catalog'], queryFn: indicatorCatalogApi.list });
  const groups = useQuery({ queryKey: ['indicators', 'peer-groups'], queryFn: peerGroupsApi.list });
  const groupList = groups.data?.items ?? [];
  const group: PeerGroup | undefined =
    groupList.find((g) => g.id === filter.group) ?? groupList.find((g) => g.isDefault) ?? groupList[0];
  // the table's regions: 全省/全市 and the group's members; the answer says which of them the caller may edit
  const regionCodes = group
    ? [...(group.referenceRegionCode ? [group.referenceRegionCode] : []), ...group.members.map((m) => m.regionCode)]
    : [];
  const values = useQuery({
    queryKey: ['indicators', 'values', period, regionCodes.join(',')],
    queryFn: () => indicatorValuesApi.list({ period, regionCode: regionCodes.join(',') }),
    enabled: regionCodes.length > 0,
    placeholderData: keepPreviousData,
  });
  const indicators = useMemo(
    () => (catalog.data?.items ?? []).filter((i) => i.active && (!filter.indicator || i.code === filter.indicator)),
    [catalog.data, filter.indicator],
  );

  const rows: Row[] = useMemo(() => {
    if (!group) return [];
    const ref = group.referenceRegionCode
      ? [
          {
            regionCode: group.referenceRegionCode,
            regionName: group.referenceRegionName ?? group.referenceRegionCode,
            total: peerGroupScope(group),
          },
        ]
      : [];
    return [...ref, ...group.members.map((m) => ({ regionCode: m.regionCode, regionName: m.regionName, total: null }))];
  }, [group]);

  // the figures of this period by region and indicator
  const items = values.data?.period === period ? values.data.items : [];
  const byPair = useMemo(() => new Map(items.map((v) => [pairKey(v.regionCode, v.indicatorCode), v])), [items]);
  /** The regions whose figures the caller may enter, as the API says (also where no figure exists yet). */
  const editableRegions = useMemo(() => new Set(values.data?.editableRegionCodes ?? []), [values.data]);
  const editable = useCallback((regionCode: string) => editableRegions.has(regionCode), [editableRegions]);
  const canEditValues = editableRegions.size > 0;

  // the figures that differ from the stored ones, one write per region and indicator
  const changes = useMemo(() => valueWrites(drafts, byPair, period), [drafts, byPair, period]);
  const dirty = changes.length > 0;

  const onEdit = useCallback((id: string, text: string) => {
    setDrafts((prev) => new Map(prev).set(id, text));
    setErrors((prev) => {
      if (!prev.has(id)) return prev;
      const next = new Map(prev);
      next.delete(id);
      // "at least one of the two" sits on the value cell; editing either clears it
      const [r, i] = id.split('|');
      next.delete(cellKey(r ?? '', i ?? '', 'value'));
      return next;
    });
  }, []);

  const discard = () => {
    setDrafts(new Map());
    setErrors(new Map());
    setConflicts(0);
  };

  /** Leaving the period or group with unsaved figures asks first. */
  const guard = (go: () => void) => {
    if (!dirty) return go();
    modal.confirm({
      title: t('indicatorValues.leaveTitle'),
      content: t('indicatorValues.leaveContent', { count: changes.length }),
      okText: t('indicatorValues.leaveOk'),
      okButtonProps: { danger: true },
      onOk: () => {
        discard();
        go();
      },
    });
  };

  const save = useMutation({
    mutationFn: (writes: ValueWrite[]) => indicatorValuesApi.save(writes),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['indicators'] });
      discard();
      toast.success(
        r.cleared
          ? t('indicatorValues.savedCleared', { created: r.created, updated: r.updated, cleared: r.cleared })
          : t('indicatorValues.saved', { created: r.created, updated: r.updated }),
      );
    },
    onError: (err, writes) => {
      if (isSessionError(err)) return;
      if (isApiError(err) && err.code === STALE_WRITE) {
        // someone changed these figures meanwhile: nothing was saved; show theirs, keep the user's edits marked
        const next = new Map<string, string>();
        for (const c of valueConflictsOf(err.details)) {
          const who = c.updatedByName ?? '';
          const now =
            c.version === 0
              ? t('indicatorValues.conflictRemoved', { who })
              : t('indicatorValues.conflictNow', {
                  who,
                  value: c.value ?? '—',
                  growth: c.growth ?? '—',
                });
          // on the cell the user changed (the value's when both were)
          const field = drafts.has(cellKey(c.regionCode, c.indicatorCode, 'value')) ? 'value' : 'growth';
          next.set(cellKey(c.regionCode, c.indicatorCode, field), now);
        }
        setErrors(next);
        setConflicts(next.size);
        toast.warning(t('indicatorValues.conflictsTitle', { count: next.size }));
        void values.refetch();
        return;
      }
      if (isApiError(err) && err.fields.length) {
        const next = new Map<string, string>();
        const orphans: string[] = [];
        for (const f of err.fields) {
          const m = /^values\.(\d+)(?:\.(\w+))?/.exec(f.path);
          const w = m ? writes[Number(m[1])] : undefined;
          const field = m?.[2] === 'growth' ? 'growth' : 'value';
          if (w) next.set(cellKey(w.regionCode, w.indicatorCode, field), f.message);
          else orphans.push(f.message);
        }
        setErrors(next);
        toast.error(orphans.length ? orphans.join(';') : t('indicatorValues.fixCells', { count: next.size }));
        return;
      }
      showError(err);
    },
  });

  const submit = () => {
    // the same rules the server applies, before anything is sent
    const next = new Map<string, string>();
    for (const w of changes) {
      const r = IndicatorValue.safeParse(w);
      if (r.success) continue;
      for (const issue of r.error.issues) {
        const field: Field = issue.path[0] === 'growth' ? 'growth' : 'value';
        const key = cellKey(w.regionCode, w.indicatorCode, field);
        if (!next.has(key)) next.set(key, issue.message);
      }
    }
    setErrors(next);
    setConflicts(0);
    if (next.size) {
      toast.error(t('indicatorValues.fixCells', { count: next.size }));
      return;
    }
    save.mutate(changes);
  };

  const exportTable = async () => {
    setExporting(true);
    try {
      saveFile(await indicatorExcelApi.export(period, group?.id), `主要经济指标-${period}.xlsx`);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const quarterEnd = Number(period.slice(5, 7)) % 3 === 0;
  const columns: TableColumnsType<Row> = [
    {
      title: t('indicatorValues.region'),
      key: 'region',
      fixed: 'start',
      width: phone ? 120 : 168,
      render: (_v, r) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          <span style={{ flex: 1, minWidth: 0, fontWeight: r.total ? 600 : undefined }}>
            {canEditValues && !editable(r.regionCode) && (
              <Tooltip title={t('indicatorValues.notYours', { region: r.regionName })}>
                <LockOutlined
                  aria-label={t('indicatorValues.notYours', { region: r.regionName })}
                  style={{ color: '#bfbfbf', marginInlineEnd: 4 }}
                />
              </Tooltip>
            )}
            {r.regionName}
            {r.total && (
              <Tag color="blue" style={{ marginInlineStart: 6 }}>
                {r.total}
              </Tag>
            )}
          </span>
          <Tooltip title={t('indicatorValues.history')}>
            <Button
              type="text"
              size="small"
              icon={<HistoryOutlined />}
              aria-label={t('indicatorValues.historyOf', { region: r.regionName })}
              onClick={() => setHistory({ regionCode: r.regionCode, regionName: r.regionName })}
            />
          </Tooltip>
        </div>
      ),
    },
    ...indicators.map((ind: IndicatorItem) => ({
      key: ind.code,
      title: (
        <span>
          {ind.name}
          {ind.frequency === 'quarterly' && (
            <Tooltip title={quarterEnd ? undefined : t('indicatorValues.quarterlyHint')}>
              <Tag style={{ marginInlineStart: 4 }} color={quarterEnd ? undefined : 'default'}>
                {t('indicatorValues.quarterly')}
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
      align: 'center' as const,
      children: FIELDS.map((field) => ({
        key: `${ind.code}.${field}`,
        title: field === 'value' ? t('indicatorValues.valueCol', { unit: ind.unit }) : t('indicatorValues.growthCol'),
        width: field === 'value' ? 118 : 86,
        align: 'right' as const,
        render: (_v: unknown, r: Row) => {
          const id = cellKey(r.regionCode, ind.code, field);
          const item = byPair.get(pairKey(r.regionCode, ind.code));
          return (
            <FigureCell
              id={id}
              stored={stored(item, field)}
              draft={drafts.get(id)}
              error={errors.get(id)}
              editable={editable(r.regionCode)}
              label={`${r.regionName} ${ind.name} ${field === 'value' ? t('indicatorValues.value') : t('indicatorValues.growth')}`}
              onEdit={onEdit}
            />
          );
        },
      })),
    })),
  ];

  const loading = catalog.isLoading || groups.isLoading;
  const loadError = catalog.error ?? groups.error ?? values.error;
  const editableAny = rows.some((r) => editable(r.regionCode));

  return (
    <Page
      title={t('indicatorValues.title')}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('indicatorValues.period')}
            value={dayjs(`${period}-01`)}
            format={(d) => periodLabel(d.format('YYYY-MM'), { withYear: true })}
            onChange={(d: Dayjs | null) => d && guard(() => setFilter({ ...filter, period: d.format('YYYY-MM') }))}
            disabledDate={(d) => d.isAfter(dayjs().tz(BUSINESS_TZ), 'month')}
            style={{ width: 150 }}
          />
          {groupList.length > 1 && (
            <Select
              aria-label={t('indicatorValues.group')}
              value={group?.id}
              style={{ width: 180 }}
              options={groupList.map((g) => ({ value: g.id, label: g.displayLabel }))}
              onChange={(id: string) => guard(() => setFilter({ ...filter, group: id }))}
            />
          )}
          <Select
            aria-label={t('indicatorValues.indicator')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('indicatorValues.allIndicators')}
            value={filter.indicator}
            style={{ width: 200 }}
            options={(catalog.data?.items ?? []).filter((i) => i.active).map((i) => ({ value: i.code, label: i.name }))}
            onChange={(code?: string) => setFilter({ ...filter, indicator: code })}
          />
        </Space>
      }
    >
      <Panel>
        <ListToolbar
          left={
            <>
              {canEditValues && (
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  disabled={!dirty}
                  loading={save.isPending}
                  onClick={submit}
                >
                  {dirty ? t('indicatorValues.saveCount', { count: changes.length }) : t('common.save')}
                </Button>
              )}
              {dirty && (
                <Button icon={<UndoOutlined />} onClick={discard} disabled={save.isPending}>
                  {t('indicatorValues.discard')}
                </Button>
              )}
              {canEditValues && (
                <Button icon={<UploadOutlined />} onClick={() => guard(() => setImportOpen(true))}>
                  {t('indicatorValues.import')}
                </Button>
              )}
              <Button icon={<ExportOutlined />} loading={exporting} onClick={exportTable}>
                {t('indicatorValues.export')}
              </Button>
            </>
          }
          right={
            <Typography.Text type="secondary">
              {group
                ? t('indicatorValues.groupInfo', { group: group.displayLabel, scope: peerGroupScope(group) })
                : null}
            </Typography.Text>
          }
          onRefresh={() => guard(() => void values.refetch())}
          refreshing={values.isFetching}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
          {editableAny ? t('indicatorValues.hintEdit') : t('indicatorValues.hintRead')}
        </Typography.Paragraph>
        {errors.size > 0 && (
          <Alert
            type={conflicts ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              conflicts
                ? t('indicatorValues.conflictsTitle', { count: conflicts })
                : t('indicatorValues.errorsTitle', { count: errors.size })
            }
            description={
              <ul data-testid="value-errors" style={{ margin: 0, paddingInlineStart: 18 }}>
                {[...errors].slice(0, 8).map(([key, message]) => {
                  const [regionCode = '', indicatorCode = '', field] = key.split('|');
                  const region = rows.find((r) => r.regionCode === regionCode)?.regionName ?? regionCode;
                  const ind = catalog.data?.items.find((i) => i.code === indicatorCode)?.name ?? indicatorCode;
                  const what = field === 'growth' ? t('indicatorValues.growth') : t('indicatorValues.value');
                  return (
                    <li key={key}>
                      {region} · {ind} · {what}:{message}
                    </li>
                  );
                })}
              </ul>
            }
          />
        )}
        {loadError ? (
          <Alert type="error" showIcon title={loadError.message} />
        ) : loading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : !group ? (
          <Empty description={t('indicatorValues.noGroup')} />
        ) : (
          <Table<Row>
            rowKey="regionCode"
            size="small"
            bordered
            sticky
            columns={columns}
            dataSource={rows}
            loading={values.isFetching && !values.isLoading}
            pagination={false}
            scroll={{ x: (phone ? 120 : 168) + indicators.length * 204 }}
            rowClassName={(r) => (r.total ? 'indicator-total-row' : '')}
            onRow={(r) =>
              r.total
                ? { style: { background: '#f0f5ff' } }
                : canEditValues && !editable(r.regionCode)
                  ? { style: { background: '#fafafa', color: '#8c8c8c' } }
                  : {}
            }
          />
        )}
      </Panel>
      <IndicatorImportDrawer
        open={importOpen}
        period={period}
        groupId={group?.id}
        onClose={() => setImportOpen(false)}
      />
      <ValueHistoryDrawer
        target={history}
        period={period}
        indicators={catalog.data?.items ?? []}
        initialIndicator={
          filter.indicator ?? indicators.find((i) => history && byPair.has(pairKey(history.regionCode, i.code)))?.code
        }
        onClose={() => setHistory(null)}
      />
    </Page>
  );
}

const SOURCE_KEYS = {
  manual: 'indicatorValues.source.manual',
  import: 'indicatorValues.source.import',
  seed: 'indicatorValues.source.seed',
} as const;

type HistoryRow = {
  key: string;
  version: number;
  current: boolean;
  value: string | null;
  growth: string | null;
  source: string;
  by: string;
  at: string;
};

/** 修改记录 of one region's figures in the period: the current figure and every figure it replaced. */
function ValueHistoryDrawer({
  target,
  period,
  indicators,
  initialIndicator,
  onClose,
}: {
  target: { regionCode: string; regionName: string } | null;
  period: string;
  indicators: IndicatorItem[];
  initialIndicator?: string;
  onClose: () => void;
}) {
  const t = useT();
  const size = useDrawerSize(640);
  const active = indicators.filter((i) => i.active);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const indicatorCode = chosen ?? initialIndicator ?? active[0]?.code;
  const indicator = indicators.find((i) => i.code === indicatorCode);
  const q = useQuery({
    queryKey: ['indicators', 'history', target?.regionCode, indicatorCode, period],
    queryFn: () =>
      indicatorValuesApi.history({ regionCode: target!.regionCode, indicatorCode: indicatorCode!, period }),
    enabled: Boolean(target && indicatorCode),
  });
  const sourceLabel = (s: string) => (s in SOURCE_KEYS ? t(SOURCE_KEYS[s as keyof typeof SOURCE_KEYS]) : s);
  const rows: HistoryRow[] = [];
  if (q.data?.current) {
    const c = q.data.current;
    rows.push({
      key: 'current',
      version: c.version,
      current: true,
      value: c.value,
      growth: c.growth,
      source: c.source,
      by: c.updatedByName,
      at: c.updatedAt,
    });
  }
  for (const r of q.data?.revisions ?? []) {
    rows.push({
      key: `v${r.version}`,
      version: r.version,
      current: false,
      value: r.value,
      growth: r.growth,
      source: r.source,
      by: r.replacedByName,
      at: r.replacedAt,
    });
  }
  const dash = (v: string | null) => (v === null ? '—' : groupThousands(v));

  return (
    <Drawer
      title={
        target
          ? t('indicatorValues.historyTitle', {
              region: target.regionName,
              period: periodLabel(period, { withYear: true }),
            })
          : ''
      }
      open={target !== null}
      onClose={() => {
        setChosen(undefined);
        onClose();
      }}
      size={size}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Select
          aria-label={t('indicatorValues.indicator')}
          value={indicatorCode}
          style={{ width: '100%' }}
          showSearch={{ optionFilterProp: 'label' }}
          options={active.map((i) => ({ value: i.code, label: i.name }))}
          onChange={(code: string) => setChosen(code)}
        />
        {q.isError ? (
          <Alert type="error" showIcon title={q.error.message} />
        ) : (
          <Table<HistoryRow>
            size="small"
            data-testid="value-history"
            loading={q.isLoading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 520 }}
            locale={{ emptyText: t('indicatorValues.historyEmpty') }}
            columns={[
              {
                title: t('common.version'),
                dataIndex: 'version',
                width: 86,
                render: (v: number, r) => (
                  <Space size={4}>
                    {v}
                    {r.current && <Tag color="green">{t('indicatorValues.current')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('indicatorValues.valueCol', { unit: indicator?.unit ?? '' }),
                dataIndex: 'value',
                align: 'right',
                render: dash,
              },
              { title: t('indicatorValues.growthCol'), dataIndex: 'growth', align: 'right', render: dash },
              { title: t('indicatorValues.source'), dataIndex: 'source', render: sourceLabel },
              {
                title: t('indicatorValues.changedBy'),
                key: 'by',
                render: (_v, r) => (
                  <div style={{ lineHeight: 1.3 }}>
                    <div>
                      {r.current
                        ? t('indicatorValues.enteredBy', { name: r.by })
                        : t('indicatorValues.replacedBy', { name: r.by })}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(r.at)}
                    </Typography.Text>
                  </div>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Drawer>
  );
}
