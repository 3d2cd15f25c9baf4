import { DeleteOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Image, Input, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ALLOWED_EXTENSIONS, extensionOf } from '../../../../domain/common/file-types.ts';
import { ATTACHMENT_MAX_BYTES } from '../../../../domain/projects/contracts.ts';
import { type Attachment, attachmentsApi } from '../../api/project-attachments.ts';
import { showError, toast } from '../../lib/feedback.ts';
import { formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';

const ACCEPT = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');
const MB = 1024 * 1024;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** 附件与照片: approvals, licences and site photos of the project; photos as thumbnails, documents as a list. */
export function AttachmentsCard({ projectId, cardProps }: { projectId: string; cardProps: object }) {
  const t = useT();
  const qc = useQueryClient();
  const key = ['project-attachments', projectId];
  const q = useQuery({ queryKey: key, queryFn: () => attachmentsApi.list(projectId) });
  const [caption, setCaption] = useState('');
  const [uploading, setUploading] = useState(0);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['history', 'project', projectId] });
  };
  const remove = useMutation({
    mutationFn: (a: Attachment) => attachmentsApi.remove(projectId, a.id),
    onSuccess: () => {
      toast.success(t('attachment.removed'));
      refresh();
    },
    onError: (e) => showError(e),
  });

  const upload = async (file: File) => {
    if (!ALLOWED_EXTENSIONS.includes(extensionOf(file.name))) {
      toast.error(t('attachment.badType', { name: file.name }));
      return;
    }
    if (file.size > ATTACHMENT_MAX_BYTES) {
      toast.error(t('attachment.tooLarge', { name: file.name, max: ATTACHMENT_MAX_BYTES / MB }));
      return;
    }
    setUploading((n) => n + 1);
    try {
      await attachmentsApi.upload(projectId, file, caption);
      toast.success(t('attachment.uploaded', { name: file.name }));
      refresh();
    } catch (e) {
      showError(e);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const items = q.data?.items ?? [];
  const photos = items.filter((a) => a.kind === 'photo');
  const docs = items.filter((a) => a.kind === 'document');
  const can = q.data?.can;
  const removeButton = (a: Attachment) =>
    can?.remove ? (
      <Popconfirm title={t('attachment.confirmRemove', { name: a.name })} onConfirm={() => remove.mutate(a)}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('attachment.remove')} />
      </Popconfirm>
    ) : null;

  return (
    <Card title={t('attachment.title')} loading={q.isLoading} {...cardProps}>
      {can?.upload && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
            maxLength={100}
            placeholder={t('attachment.captionPlaceholder')}
            aria-label={t('attachment.caption')}
          />
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={uploading > 0}>
              {t('attachment.upload')}
            </Button>
          </Upload>
        </Space.Compact>
      )}
      {can?.upload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
          {t('attachment.help', { max: ATTACHMENT_MAX_BYTES / MB })}
        </Typography.Paragraph>
      )}
      {items.length === 0 && !q.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachment.empty')} />
      ) : null}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: docs.length ? 12 : 0 }}>
            {photos.map((a) => (
              <div key={a.id} style={{ width: 112 }}>
                <Image
                  src={a.url}
                  alt={a.caption ?? a.name}
                  width={112}
                  height={84}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                <div style={{ display: 'flex', alignItems: 'center' }}>
                  <Typography.Text ellipsis style={{ fontSize: 12, flex: 1 }} title={a.caption ?? a.name}>
                    {a.caption ?? a.name}
                  </Typography.Text>
                  {removeButton(a)}
                </div>
              </div>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {docs.length > 0 && (
        <List<Attachment>
          size="small"
          dataSource={docs}
          renderItem={(a) => (
            <List.Item actions={[removeButton(a)].filter(Boolean)}>
              <List.Item.Meta
                avatar={a.mediaType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />}
                title={
                  <a href={a.url} target="_blank" rel="noopener noreferrer">
                    {a.name}
                  </a>
                }
                description={[a.caption, fileSize(a.size), a.uploadedByName, formatMinute(a.uploadedAt)]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
