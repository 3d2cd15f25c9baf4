import { CameraOutlined, CloseOutlined, DeleteOutlined, PictureOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Image, Popconfirm, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { PHOTO_MAX_BYTES, type ReportPhoto } from '../../../../domain/dispatch/contracts.ts';
import { dispatchReportsApi } from '../../api/dispatch-reports.ts';
import { showError, toast } from '../../lib/feedback.ts';
import { formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useShortLang } from './week-picker.tsx';

const MB = 1024 * 1024;

/** A photo picked before the report exists: kept in the browser and uploaded right after the first save. */
export type PendingPhoto = { key: string; file: File; url: string };

/**
 * The photos picked while the report has no id yet. `flush(id)` uploads them one after the other once the report is
 * saved (a phone on a building site has one slow connection) and says whether all went through.
 */
export function usePendingPhotos(onUploaded: (p: ReportPhoto) => void) {
  const [pending, setPending] = useState<PendingPhoto[]>([]);
  const latest = useRef(pending);
  latest.current = pending;
  // the object URLs go with the page
  useEffect(
    () => () => {
      for (const p of latest.current) URL.revokeObjectURL(p.url);
    },
    [],
  );
  const add = (file: File) =>
    setPending((list) => [
      ...list,
      { key: `${file.name}-${file.size}-${Math.random()}`, file, url: URL.createObjectURL(file) },
    ]);
  const drop = (key: string) =>
    setPending((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone) URL.revokeObjectURL(gone.url);
      return list.filter((p) => p.key !== key);
    });
  const flush = async (reportId: string): Promise<boolean> => {
    let ok = true;
    for (const p of latest.current) {
      try {
        onUploaded(await dispatchReportsApi.uploadPhoto(reportId, p.file));
        drop(p.key);
      } catch (e) {
        ok = false;
        showError(e);
      }
    }
    return ok;
  };
  return { pending, add, drop, flush };
}

/** A file the server would refuse anyway, said before the upload. */
function refusal(t: ReturnType<typeof useT>, file: File): string | null {
  if (file.type && !file.type.startsWith('image/')) return t('dispatch.photos.notImage', { name: file.name });
  if (file.size > PHOTO_MAX_BYTES) return t('dispatch.photos.tooLarge', { name: file.name, max: PHOTO_MAX_BYTES / MB });
  return null;
}

function Tile({
  src,
  preview,
  alt,
  warn,
  badge,
  children,
  action,
  testId,
}: {
  src: string;
  preview?: string;
  alt: string;
  warn?: boolean;
  badge?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <figure data-testid={testId} style={{ margin: 0, minWidth: 0 }}>
      <div
        style={{
          position: 'relative',
          borderRadius: 6,
          overflow: 'hidden',
          border: warn ? '2px solid #fa8c16' : '1px solid #f0f0f0',
          aspectRatio: '4 / 3',
          background: '#fafafa',
        }}
      >
        <Image
          src={src}
          alt={alt}
          width="100%"
          height="100%"
          preview={preview ? { src: preview } : false}
          style={{ objectFit: 'cover' }}
          styles={{ root: { width: '100%', height: '100%' } }}
        />
        {badge && (
          <div style={{ position: 'absolute', top: 4, insetInlineStart: 4, pointerEvents: 'none' }}>{badge}</div>
        )}
        {action && <div style={{ position: 'absolute', top: 2, insetInlineEnd: 2 }}>{action}</div>}
      </div>
      {children && <figcaption style={{ marginTop: 4 }}>{children}</figcaption>}
    </figure>
  );
}

/**
 * 现场照片: 拍照 straight from the phone camera or several from the album at once; thumbnails with a preview; an
 * unverified photo is framed in orange with the reasons (shown, never blocking).
 */
