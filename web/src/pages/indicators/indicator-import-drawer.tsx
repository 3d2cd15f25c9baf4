import { DownloadOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Result, Space, Spin, Steps, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { periodLabel } from '../../../../domain/indicators/indicator.ts';
import { type IndicatorImportOutcome, indicatorExcelApi } from '../../api/indicators.ts';
import { IMPORT_MAX_BYTES } from '../../api/project-import.ts';
import { useDrawerSize } from '../../components/drawers.tsx';
import {
  formatBytes,
  ImportCounts,
  ImportFooter,
  RejectedTable,
  reasonsOf,
  rowsWithErrors,
  xlsxProblem,
} from '../../components/import-parts.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';

type Rejection = IndicatorImportOutcome['rejected'][number];

const maxMb = formatBytes(IMPORT_MAX_BYTES);

/**
 * 导入指标数据 of the page's period: download the template (the peer group's regions, figures blank), choose an
 * .xlsx, 预检 (writes nothing) with the counts and every rejected row, 确认导入 of that same file, then the result.
 */
export function IndicatorImportDrawer({
  open,
  period,
  groupId,
  onClose,
}: {
  open: boolean;
  period: string;
  groupId?: string;
  onClose: () => void;
}) {
  const t = useT();
  const size = useDrawerSize(720);
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ file: File; outcome: IndicatorImportOutcome } | null>(null);
  const [result, setResult] = useState<IndicatorImportOutcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const label = periodLabel(period, { withYear: true });

  const template = useMutation({
    mutationFn: () => indicatorExcelApi.template(period, groupId),
    onSuccess: (f) => saveFile(f, `指标导入模板-${period}.xlsx`),
    onError: (e) => showError(e),
  });
  const check = useMutation({
    mutationFn: (f: File) => {
      abort.current?.abort();
      abort.current = new AbortController();
      return indicatorExcelApi.dryRun(f, period, abort.current.signal);
    },
    onSuccess: (outcome, f) => setPreview({ file: f, outcome }),
  });
  const commit = useMutation({
    mutationFn: (f: File) => indicatorExcelApi.commit(f, period),
    onSuccess: (outcome) => {
      setResult(outcome);
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
    },
  });

  const reset = () => {
    abort.current?.abort();
    setFile(null);
    setPreview(null);
    setResult(null);
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
    check.reset();
    commit.reset();
  };

  const checked = preview !== null && preview.file === file ? preview.outcome : null;
  const writable = checked ? checked.created + checked.updated : 0;
  const badRows = checked ? rowsWithErrors(checked) : 0;
  const busy = check.isPending || commit.isPending;
  const step = result || commit.isPending || checked ? 2 : file ? 1 : 0;
  const uploadList: UploadFile[] = file
    ? [{ uid: 'chosen', name: file.name, size: file.size, status: check.isError ? 'error' : 'done' }]
    : [];

  const verdict = (o: IndicatorImportOutcome) => {
    if (o.rejected.length === 0) {
      if (writable > 0)
        return <Alert type="success" showIcon title={t('indicatorImport.allValid', { count: writable })} />;
      return (
        <Alert
          type="info"
          showIcon
          title={o.unchanged > 0 ? t('indicatorImport.allUnchanged') : t('indicatorImport.noFigures')}
        />
      );
    }
    if (writable === 0 && o.unchanged === 0) {
      return <Alert type="error" showIcon title={t('indicatorImport.allRejected', { rows: badRows })} />;
    }
    return (
      <Alert
        type="warning"
        showIcon
        title={t('projectImport.someRejected', { rows: badRows, problems: o.rejected.length })}
        description={t('indicatorImport.onlyValid', { created: o.created, updated: o.updated })}
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
      onCheck={() => file && check.mutate(file)}
      onCommit={() => checked && preview && commit.mutate(preview.file)}
      onAgain={reset}
      onClose={close}
    />
  );

  return (
    <Drawer
      title={t('indicatorImport.title', { period: label })}
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
            subTitle={t('indicatorImport.doneSummary', {
              period: label,
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
            })}
            style={{ padding: '8px 0 16px' }}
          />
          <ImportCounts unit={t('indicatorImport.figures')} outcome={result} />
          {result.rejected.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <RejectedTable rows={result.rejected} />
            </div>
          )}
        </div>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('indicatorImport.periodNote', { period: label })} />
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography.Text type="secondary" style={{ flex: '1 1 300px' }}>
              {t('indicatorImport.templateIntro')}
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
            {!file && (
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
            )}
            <p className="ant-upload-text">{file ? t('projectImport.dropAnother') : t('projectImport.drop')}</p>
            {!file && <p className="ant-upload-hint">{t('projectImport.dropHint', { max: maxMb })}</p>}
          </Upload.Dragger>

          {check.isPending && file && (
            <div role="status" style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '12px 16px' }}>
              <Spin />
              <span>{t('indicatorImport.checking', { name: file.name })}</span>
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
                <ImportCounts unit={t('indicatorImport.figures')} outcome={checked} />
                {verdict(checked)}
                {commit.isPending && (
                  <div role="status" style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                    <Spin size="small" />
                    <Typography.Text>{t('projectImport.importing')}</Typography.Text>
                  </div>
                )}
                {checked.rejected.length > 0 && (
                  <>
                    <Typography.Text strong>{t('projectImport.rejectedTitle')}</Typography.Text>
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
