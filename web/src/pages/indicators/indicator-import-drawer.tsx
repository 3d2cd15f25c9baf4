import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { periodLabel } from '../../../../domain/indicators/indicator.ts';
import { type IndicatorImportOutcome, indicatorExcelApi } from '../../api/indicators.ts';
import { ImportDrawer, type ImportTexts, useImportFlow } from '../../components/import-flow.tsx';
import { useT } from '../../lib/i18n.ts';

/**
 * 导入指标数据 of the page's period: the shared import flow (components/import-flow.tsx) over the statistics
 * bureau's table — the template (the peer group's regions, figures blank), 预检 with the column reading (a column
 * can be pointed at its indicator, and the import remembers it), the 错误原因 sheet, 确认导入 of that same file.
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
  const queryClient = useQueryClient();
  const label = periodLabel(period, { withYear: true });
  const flow = useImportFlow<IndicatorImportOutcome>({
    api: {
      template: () => indicatorExcelApi.template(period, groupId),
      dryRun: (file, mapping, signal) => indicatorExcelApi.dryRun(file, period, mapping, signal),
      commit: (file, mapping) => indicatorExcelApi.commit(file, period, mapping),
      errorsFile: (file, mapping) => indicatorExcelApi.errorsFile(file, period, mapping),
    },
    templateName: `指标导入模板-${period}.xlsx`,
    onCommitted: () => void queryClient.invalidateQueries({ queryKey: ['indicators'] }),
    onClose,
  });
  const texts: ImportTexts<IndicatorImportOutcome> = {
    title: t('indicatorImport.title', { period: label }),
    templateIntro: t('indicatorImport.templateIntro'),
    countUnit: t('indicatorImport.figures'),
    allValid: (count) => t('indicatorImport.allValid', { count }),
    allUnchanged: t('indicatorImport.allUnchanged'),
    nothing: t('indicatorImport.noFigures'),
    allRejected: (rows) => t('indicatorImport.allRejected', { rows }),
    rest: (o, writable) =>
      writable > 0
        ? t('indicatorImport.onlyValid', { created: o.created, updated: o.updated })
        : t('indicatorImport.restUnchanged', { unchanged: o.unchanged }),
    done: (o) =>
      t('indicatorImport.doneSummary', {
        period: label,
        created: o.created,
        updated: o.updated,
        unchanged: o.unchanged,
      }),
  };
  return (
    <ImportDrawer
      flow={flow}
      open={open}
      texts={texts}
      width={720}
      intro={<Alert type="info" showIcon title={t('indicatorImport.periodNote', { period: label })} />}
    />
  );
}
