import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { IndicatorCreate, IndicatorUpdate } from '../../../../domain/indicators/contracts.ts';
import {
  COMMON_UNITS,
  DIRECTION_LABELS,
  DIRECTIONS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  INDICATOR_KIND_LABELS,
  INDICATOR_KINDS,
  RANK_FIELDS,
} from '../../../../domain/indicators/indicator.ts';
import { type IndicatorItem, indicatorCatalogApi } from '../../api/indicators.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { AddButton } from '../../components/list-actions.tsx';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { emptyToUndefined, validateWith } from '../../lib/form.ts';
import { useLabel, useT } from '../../lib/i18n.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { AnalysisSettingsCard } from './analysis-settings-card.tsx';

type Values = {
  code?: string;
  name?: string;
  shortName?: string;
  unit?: string;
  kind?: string;
  direction?: string;
  frequency?: string;
  precision?: number | null;
  rankBy?: string | null;
  sort?: number | null;
  active?: boolean;
};

const RANK_LABELS: Record<(typeof RANK_FIELDS)[number], { zh: string; en: string }> = {
  growth: { zh: '按增速', en: 'By growth' },
  value: { zh: '按数值', en: 'By value' },
};

const toValues = (i: IndicatorItem): Values => ({
  code: i.code,
  name: i.name,
  shortName: i.shortName ?? undefined,
  unit: i.unit,
  kind: i.kind,
  direction: i.direction,
  frequency: i.frequency,
  precision: i.precision,
  rankBy: i.rankBy,
  sort: i.sort,
  active: i.active,
});

const NEW: Values = { kind: 'amount', direction: 'higher_better', frequency: 'monthly', precision: 2, unit: '亿元' };

type Target = { mode: 'create' } | { mode: 'edit'; indicator: IndicatorItem };

