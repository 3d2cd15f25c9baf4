import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { toast } from '../lib/feedback.ts';
import { useT } from '../lib/i18n.ts';
import { copyText } from './copy.ts';

export type InitialPassword = { displayName: string; username: string; password: string };

/** Shows a new user's (or a reset) initial password once, with a copy button. */
export function InitialPasswordModal({ value, onClose }: { value: InitialPassword | null; onClose: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <Modal
      open={value !== null}
      title={
        <Space>
          <KeyOutlined aria-hidden />
          {t('user.initialPassword')}
        </Space>
      }
      onCancel={onClose}
      afterOpenChange={(open) => !open && setCopied(false)}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
      destroyOnHidden
    >
      {value && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>
            {t('user.initialPasswordFor', { name: value.displayName, username: value.username })}
          </Typography.Text>
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              padding: '12px 16px',
              background: '#fafafa',
              border: '1px dashed #d9d9d9',
              borderRadius: 6,
            }}
          >
            <Typography.Text
              code
              data-testid="initial-password"
              style={{ fontSize: 20, letterSpacing: 1, flex: 1, userSelect: 'all', wordBreak: 'break-all' }}
            >
              {value.password}
            </Typography.Text>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                const ok = await copyText(value.password);
                if (ok) {
                  setCopied(true);
                  toast.success(t('common.copied'));
                }
              }}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          </div>
          <Alert type="warning" showIcon title={t('user.initialPasswordNote')} />
        </Space>
      )}
    </Modal>
  );
}
