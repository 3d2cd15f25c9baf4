import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { ChangePasswordRequest } from '../../../../domain/auth/contracts.ts';
import { characterClasses } from '../../../../domain/auth/password.ts';
import { DEFAULT_SECURITY_POLICY } from '../../../../domain/auth/policy.ts';
import { authApi } from '../../api/auth.ts';
import { ME_KEY, useMe } from '../../app/session.tsx';
import { useSignOut } from '../../app/user-menu.tsx';
import { toast } from '../../lib/feedback.ts';
import { handleSaveError, validateWith } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { AuthFrame } from './auth-frame.tsx';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

// The policy itself is an admin setting the user cannot read before the password is changed; the hint shows the
// defaults and the server checks the real policy (its message lands on the field).
const POLICY = DEFAULT_SECURITY_POLICY;

function Check({ ok, text }: { ok: boolean; text: string }) {
  return (
    <div style={{ color: ok ? '#389e0d' : '#8c8c8c', fontSize: 12 }}>
      {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {text}
    </div>
  );
}

/** A full page (no menu): forced after the first sign-in or when the password expired, or chosen from the user menu. */
export function ChangePasswordPage() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const forced = me.mustChangePassword;

  useEffect(() => {
    document.title = `${t('auth.changePasswordTitle')} - ${t('app.fullName')}`;
  }, [t]);

  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: (next) => {
      qc.setQueryData(ME_KEY, next);
      toast.success(t('auth.passwordChanged'));
      navigate('/', { replace: true });
    },
    onError: (err) => handleSaveError(form, err),
  });

  const onFinish = (values: Values) => {
    const body = validateWith(form, ChangePasswordRequest, {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (body) change.mutate(body);
  };

  const longEnough = [...newPassword].length >= POLICY.passwordMinLength;
  const enoughClasses = characterClasses(newPassword) >= POLICY.passwordMinClasses;

  return (
    <AuthFrame width={440}>
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('auth.changePasswordTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {t('auth.signedInAs', { name: me.displayName, username: me.username })}
      </Typography.Paragraph>
      {forced && <Alert type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 12 }} />}
      <Alert
        type="info"
        showIcon
        title={t('auth.policyHint', { min: POLICY.passwordMinLength, classes: POLICY.passwordMinClasses })}
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} name="change-password" layout="vertical" onFinish={onFinish} requiredMark={false}>
        {/* lets password managers pair the new password with the account */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('auth.currentPassword') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          rules={[{ required: true, message: t('auth.newPassword') }]}
          extra={
            newPassword ? (
              <div style={{ marginTop: 4 }}>
                <Check ok={longEnough} text={`≥ ${POLICY.passwordMinLength} ${t('settings.unit.chars')}`} />
                <Check
                  ok={enoughClasses}
                  text={`${characterClasses(newPassword)} / ${POLICY.passwordMinClasses} ${t('settings.unit.classes')}`}
                />
              </div>
            ) : undefined
          }
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_r, v) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('auth.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('user.changePassword')}
          </Button>
          {forced ? (
            <Button type="link" onClick={() => void signOut()}>
              {t('user.logout')}
            </Button>
          ) : (
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          )}
        </Space>
      </Form>
    </AuthFrame>
  );
}