export function ReportPhotos({
  reportId,
  photos,
  canAdd,
  phone,
  pending,
  onPick,
  onDropPending,
  onUploaded,
  onRemoved,
}: {
  reportId: string | null;
  photos: ReportPhoto[];
  /** photos may be added (or removed) now; before the first save they wait in `pending` */
  canAdd: boolean;
  phone: boolean;
  pending: PendingPhoto[];
  onPick: (file: File) => void;
  onDropPending: (key: string) => void;
  onUploaded: (photo: ReportPhoto) => void;
  onRemoved: (photoId: string) => void;
}) {
  const t = useT();
  const lang = useShortLang();
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const idRef = useRef(reportId);
  idRef.current = reportId;

  const uploadOne = async (file: File) => {
    const id = idRef.current;
    if (!id) return;
    try {
      const photo = await dispatchReportsApi.uploadPhoto(id, file);
      onUploaded(photo);
      if (photo.verified) toast.success(t('dispatch.photos.uploaded', { name: file.name }));
      else toast.warning(t('dispatch.photos.uploadedUnverified', { name: file.name }));
    } catch (e) {
      showError(e);
    }
  };

  const pick = (file: File) => {
    const refused = refusal(t, file);
    if (refused) {
      toast.error(refused);
      return;
    }
    if (!idRef.current) {
      onPick(file);
      return;
    }
    setProgress((p) => ({ ...p, total: p.total + 1 }));
    chain.current = chain.current
      .then(() => uploadOne(file))
      .finally(() => setProgress((p) => (p.done + 1 >= p.total ? { done: 0, total: 0 } : { ...p, done: p.done + 1 })));
  };

  const remove = async (photo: ReportPhoto) => {
    if (!reportId) return;
    try {
      await dispatchReportsApi.removePhoto(reportId, photo.id);
      onRemoved(photo.id);
      toast.success(t('dispatch.photos.removed'));
    } catch (e) {
      showError(e);
    }
  };

  const uploading = progress.total > 0;
  const picker = (capture: boolean, icon: ReactNode, label: string, primary: boolean) => (
    <Upload
      accept="image/*"
      {...(capture ? { capture: 'environment' as const } : {})}
      multiple
      showUploadList={false}
      beforeUpload={(file) => {
        pick(file);
        return false;
      }}
      style={{ display: 'block' }}
    >
      <Button
        type={primary ? 'primary' : 'default'}
        ghost={primary}
        icon={icon}
        size={phone ? 'large' : 'middle'}
        block={phone}
        loading={uploading && primary}
      >
        {label}
      </Button>
    </Upload>
  );

  const unverified = photos.filter((p) => !p.verified).length;
  return (
    <Card
      variant="borderless"
      size={phone ? 'small' : undefined}
      title={t('dispatch.photos.titleCount', { count: photos.length + pending.length })}
      styles={{ body: { paddingTop: 12 } }}
    >
      {canAdd && (
        <>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: phone ? '1fr 1fr' : 'max-content max-content',
              gap: 8,
              marginBottom: 8,
            }}
          >
            {phone ? picker(true, <CameraOutlined />, t('dispatch.photos.camera'), true) : null}
            {picker(
              false,
              <PictureOutlined />,
              phone ? t('dispatch.photos.album') : t('dispatch.photos.upload'),
              !phone,
            )}
          </div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {uploading
              ? t('dispatch.photos.uploading', { done: progress.done + 1, total: progress.total })
              : t('dispatch.photos.help', { max: PHOTO_MAX_BYTES / MB })}
          </Typography.Paragraph>
        </>
      )}
      {pending.length > 0 && (
        <Alert type="info" showIcon title={t('dispatch.photos.pendingHelp')} style={{ marginBottom: 8 }} />
      )}
      {unverified > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t(canAdd ? 'dispatch.photos.unverifiedNote' : 'dispatch.photos.unverifiedNoteReviewer', {
            count: unverified,
          })}
          style={{ marginBottom: 8 }}
        />
      )}
      {photos.length === 0 && pending.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.photos.empty')} style={{ margin: 8 }} />
      ) : (
        <Image.PreviewGroup>
          <div
            data-testid="report-photos"
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(auto-fill, minmax(${phone ? 140 : 160}px, 1fr))`,
              gap: 10,
            }}
          >
            {photos.map((p) => (
              <Tile
                key={p.id}
                testId={p.verified ? 'photo-verified' : 'photo-unverified'}
                src={p.thumbUrl}
                preview={p.url}
                alt={p.caption ?? t('dispatch.photos.alt')}
                warn={!p.verified}
                badge={
                  p.verified ? null : (
                    <Tag color="orange" icon={<WarningFilled />} style={{ marginInlineEnd: 0 }}>
                      {t('dispatch.photos.unverified')}
                    </Tag>
                  )
                }
                action={
                  canAdd && reportId ? (
                    <Popconfirm title={t('dispatch.photos.confirmRemove')} onConfirm={() => void remove(p)}>
                      <Button
                        size="small"
                        shape="circle"
                        icon={<DeleteOutlined />}
                        aria-label={t('dispatch.photos.remove')}
                        style={{ background: 'rgba(255,255,255,0.9)' }}
                      />
                    </Popconfirm>
                  ) : null
                }
              >
                {p.caption && <Typography.Text style={{ fontSize: 12, display: 'block' }}>{p.caption}</Typography.Text>}
                {p.takenAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {t('dispatch.photos.takenAt', { time: formatMinute(p.takenAt) })}
                  </Typography.Text>
                )}
                {p.issues.map((i) => (
                  <Typography.Text key={i.code} style={{ fontSize: 12, display: 'block', color: '#d46b08' }}>
                    {lang === 'zh' ? i.zh : i.en}
                  </Typography.Text>
                ))}
              </Tile>
            ))}
            {pending.map((p) => (
              <Tile
                key={p.key}
                testId="photo-pending"
                src={p.url}
                alt={p.file.name}
                badge={<Tag color="blue">{t('dispatch.photos.pending')}</Tag>}
                action={
                  <Button
                    size="small"
                    shape="circle"
                    icon={<CloseOutlined />}
                    aria-label={t('dispatch.photos.remove')}
                    onClick={() => onDropPending(p.key)}
                    style={{ background: 'rgba(255,255,255,0.9)' }}
                  />
                }
              >
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                  {p.file.name}
                </Typography.Text>
              </Tile>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
