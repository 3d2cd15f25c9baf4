import { ArrowLeftOutlined, CheckOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Grid, Popconfirm, Row, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { parseWeekKey, weekLabel } from '../../../../domain/common/iso-week.ts';
import { type ReportPhoto, ReportSave, type WeeklyReport } from '../../../../domain/dispatch/contracts.ts';
import { isApiError } from '../../api/client.ts';
import { type Amendment, dispatchReportsApi } from '../../api/dispatch-reports.ts';
import { useMe } from '../../app/session.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError, NotFoundResult } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { AmendmentDrawer } from './amendment-drawer.tsx';
import { ReportStatusTag, TimingTag } from './dispatch-labels.tsx';
import { RaiseItemButton } from './item-raise-drawer.tsx';
import {
  type FigureValues,
  figuresForApi,
  figuresOf,
  PacingStrip,
  ReportFields,
  ReportFiguresView,
} from './report-fields.tsx';
import { ReportPhotos, usePendingPhotos } from './report-photos.tsx';
import { AmendmentHistory, ReasonModal } from './report-review.tsx';
import { DeadlineText, useShortLang } from './week-picker.tsx';

/** 填报 (the reporter's form), 审核 (a coordinator with a submitted report before them) or 查看. */
type Mode = 'edit' | 'review' | 'view';
const modeOf = (r: WeeklyReport): Mode => (r.can.review ? 'review' : r.can.edit ? 'edit' : 'view');

const reportKey = (projectId: string, week: string) => ['dispatch-report', projectId, week];

/** The buttons of the page: in the flow on a desktop, a bar held at the bottom of the screen on a phone. */
function ActionBar({ phone, children }: { phone: boolean; children: ReactNode }) {
  if (!phone)
    return <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 4 }}>{children}</div>;
  return (
    <div
      data-testid="action-bar"
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 5,
        display: 'flex',
        gap: 8,
        margin: '0 -8px -8px',
        padding: '10px 12px calc(10px + env(safe-area-inset-bottom))',
        background: '#fff',
        boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
      }}
    >
      {children}
    </div>
  );
}

function Header({ report, phone, onBack }: { report: WeeklyReport; phone: boolean; onBack: () => void }) {
  const t = useT();
  const me = useMe();
  const lang = useShortLang();
  return (
    <Card variant="borderless" size={phone ? 'small' : undefined}>
      <div style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
        {phone && (
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('dispatch.report.back')}
            onClick={onBack}
            style={{ marginInlineStart: -8, flex: 'none' }}
          />
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }} data-testid="report-project">
            {report.projectName}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {report.regionName} · {report.responsibleUnitName}
          </Typography.Text>
        </div>
      </div>
      <div style={{ marginTop: phone ? 6 : 8 }}>
        <Typography.Text strong>{weekLabel(report.week, lang)}</Typography.Text>
      </div>
      <div
        data-testid="report-state"
        style={{ marginTop: 4, display: 'flex', flexWrap: 'wrap', gap: '4px 8px', alignItems: 'center' }}
      >
        <DeadlineText deadline={report.deadline} />
        <ReportStatusTag status={report.status} />
        <TimingTag timing={report.timing} />
        {report.submittedAt && report.submittedByName && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dispatch.report.submittedInfo', {
              name: report.submittedByName,
              time: formatMinute(report.submittedAt),
            })}
          </Typography.Text>
        )}
        {me.can.reportWeekly && (
          <span style={{ marginInlineStart: 'auto' }}>
            <RaiseItemButton project={{ id: report.projectId, name: report.projectName }} reportId={report.id} />
          </span>
        )}
      </div>
    </Card>
  );
}

