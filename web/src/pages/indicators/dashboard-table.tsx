import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Badge, Grid, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import type { DashboardRowData } from '../../api/indicators-analysis.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { figure, gapUnit, growth, LIGHT_COLORS, signedGap } from './dashboard-format.ts';

/** numbers never wrap inside a cell */
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
const dash = <Typography.Text type="secondary">—</Typography.Text>;

const LIGHT_LABELS: Record<keyof typeof LIGHT_COLORS, MessageKey> = {
  green: 'indicatorDashboard.lightGreen',
  yellow: 'indicatorDashboard.lightYellow',
  red: 'indicatorDashboard.lightRed',
};

export function LightDot({ light }: { light: DashboardRowData['light'] }) {
  const t = useT();
  if (!light) return <Typography.Text type="secondary">{t('indicatorDashboard.lightNone')}</Typography.Text>;
  return <Badge color={LIGHT_COLORS[light]} text={t(LIGHT_LABELS[light])} />;
}

/** What the three colours mean, with the thresholds of 月分析设置 when they are known. */
export function LightLegend({ lights }: { lights?: { growthPoints: string; progressPoints: string } }) {
  const t = useT();
  const within = lights ? { growth: lights.growthPoints, progress: lights.progressPoints } : null;
  return (
    <Space wrap size={[16, 4]} style={{ fontSize: 12 }}>
      <Typography.Text type="secondary">{t('indicatorDashboard.legend')}</Typography.Text>
      <Badge color={LIGHT_COLORS.green} text={t('indicatorDashboard.legendGreen')} />
      <Badge
        color={LIGHT_COLORS.yellow}
        text={within ? t('indicatorDashboard.legendYellowWithin', within) : t('indicatorDashboard.legendYellow')}
      />
      <Badge
        color={LIGHT_COLORS.red}
        text={within ? t('indicatorDashboard.legendRedBeyond') : t('indicatorDashboard.legendRed')}
      />
    </Space>
  );
}

function RankCell({ row }: { row: DashboardRowData }) {
  const t = useT();
  if (row.rank === null) return dash;
  const { kind, places } = row.rankChange;
  const rank = t(row.tied ? 'indicatorDashboard.rankTied' : 'indicatorDashboard.rank', {
    rank: row.rank,
    count: row.rankedCount,
  });
  let change = null;
  if (kind === 'up' || kind === 'down') {
    const Icon = kind === 'up' ? ArrowUpOutlined : ArrowDownOutlined;
    const label = t(kind === 'up' ? 'indicatorDashboard.movedUp' : 'indicatorDashboard.movedDown', {
      places: places ?? 0,
    });
    change = (
      <Tooltip title={t('indicatorDashboard.previousRank', { rank: row.previousRank ?? '—' })}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-label={label}>
          <Icon /> {label}
        </Typography.Text>
      </Tooltip>
    );
  } else if (kind === 'same') {
    change = (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <MinusOutlined /> {t('indicatorDashboard.rankSame')}
      </Typography.Text>
    );
  }
  return (
    <Space size={6}>
      <span>{rank}</span>
      {change}
    </Space>
  );
}

function ProgressCell({ row }: { row: DashboardRowData }) {
  const t = useT();
  if (row.completion === null && row.timeProgress === null) return dash;
  return (
    <div style={{ lineHeight: 1.3 }}>
      <div>{row.completion === null ? '—' : `${row.completion}%`}</div>
      {row.timeProgress !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('indicatorDashboard.schedule', { value: row.timeProgress })}
        </Typography.Text>
      )}
    </div>
  );
}

function TargetCell({ row }: { row: DashboardRowData }) {
  const t = useT();
  const target = row.target;
  if (!target || (target.growth === null && target.amount === null)) return dash;
  return (
    <div style={{ lineHeight: 1.3 }}>
      {target.growth !== null && <div>{t('indicatorDashboard.targetGrowth', { value: growth(target.growth) })}</div>}
      {target.amount !== null && (
        <div>
          {figure(target.amount, row.indicator.precision)}
          <Typography.Text type="secondary"> {row.indicator.unit}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** 指标 × 累计值, 增速, 目标, 完成率/序时进度, 排名, 与全省差距, 状态; a click on a row picks the charts' indicator. */
export function DashboardTable({
  rows,
  selected,
  onSelect,
  loading,
  gapTitle,
}: {
  rows: DashboardRowData[];
  selected: string | undefined;
  onSelect: (code: string) => void;
  loading: boolean;
  /** the gap column's title: 与全省差距, or 与全市差距 in a district view */
  gapTitle?: string;
}) {
  const t = useT();
  // on a phone the fixed name column leaves room for the figures beside it
  const narrow = !Grid.useBreakpoint().md;
  const nameWidth = narrow ? 112 : 196;
  const columns: TableColumnsType<DashboardRowData> = [
    {
      title: t('indicatorDashboard.indicator'),
      key: 'indicator',
      fixed: 'left',
      width: nameWidth,
      render: (_, r) => (
        <Typography.Link
          onClick={(e) => {
            e.stopPropagation();
            onSelect(r.indicator.code);
          }}
          strong={r.indicator.code === selected}
        >
          {r.indicator.name}
        </Typography.Link>
      ),
    },
    {
      title: t('indicatorDashboard.value'),
      key: 'value',
      width: 170,
      align: 'right',
      onCell: nowrap,
      render: (_, r) =>
        r.value === null ? (
          dash
        ) : (
          <>
            {figure(r.value, r.indicator.precision)}
            <Typography.Text type="secondary"> {r.indicator.unit}</Typography.Text>
          </>
        ),
    },
    {
      title: t('indicatorDashboard.growth'),
      key: 'growth',
      width: 84,
      align: 'right',
      onCell: nowrap,
      render: (_, r) => (r.growth === null ? dash : growth(r.growth)),
    },
    {
      title: t('indicatorDashboard.target'),
      key: 'target',
      width: 136,
      align: 'right',
      onCell: nowrap,
      render: (_, r) => <TargetCell row={r} />,
    },
    {
      title: t('indicatorDashboard.progress'),
      key: 'progress',
      width: 124,
      align: 'right',
      onCell: nowrap,
      render: (_, r) => <ProgressCell row={r} />,
    },
    {
      title: t('indicatorDashboard.rankColumn'),
      key: 'rank',
      width: 196,
      onCell: nowrap,
      render: (_, r) => <RankCell row={r} />,
    },
    {
      title: gapTitle ?? t('indicatorDashboard.gapToProvince'),
      key: 'gap',
      width: 150,
      align: 'right',
      onCell: nowrap,
      render: (_, r) => {
        const gap = signedGap(r.gaps.toProvince, r.indicator);
        return gap === null ? dash : `${gap}${gapUnit(r.indicator, t('indicatorDashboard.points'))}`;
      },
    },
    {
      title: t('indicatorDashboard.light'),
      key: 'light',
      width: 84,
      onCell: nowrap,
      render: (_, r) => <LightDot light={r.light} />,
    },
  ];
  return (
    <Table<DashboardRowData>
      rowKey={(r) => r.indicator.code}
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 944 + nameWidth }}
      rowClassName={(r) => (r.indicator.code === selected ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onSelect(r.indicator.code), style: { cursor: 'pointer' } })}
    />
  );
}
