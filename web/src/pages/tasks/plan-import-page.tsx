import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Grid,
  Radio,
  Result,
  Select,
  Skeleton,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { OnExisting } from '../../../../domain/tasks/plans-contracts.ts';
import { isApiError } from '../../api/client.ts';
import { leadersApi, unitsApi } from '../../api/org.ts';
import { type ImportChoices, type PlanImportOutcome, taskPlansApi } from '../../api/task-plans.ts';
import { IMPORT_FLOW_MAX_BYTES } from '../../components/import-flow.tsx';
import {
  formatBytes,
  ImportCounts,
  RejectedTable,
  reasonsOf,
  rowsWithErrors,
  useElapsed,
  xlsxProblem,
} from '../../components/import-parts.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { type MessageKey, useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { planPath } from './plans-page.tsx';

type Unmatched = PlanImportOutcome['unmatchedUnits'][number];
type Option = { value: string; label: string };
type PreviewRow = PlanImportOutcome['preview'][number];

const ACTION_TAGS: Record<PreviewRow['action'], { color: string; key: MessageKey }> = {
  create: { color: 'green', key: 'import.created' },
  update: { color: 'blue', key: 'import.updated' },
  unchanged: { color: 'default', key: 'import.unchanged' },
  skip: { color: 'default', key: 'plans.importPage.skipped' },
};

/** One unknown name: where it is written, and a Select of the organisation with the closest ones first. */
function NameMapping({
  item,
  value,
  onChange,
  all,
  kind,
}: {
  item: Unmatched;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  all: Option[];
  kind: 'unit' | 'leader';
}) {
  const t = useT();
  const suggested = item.suggestions.map((s) => ({ value: s.id, label: s.name }));
  const rest = all.filter((o) => !suggested.some((s) => s.value === o.value));
  return (
    <div
      data-testid={`map-${kind}`}
      data-name={item.name}
      style={{
        display: 'flex',
        gap: 12,
        alignItems: 'center',
        flexWrap: 'wrap',
        padding: '8px 0',
        borderBottom: '1px solid #f5f5f5',
      }}
    >
      <div style={{ flex: '1 1 200px', minWidth: 0 }}>
        <Typography.Text strong>“{item.name}”</Typography.Text>
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
          {t('plans.importPage.rows', { rows: item.rows.join('、') })}
        </div>
      </div>
      <Select<string>
        aria-label={t('plans.importPage.mapTo', { name: item.name })}
        style={{ flex: '1 1 280px', minWidth: 220 }}
        placeholder={kind === 'unit' ? t('plans.importPage.pickUnit') : t('plans.importPage.pickLeader')}
        value={value}
        onChange={onChange}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        status={value ? undefined : 'warning'}
        options={[
          ...(suggested.length ? [{ label: t('plans.importPage.suggested'), options: suggested }] : []),
          { label: kind === 'unit' ? t('plans.importPage.allUnits') : t('plans.importPage.allLeaders'), options: rest },
        ]}
      />
    </div>
  );
}

/**
 * 导入分工方案: the file, its check (counts, rows with errors quoting the text, the columns read), the names the
 * organisation does not know — each mapped to a unit (remembered for next time) or a leader (this run only) —
 * what to do with tasks that changed, then the import in one go.
 */
