import { DownloadOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Drawer, Result, Space, Spin, Steps, Typography, Upload, type UploadFile } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { type FileResponse, isApiError } from '../api/client.ts';
import { showError, toast } from '../lib/feedback.ts';
import { useT } from '../lib/i18n.ts';
import { saveFile } from '../lib/save-file.ts';
import { useDrawerSize } from './drawers.tsx';
import { ColumnMapping, type ColumnReport, columnReportOf } from './import-column-mapping.tsx';
import {
  formatBytes,
  ImportCounts,
  type ImportCountsOutcome,
  ImportFooter,
  RejectedTable,
  reasonsOf,
  rowsWithErrors,
  useElapsed,
  xlsxProblem,
} from './import-parts.tsx';

/**
 * The flow every Excel import drawer shares (projects, indicator tables, later task plans): choose an .xlsx (checked
 * in the browser, never sent on its own), 预检 (a dry run that writes nothing) with its counts, rejected rows and
 * column reading (列识别, correctable), the uploaded sheet back with a 错误原因 column, then 确认导入 of that same
 * file with the same corrections. `useImportFlow` holds the state; `ImportDrawer` draws it. A drawer says only what
 * differs: its calls, its words, what a commit refreshes, and anything it shows above the file (a period).
 */

/** The user's corrections of the column reading: header → field key, or null to leave the column out. */
export type HeaderMapping = Record<string, string | null>;

/** What a dry run or an import answers: counts, rejected rows, and (when the import reads columns) their reading. */
export type ImportFlowOutcome = ImportCountsOutcome & Partial<ColumnReport>;

export type ImportFlowApi<O extends ImportFlowOutcome> = {
  template: () => Promise<FileResponse>;
  dryRun: (file: File, mapping: HeaderMapping, signal: AbortSignal) => Promise<O>;
  commit: (file: File, mapping: HeaderMapping) => Promise<O>;
  /** the uploaded sheet given back with a 错误原因 column; without it the button is not offered */
  errorsFile?: (file: File, mapping: HeaderMapping) => Promise<FileResponse>;
};

/** The upload limit of the server (app.ts multipart `fileSize`, xlsx-read DEFAULT_MAX_BYTES). */
export const IMPORT_FLOW_MAX_BYTES = 10 * 1024 * 1024;

const hasReport = (o: Partial<ColumnReport> | null | undefined): o is ColumnReport =>
  Boolean(o && Array.isArray(o.columns) && Array.isArray(o.unknown) && Array.isArray(o.fields));

