import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Radio, Switch, Typography } from 'antd';
import { type Robot, RobotCreate, RobotUpdate } from '../../../../domain/notifications/contracts.ts';
import {
  ROBOT_PROVIDER_LABELS,
  ROBOT_PROVIDERS,
  type RobotProvider,
} from '../../../../domain/notifications/robot-message.ts';
import { robotsApi } from '../../api/notifications.ts';
import { useMe } from '../../app/session.tsx';
import { FormDrawer } from '../../components/drawers.tsx';
import { validateWith, zodRule } from '../../lib/form.ts';
import { useLabel, useT } from '../../lib/i18n.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { EntitySelect } from '../org/org-selects.tsx';

export type RobotFormTarget = { mode: 'create'; unitId?: string } | { mode: 'edit'; robot: Robot };
export const ROBOTS_KEY = ['robots'] as const;

type Values = {
  unitId?: string | null;
  provider?: RobotProvider;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  enabled?: boolean;
};

const toValues = (r: Robot): Values => ({
  unitId: r.unitId,
  provider: r.provider,
  url: '',
  secret: '',
  clearSecret: false,
  enabled: r.enabled,
});

const PLACEHOLDERS: Record<RobotProvider, string> = {
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
};

/**
 * Add or change a group robot. The stored URL and secret are never sent to the browser: editing shows them masked
 * and leaves them as they are unless a new one is typed (or the secret is removed).
 */
export function RobotFormDrawer({ target, onClose }: { target: RobotFormTarget | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.robot : undefined;
  const provider = Form.useWatch('provider', form) ?? editing?.provider ?? 'dingtalk';
  const clearSecret = Form.useWatch('clearSecret', form) ?? false;
  const isAdmin = me.roles.includes('admin');

  const { save, stale } = useVersionedSave({
    form,
    editing,
    mutationFn: async (v: Values, version) => {
      if (editing) {
        const body = validateWith(form, RobotUpdate, {
          url: v.url?.trim() ? v.url : undefined,
          secret: v.clearSecret ? null : v.secret?.trim() ? v.secret : undefined,
          enabled: v.enabled ?? true,
          version,
        });
        return body ? robotsApi.update(editing.id, body) : null;
      }
      const body = validateWith(form, RobotCreate, {
        unitId: isAdmin ? v.unitId : me.unit.id,
        provider: v.provider,
        url: v.url ?? '',
        secret: v.provider === 'dingtalk' && v.secret?.trim() ? v.secret : null,
        enabled: v.enabled ?? true,
      });
      return body ? robotsApi.create(body) : null;
    },
    onSaved: (saved) => {
      qc.setQueryData([...ROBOTS_KEY, saved.id], saved);
      void qc.invalidateQueries({ queryKey: ROBOTS_KEY });
    },
    onClose,
    reload: (r) => qc.fetchQuery({ queryKey: [...ROBOTS_KEY, r.id], queryFn: () => robotsApi.get(r.id), staleTime: 0 }),
    toValues,
    onReloaded: () => void qc.invalidateQueries({ queryKey: ROBOTS_KEY }),
  });

  const initial: Values = editing
    ? toValues(editing)
    : {
        unitId: target?.mode === 'create' ? (target.unitId ?? (isAdmin ? null : me.unit.id)) : null,
        provider: 'dingtalk',
        url: '',
        secret: '',
        enabled: true,
      };

  return (
    <FormDrawer
      title={editing ? t('robots.editTitle') : t('robots.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={provider === 'wecom' ? t('robots.howtoWecom') : t('robots.howtoDingtalk')}
      />
      <Form<Values>
        form={form}
        name="robot"
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        {editing ? (
          <Form.Item label={t('robots.unit')}>
            <Typography.Text>{editing.unitName}</Typography.Text>
          </Form.Item>
        ) : isAdmin ? (
          <Form.Item name="unitId" label={t('robots.unit')} required rules={[zodRule(RobotCreate.shape.unitId)]}>
            <EntitySelect kind="unit" placeholder={t('robots.unitPlaceholder')} />
          </Form.Item>
        ) : (
          <Form.Item label={t('robots.unit')}>
            <Typography.Text>{me.unit.name}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="provider" label={t('robots.provider')} required>
          <Radio.Group
            disabled={Boolean(editing)}
            optionType="button"
            buttonStyle="solid"
            options={ROBOT_PROVIDERS.map((p) => ({ value: p, label: label(ROBOT_PROVIDER_LABELS[p]) }))}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('robots.url')}
          required={!editing}
          extra={editing ? t('robots.urlKeep', { url: editing.url }) : t('robots.urlHelp')}
          rules={editing ? [] : [zodRule(RobotCreate.shape.url)]}
        >
          <Input placeholder={PLACEHOLDERS[provider]} maxLength={500} autoComplete="off" spellCheck={false} />
        </Form.Item>
        {provider === 'dingtalk' && (
          <>
            <Form.Item
              name="secret"
              label={t('robots.secret')}
              extra={editing?.secret ? t('robots.secretKeep', { secret: editing.secret }) : t('robots.secretHelp')}
            >
              <Input.Password
                placeholder="SEC…"
                maxLength={200}
                autoComplete="new-password"
                disabled={clearSecret}
                visibilityToggle
              />
            </Form.Item>
            {editing?.secret && (
              <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -8 }}>
                <Checkbox>{t('robots.secretClear')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="enabled" label={t('common.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