export function PlanImportPage() {
  const { id = '' } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const plan = useQuery({ queryKey: ['task-plan', id], queryFn: ({ signal }) => taskPlansApi.get(id, signal) });
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ file: File; outcome: PlanImportOutcome } | null>(null);
  const [result, setResult] = useState<PlanImportOutcome | null>(null);
  const [unitMapping, setUnitMapping] = useState<Record<string, string>>({});
  const [leaderMapping, setLeaderMapping] = useState<Record<string, string>>({});
  const [onExisting, setOnExisting] = useState<OnExisting>('update');
  // every unknown name of this file, kept while the user maps them (a re-check no longer lists mapped names)
  const [needs, setNeeds] = useState<{ units: Unmatched[]; leaders: Unmatched[] }>({ units: [], leaders: [] });
  const abort = useRef<AbortController | null>(null);
  const units = useQuery({
    queryKey: ['options', 'all-units'],
    queryFn: () => unitsApi.list({ pageSize: 200 }),
    staleTime: 5 * 60_000,
    enabled: needs.units.length > 0,
  });
  const leaders = useQuery({
    queryKey: ['leaders'],
    queryFn: leadersApi.list,
    staleTime: 60_000,
    enabled: needs.leaders.length > 0,
  });
  const unitOptions = useMemo(
    () => (units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  const leaderOptions = useMemo(
    () => (leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` })),
    [leaders.data],
  );

  const choices = (): ImportChoices => ({ unitMapping, leaderMapping, onExisting });
  const remember = (o: PlanImportOutcome) =>
    setNeeds((n) => ({
      units: [...n.units, ...o.unmatchedUnits.filter((u) => !n.units.some((x) => x.name === u.name))],
      leaders: [...n.leaders, ...o.unmatchedLeaders.filter((u) => !n.leaders.some((x) => x.name === u.name))],
    }));
  const check = useMutation({
    mutationFn: (f: File) => {
      abort.current?.abort();
      abort.current = new AbortController();
      return taskPlansApi.dryRun(id, f, choices(), abort.current.signal);
    },
    onSuccess: (outcome, f) => {
      setChecked({ file: f, outcome });
      remember(outcome);
    },
  });
  const commit = useMutation({
    mutationFn: (f: File) => taskPlansApi.commit(id, f, choices()),
    onSuccess: (outcome) => {
      setResult(outcome);
      void qc.invalidateQueries({ queryKey: ['task-plan', id] });
      void qc.invalidateQueries({ queryKey: ['task-plans'] });
      void qc.invalidateQueries({ queryKey: ['task-claims'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const template = useMutation({
    mutationFn: taskPlansApi.template,
    onSuccess: (f) => saveFile(f, t('plans.templateName')),
    onError: (e) => showError(e),
  });
  const elapsed = useElapsed(check.isPending);

  const choose = (f: File) => {
    abort.current?.abort();
    setFile(f);
    setChecked(null);
    setResult(null);
    setUnitMapping({});
    setLeaderMapping({});
    setNeeds({ units: [], leaders: [] });
    check.reset();
    commit.reset();
    check.mutate(f);
  };
  const reset = () => {
    abort.current?.abort();
    setFile(null);
    setChecked(null);
    setResult(null);
    setUnitMapping({});
    setLeaderMapping({});
    setNeeds({ units: [], leaders: [] });
    check.reset();
    commit.reset();
  };

  if (plan.isError) {
    return (
      <Result status="404" title={t('plans.notFound')} extra={<Link to="/tasks/plans">{t('common.back')}</Link>} />
    );
  }
  if (!plan.data) return <Skeleton active />;

  const o = checked && checked.file === file ? checked.outcome : null;
  const unmappedUnits = needs.units.filter((u) => !unitMapping[u.name]);
  const unmappedLeaders = needs.leaders.filter((u) => !leaderMapping[u.name]);
  const allMapped = unmappedUnits.length === 0 && unmappedLeaders.length === 0;
  const writable = o ? o.created + o.updated : 0;
  const badRows = o ? rowsWithErrors(o) : 0;
  const step = result ? 3 : o ? (allMapped ? 3 : 2) : file ? 1 : 0;
  const uploadList: UploadFile[] = file
    ? [{ uid: 'chosen', name: file.name, size: file.size, status: check.isError ? 'error' : 'done' }]
    : [];

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(planPath(id))}>
      {t('plans.importPage.back')}
    </Button>
  );

  return (
    <Page title={t('plans.importPage.title', { title: plan.data.title })} extra={back}>
      <Panel>
        <Steps
          size="small"
          responsive={false}
          current={step}
          items={[
            { title: t('import.step.file') },
            { title: t('import.step.check'), status: check.isError ? 'error' : undefined },
            { title: t('plans.importPage.stepMap') },
            { title: t('import.step.import'), status: result ? 'finish' : undefined },
          ]}
        />
      </Panel>

      {result ? (
        <Panel>
          <Result
            status={result.rejected.length ? 'warning' : 'success'}
            title={t('import.doneTitle')}
            subTitle={t('plans.importPage.done', {
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
              rows: rowsWithErrors(result),
            })}
            extra={
              <Space wrap>
                <Button type="primary" onClick={() => navigate(planPath(id))}>
                  {t('plans.importPage.viewPlan')}
                </Button>
                <Button onClick={reset}>{t('import.again')}</Button>
              </Space>
            }
          />
          <div data-testid="import-result">
            <ImportCounts unit={t('plans.importPage.tasksUnit')} outcome={result} />
          </div>
          {result.rejected.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <RejectedTable rows={result.rejected} />
            </div>
          )}
        </Panel>
      ) : (
        <>
          <Panel>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                <Typography.Text type="secondary" style={{ flex: '1 1 300px' }}>
                  {t('plans.importPage.intro')}
                </Typography.Text>
                <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
                  {t('import.downloadTemplate')}
                </Button>
              </div>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                multiple={false}
                disabled={check.isPending || commit.isPending}
                fileList={uploadList}
                beforeUpload={(f) => {
                  const problem = xlsxProblem(t, f, IMPORT_FLOW_MAX_BYTES);
                  if (problem) {
                    toast.error(problem);
                    return Upload.LIST_IGNORE;
                  }
                  choose(f);
                  return false;
                }}
                onRemove={() => {
                  reset();
                  return true;
                }}
              >
                {!file && (
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                )}
                <p className="ant-upload-text">{file ? t('import.dropAnother') : t('import.drop')}</p>
                {!file && (
                  <p className="ant-upload-hint">
                    {t('plans.importPage.dropHint', { max: formatBytes(IMPORT_FLOW_MAX_BYTES) })}
                  </p>
                )}
              </Upload.Dragger>
              {check.isPending && file && (
                <div
                  role="status"
                  style={{
                    display: 'flex',
                    gap: 12,
                    alignItems: 'center',
                    padding: '12px 16px',
                    background: '#f5f8ff',
                  }}
                >
                  <Spin />
                  <div>
                    <div>{t('import.checking', { name: file.name })}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('import.checkingHint', { seconds: elapsed })}
                    </Typography.Text>
                  </div>
                </div>
              )}
              {check.isError && (
                <Alert
                  type="error"
                  showIcon
                  title={t('import.checkFailed')}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {reasonsOf(check.error).map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  }
                />
              )}
            </Space>
          </Panel>

          {o && (
            <Panel>
              <div data-testid="import-preview">
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('import.previewTitle')}
                </Typography.Title>
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  <ImportCounts unit={t('plans.importPage.tasksUnit')} outcome={o} />
                  <Typography.Text type="secondary">
                    {t('plans.importPage.sections', {
                      created: o.sections.created,
                      updated: o.sections.updated,
                      unchanged: o.sections.unchanged,
                    })}
                    {o.skipped > 0 && ` ${t('plans.importPage.skippedCount', { count: o.skipped })}`}
                  </Typography.Text>
                  {o.columns.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('plans.importPage.columns', {
                        columns: o.columns
                          .map((c) => `${c.letter} ${c.header}${c.header === c.label ? '' : `→${c.label}`}`)
                          .join('；'),
                      })}
                      {o.unknown.length > 0 &&
                        ` ${t('plans.importPage.unknownColumns', { columns: o.unknown.map((c) => `${c.letter}:${c.header}`).join('、') })}`}
                    </Typography.Text>
                  )}
                  {o.warnings.map((w) => (
                    <Alert key={w} type="info" showIcon title={w} />
                  ))}
                  {badRows > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('import.someRejected', { rows: badRows, problems: o.rejected.length })}
                    />
                  )}
                  {o.rejected.length > 0 && (
                    <>
                      <Typography.Text strong>{t('import.rejectedTitle')}</Typography.Text>
                      <RejectedTable rows={o.rejected} />
                    </>
                  )}
                  {o.notes.length > 0 && (
                    <Alert
                      type="info"
                      showIcon
                      title={t('plans.importPage.notes')}
                      description={
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {o.notes.map((n) => (
                            <li key={`${n.row}:${n.message}`}>
                              {t('plans.importPage.note', { row: n.row, message: n.message })}
                            </li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                </Space>
              </div>
            </Panel>
          )}

          {o && (needs.units.length > 0 || needs.leaders.length > 0) && (
            <Panel>
              <div data-testid="import-mapping">
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('plans.importPage.mapTitle')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">{t('plans.importPage.mapHelp')}</Typography.Paragraph>
                {needs.units.length > 0 && (
                  <Card
                    size="small"
                    title={t('plans.importPage.unknownUnits', { count: needs.units.length })}
                    style={{ marginBottom: 12 }}
                  >
                    {units.isLoading && <Skeleton active paragraph={{ rows: 1 }} />}
                    {needs.units.map((u) => (
                      <NameMapping
                        key={u.name}
                        kind="unit"
                        item={u}
                        all={unitOptions}
                        value={unitMapping[u.name]}
                        onChange={(v) =>
                          setUnitMapping((m) => {
                            const next = { ...m };
                            if (v) next[u.name] = v;
                            else delete next[u.name];
                            return next;
                          })
                        }
                      />
                    ))}
                  </Card>
                )}
                {needs.leaders.length > 0 && (
                  <Card size="small" title={t('plans.importPage.unknownLeaders', { count: needs.leaders.length })}>
                    {needs.leaders.map((u) => (
                      <NameMapping
                        key={u.name}
                        kind="leader"
                        item={u}
                        all={leaderOptions}
                        value={leaderMapping[u.name]}
                        onChange={(v) =>
                          setLeaderMapping((m) => {
                            const next = { ...m };
                            if (v) next[u.name] = v;
                            else delete next[u.name];
                            return next;
                          })
                        }
                      />
                    ))}
                  </Card>
                )}
              </div>
            </Panel>
          )}

          {o && (
            <Panel>
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {(o.updated > 0 || o.skipped > 0) && (
                  <div>
                    <Typography.Text strong style={{ marginInlineEnd: 12 }}>
                      {t('plans.importPage.existing')}
                    </Typography.Text>
                    <Radio.Group
                      value={onExisting}
                      onChange={(e) => setOnExisting(e.target.value as OnExisting)}
                      options={[
                        { value: 'update', label: t('plans.importPage.update') },
                        { value: 'skip', label: t('plans.importPage.skip') },
                      ]}
                    />
                  </div>
                )}
                {!allMapped && (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('plans.importPage.mapFirst', {
                      names: [...unmappedUnits, ...unmappedLeaders].map((u) => `“${u.name}”`).join('、'),
                    })}
                  />
                )}
                {commit.isError && (
                  <Alert
                    type="error"
                    showIcon
                    title={t('import.importFailed')}
                    description={isApiError(commit.error) ? reasonsOf(commit.error).join('；') : undefined}
                  />
                )}
                <Space wrap style={{ justifyContent: phone ? 'stretch' : 'flex-end', width: '100%' }}>
                  <Button
                    onClick={() => file && check.mutate(file)}
                    loading={check.isPending}
                    disabled={!file || commit.isPending}
                  >
                    {t('import.recheck')}
                  </Button>
                  <Button
                    type="primary"
                    data-testid="import-commit"
                    disabled={!allMapped || check.isPending || (writable === 0 && needs.units.length === 0)}
                    loading={commit.isPending}
                    onClick={() => file && commit.mutate(file)}
                  >
                    {badRows > 0 ? t('import.confirmValid') : t('import.confirm')}
                  </Button>
                </Space>
              </Space>
            </Panel>
          )}

          {o && o.preview.length > 0 && (
            <Panel>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('plans.importPage.previewRows', { count: o.preview.length })}
              </Typography.Title>
              <Table<PreviewRow>
                size="small"
                rowKey="row"
                dataSource={o.preview}
                scroll={{ x: 900 }}
                pagination={{ pageSize: 10, showSizeChanger: false, size: 'small', placement: ['bottomEnd'] }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                columns={[
                  { title: t('import.col.row'), dataIndex: 'row', width: 60, align: 'center' },
                  { title: t('plans.col.number'), dataIndex: 'number', width: 70 },
                  { title: t('plans.form.section'), dataIndex: 'section', width: 180, ellipsis: true },
                  { title: t('plans.col.content'), dataIndex: 'content', ellipsis: true },
                  { title: t('plans.col.leadUnit'), dataIndex: 'leadUnit', width: 150 },
                  {
                    title: t('plans.col.deadline'),
                    key: 'deadline',
                    width: 220,
                    render: (_v, r) => (
                      <div style={{ lineHeight: 1.4 }}>
                        <div>{r.deadlineText}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.deadline}
                        </Typography.Text>
                      </div>
                    ),
                  },
                  {
                    title: t('plans.importPage.action'),
                    dataIndex: 'action',
                    width: 80,
                    render: (a: PreviewRow['action']) => (
                      <Tag color={ACTION_TAGS[a].color}>{t(ACTION_TAGS[a].key)}</Tag>
                    ),
                  },
                ]}
              />
            </Panel>
          )}
        </>
      )}
    </Page>
  );
}
