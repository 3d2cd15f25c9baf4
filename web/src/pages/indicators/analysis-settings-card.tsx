import { HistoryOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Input,
  Row,
  Skeleton,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { AuditRecord } from '../../../../domain/audit/contracts.ts';
import {
  type AnalysisSettings,
  AnalysisSettingsUpdate,
  DEFAULT_ANALYSIS_SETTINGS,
} from '../../../../domain/indicators/settings.ts';
import { analysisSettingsApi, type IndicatorItem } from '../../api/indicators.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';

/** The form's values: figures as typed; an empty 对比门槛 means "use the region's growth target". */
type Values = {
  lights: { growthPoints?: string; progressPoints?: string };
  scorecard: { narrowGap?: string; countThresholds: Record<string, string | undefined> };
};

const toValues = (s: AnalysisSettings): Values => ({
  lights: { ...s.lights },
  scorecard: { narrowGap: s.scorecard.narrowGap, countThresholds: { ...s.scorecard.countThresholds } },
});

/** The unit a threshold is read in: percent for an indicator ranked by growth, else the indicator's own. */
const thresholdUnit = (i: IndicatorItem) => (i.rankField === 'growth' ? '%' : i.unit);

const QUERY_KEY = ['indicators', 'settings'];

/**
 * 月分析设置 on the catalog page: how far behind target pace a light is still yellow, and the thresholds of the
 * scorecard's "全省有X个市区增长率超过X%" per indicator. Read by everyone who sees the page; saved (with the version
 * read, audited) by whoever may configure monthly analysis. The dashboard, the scorecard and the report use them.
 */
export function AnalysisSettingsCard({ indicators }: { indicators: IndicatorItem[] }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [stale, setStale] = useState(false);
  const [history, setHistory] = useState(false);
  const q = useQuery({ queryKey: QUERY_KEY, queryFn: analysisSettingsApi.get });
  const canEdit = q.data?.can.edit ?? false;
  const active = indicators.filter((i) => i.active);

  useEffect(() => {
    if (q.data) form.setFieldsValue(toValues(q.data));
  }, [q.data, form]);

  const save = useMutation({
    mutationFn: analysisSettingsApi.save,
    onSuccess: (saved) => {
      setStale(false);
      qc.setQueryData(QUERY_KEY, saved);
      // the lights and the scorecard are judged anew
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      void qc.invalidateQueries({ queryKey: ['indicators-settings-history'] });
      toast.success(t('common.saved'));
    },
    onError: (err) =>
      handleSaveError(form, err, async () => {
        await q.refetch();
        setStale(true);
      }),
  });

  const onFinish = (v: Values) => {
    if (!q.data) return;
    const thresholds = Object.fromEntries(
      Object.entries(v.scorecard.countThresholds ?? {}).filter(([, x]) => x !== undefined && x.trim() !== ''),
    );
    const body = validateWith(form, AnalysisSettingsUpdate, {
      lights: v.lights,
      scorecard: { narrowGap: v.scorecard.narrowGap, countThresholds: thresholds },
      version: q.data.version,
    });
    if (body) save.mutate(body);
  };

  const points = (name: (string | number)[], label: string, help: string) => (
    <Form.Item name={name} label={label} extra={help} required>
      <Input
        inputMode="decimal"
        suffix={t('analysisSettings.points')}
        style={{ maxWidth: 200 }}
        disabled={!canEdit}
        aria-label={label}
      />
    </Form.Item>
  );

  let body: ReactNode;
  if (q.isLoading) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (q.isError) body = <Alert type="error" showIcon title={q.error.message} />;
  else {
    body = (
      <Form<Values>
        form={form}
        name="analysis-settings"
        layout="vertical"
        onFinish={onFinish}
        initialValues={toValues(DEFAULT_ANALYSIS_SETTINGS)}
      >
        {stale && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('common.staleReloaded')} />}
        <Row gutter={[24, 0]}>
          <Col xs={24} lg={10}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('analysisSettings.lightsTitle')}
            </Typography.Title>
            {points(
              ['lights', 'growthPoints'],
              t('analysisSettings.growthPoints'),
              t('analysisSettings.growthPointsHelp'),
            )}
            {points(
              ['lights', 'progressPoints'],
              t('analysisSettings.progressPoints'),
              t('analysisSettings.progressPointsHelp'),
            )}
            <Typography.Title level={5}>{t('analysisSettings.scorecardTitle')}</Typography.Title>
            {points(['scorecard', 'narrowGap'], t('analysisSettings.narrowGap'), t('analysisSettings.narrowGapHelp'))}
          </Col>
          <Col xs={24} lg={14}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('analysisSettings.thresholdsTitle')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('analysisSettings.thresholdsHelp')}
            </Typography.Paragraph>
            <Table<IndicatorItem>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={active}
              scroll={{ y: 360 }}
              columns={[
                { title: t('indicatorCatalog.name'), dataIndex: 'name' },
                {
                  title: t('analysisSettings.threshold'),
                  key: 'threshold',
                  width: 190,
                  render: (_v, i) => (
                    <Form.Item name={['scorecard', 'countThresholds', i.code]} style={{ margin: 0 }}>
                      <Input
                        size="small"
                        inputMode="decimal"
                        allowClear
                        disabled={!canEdit}
                        placeholder={
                          i.rankField === 'growth' ? t('analysisSettings.byTarget') : t('analysisSettings.none')
                        }
                        suffix={thresholdUnit(i)}
                        aria-label={t('analysisSettings.thresholdOf', { name: i.name })}
                      />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Col>
        </Row>
        {canEdit && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button
              icon={<UndoOutlined />}
              onClick={() => q.data && form.setFieldsValue(toValues(DEFAULT_ANALYSIS_SETTINGS))}
              disabled={save.isPending}
            >
              {t('analysisSettings.defaults')}
            </Button>
          </Space>
        )}
      </Form>
    );
  }

  return (
    <Card
      variant="borderless"
      title={t('analysisSettings.title')}
      data-testid="analysis-settings"
      extra={
        <Space size={12}>
          {Boolean(q.data?.version) && (
            <Typography.Text type="secondary">
              {t('settings.lastVersion', { version: q.data?.version ?? 0 })}
            </Typography.Text>
          )}
          {canEdit && (
            <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
              {t('analysisSettings.history')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('analysisSettings.intro')}</Typography.Paragraph>
      {body}
      <SettingsHistoryDrawer open={history} onClose={() => setHistory(false)} indicators={indicators} />
    </Card>
  );
}

/** What one change of the setting did, field by field, in words ("增速黄灯范围:1 → 2个百分点"). */
function useDescribe(indicators: IndicatorItem[]) {
  const t = useT();
  const names = new Map(indicators.map((i) => [i.code, i]));
  return (r: AuditRecord): string[] => {
    const before = (r.before ?? DEFAULT_ANALYSIS_SETTINGS) as AnalysisSettings;
    const after = (r.after ?? DEFAULT_ANALYSIS_SETTINGS) as AnalysisSettings;
    const lines: string[] = [];
    const points = t('analysisSettings.points');
    const field = (label: string, a: string | undefined, b: string | undefined, unit: string) => {
      if (a === b) return;
      const show = (v: string | undefined) => (v === undefined ? t('analysisSettings.byTarget') : `${v}${unit}`);
      lines.push(`${label}:${show(a)} → ${show(b)}`);
    };
    field(t('analysisSettings.growthPoints'), before.lights?.growthPoints, after.lights?.growthPoints, points);
    field(t('analysisSettings.progressPoints'), before.lights?.progressPoints, after.lights?.progressPoints, points);
    field(t('analysisSettings.narrowGap'), before.scorecard?.narrowGap, after.scorecard?.narrowGap, points);
    const b = before.scorecard?.countThresholds ?? {};
    const a = after.scorecard?.countThresholds ?? {};
    for (const code of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      const i = names.get(code);
      field(t('analysisSettings.thresholdOf', { name: i?.name ?? code }), b[code], a[code], i ? thresholdUnit(i) : '');
    }
    return lines;
  };
}

function SettingsHistoryDrawer({
  open,
  onClose,
  indicators,
}: {
  open: boolean;
  onClose: () => void;
  indicators: IndicatorItem[];
}) {
  const t = useT();
  const size = useDrawerSize(520);
  const describe = useDescribe(indicators);
  const q = useQuery({
    queryKey: ['indicators-settings-history'],
    queryFn: analysisSettingsApi.history,
    enabled: open,
  });
  const records = [...(q.data?.items ?? [])].sort((a, b) => b.id - a.id);
  let body: ReactNode;
  if (q.isLoading) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (q.isError) body = <Alert type="error" showIcon title={q.error.message} />;
  else if (records.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;
  else {
    body = (
      <Timeline
        items={records.map((r) => ({
          key: r.id,
          content: (
            <Space orientation="vertical" size={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(r.at)} · {r.actorName}
              </Typography.Text>
              {describe(r).map((line) => (
                <span key={line}>{line}</span>
              ))}
            </Space>
          ),
        }))}
      />
    );
  }
  return (
    <Drawer title={t('analysisSettings.historyTitle')} open={open} onClose={onClose} size={size} destroyOnHidden>
      {body}
    </Drawer>
  );
}
