import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginRequest } from '../../../../domain/auth/contracts.ts';
import { authApi } from '../../api/auth.ts';
import { isApiError } from '../../api/client.ts';
import { ME_KEY, safeRedirect, setSignInNotice, takeSignInNotice, useMeQuery } from '../../app/session.tsx';
import { showFieldErrors, validateWith } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { AuthFrame } from './auth-frame.tsx';

type Values = { username: string; password: string };

export function SignInPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const me = useMeQuery();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // 登录超时,请重新登录: left by the session watcher when the server ended the session
  useEffect(() => {
    if (me.data !== undefined && me.data !== null) return;
    const n = takeSignInNotice();
    if (n) setNotice(n);
  }, [me.data]);

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: (signedIn) => {
      setSignInNotice(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, signedIn);
      navigate(signedIn.mustChangePassword ? '/change-password' : redirect, { replace: true });
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 400 && err.fields.length) {
        const orphans = showFieldErrors(form, err.fields);
        if (orphans.length) setError(orphans.join(';'));
        return;
      }
      setError(isApiError(err) ? err.message : String(err));
      if (isApiError(err) && err.status === 401) {
        form.setFieldValue('password', '');
        form.getFieldInstance('password')?.focus?.();
      }
    },
  });

  if (me.data) return <Navigate to={me.data.mustChangePassword ? '/change-password' : redirect} replace />;

  const onFinish = (values: Values) => {
    setError(null);
    const body = validateWith(form, LoginRequest, values);
    if (body) login.mutate(body);
  };

  return (
    <AuthFrame>
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 16, textAlign: 'center' }}>
        {t('auth.welcome')}
      </Typography.Title>
      {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} name="sign-in" layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, whitespace: true, message: t('auth.usernamePlaceholder') }]}
        >
          <Input
            prefix={<UserOutlined />}
            placeholder={t('auth.usernamePlaceholder')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            maxLength={64}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordPlaceholder') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            placeholder={t('auth.passwordPlaceholder')}
            autoComplete="current-password"
            maxLength={256}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.signIn')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', marginBottom: 0 }}>
        {t('auth.securityNote')}
      </Typography.Paragraph>
    </AuthFrame>
  );
}
