import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Row, Select, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { PeriodText } from '../../../../domain/indicators/contracts.ts';
import { INDICATOR_CODE_RE } from '../../../../domain/indicators/indicator.ts';
import { REGION_CODE_RE } from '../../../../domain/org/region.ts';
import { analysisSettingsApi } from '../../api/indicators.ts';
import { type DashboardRowData, indicatorAnalysisApi } from '../../api/indicators-analysis.ts';
import { useMe } from '../../app/session.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError } from '../../lib/feedback.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { hasPacing, PacingChart, RankChart, TrendChart } from './dashboard-charts.tsx';
import { defaultRegion, groupOf } from './dashboard-groups.ts';
import { ScorecardCard, type SourceNames } from './dashboard-scorecard.tsx';
import { DashboardTable, LightLegend } from './dashboard-table.tsx';

/**
 * The dashboard's filters in the URL: the peer group (对标范围: the province's cities, or a city's districts), the
 * region, the period (default: the latest with figures) and the charted indicator.
 */
const DashboardFilter = z.object({
  group: z.uuid().optional(),
  regionCode: z.string().regex(REGION_CODE_RE).optional(),
  period: PeriodText.optional(),
  indicator: z.string().regex(INDICATOR_CODE_RE).optional(),
});
const NO_DEFAULTS = {};
const LONG = 5 * 60_000;

/** The row the charts show: the one asked for, else the first that is ranked, else the first with a figure. */
function pickRow(rows: DashboardRowData[], code: string | undefined): DashboardRowData | undefined {
  return (
    rows.find((r) => r.indicator.code === code) ??
    rows.find((r) => r.rank !== null) ??
    rows.find((r) => r.value !== null || r.growth !== null) ??
    rows[0]
  );
}

function NoFigures({ text, period }: { text: string; period?: string }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Card variant="borderless">
      <Empty description={text}>
        {me.can.editIndicators ? (
          <Button
            type="primary"
            onClick={() => navigate(period ? `/indicators/values?period=${period}` : '/indicators/values')}
          >
            {t('indicatorDashboard.enterFigures')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('indicatorDashboard.askStatistician')}</Typography.Text>
        )}
      </Empty>
    </Card>
  );
}

