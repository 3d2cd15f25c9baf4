import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input } from 'antd';
import { AmendmentRequest, RETURN_REASON_MAX, type WeeklyReport } from '../../../../domain/dispatch/contracts.ts';
import { dispatchReportsApi } from '../../api/dispatch-reports.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { type FigureValues, figuresForApi, figuresOf, ReportFields } from './report-fields.tsx';

type Values = FigureValues & { reason?: string };

/**
 * 申请更正: an accepted report is locked; the reporter proposes the corrected figures with a reason and a coordinator
 * approves or refuses. The report keeps its figures until then, and both versions stay visible.
 */
export function AmendmentDrawer({
  report,
  open,
  onClose,
  onSaved,
  onStale,
}: {
  report: WeeklyReport;
  open: boolean;
  onClose: () => void;
  onSaved: (r: WeeklyReport) => void;
  onStale: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = validateWith(form, AmendmentRequest, {
        ...figuresForApi(v),
        reason: v.reason ?? '',
        version: report.version,
      });
      if (!body || !report.id) return null;
      return dispatchReportsApi.requestAmendment(report.id, body);
    },
    onSuccess: (r) => {
      if (!r) return;
      onSaved(r);
      toast.success(t('dispatch.amend.requested'));
      onClose();
    },
    onError: (e) => handleSaveError(form, e, onStale),
  });
  return (
    <FormDrawer
      title={t('dispatch.amend.title')}
      open={open}
      onClose={onClose}
      onSubmit={() => save.mutate(form.getFieldsValue())}
      submitting={save.isPending}
      width={520}
    >
      <Alert type="info" showIcon title={t('dispatch.amend.intro')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" initialValues={figuresOf(report)} preserve={false}>
        <ReportFields remaining={report.pacing.remainingInvestment} />
        <Form.Item name="reason" label={t('dispatch.amend.reason')} required>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={RETURN_REASON_MAX}
            showCount
            placeholder={t('dispatch.amend.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