/** What the reporter should know first: why it came back, where the figures came from, whether it is locked. */
function Notices({ report }: { report: WeeklyReport }) {
  const t = useT();
  const notices: ReactNode[] = [];
  if (report.status === 'returned' && report.returnedReason) {
    notices.push(
      <Alert
        key="returned"
        type="error"
        showIcon
        data-testid="returned-reason"
        title={t('dispatch.report.returned')}
        description={
          <>
            <div style={{ fontSize: 16, fontWeight: 500, whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>
              {report.returnedReason}
            </div>
            {report.reviewedByName && report.reviewedAt && (
              <div style={{ fontSize: 12, marginTop: 4 }}>
                {t('dispatch.report.returnedBy', {
                  name: report.reviewedByName,
                  time: formatMinute(report.reviewedAt),
                })}
              </div>
            )}
          </>
        }
      />,
    );
  }
  if (report.inspectionFlag) {
    notices.push(
      <Alert
        key="inspection"
        type="warning"
        showIcon
        data-testid="inspection-flag"
        title={t('insp.flag.title')}
        description={report.inspectionFlag.note}
      />,
    );
  }
  if (report.prefilled && report.can.edit) {
    notices.push(<Alert key="prefilled" type="info" showIcon title={t('dispatch.report.prefilled')} />);
  }
  if (report.status === 'submitted' && report.can.edit && !report.can.review) {
    notices.push(<Alert key="submitted" type="success" showIcon title={t('dispatch.report.submittedEditable')} />);
  }
  if (report.status === 'accepted') {
    notices.push(
      <Alert
        key="accepted"
        type="success"
        showIcon
        title={report.can.amend ? t('dispatch.report.locked') : t('dispatch.report.lockedPlain')}
        description={
          report.reviewedByName && report.reviewedAt
            ? t('dispatch.report.reviewedInfo', { name: report.reviewedByName, time: formatMinute(report.reviewedAt) })
            : undefined
        }
      />,
    );
  }
  if (report.amendments.some((a) => a.status === 'pending')) {
    notices.push(<Alert key="amend" type="warning" showIcon title={t('dispatch.amend.pendingNotice')} />);
  }
  if (report.status === 'none' && !report.can.edit) {
    notices.push(<Alert key="none" type="info" showIcon title={t('dispatch.report.notReported')} />);
  }
  return notices.length ? <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>{notices}</div> : null;
}

/** 周报: one project's report for one week — fill and submit on a phone, review, amend. */
export function ReportPage() {
  const { projectId = '', week = '' } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = Grid.useBreakpoint().md === false;
  const key = reportKey(projectId, week);
  const q = useQuery({
    queryKey: key,
    queryFn: () => dispatchReportsApi.get(projectId, week),
    enabled: parseWeekKey(week) !== null,
    meta: { silent: true },
  });
  const report = q.data;

  const put = (r: WeeklyReport) => {
    qc.setQueryData(key, r);
    void qc.invalidateQueries({ queryKey: ['dispatch-board'] });
  };
  const patchPhotos = (fn: (photos: ReportPhoto[]) => ReportPhoto[]) => {
    qc.setQueryData<WeeklyReport>(key, (r) => (r ? { ...r, photos: fn(r.photos) } : r));
    void qc.invalidateQueries({ queryKey: ['dispatch-board'] });
  };
  const reload = () => void qc.invalidateQueries({ queryKey: key });
  const pendingPhotos = usePendingPhotos((p) => patchPhotos((list) => [...list, p]));

  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate(`/dispatch/reports?week=${encodeURIComponent(week)}`);
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={back}>
      {t('dispatch.report.back')}
    </Button>
  );

  if (parseWeekKey(week) === null) return <NotFoundResult />;
  if (q.isError) {
    return isApiError(q.error) && q.error.status === 404 ? (
      <NotFoundResult />
    ) : (
      <LoadError message={q.error.message} onRetry={() => void q.refetch()} />
    );
  }
  const title = report && modeOf(report) !== 'edit' ? t('dispatch.report.viewTitle') : t('dispatch.report.title');
  return (
    <ReportFrame title={title} phone={phone} extra={backButton}>
      {report ? (
        <ReportBody
          onBack={back}
          // a new version (saved, reviewed) starts the form from what the server holds
          key={`${report.id ?? 'new'}-${report.version ?? 0}`}
          report={report}
          phone={phone}
          put={put}
          patchPhotos={patchPhotos}
          reload={reload}
          pendingPhotos={pendingPhotos}
        />
      ) : (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
    </ReportFrame>
  );
}

/**
 * The page's frame: the back office's title row on a desktop; on a phone none (the header bar already names the
 * page, and the screen belongs to the form), only the document title.
 */
function ReportFrame({
  title,
  phone,
  extra,
  children,
}: {
  title: string;
  phone: boolean;
  extra: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  useEffect(() => {
    if (phone) document.title = `${title} - ${t('app.fullName')}`;
  }, [phone, title, t]);
  if (!phone) {
    return (
      <Page title={title} extra={extra}>
        {children}
      </Page>
    );
  }
  return <div style={{ display: 'flex', flexDirection: 'column' }}>{children}</div>;
}

function ReportBody({
  onBack,
  report,
  phone,
  put,
  patchPhotos,
  reload,
  pendingPhotos,
}: {
  onBack: () => void;
  report: WeeklyReport;
  phone: boolean;
  put: (r: WeeklyReport) => void;
  patchPhotos: (fn: (photos: ReportPhoto[]) => ReportPhoto[]) => void;
  reload: () => void;
  pendingPhotos: ReturnType<typeof usePendingPhotos>;
}) {
  const t = useT();
  const [form] = Form.useForm<FigureValues>();
  const typed = Form.useWatch('investedThisWeek', form);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [returning, setReturning] = useState(false);
  const [amending, setAmending] = useState(false);
  const mode = modeOf(report);

  /**
   * Saves the figures (a draft, or submitted). Photos picked before the report existed go up right after the first
   * save; a submission waits for them, so the coordinator never sees a submitted report whose photos are still on
   * their way.
   */
  const persist = async (submit: boolean) => {
    const body = validateWith(form, ReportSave, {
      ...figuresForApi(form.getFieldsValue()),
      ...(report.version !== null ? { version: report.version } : {}),
      submit,
    });
    if (!body) return;
    setSaving(submit ? 'submit' : 'draft');
    try {
      let id = report.id;
      let version = report.version;
      if (pendingPhotos.pending.length > 0) {
        // photos need a report to belong to: the first save creates it as a draft
        if (id === null) {
          const draft = await dispatchReportsApi.save(report.projectId, report.week, { ...body, submit: false });
          id = draft.id;
          version = draft.version;
        }
        const all = await pendingPhotos.flush(id!);
        if (!all || (!submit && report.id === null)) {
          put(await dispatchReportsApi.get(report.projectId, report.week));
          if (all) toast.success(t('common.saved'));
          else toast.warning(t('dispatch.photos.uploadFailed'));
          return;
        }
      }
      const saved = await dispatchReportsApi.save(report.projectId, report.week, {
        ...body,
        ...(version !== null ? { version } : {}),
        submit,
      });
      put(saved);
      toast.success(submit ? t('dispatch.report.submittedToast') : t('common.saved'));
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') {
        toast.warning(t('dispatch.report.conflict'));
        reload();
      } else handleSaveError(form, e, reload);
    } finally {
      setSaving(null);
    }
  };

  const review = useMutation({
    mutationFn: (v: { accept: true } | { accept: false; reason: string }) =>
      v.accept
        ? dispatchReportsApi.accept(report.id!, report.version!)
        : dispatchReportsApi.returnReport(report.id!, report.version!, v.reason),
    onSuccess: (r, v) => {
      put(r);
      setReturning(false);
      toast.success(v.accept ? t('dispatch.review.acceptedToast') : t('dispatch.review.returnedToast'));
    },
    onError: (e) => {
      showError(e);
      reload();
    },
  });

  const decide = useMutation({
    mutationFn: (v: { a: Amendment; approve: boolean; note: string | null }) =>
      dispatchReportsApi.decideAmendment(report.id!, v.a.id, { approve: v.approve, note: v.note }),
    onSuccess: (r) => {
      put(r);
      toast.success(t('dispatch.amend.decided'));
    },
    onError: (e) => {
      showError(e);
      reload();
    },
  });

  const canAddPhotos = mode === 'edit' && (report.can.addPhoto || (report.id === null && report.can.edit));
  const big = phone ? ('large' as const) : undefined;
  const grow = phone ? { flex: 1 } : undefined;

  let actions: ReactNode = null;
  if (mode === 'edit') {
    const resubmit = report.status === 'returned';
    actions = report.can.submit ? (
      <>
        <Button
          size={big}
          style={grow}
          loading={saving === 'draft'}
          disabled={saving === 'submit'}
          onClick={() => void persist(false)}
        >
          {t('dispatch.report.saveDraft')}
        </Button>
        <Button
          type="primary"
          size={big}
          style={grow}
          icon={<SendOutlined />}
          loading={saving === 'submit'}
          disabled={saving === 'draft'}
          onClick={() => void persist(true)}
        >
          {resubmit ? t('dispatch.report.resubmit') : t('dispatch.report.submit')}
        </Button>
      </>
    ) : (
      <Button type="primary" size={big} style={grow} loading={saving !== null} onClick={() => void persist(false)}>
        {t('dispatch.report.saveChanges')}
      </Button>
    );
  } else if (mode === 'review') {
    actions = (
      <>
        <Button
          danger
          size={big}
          style={grow}
          icon={<RollbackOutlined />}
          onClick={() => setReturning(true)}
          disabled={review.isPending}
        >
          {t('dispatch.review.return')}
        </Button>
        <Popconfirm title={t('dispatch.review.confirmAccept')} onConfirm={() => review.mutate({ accept: true })}>
          <Button type="primary" size={big} style={grow} icon={<CheckOutlined />} loading={review.isPending}>
            {t('dispatch.review.accept')}
          </Button>
        </Popconfirm>
      </>
    );
  } else if (report.can.amend) {
    actions = (
      <Button size={big} style={grow} icon={<EditOutlined />} onClick={() => setAmending(true)}>
        {t('dispatch.amend.request')}
      </Button>
    );
  }

  const figuresCard = (
    <Card
      variant="borderless"
      size={phone ? 'small' : undefined}
      title={mode === 'edit' ? t('dispatch.report.fill') : t('dispatch.report.figures')}
      styles={{ body: { paddingTop: 12 } }}
    >
      {mode === 'edit' ? (
        <Form<FigureValues>
          form={form}
          layout="vertical"
          initialValues={figuresOf(report)}
          requiredMark={false}
          onFinish={() => void persist(report.can.submit)}
        >
          <ReportFields
            large={phone}
            remaining={report.pacing.remainingInvestment}
            between={
              <div style={{ marginBottom: 16 }}>
                <PacingStrip report={report} typed={typed ?? ''} />
              </div>
            }
          />
        </Form>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <ReportFiguresView report={report} phone={phone} />
          <PacingStrip report={report} />
        </Space>
      )}
      {!phone && actions && <ActionBar phone={false}>{actions}</ActionBar>}
    </Card>
  );

  const photos = (
    <ReportPhotos
      reportId={report.id}
      photos={report.photos}
      canAdd={canAddPhotos}
      phone={phone}
      pending={pendingPhotos.pending}
      onPick={pendingPhotos.add}
      onDropPending={pendingPhotos.drop}
      onUploaded={(p) => patchPhotos((list) => [...list, p])}
      onRemoved={(id) => patchPhotos((list) => list.filter((x) => x.id !== id))}
    />
  );

  const amendments = (
    <AmendmentHistory
      amendments={report.amendments}
      canDecide={report.can.decideAmendment}
      deciding={decide.isPending}
      onDecide={(a, approve, note) => decide.mutate({ a, approve, note })}
      phone={phone}
    />
  );

  return (
    <>
      <Row gutter={[16, phone ? 8 : 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={phone ? 8 : 16} style={{ width: '100%' }}>
            <Header report={report} phone={phone} onBack={onBack} />
            <Notices report={report} />
            {figuresCard}
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={phone ? 8 : 16} style={{ width: '100%' }}>
            {photos}
            {amendments}
          </Space>
        </Col>
      </Row>
      {phone && actions && <ActionBar phone>{actions}</ActionBar>}
      <ReasonModal
        open={returning}
        title={t('dispatch.review.returnTitle')}
        label={t('dispatch.review.reason')}
        placeholder={t('dispatch.review.reasonPlaceholder')}
        required
        okText={t('dispatch.review.return')}
        submitting={review.isPending}
        onCancel={() => setReturning(false)}
        onSubmit={(reason) => review.mutate({ accept: false, reason })}
      />
      {report.can.amend && (
        <AmendmentDrawer
          report={report}
          open={amending}
          onClose={() => setAmending(false)}
          onSaved={put}
          onStale={reload}
        />
      )}
    </>
  );
}