export function useImportFlow<O extends ImportFlowOutcome>({
  api,
  templateName,
  onCommitted,
  onClose,
}: {
  api: ImportFlowApi<O>;
  /** the template's file name when the server sends none */
  templateName: string;
  /** what a finished import refreshes (lists, queries) */
  onCommitted: (outcome: O) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ file: File; outcome: O } | null>(null);
  const [result, setResult] = useState<O | null>(null);
  const [mapping, setMapping] = useState<HeaderMapping>({});
  const abort = useRef<AbortController | null>(null);

  const template = useMutation({
    mutationFn: api.template,
    onSuccess: (f) => saveFile(f, templateName),
    onError: (e) => showError(e),
  });
  const check = useMutation({
    mutationFn: ({ file: f, mapping: m }: { file: File; mapping: HeaderMapping }) => {
      abort.current?.abort();
      abort.current = new AbortController();
      return api.dryRun(f, m, abort.current.signal);
    },
    onSuccess: (outcome, v) => setPreview({ file: v.file, outcome }),
  });
  const commit = useMutation({
    mutationFn: ({ file: f, mapping: m }: { file: File; mapping: HeaderMapping }) => api.commit(f, m),
    onSuccess: (outcome) => {
      setResult(outcome);
      onCommitted(outcome);
    },
  });
  const errorsFile = useMutation({
    mutationFn: ({ file: f, mapping: m }: { file: File; mapping: HeaderMapping }) => {
      if (!api.errorsFile) throw new Error('no errors file');
      return api.errorsFile(f, m);
    },
    // named after the user's own file (the server calls every such file 导入错误原因.xlsx)
    onSuccess: (f, v) => {
      const name = t('import.errorsFileName', { name: v.file.name.replace(/\.xlsx$/i, '') });
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
  // how the columns were read: from the check, or from the refusal when the required columns were not found
  const refused = isApiError(check.error) ? columnReportOf(check.error.details) : null;
  const report: ColumnReport | null = hasReport(checked) ? checked : refused;

  return {
    file,
    checked,
    result,
    mapping,
    report,
    writable,
    badRows,
    busy: check.isPending || commit.isPending,
    /** the step the user is at: choose a file, check it, import it (done once the result is in) */
    step: result || commit.isPending || checked ? 2 : file ? 1 : 0,
    elapsed,
    template,
    check,
    commit,
    errorsFile,
    canDownloadErrors: Boolean(api.errorsFile),
    reset,
    close,
    choose,
    runCheck: () => file && check.mutate({ file, mapping }),
    runCommit: () => checked && preview && commit.mutate({ file: preview.file, mapping }),
    downloadErrors: () => preview && errorsFile.mutate({ file: preview.file, mapping }),
    /** a corrected column: remembered for this file and checked again at once */
    remap: (header: string, key: string | null) => {
      const next = { ...mapping, [header]: key };
      setMapping(next);
      if (file) check.mutate({ file, mapping: next });
    },
  };
}

export type ImportFlow<O extends ImportFlowOutcome> = ReturnType<typeof useImportFlow<O>>;

/** The words a drawer gives the shared flow: what its rows are and what the verdicts say. */
export type ImportTexts<O extends ImportFlowOutcome> = {
  title: string;
  templateIntro: string;
  /** what 新增/更新/无变化 count (行, 项); rows by default */
  countUnit?: string;
  allValid: (writable: number) => string;
  allUnchanged: string;
  nothing: string;
  allRejected: (rows: number) => string;
  /** some rows are rejected: what 确认导入 writes of the rest */
  rest: (o: O, writable: number) => string;
  done: (o: O) => string;
};

/** What the check means for the import, in one alert: everything goes in, nothing to do, or only some rows. */
function Verdict<O extends ImportFlowOutcome>({
  o,
  flow,
  texts,
}: {
  o: O;
  flow: ImportFlow<O>;
  texts: ImportTexts<O>;
}) {
  const t = useT();
  if (o.rejected.length === 0) {
    if (flow.writable > 0) return <Alert type="success" showIcon title={texts.allValid(flow.writable)} />;
    return <Alert type="info" showIcon title={o.unchanged > 0 ? texts.allUnchanged : texts.nothing} />;
  }
  if (flow.writable === 0 && o.unchanged === 0) {
    return <Alert type="error" showIcon title={texts.allRejected(flow.badRows)} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t('import.someRejected', { rows: flow.badRows, problems: o.rejected.length })}
      description={texts.rest(o, flow.writable)}
    />
  );
}

/** The drawer of an import: steps, template, dragger, the check's progress and answer, the result; the footer. */
export function ImportDrawer<O extends ImportFlowOutcome>({
  flow,
  open,
  texts,
  width = 760,
  intro,
}: {
  flow: ImportFlow<O>;
  open: boolean;
  texts: ImportTexts<O>;
  width?: number;
  /** shown above the template (e.g. which period the figures are imported as) */
  intro?: ReactNode;
}) {
  const t = useT();
  const size = useDrawerSize(width);
  const { file, checked, result, check, commit } = flow;

  const uploadList: UploadFile[] = file
    ? [{ uid: 'chosen', name: file.name, size: file.size, status: check.isError ? 'error' : 'done' }]
    : [];

  const footer = (
    <ImportFooter
      done={result !== null}
      hasFile={file !== null}
      checked={checked !== null}
      checking={check.isPending}
      committing={commit.isPending}
      writable={flow.writable}
      badRows={flow.badRows}
      onCheck={flow.runCheck}
      onCommit={flow.runCommit}
      onAgain={flow.reset}
      onClose={flow.close}
    />
  );

  return (
    <Drawer
      title={texts.title}
      open={open}
      onClose={flow.close}
      size={size}
      closable={!commit.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={footer}
    >
      <Steps
        size="small"
        responsive={false}
        current={flow.step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('import.step.file') },
          {
            title: t('import.step.check'),
            icon: check.isPending ? <LoadingOutlined /> : undefined,
            status: check.isError ? 'error' : undefined,
          },
          {
            title: t('import.step.import'),
            icon: commit.isPending ? <LoadingOutlined /> : undefined,
            status: result ? 'finish' : undefined,
          },
        ]}
      />

      {result ? (
        <div data-testid="import-result">
          <Result
            status={result.rejected.length ? 'warning' : 'success'}
            title={t('import.doneTitle')}
            subTitle={texts.done(result)}
            style={{ padding: '8px 0 16px' }}
          />
          <ImportCounts unit={texts.countUnit} outcome={result} />
          {result.rejected.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <RejectedTable rows={result.rejected} />
            </div>
          )}
        </div>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {intro}
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography.Text type="secondary" style={{ flex: '1 1 300px' }}>
              {texts.templateIntro}
            </Typography.Text>
            <Button
              icon={<DownloadOutlined />}
              loading={flow.template.isPending}
              onClick={() => flow.template.mutate()}
              style={{ flex: 'none' }}
            >
              {t('import.downloadTemplate')}
            </Button>
          </div>

          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            multiple={false}
            disabled={flow.busy}
            fileList={uploadList}
            beforeUpload={(f) => {
              const problem = xlsxProblem(t, f, IMPORT_FLOW_MAX_BYTES);
              if (problem) {
                toast.error(problem);
                return Upload.LIST_IGNORE;
              }
              flow.choose(f);
              return false; // never sent on its own: 预检 sends it
            }}
            onRemove={() => {
              flow.reset();
              return true;
            }}
          >
            {/* once a file is chosen the area only offers another one: the check below needs the room */}
            {!file && (
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
            )}
            <p className="ant-upload-text">{file ? t('import.dropAnother') : t('import.drop')}</p>
            {!file && (
              <p className="ant-upload-hint">{t('import.dropHint', { max: formatBytes(IMPORT_FLOW_MAX_BYTES) })}</p>
            )}
          </Upload.Dragger>

          {check.isPending && file && (
            <div
              role="status"
              style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '12px 16px', background: '#f5f8ff' }}
            >
              <Spin />
              <div>
                <div>{t('import.checking', { name: file.name })}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('import.checkingHint', { seconds: flow.elapsed })}
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

          {file && !check.isPending && flow.report && (
            <ColumnMapping report={flow.report} disabled={flow.busy} onChange={flow.remap} />
          )}

          {commit.isError && (
            <Alert
              type="error"
              showIcon
              title={t('import.importFailed')}
              description={reasonsOf(commit.error).join(';')}
            />
          )}

          {checked && (
            <div data-testid="import-preview">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('import.previewTitle')}
              </Typography.Title>
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                <ImportCounts unit={texts.countUnit} outcome={checked} />
                <Verdict o={checked} flow={flow} texts={texts} />
                {commit.isPending && (
                  <div role="status" style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                    <Spin size="small" />
                    <Typography.Text>{t('import.importing')}</Typography.Text>
                  </div>
                )}
                {checked.rejected.length > 0 && (
                  <>
                    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
                      <Typography.Text strong style={{ flex: 1 }}>
                        {t('import.rejectedTitle')}
                      </Typography.Text>
                      {flow.canDownloadErrors && (
                        <Button
                          icon={<DownloadOutlined />}
                          loading={flow.errorsFile.isPending}
                          onClick={flow.downloadErrors}
                        >
                          {t('import.downloadErrors')}
                        </Button>
                      )}
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
