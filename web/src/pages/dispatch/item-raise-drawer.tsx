import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ItemCategory } from '../../../../domain/dispatch/items.ts';
import { ITEM_DESCRIPTION_MAX, ItemCreate } from '../../../../domain/dispatch/items-contracts.ts';
import { dispatchItemsApi, type ItemDetail } from '../../api/dispatch-items.ts';
import { dispatchReportsApi } from '../../api/dispatch-reports.ts';
import { dispatchSettingsApi } from '../../api/dispatch-settings.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { BUSINESS_TZ } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { clearChangedErrors } from './item-form.tsx';
import { useItemLabels } from './item-labels.tsx';

/** A project the item may be raised on, as the picker knows it. */
export type RaiseProject = { id: string; name: string };

type Values = {
  projectId?: string | null;
  category?: ItemCategory;
  description?: string;
  assignedUnitId?: string | null;
  requestedDate?: Dayjs | null;
};

type ProjectOption = { value: string; label: string; sub: string };

/**
 * The projects in reach that report weekly (the week's board), searched on the server by name or code as the user
 * types; the raiser's own projects are the ones with problems to raise.
 */
function ProjectPicker({
  id,
  value,
  onChange,
  known,
  disabled,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  known?: RaiseProject | undefined;
  disabled?: boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['dispatch-item-projects', q],
    queryFn: ({ signal }) => dispatchReportsApi.board({ q: q || undefined, pageSize: 50 }, signal),
    enabled: !disabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const options: ProjectOption[] = (found.data?.items ?? []).map((r) => ({
    value: r.projectId,
    label: r.projectName,
    sub: `${r.regionName} · ${r.responsibleUnitName}`,
  }));
  if (known && !options.some((o) => o.value === known.id))
    options.unshift({ value: known.id, label: known.name, sub: '' });
  return (
    <Select<string, ProjectOption>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      disabled={disabled}
      placeholder={t('items.raise.projectPlaceholder')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => !open && setSearch('')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      loading={found.isFetching}
      optionRender={(o) => (
        <div style={{ lineHeight: 1.4, whiteSpace: 'normal' }}>
          <div>{o.data.label}</div>
          {o.data.sub && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.sub}
            </Typography.Text>
          )}
        </div>
      )}
      style={{ width: '100%' }}
    />
  );
}

const todayInBeijing = () => dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD');

/**
 * 提出协调事项: the project (fixed when raised from a report), the kind of problem, what it is, the unit asked to solve
 * it and, if wanted, by when. The deadline itself is counted by the server in working days from the settings.
 */
export function ItemRaiseDrawer({
  open,
  onClose,
  project,
  reportId = null,
  onRaised,
}: {
  open: boolean;
  onClose: () => void;
  /** a project chosen beforehand (the report page's): shown, not changeable */
  project?: RaiseProject | undefined;
  reportId?: string | null;
  onRaised?: (item: ItemDetail) => void;
}) {
  const t = useT();
  const labels = useItemLabels();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const size = useDrawerSize(600);
  const phone = Grid.useBreakpoint().md === false;
  const settings = useQuery({
    queryKey: ['dispatch-settings'],
    queryFn: dispatchSettingsApi.get,
    enabled: open,
    meta: { silent: true },
  });
  const days = settings.data?.items.deadlineDays;

  const raise = useMutation({
    mutationFn: dispatchItemsApi.raise,
    onSuccess: (item) => {
      void qc.invalidateQueries({ queryKey: ['dispatch-items'] });
      toast.success(t('items.raise.done', { unit: item.assignedUnitName }));
      onRaised?.(item);
      onClose();
    },
    onError: (err) => handleSaveError(form, err),
  });

  const submit = () => {
    const v = form.getFieldsValue();
    const body = validateWith(form, ItemCreate, {
      projectId: project?.id ?? v.projectId ?? undefined,
      reportId,
      category: v.category,
      description: v.description ?? '',
      assignedUnitId: v.assignedUnitId ?? undefined,
      requestedDate: v.requestedDate ? v.requestedDate.format('YYYY-MM-DD') : null,
    });
    if (body) raise.mutate(body);
  };

  return (
    <Drawer
      title={t('items.raise.title')}
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" icon={<SendOutlined />} loading={raise.isPending} onClick={submit}>
            {t('items.raise.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        name="raise-item"
        layout="vertical"
        initialValues={{ projectId: project?.id ?? null }}
        requiredMark="optional"
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
      >
        <Form.Item name="projectId" label={t('items.field.project')} required>
          <ProjectPicker known={project} disabled={Boolean(project)} />
        </Form.Item>
        {reportId && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 12 }}>
            {t('items.raise.fromReport')}
          </Typography.Paragraph>
        )}
        <Form.Item name="category" label={t('items.field.category')} required>
          <Radio.Group
            optionType="button"
            options={labels.categoryOptions}
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
          />
        </Form.Item>
        <Form.Item name="description" label={t('items.field.description')} required>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={ITEM_DESCRIPTION_MAX}
            showCount
            placeholder={t('items.raise.descriptionPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="assignedUnitId"
          label={t('items.field.assignedUnit')}
          required
          extra={t('items.raise.unitHelp')}
        >
          <EntitySelect kind="unit" placeholder={t('items.raise.unitPlaceholder')} />
        </Form.Item>
        <Form.Item name="requestedDate" label={t('items.field.requestedDate')} extra={t('items.raise.requestedHelp')}>
          <DatePicker
            style={{ width: '100%', maxWidth: 240 }}
            disabledDate={(d) => d.format('YYYY-MM-DD') < todayInBeijing()}
            // a phone opens the calendar, not the keyboard
            inputReadOnly={phone}
          />
        </Form.Item>
      </Form>
      {days !== undefined && (
        <Alert type="info" showIcon title={t('items.raise.deadlineNote', { days })} style={{ marginTop: 4 }} />
      )}
    </Drawer>
  );
}

/** The small 提出协调事项 button of a weekly report, with its drawer (the project and the report set). */
export function RaiseItemButton({ project, reportId }: { project: RaiseProject; reportId: string | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="raise-item">
        {t('items.raise.button')}
      </Button>
      <ItemRaiseDrawer open={open} onClose={() => setOpen(false)} project={project} reportId={reportId} />
    </>
  );
}
