import { CameraOutlined, LinkOutlined, SaveOutlined, ToolOutlined, WarningFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Image,
  Input,
  InputNumber,
  Radio,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatWan, parseWan } from '../../../../domain/common/money.ts';
import { PHOTO_MAX_BYTES } from '../../../../domain/dispatch/contracts.ts';
import { RectificationCreate } from '../../../../domain/supervision/inspections-contracts.ts';
import type { ProblemKind } from '../../../../domain/supervision/model.ts';
import { type InspectionPhoto, inspectionsApi, rectificationsApi, type TargetDetail } from '../../api/inspections.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { Page } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { BUSINESS_TZ, formatMinute, groupThousands } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { EntitySelect } from '../org/org-selects.tsx';
import { ProblemTags, RectStatusTag, useInspectionLabels } from './inspection-labels.tsx';
import { rectificationsPath } from './rectifications-page.tsx';

const todayInBeijing = () => dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD');
const MB = 1024 * 1024;

type Values = {
  inspectedOn?: Dayjs | null;
  answers: Record<string, unknown>;
  problemKinds: ProblemKind[];
  note?: string;
};

/** A photo with what its EXIF says: framed in orange with the reasons when it cannot be verified. */
function PhotoTile({ p }: { p: InspectionPhoto }) {
  const t = useT();
  return (
    <figure style={{ margin: 0, minWidth: 0 }} data-testid="finding-photo" data-verified={p.verified}>
      <div
        style={{
          borderRadius: 6,
          overflow: 'hidden',
          border: p.verified ? '1px solid #f0f0f0' : '2px solid #fa8c16',
          aspectRatio: '4 / 3',
          background: '#fafafa',
        }}
      >
        <Image
          src={p.thumbUrl}
          alt={t('insp.finding.photo')}
          width="100%"
          height="100%"
          preview={{ src: p.url }}
          style={{ objectFit: 'cover' }}
          styles={{ root: { width: '100%', height: '100%' } }}
        />
      </div>
      <figcaption style={{ fontSize: 12, marginTop: 4, lineHeight: 1.5 }}>
        {p.verified ? (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {t('insp.finding.photoVerified')}
          </Tag>
        ) : (
          <>
            <Tag color="warning" icon={<WarningFilled />} style={{ marginInlineEnd: 0 }}>
              {t('insp.finding.photoUnverified')}
            </Tag>
            {p.issues.map((i) => (
              <div key={i.code} style={{ color: '#d46b08' }}>
                {i.zh}
              </div>
            ))}
          </>
        )}
        <div style={{ color: 'rgba(0,0,0,0.45)' }}>
          {p.takenAt ? t('insp.finding.takenAt', { time: formatMinute(p.takenAt) }) : t('insp.finding.noTakenAt')}
        </div>
      </figcaption>
    </figure>
  );
}

function PhotoUpload({ d, itemId, onUploaded }: { d: TargetDetail; itemId?: string; onUploaded: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(0);
  const upload = async (file: File) => {
    if (file.type && !file.type.startsWith('image/')) {
      toast.error(t('insp.finding.notImage', { name: file.name }));
      return;
    }
    if (file.size > PHOTO_MAX_BYTES) {
      toast.error(t('insp.finding.tooLarge', { name: file.name, max: PHOTO_MAX_BYTES / MB }));
      return;
    }
    setBusy((n) => n + 1);
    try {
      const p = await inspectionsApi.addPhoto(d.inspection.id, d.id, file, itemId);
      if (p.verified) toast.success(t('insp.finding.photoOk'));
      else toast.warning(t('insp.finding.photoWarn', { reasons: p.issues.map((i) => i.zh).join(';') }));
      onUploaded();
    } catch (e) {
      showError(e);
    } finally {
      setBusy((n) => n - 1);
    }
  };
  return (
    <Upload
      accept="image/*"
      capture="environment"
      multiple
      showUploadList={false}
      beforeUpload={(file) => {
        void upload(file);
        return false;
      }}
    >
      <Button icon={<CameraOutlined />} loading={busy > 0} data-testid="photo-upload">
        {t('insp.finding.takePhoto')}
      </Button>
    </Upload>
  );
}

const photoGrid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8 } as const;