/** 月度指标分析: indicators of one region and period against targets and peers, the 成绩单 and the charts. */
export function IndicatorDashboardPage() {
  const t = useT();
  const me = useMe();
  const [filter, setFilter] = useUrlFilter(DashboardFilter, NO_DEFAULTS);
  const [months, setMonths] = useState(24);
  const [downloading, setDownloading] = useState(false);

  const groupsQ = useQuery({
    queryKey: ['indicators', 'peer-groups'],
    queryFn: indicatorAnalysisApi.peerGroups,
    staleTime: LONG,
  });
  const groups = groupsQ.data?.items;
  const chosenGroup = groups?.find((g) => g.id === filter.group);
  const regionCode = filter.regionCode ?? (groups ? defaultRegion(groups, me.unit.regionCode, chosenGroup) : undefined);
  const group = groups ? groupOf(groups, regionCode, filter.group) : undefined;
  // a region ranked in the chosen group is read in it; one that is not (a link to another region) in its own
  const peerGroupId = group?.members.some((m) => m.regionCode === regionCode) ? group.id : undefined;

  const latestQ = useQuery({
    queryKey: ['indicators', 'latest-period', regionCode],
    queryFn: () => indicatorAnalysisApi.latestPeriod({ regionCode }),
    enabled: Boolean(regionCode),
    staleTime: LONG,
  });
  const period = filter.period ?? latestQ.data ?? undefined;
  const query = regionCode && period ? { regionCode, period, ...(peerGroupId ? { peerGroupId } : {}) } : null;

  const dashQ = useQuery({
    queryKey: ['indicators', 'dashboard', query],
    queryFn: () => indicatorAnalysisApi.dashboard(query!),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
  const scoreQ = useQuery({
    queryKey: ['indicators', 'scorecard', query],
    queryFn: () => indicatorAnalysisApi.scorecard(query!),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
    meta: { silent: true },
  });
  // the thresholds the lights were judged by, for the legend
  const settingsQ = useQuery({
    queryKey: ['indicators', 'settings'],
    queryFn: analysisSettingsApi.get,
    staleTime: LONG,
    meta: { silent: true },
  });
  const dash = dashQ.data;
  const rows = dash?.rows ?? [];
  const hasFigures = rows.some((r) => r.value !== null || r.growth !== null);
  const row = pickRow(rows, filter.indicator);
  const code = row?.indicator.code;
  const groupId = dash?.group?.id;

  const trendQ = useQuery({
    queryKey: ['indicators', 'trend', code, regionCode, period, months],
    queryFn: () => indicatorAnalysisApi.trend(code!, { regionCode: regionCode!, period, months }),
    enabled: Boolean(code && regionCode && period && hasFigures),
    placeholderData: keepPreviousData,
  });
  const rankingQ = useQuery({
    queryKey: ['indicators', 'ranking', code, period, groupId],
    queryFn: () => indicatorAnalysisApi.ranking(code!, { period: period!, groupId }),
    enabled: Boolean(code && period && groupId && hasFigures),
    placeholderData: keepPreviousData,
  });
  // a kept answer of another indicator or region is not shown under this one's title
  const trend = trendQ.data?.indicatorCode === code && trendQ.data?.regionCode === regionCode ? trendQ.data : undefined;
  const ranking = rankingQ.data?.indicatorCode === code && rankingQ.data?.period === period ? rankingQ.data : undefined;

  const shownGroup = groups?.find((g) => g.id === groupId);
  const referenceName = shownGroup?.referenceRegionName ?? t('indicatorDashboard.province');
  const names = useMemo<SourceNames>(() => {
    const regions = new Map<string, string>();
    for (const g of groups ?? []) {
      for (const m of g.members) regions.set(m.regionCode, m.regionName);
      if (g.referenceRegionCode && g.referenceRegionName) regions.set(g.referenceRegionCode, g.referenceRegionName);
    }
    if (dash) regions.set(dash.regionCode, dash.regionName);
    return {
      regions,
      indicators: new Map(rows.map((r) => [r.indicator.code, r.indicator.name])),
      group: dash?.group,
    };
  }, [groups, dash, rows]);

  // the regions of the group in view; a region outside it (a shared link) is offered on its own
  const regionOptions = useMemo(() => {
    const members = (group?.members ?? []).map((m) => ({ value: m.regionCode, label: m.regionName }));
    const out = [{ label: group?.displayLabel ?? '', title: group?.displayLabel ?? '', options: members }];
    if (regionCode && !members.some((m) => m.value === regionCode)) {
      out.push({
        label: t('indicatorDashboard.ownRegion'),
        title: t('indicatorDashboard.ownRegion'),
        options: [{ value: regionCode, label: dash?.regionName ?? regionCode }],
      });
    }
    return out;
  }, [group, regionCode, dash?.regionName, t]);

  const select = (indicator: string) => setFilter({ ...filter, indicator });
  /** another 对标范围: its region is the one the user had when a member, else the group's own default */
  const chooseGroup = (id: string) => {
    const g = groups?.find((x) => x.id === id);
    if (!g) return;
    const keep = regionCode && g.members.some((m) => m.regionCode === regionCode);
    setFilter({
      ...filter,
      group: id,
      regionCode: keep ? regionCode : defaultRegion(groups ?? [], me.unit.regionCode, g),
      indicator: undefined,
    });
  };
  const download = async () => {
    if (!query) return;
    setDownloading(true);
    try {
      saveFile(
        await indicatorAnalysisApi.report(query),
        `月度经济运行分析-${dash?.regionName ?? query.regionCode}-${query.period}.docx`,
      );
    } catch (e) {
      showError(e);
    } finally {
      setDownloading(false);
    }
  };

  const latest = latestQ.data ? dayjs(`${latestQ.data}-01`) : null;
  const extra = (
    <Space wrap>
      {(groups?.length ?? 0) > 1 && (
        <Select
          aria-label={t('indicatorDashboard.group')}
          value={group?.id}
          options={(groups ?? []).map((g) => ({ value: g.id, label: g.displayLabel }))}
          onChange={chooseGroup}
          style={{ width: 160 }}
          popupMatchSelectWidth={false}
        />
      )}
      <Select
        aria-label={t('indicatorDashboard.region')}
        value={regionCode}
        options={regionOptions}
        loading={groupsQ.isLoading}
        onChange={(v: string) => setFilter({ ...filter, group: group?.id, regionCode: v })}
        style={{ width: 150 }}
        showSearch={{ optionFilterProp: 'label' }}
        popupMatchSelectWidth={false}
      />
      <DatePicker
        picker="month"
        allowClear={false}
        aria-label={t('indicatorDashboard.period')}
        value={period ? dayjs(`${period}-01`) : null}
        onChange={(d: Dayjs | null) => d && setFilter({ ...filter, period: d.format('YYYY-MM') })}
        disabledDate={(d) => (latest ? d.isAfter(latest, 'month') : false)}
        style={{ width: 130 }}
      />
      <Button icon={<DownloadOutlined />} onClick={download} loading={downloading} disabled={!query || !hasFigures}>
        {t('indicatorDashboard.downloadReport')}
      </Button>
    </Space>
  );

  let content: ReactNode;
  const firstError = groupsQ.error ?? latestQ.error ?? (dash ? null : dashQ.error);
  if (firstError) {
    content = (
      <LoadError
        message={firstError.message}
        onRetry={() => {
          void groupsQ.refetch();
          void latestQ.refetch();
          void dashQ.refetch();
        }}
      />
    );
  } else if (latestQ.isSuccess && latestQ.data === null && !filter.period) {
    content = <NoFigures text={t('indicatorDashboard.noFiguresAtAll')} />;
  } else if (!dash) {
    content = (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  } else if (!hasFigures) {
    content = (
      <NoFigures
        text={t('indicatorDashboard.noFigures', { region: dash.regionName, period: dash.periodLabel })}
        period={dash.period}
      />
    );
  } else {
    content = (
      <>
        <Card
          variant="borderless"
          size="small"
          title={t('indicatorDashboard.tableTitle', { region: dash.regionName, period: dash.periodLabel })}
          extra={
            dash.group && (
              <Typography.Text type="secondary">
                {t('indicatorDashboard.comparedWith', { group: dash.group.label })}
              </Typography.Text>
            )
          }
          styles={{ body: { padding: 0 } }}
        >
          <DashboardTable
            rows={rows}
            selected={code}
            onSelect={select}
            loading={dashQ.isFetching}
            gapTitle={shownGroup?.level === 'city' ? t('indicatorDashboard.gapToCity') : undefined}
          />
          <div style={{ padding: '8px 12px' }}>
            <LightLegend lights={settingsQ.data?.lights} />
          </div>
        </Card>
        <ScorecardCard
          data={scoreQ.data}
          loading={scoreQ.isLoading}
          error={scoreQ.data ? null : scoreQ.error}
          names={names}
          onPick={select}
        />
        {row && regionCode && period && (
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <TrendChart
                row={row}
                trend={trend}
                loading={!trend && trendQ.isFetching}
                regionName={dash.regionName}
                referenceName={referenceName}
                months={months}
                onMonths={setMonths}
              />
            </Col>
            <Col xs={24} xl={12}>
              <RankChart
                row={row}
                ranking={ranking}
                loading={!ranking && rankingQ.isFetching}
                regionCode={regionCode}
                referenceName={referenceName}
              />
            </Col>
            {hasPacing(row) && (
              <Col xs={24} xl={12}>
                <PacingChart row={row} trend={trend} loading={!trend && trendQ.isFetching} period={period} />
              </Col>
            )}
          </Row>
        )}
      </>
    );
  }

  return (
    <Page title={t('indicatorDashboard.title')} extra={extra}>
      {content}
    </Page>
  );
}
