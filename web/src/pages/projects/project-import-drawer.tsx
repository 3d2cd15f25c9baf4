import { DownloadOutlined, ExportOutlined, InboxOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Drawer, Result, Space, Spin, Steps, Tooltip, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import type { ProjectListQuery } from '../../../../domain/projects/contracts.ts';
import { isApiError } from '../../api/client.ts';
import { type HeaderMapping, IMPORT_MAX_BYTES, type ImportOutcome, projectExcelApi } from '../../api/project-import.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import {
  formatBytes,
  ImportCounts,
  ImportFooter,
  RejectedTable,
  reasonsOf,
  rowsWithErrors,
  useElapsed,
  xlsxProblem,
} from '../../components/import-parts.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useInvalidate } from '../org/org-queries.ts';
import { ColumnMapping, columnReportOf } from './import-column-mapping.tsx';

/**
 * 导入项目: download the template, choose an .xlsx (checked in the browser, never sent on its own), 预检 (a dry run
 * that writes nothing) with the counts and every rejected row, the uploaded sheet back with a 错误原因 column, then
 * 确认导入 of that same file — only its valid rows are written — and the list refreshed.
 */
export function ProjectImportDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const size = useDrawerSize(760);
  const invalidate = useInvalidate();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ file: File; outcome: ImportOutcome } | null>(null);
  const [result, setResult] = useState<ImportOutcome | null>(null);
  const [mapping, setMapping] = useState<HeaderMapping>({});
  const abort = useRef<AbortController | null>(null);

  const template = useMutation({
    mutationFn: projectExcelApi.template,
    onSuccess: (f) => saveFile(f, t('projectImport.templateName')),
    onError: (e) => showError(e),
  });
  const check = useMutation({
    mutationFn: ({ file: f, mapping: m }: { file: File; mapping: HeaderMapping }) => {
      abort.current?.abort();
      abort.current = new AbortController();
      return projectExcelApi.dryRun(f, m, abort.current.signal);
    },
    onSuccess: (outcome, v) => setPreview({ file: v.file, outcome }),
  });
  const commit = useMutation({
    mutationFn: (f: File) => projectExcelApi.commit(f, mapping),
    onSuccess: (outcome) => {
      setResult(outcome);
      invalidate('projects', 'project');
    },
  });
  const errorsFile = useMutation({
    mutationFn: (f: File) => projectExcelApi.errorsFile(f, mapping),
    // named after the user's own file (the server calls every such file 导入错误原因.xlsx)
    onSuccess: (f, source) => {
      const name = t('projectImport.errorsFileName', { name: source.name.replace(/\.xlsx$/i, '') });
      saveFile({ ...f, filename: name }, name);
    },
    onError: (e) => showError(e),
  });
  const elapsed = useElapsed(check.isPending);

  const reset = () => {
    abort.current?.abort();
    setFile(null);
    setPreview(null);
    setResult(null);
    setMapping({});
    check.reset();
    commit.reset();
  };
  const close = () => {
    if (commit.isPending) return; // the import runs to its end on the server: wait for its answer
    reset();
    onClose();
  };
  const choose = (f: File) => {
    abort.current?.abort();
    setFile(f);
    setPreview(null);
    setMapping({});
    check.reset();
    commit.reset();
  };

  const checked = preview !== null && preview.file === file ? preview.outcome : null;
  const writable = checked ? checked.created + checked.updated : 0;
  const badRows = checked ? rowsWithErrors(checked) : 0;
  const busy = check.isPending || commit.isPending;
  // how the columns were read: from the check, or from the refusal when required columns were not found
  const report = checked ?? columnReportOf(isApiError(check.error) ? check.error.details : null);
  // the step the user is at: choose a file, check it, import it (done once the result is in)
  const step = result || commit.isPending || checked ? 2 : file ? 1 : 0;

  const uploadList: UploadFile[] = file
    ? [
        {
          uid: 'chosen',
          name: file.name,
          size: file.size,
          status: check.isError ? 'error' : 'done',
        },
      ]
    : [];

  /** What the check means for the import, in one alert: everything goes in, nothing to do, or only some rows. */
  const verdict = (o: ImportOutcome) => {
    if (o.rejected.length === 0) {
      if (writable > 0)
        return <Alert type="success" showIcon title={t('projectImport.allValid', { count: writable })} />;
      return (
        <Alert
          type="info"
          showIcon
          title={o.unchanged > 0 ? t('projectImport.allUnchanged') : t('projectImport.noRows')}
        />
      );
    }
    if (writable === 0 && o.unchanged === 0) {
      return <Alert type="error" showIcon title={t('projectImport.allRejected', { rows: badRows })} />;
    }
    return (
      <Alert
        type="warning"
        showIcon
        title={t('projectImport.someRejected', { rows: badRows, problems: o.rejected.length })}
        description={
          writable > 0
            ? t('projectImport.onlyValid', { created: o.created, updated: o.updated })
            : t('projectImport.restUnchanged', { unchanged: o.unchanged })
        }
      />
    );
  };

  const footer = (
    <ImportFooter
      done={result !== null}
      hasFile={file !== null}
      checked={checked !== null}
      checking={check.isPending}
      committing={commit.isPending}
      writable={writable}
      badRows={badRows}
      onCheck={() => file && check.mutate({ file, mapping })}
      onCommit={() => checked && preview && commit.mutate(preview.file)}
      onAgain={reset}
      onClose={close}
    />
  );

  return (
    <Drawer
      title={t('projectImport.title')}
      open={open}
      onClose={close}
      size={size}
      closable={!commit.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={footer}
    >
      <Steps
        size="small"
        responsive={false}
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('projectImport.step.file') },
          {
            title: t('projectImport.step.check'),
            icon: check.isPending ? <LoadingOutlined /> : undefined,
            status: check.isError ? 'error' : undefined,
          },
          {
            title: t('projectImport.step.import'),
            icon: commit.isPending ? <LoadingOutlined /> : undefined,
            status: result ? 'finish' : undefined,
          },
        ]}
      />

      {result ? (
        <div data-testid="import-result">
          <Result
            status={result.rejected.length ? 'warning' : 'success'}
            title={t('projectImport.doneTitle')}
            subTitle={
              result.rejected.length
                ? t('projectImport.doneWithRejected', {
                    created: result.created,
                    updated: result.updated,
                    unchanged: result.unchanged,
                    rows: rowsWithErrors(result),
                  })
                : t('projectImport.doneSummary', {
                    created: result.created,
                    updated: result.updated,
                    unchanged: result.unchanged,
                  })
            }
            style={{ padding: '8px 0 16px' }}
          />
          <ImportCounts outcome={result} />
          {result.rejected.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <RejectedTable rows={result.rejected} />
            </div>
          )}
        </div>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography.Text type="secondary" style={{ flex: '1 1 300px' }}>
              {t('projectImport.templateIntro')}
            </Typography.Text>
            <Button
              icon={<DownloadOutlined />}
              loading={template.isPending}
              onClick={() => template.mutate()}
              style={{ flex: 'none' }}
            >
              {t('projectImport.downloadTemplate')}
            </Button>
          </div>

          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            multiple={false}
            disabled={busy}
            fileList={uploadList}
            beforeUpload={(f) => {
              const problem = xlsxProblem(t, f, IMPORT_MAX_BYTES);
              if (problem) {
                toast.error(problem);
                return Upload.LIST_IGNORE;
              }
              choose(f);
              return false; // never sent on its own: 预检 sends it
            }}
            onRemove={() => {
              reset();
              return true;
            }}
          >
            {/* once a file is chosen the area only offers another one: the check below needs the room */}
            {!file && (
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
            )}
            <p className="ant-upload-text">{file ? t('projectImport.dropAnother') : t('projectImport.drop')}</p>
            {!file && (
              <p className="ant-upload-hint">{t('projectImport.dropHint', { max: formatBytes(IMPORT_MAX_BYTES) })}</p>
            )}
          </Upload.Dragger>

          {check.isPending && file && (
            <div
              role="status"
              style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '12px 16px', background: '#f5f8ff' }}
            >
              <Spin />
              <div>
                <div>{t('projectImport.checking', { name: file.name })}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projectImport.checkingHint', { seconds: elapsed })}
                </Typography.Text>
              </div>
            </div>
          )}

          {check.isError && (
            <Alert
              type="error"
              showIcon
              title={t('projectImport.checkFailed')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {reasonsOf(check.error).map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              }
            />
          )}

          {file && !check.isPending && report && (
            <ColumnMapping
              report={report}
              disabled={busy}
              onChange={(header, key) => {
                const next = { ...mapping, [header]: key };
                setMapping(next);
                check.mutate({ file, mapping: next });
              }}
            />
          )}

          {commit.isError && (
            <Alert
              type="error"
              showIcon
              title={t('projectImport.importFailed')}
              description={reasonsOf(commit.error).join(';')}
            />
          )}

          {checked && (
            <div data-testid="import-preview">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('projectImport.previewTitle')}
              </Typography.Title>
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                <ImportCounts outcome={checked} />
                {verdict(checked)}
                {commit.isPending && (
                  <div role="status" style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                    <Spin size="small" />
                    <Typography.Text>{t('projectImport.importing')}</Typography.Text>
                  </div>
                )}
                {checked.rejected.length > 0 && (
                  <>
                    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
                      <Typography.Text strong style={{ flex: 1 }}>
                        {t('projectImport.rejectedTitle')}
                      </Typography.Text>
                      <Button
                        icon={<DownloadOutlined />}
                        loading={errorsFile.isPending}
                        onClick={() => errorsFile.mutate(preview!.file)}
                      >
                        {t('projectImport.downloadErrors')}
                      </Button>
                    </div>
                    <RejectedTable rows={checked.rejected} />
                  </>
                )}
              </Space>
            </div>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** 导入 in the list's toolbar, with its drawer. */
export function ProjectImportButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('projectImport.button')}
      </Button>
      <ProjectImportDrawer open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** 导出: the ledger (台账) of the list's current filter, in the caller's scope. */
export function ProjectExportButton({ filter }: { filter: Partial<ProjectListQuery> }) {
  const t = useT();
  const ledger = useMutation({
    mutationFn: projectExcelApi.ledger,
    onSuccess: (f) => saveFile(f, t('projectImport.ledgerName')),
    onError: (e) => showError(e),
  });
  return (
    <Tooltip title={t('projectImport.exportHelp')}>
      <Button icon={<ExportOutlined />} loading={ledger.isPending} onClick={() => ledger.mutate(filter)}>
        {t('projectImport.export')}
      </Button>
    </Tooltip>
  );
}
