import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select, Switch } from 'antd';
import type { Role } from '../../../../domain/auth/roles.ts';
import { type User, UserCreate, UserUpdate } from '../../../../domain/org/contracts.ts';
import { type InitialPasswordResult, usersApi } from '../../api/org.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { emptyToNull, validateWith, zodRule } from '../../lib/form.ts';
import { useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { useInvalidate } from './org-queries.ts';
import { EntitySelect } from './org-selects.tsx';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

type Values = {
  username?: string;
  displayName?: string;
  unitId?: string | null;
  roles?: Role[];
  phone?: string | null;
  active?: boolean;
};

const isMasked = (phone: string | null) => Boolean(phone?.includes('*'));

const toValues = (u: User): Values => ({
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  roles: u.roles,
  // a masked phone (138****1234) cannot be sent back; the field then starts empty
  phone: isMasked(u.phone) ? null : u.phone,
  active: u.active,
});

export function UserFormDrawer({
  target,
  onClose,
  onCreated,
}: {
  target: UserFormTarget | null;
  onClose: () => void;
  onCreated: (r: InitialPasswordResult) => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const labels = useEnumLabels();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit';
  const maskedPhone = target?.mode === 'edit' && isMasked(target.user.phone) ? target.user.phone : null;

  const { save, stale } = useVersionedSave({
    form,
    editing: target?.mode === 'edit' ? target.user : undefined,
    mutationFn: async (v: Values, version): Promise<{ user: User; initialPassword?: string } | null> => {
      const fields = {
        displayName: v.displayName,
        unitId: v.unitId ?? undefined,
        roles: v.roles ?? [],
        phone: emptyToNull(v.phone),
      };
      if (target?.mode === 'edit') {
        const body = validateWith(form, UserUpdate, { ...fields, version, active: v.active ?? true });
        return body ? { user: await usersApi.update(target.user.id, body) } : null;
      }
      const body = validateWith(form, UserCreate, { ...fields, username: v.username });
      return body ? usersApi.create(body) : null;
    },
    onSaved: (saved) => {
      qc.setQueryData(['user', saved.user.id], saved.user);
      invalidate('users', 'user', 'options');
      if (saved.initialPassword) onCreated({ user: saved.user, initialPassword: saved.initialPassword });
    },
    onClose,
    reload: (u) => qc.fetchQuery({ queryKey: ['user', u.id], queryFn: () => usersApi.get(u.id), staleTime: 0 }),
    toValues,
    onReloaded: () => invalidate('users'),
  });

  return (
    <FormDrawer
      title={editing ? t('user.editTitle') : t('user.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
    >
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        initialValues={target?.mode === 'edit' ? toValues(target.user) : { roles: ['unit_staff'] }}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Form.Item
          name="username"
          label={t('user.username')}
          required={!editing}
          rules={editing ? [] : [zodRule(UserCreate.shape.username)]}
        >
          <Input disabled={editing} maxLength={32} autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('user.displayName')}
          required
          rules={[zodRule(UserCreate.shape.displayName)]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="unitId" label={t('user.unit')} required rules={[zodRule(UserCreate.shape.unitId)]}>
          <EntitySelect kind="unit" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('user.roles')}
          required
          rules={[zodRule(UserCreate.shape.roles, (v) => v ?? [])]}
        >
          <Select mode="multiple" options={labels.roleOptions} placeholder={t('common.select')} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('user.phone')}
          rules={[zodRule(UserCreate.shape.phone, emptyToNull)]}
          extra={maskedPhone ? t('user.phoneMaskedHelp', { phone: maskedPhone }) : undefined}
        >
          <Input maxLength={20} inputMode="tel" placeholder={maskedPhone ?? '13800001234'} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('user.accountStatus')} valuePropName="checked">
            <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
