import { ExportOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import type { ProjectListQuery } from '../../../../domain/projects/contracts.ts';
import { type ImportOutcome, projectExcelApi } from '../../api/project-import.ts';
import { ImportDrawer, type ImportTexts, useImportFlow } from '../../components/import-flow.tsx';
import { rowsWithErrors } from '../../components/import-parts.tsx';
import { showError } from '../../lib/feedback.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useInvalidate } from '../org/org-queries.ts';

/**
 * 导入项目: the shared import flow (components/import-flow.tsx) over the project library's Excel — template, 预检
 * with the column reading, the 错误原因 sheet, 确认导入 of that same file — and the list refreshed.
 */
export function ProjectImportDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const invalidate = useInvalidate();
  const flow = useImportFlow<ImportOutcome>({
    api: {
      template: projectExcelApi.template,
      dryRun: projectExcelApi.dryRun,
      commit: projectExcelApi.commit,
      errorsFile: projectExcelApi.errorsFile,
    },
    templateName: t('projectImport.templateName'),
    onCommitted: () => invalidate('projects', 'project'),
    onClose,
  });
  const texts: ImportTexts<ImportOutcome> = {
    title: t('projectImport.title'),
    templateIntro: t('projectImport.templateIntro'),
    allValid: (count) => t('projectImport.allValid', { count }),
    allUnchanged: t('projectImport.allUnchanged'),
    nothing: t('projectImport.noRows'),
    allRejected: (rows) => t('projectImport.allRejected', { rows }),
    rest: (o, writable) =>
      writable > 0
        ? t('projectImport.onlyValid', { created: o.created, updated: o.updated })
        : t('projectImport.restUnchanged', { unchanged: o.unchanged }),
    done: (o) =>
      o.rejected.length
        ? t('projectImport.doneWithRejected', {
            created: o.created,
            updated: o.updated,
            unchanged: o.unchanged,
            rows: rowsWithErrors(o),
          })
        : t('projectImport.doneSummary', { created: o.created, updated: o.updated, unchanged: o.unchanged }),
  };
  return <ImportDrawer flow={flow} open={open} texts={texts} />;
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