function IndicatorFormDrawer({ target, onClose }: { target: Target | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.indicator : undefined;

  const { save, stale } = useVersionedSave({
    form,
    editing,
    mutationFn: async (v: Values, version) => {
      const body = {
        code: v.code?.trim(),
        name: v.name,
        shortName: emptyToUndefined(v.shortName),
        unit: v.unit,
        kind: v.kind,
        direction: v.direction,
        frequency: v.frequency,
        precision: v.precision ?? undefined,
        rankBy: v.rankBy ?? undefined,
        sort: v.sort ?? undefined,
      };
      if (editing) {
        const update = validateWith(form, IndicatorUpdate, { ...body, active: v.active ?? true, version });
        return update ? indicatorCatalogApi.update(editing.code, update) : null;
      }
      const create = validateWith(form, IndicatorCreate, body);
      return create ? indicatorCatalogApi.create(create) : null;
    },
    onSaved: () => void qc.invalidateQueries({ queryKey: ['indicators'] }),
    onClose,
    reload: async (i) => {
      const list = await qc.fetchQuery({
        queryKey: ['indicators', 'catalog'],
        queryFn: indicatorCatalogApi.list,
        staleTime: 0,
      });
      return list.items.find((x) => x.code === i.code);
    },
    toValues,
  });

  const options = <K extends string>(keys: readonly K[], labels: Record<K, { zh: string; en: string }>) =>
    keys.map((k) => ({ value: k, label: label(labels[k]) }));

  return (
    <FormDrawer
      title={editing ? t('indicatorCatalog.editTitle', { name: editing.name }) : t('indicatorCatalog.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ? toValues(editing) : NEW}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('indicatorCatalog.name')} required>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="shortName"
              label={t('indicatorCatalog.shortName')}
              tooltip={t('indicatorCatalog.shortNameHelp')}
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('indicatorCatalog.code')}
              required
              extra={editing ? t('indicatorCatalog.codeFixed') : t('indicatorCatalog.codeHelp')}
            >
              <Input maxLength={40} disabled={Boolean(editing)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unit" label={t('indicatorCatalog.unit')} required>
              <AutoComplete options={COMMON_UNITS.map((u) => ({ value: u }))} maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('indicatorCatalog.kind')} required>
              <Select options={options(INDICATOR_KINDS, INDICATOR_KIND_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="direction" label={t('indicatorCatalog.direction')} required>
              <Select options={options(DIRECTIONS, DIRECTION_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="frequency" label={t('indicatorCatalog.frequency')} required>
              <Select options={options(FREQUENCIES, FREQUENCY_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="rankBy" label={t('indicatorCatalog.rankBy')} tooltip={t('indicatorCatalog.rankByHelp')}>
              <Select
                allowClear
                placeholder={t('indicatorCatalog.rankByDefault')}
                options={options(RANK_FIELDS, RANK_LABELS)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="precision" label={t('indicatorCatalog.precision')} required>
              <InputNumber min={0} max={4} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="sort" label={t('common.sort')} tooltip={t('common.sortHelp')}>
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {editing && (
            <Col xs={12} sm={6}>
              <Form.Item name="active" label={t('common.status')} valuePropName="checked">
                <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormDrawer>
  );
}

/**
 * 指标目录: the indicators of monthly analysis, which the city statistics bureau and the administrator add and edit,
 * and under them 月分析设置 (the thresholds of the lights and of the scorecard).
 */
export function IndicatorCatalogPage() {
  const t = useT();
  const label = useLabel();
  const [target, setTarget] = useState<Target | null>(null);
  const catalog = useQuery({ queryKey: ['indicators', 'catalog'], queryFn: indicatorCatalogApi.list });
  const canConfigure = catalog.data?.can.configure ?? false;
  const items = useMemo(() => catalog.data?.items ?? [], [catalog.data]);

  const columns: TableColumnsType<IndicatorItem> = [
    { title: t('common.sort'), dataIndex: 'sort', width: 70, responsive: ['md'] },
    {
      title: t('indicatorCatalog.name'),
      dataIndex: 'name',
      render: (name: string, i) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>
            {name}
            {!i.active && <Tag style={{ marginInlineStart: 6 }}>{t('common.disabled')}</Tag>}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.code}
            {i.shortName ? ` · ${t('indicatorCatalog.shortName')}:${i.shortName}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('indicatorCatalog.unit'), dataIndex: 'unit', width: 110 },
    {
      title: t('indicatorCatalog.kind'),
      dataIndex: 'kind',
      width: 80,
      responsive: ['md'],
      render: (k: IndicatorItem['kind']) => label(INDICATOR_KIND_LABELS[k]),
    },
    {
      title: t('indicatorCatalog.direction'),
      dataIndex: 'direction',
      width: 100,
      responsive: ['md'],
      render: (d: IndicatorItem['direction']) => (
        <Tag color={d === 'lower_better' ? 'orange' : 'blue'}>{label(DIRECTION_LABELS[d])}</Tag>
      ),
    },
    {
      title: t('indicatorCatalog.frequency'),
      dataIndex: 'frequency',
      width: 80,
      responsive: ['md'],
      render: (f: IndicatorItem['frequency']) => label(FREQUENCY_LABELS[f]),
    },
    {
      title: t('indicatorCatalog.rankBy'),
      dataIndex: 'rankField',
      width: 90,
      responsive: ['lg'],
      render: (f: IndicatorItem['rankField']) => label(RANK_LABELS[f]),
    },
    { title: t('indicatorCatalog.precision'), dataIndex: 'precision', width: 90, responsive: ['lg'] },
    ...(canConfigure
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_v: unknown, i: IndicatorItem) => (
              <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', indicator: i })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Page title={t('indicatorCatalog.title')}>
      <Panel>
        <ListToolbar
          left={canConfigure ? <AddButton onClick={() => setTarget({ mode: 'create' })} /> : undefined}
          right={<Typography.Text type="secondary">{t('common.total', { total: items.length })}</Typography.Text>}
          onRefresh={() => void catalog.refetch()}
          refreshing={catalog.isFetching}
        />
        {catalog.isError ? (
          <Alert type="error" showIcon title={catalog.error.message} />
        ) : (
          <Table<IndicatorItem>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={catalog.isLoading}
            pagination={false}
          />
        )}
      </Panel>
      {catalog.isSuccess && <AnalysisSettingsCard indicators={items} />}
      <IndicatorFormDrawer target={target} onClose={() => setTarget(null)} />
    </Page>
  );
}