/** 交办整改: the unit (the object's by default), what it must do, by when. */
function RectificationDrawer({ d, open, onClose }: { d: TargetDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ unitId?: string | null; requirement?: string; dueOn?: Dayjs | null }>();
  const open1 = useMutation({
    mutationFn: (body: Parameters<typeof rectificationsApi.open>[1]) => rectificationsApi.open(d.detail!.id, body),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['inspection-target', d.inspection.id, d.id] });
      void qc.invalidateQueries({ queryKey: ['rectifications'] });
      toast.success(t('insp.rect.opened', { unit: r.unitName }));
      onClose();
    },
    onError: (err) => handleSaveError(form, err),
  });
  const submit = () => {
    const v = form.getFieldsValue();
    const body = validateWith(form, RectificationCreate, {
      unitId: v.unitId ?? null,
      requirement: v.requirement ?? '',
      dueOn: v.dueOn?.format('YYYY-MM-DD'),
    });
    if (body) open1.mutate(body);
  };
  return (
    <FormDrawer
      title={t('insp.rect.open')}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      submitting={open1.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        name="open-rectification"
        requiredMark="optional"
        initialValues={{ unitId: d.unitId, dueOn: dayjs().add(15, 'day') }}
      >
        <Form.Item label={t('insp.target.col.object')}>
          <Typography.Text>{d.objectLabel}</Typography.Text>
        </Form.Item>
        <Form.Item name="unitId" label={t('insp.rect.unit')} required extra={t('insp.rect.unitHelp')}>
          <EntitySelect kind="unit" knownOptions={[{ value: d.unitId, label: d.unitName }]} />
        </Form.Item>
        <Form.Item name="requirement" label={t('insp.rect.requirement')} required>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="dueOn" label={t('insp.rect.due')} required>
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(x) => x.format('YYYY-MM-DD') < todayInBeijing()}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function AnswerText({ type, value, photos }: { type: string; value: unknown; photos: InspectionPhoto[] }) {
  const t = useT();
  if (value === undefined || value === null || value === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  if (type === 'yes_no') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (type === 'photo' && Array.isArray(value)) {
    const shown = photos.filter((p) => (value as string[]).includes(p.id));
    return (
      <div style={photoGrid}>
        {shown.map((p) => (
          <PhotoTile key={p.id} p={p} />
        ))}
      </div>
    );
  }
  return <>{String(value)}</>;
}

/** 检查记录: the phone form of one object — the checklist, photos checked by EXIF, problems, note; then 整改. */
export function FindingPage() {
  const t = useT();
  const l = useInspectionLabels();
  const { id = '', targetId = '' } = useParams();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<Values>();
  const [rectifying, setRectifying] = useState(false);
  const key = ['inspection-target', id, targetId];
  const q = useQuery({ queryKey: key, queryFn: () => inspectionsApi.target(id, targetId) });
  const d = q.data;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['inspection-targets', id] });
    void qc.invalidateQueries({ queryKey: ['inspection', id] });
  };
  const save = useMutation({
    mutationFn: (body: Parameters<typeof inspectionsApi.record>[2]) => inspectionsApi.record(id, targetId, body),
    onSuccess: (next) => {
      qc.setQueryData(key, next);
      refresh();
      if (next.mismatches.length) toast.warning(t('insp.finding.savedMismatch'));
      else toast.success(t('insp.finding.saved'));
    },
    onError: (err) => handleSaveError(form, err, () => void q.refetch()),
  });
  if (q.error) return <LoadError message={q.error.message} onRetry={() => void q.refetch()} />;
  if (!d) return <Skeleton active />;
  const editable = d.can.record;
  const photos = d.detail?.photos ?? [];
  const itemPhotoIds = new Set(
    d.checklist
      .filter((it) => it.answerType === 'photo')
      .flatMap((it) => (d.detail?.answers[it.id] as string[] | undefined) ?? []),
  );
  const otherPhotos = photos.filter((p) => !itemPhotoIds.has(p.id));
  const submit = (v: Values) => {
    const answers: Record<string, unknown> = {};
    for (const it of d.checklist) {
      // photo answers are the uploaded photos, kept as they are
      answers[it.id] = it.answerType === 'photo' ? d.detail?.answers[it.id] : v.answers?.[it.id];
    }
    save.mutate({
      answers,
      problemKinds: v.problemKinds ?? [],
      note: v.note ?? '',
      inspectedOn: v.inspectedOn ? v.inspectedOn.format('YYYY-MM-DD') : '',
      version: d.detail?.version ?? null,
    });
  };
  const reported = d.reported;
  const ytd = reported?.investedYtd ? parseWan(reported.investedYtd) : null;
  return (
    <Page
      title={d.objectLabel}
      extra={<Link to={`/supervision/inspections/${id}?tab=targets`}>{t('insp.finding.backToList')}</Link>}
    >
      <Card variant="borderless" styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Descriptions
          size="small"
          column={phone ? 1 : 3}
          items={[
            { key: 'c', label: t('insp.finding.campaign'), children: d.inspection.title },
            { key: 'u', label: t('insp.target.col.unit'), children: d.unitName },
            { key: 't', label: t('insp.target.col.team'), children: d.teamName ?? '—' },
            ...(d.link
              ? [
                  {
                    key: 'l',
                    label: t('insp.finding.object'),
                    children: (
                      <Link to={d.link}>
                        <LinkOutlined />{' '}
                        {d.objectType === 'task' ? t('insp.instr.objectTask') : t('insp.instr.objectProject')}
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {reported && (
          <Alert
            type="info"
            style={{ marginTop: 8 }}
            title={t('insp.finding.reported')}
            description={
              <div style={{ fontSize: 13 }} data-testid="reported">
                <div>
                  {t('insp.finding.reportedYtd', {
                    amount: ytd !== null ? groupThousands(formatWan(ytd)) : '—',
                  })}
                </div>
                {reported.latestProgress && (
                  <div>
                    {t('insp.finding.reportedProgress', {
                      week: reported.latestWeek ?? '',
                      text: reported.latestProgress,
                    })}
                  </div>
                )}
              </div>
            }
          />
        )}
        {d.mismatches.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="mismatch"
            title={t('insp.finding.mismatchTitle')}
            description={d.mismatches.map((m) => <div key={m.itemId}>{m.note}</div>)}
          />
        )}
        {!editable && !d.detail && (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('insp.finding.notYet')} />
        )}
      </Card>

      {editable ? (
        <Form<Values>
          form={form}
          name="finding"
          layout="vertical"
          requiredMark="optional"
          key={d.detail?.version ?? 0}
          onFinish={submit}
          initialValues={{
            inspectedOn: dayjs(d.detail?.inspectedOn ?? todayInBeijing()),
            answers: d.detail?.answers ?? {},
            problemKinds: d.detail?.problemKinds ?? [],
            note: d.detail?.note ?? '',
          }}
        >
          <Card
            variant="borderless"
            title={t('insp.finding.checklist')}
            styles={{ body: { padding: phone ? 12 : 20 } }}
            style={{ marginBottom: 12 }}
          >
            <Form.Item name="inspectedOn" label={t('insp.finding.inspectedOn')} required>
              <DatePicker
                style={{ width: phone ? '100%' : 200 }}
                inputReadOnly
                disabledDate={(x) => x.format('YYYY-MM-DD') > todayInBeijing()}
              />
            </Form.Item>
            {d.checklist.length === 0 && (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.check.empty')} />
            )}
            {d.checklist.map((it, n) => {
              const label = (
                <span>
                  {n + 1}. {it.label}
                  {it.compareTo && (
                    <Tag color="blue" style={{ marginInlineStart: 6 }}>
                      {l.compareTo(it.compareTo)}
                    </Tag>
                  )}
                </span>
              );
              if (it.answerType === 'photo') {
                const ids = (d.detail?.answers[it.id] as string[] | undefined) ?? [];
                return (
                  <Form.Item key={it.id} label={label} required={it.required}>
                    <div data-testid="photo-item">
                      <div style={photoGrid}>
                        {photos
                          .filter((p) => ids.includes(p.id))
                          .map((p) => (
                            <PhotoTile key={p.id} p={p} />
                          ))}
                      </div>
                      <div style={{ marginTop: 8 }}>
                        {d.detail ? (
                          <PhotoUpload d={d} itemId={it.id} onUploaded={refresh} />
                        ) : (
                          <Typography.Text type="secondary">{t('insp.finding.saveFirst')}</Typography.Text>
                        )}
                      </div>
                    </div>
                  </Form.Item>
                );
              }
              return (
                <Form.Item key={it.id} name={['answers', it.id]} label={label} required={it.required}>
                  {it.answerType === 'yes_no' ? (
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      size="large"
                      options={[
                        { value: true, label: t('common.yes') },
                        { value: false, label: t('common.no') },
                      ]}
                    />
                  ) : it.answerType === 'number' ? (
                    <InputNumber<number>
                      style={{ width: phone ? '100%' : 240 }}
                      min={0}
                      inputMode="decimal"
                      size="large"
                      suffix={it.compareTo === 'reported_investment' ? t('insp.finding.wan') : undefined}
                    />
                  ) : (
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
                  )}
                </Form.Item>
              );
            })}
          </Card>
          <Card
            variant="borderless"
            title={t('insp.finding.problems')}
            styles={{ body: { padding: phone ? 12 : 20 } }}
            style={{ marginBottom: 12 }}
          >
            <Form.Item name="problemKinds" extra={t('insp.finding.problemsHelp')}>
              <Checkbox.Group
                options={l.problemOptions}
                style={{
                  display: 'grid',
                  gridTemplateColumns: phone ? 'repeat(2, minmax(0, 1fr))' : 'repeat(5, auto)',
                  gap: 8,
                }}
              />
            </Form.Item>
            <Form.Item name="note" label={t('insp.finding.note')}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={1000}
                showCount
                placeholder={t('insp.finding.notePlaceholder')}
              />
            </Form.Item>
            <Typography.Text strong>{t('insp.finding.otherPhotos')}</Typography.Text>
            <div style={{ ...photoGrid, marginTop: 8 }}>
              {otherPhotos.map((p) => (
                <PhotoTile key={p.id} p={p} />
              ))}
            </div>
            <div style={{ marginTop: 8 }}>
              {d.detail ? (
                <PhotoUpload d={d} onUploaded={refresh} />
              ) : (
                <Typography.Text type="secondary">{t('insp.finding.saveFirst')}</Typography.Text>
              )}
            </div>
          </Card>
          <div
            style={{
              position: phone ? 'sticky' : 'static',
              bottom: 0,
              zIndex: 5,
              background: phone ? 'rgba(255,255,255,0.96)' : undefined,
              padding: phone ? '10px 12px calc(10px + env(safe-area-inset-bottom))' : 0,
              margin: phone ? '0 -8px 12px' : '0 0 12px',
              boxShadow: phone ? '0 -2px 8px rgba(0,0,0,0.06)' : undefined,
            }}
          >
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block={phone}
              icon={<SaveOutlined />}
              loading={save.isPending}
              data-testid="save-finding"
            >
              {d.detail ? t('insp.finding.update') : t('insp.finding.save')}
            </Button>
            {d.detail && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                {t('insp.finding.recordedBy', {
                  name: d.detail.recordedByName,
                  time: formatMinute(d.detail.recordedAt),
                })}
              </Typography.Text>
            )}
          </div>
        </Form>
      ) : (
        d.detail && (
          <Card
            variant="borderless"
            title={t('insp.finding.checklist')}
            styles={{ body: { padding: phone ? 12 : 20 } }}
          >
            <Descriptions
              size="small"
              column={1}
              bordered={!phone}
              items={[
                { key: 'on', label: t('insp.finding.inspectedOn'), children: d.detail.inspectedOn },
                ...d.checklist.map((it) => ({
                  key: it.id,
                  label: it.label,
                  children: <AnswerText type={it.answerType} value={d.detail!.answers[it.id]} photos={photos} />,
                })),
                {
                  key: 'p',
                  label: t('insp.finding.problems'),
                  children: d.detail.problemKinds.length ? <ProblemTags kinds={d.detail.problemKinds} /> : '—',
                },
                { key: 'n', label: t('insp.finding.note'), children: d.detail.note || '—' },
                {
                  key: 'by',
                  label: t('insp.finding.recorder'),
                  children: `${d.detail.recordedByName} · ${formatMinute(d.detail.recordedAt)}`,
                },
              ]}
            />
            {otherPhotos.length > 0 && (
              <div style={{ ...photoGrid, marginTop: 12 }}>
                {otherPhotos.map((p) => (
                  <PhotoTile key={p.id} p={p} />
                ))}
              </div>
            )}
          </Card>
        )
      )}

      {d.detail && (
        <Card
          variant="borderless"
          title={t('insp.rect.title', { n: d.rectificationList.length })}
          styles={{ body: { padding: phone ? 12 : 20 } }}
          extra={
            d.can.openRectification && (
              <Button icon={<ToolOutlined />} onClick={() => setRectifying(true)} data-testid="open-rectification">
                {t('insp.rect.open')}
              </Button>
            )
          }
        >
          {d.rectificationList.length === 0 ? (
            <Typography.Text type="secondary">{t('insp.rect.none')}</Typography.Text>
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {d.rectificationList.map((r) => (
                <Link key={r.id} to={rectificationsPath(r.id)} style={{ color: 'inherit', display: 'block' }}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                    <RectStatusTag status={r.status} />
                    {r.overdue && <Tag color="error">{t('insp.rect.overdue')}</Tag>}
                    <Typography.Text strong>{r.unitName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('insp.rect.dueShort', { date: r.dueOn })}
                    </Typography.Text>
                  </div>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {r.requirement}
                  </Typography.Paragraph>
                </Link>
              ))}
            </Space>
          )}
        </Card>
      )}
      {rectifying && <RectificationDrawer d={d} open onClose={() => setRectifying(false)} />}
    </Page>
  );
}
