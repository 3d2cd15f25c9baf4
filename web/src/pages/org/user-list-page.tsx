import { KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { type User, UserListQuery } from '../../../../domain/org/contracts.ts';
import { type InitialPasswordResult, usersApi } from '../../api/org.ts';
import { useMe } from '../../app/session.tsx';
import { DetailDrawer } from '../../components/drawers.tsx';
import { HistorySection } from '../../components/history-timeline.tsx';
import { type InitialPassword, InitialPasswordModal } from '../../components/initial-password-modal.tsx';
import { LinkButton } from '../../components/link-button.tsx';
import { AddButton, EditButton, RowActions } from '../../components/list-actions.tsx';
import { tableEmptyText, tablePagination } from '../../components/list-table.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { Page, Panel } from '../../components/page.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { showError, toast } from '../../lib/feedback.ts';
import { formatMinute } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useEnumLabels } from '../../lib/labels.ts';
import { compact, useUrlFilter } from '../../lib/url-filter.ts';
import { useInvalidate } from './org-queries.ts';
import { EntitySelect } from './org-selects.tsx';
import { UserFormDrawer, type UserFormTarget } from './user-form-drawer.tsx';

type SearchValues = { q?: string; unitId?: string; role?: string };

function UserStatus({ u }: { u: User }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      {u.active ? <Tag color="success">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>}
      {u.locked && <Tag color="error">{t('user.locked')}</Tag>}
      {u.mustChangePassword && <Tag color="warning">{t('user.mustChange')}</Tag>}
    </Space>
  );
}

/** 重置密码 and 解锁, each behind a confirmation. */
function useUserActions(onPassword: (p: InitialPassword) => void) {
  const t = useT();
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  const reset = useMutation({
    mutationFn: (u: User) => usersApi.resetPassword(u.id),
    onSuccess: (r: InitialPasswordResult) => {
      qc.setQueryData(['user', r.user.id], r.user);
      invalidate('users', 'user');
      onPassword({ displayName: r.user.displayName, username: r.user.username, password: r.initialPassword });
    },
    onError: (e) => showError(e),
  });
  const unlock = useMutation({
    mutationFn: (u: User) => usersApi.unlock(u.id),
    onSuccess: (u) => {
      qc.setQueryData(['user', u.id], u);
      invalidate('users', 'user');
      toast.success(t('user.unlocked'));
    },
    onError: (e) => showError(e),
  });
  return { reset, unlock };
}

function UserActionButtons({
  u,
  actions,
  size = 'small',
}: {
  u: User;
  actions: ReturnType<typeof useUserActions>;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const link = size === 'small';
  return (
    <>
      {u.can.resetPassword && (
        <Popconfirm
          title={t('user.resetPassword')}
          description={t('user.resetConfirm', { name: u.displayName })}
          onConfirm={() => actions.reset.mutateAsync(u)}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
        >
          <Button type={link ? 'link' : 'default'} size={size} icon={link ? undefined : <KeyOutlined />}>
            {t('user.resetPassword')}
          </Button>
        </Popconfirm>
      )}
      {u.locked && u.can.unlock && (
        <Popconfirm
          title={t('user.unlock')}
          description={t('user.unlockConfirm', { name: u.displayName })}
          onConfirm={() => actions.unlock.mutateAsync(u)}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
        >
          <Button type={link ? 'link' : 'default'} size={size} icon={link ? undefined : <UnlockOutlined />}>
            {t('user.unlock')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}

function UserDetail({
  id,
  onEdit,
  actions,
}: {
  id: string;
  onEdit: (u: User) => void;
  actions: ReturnType<typeof useUserActions>;
}) {
  const t = useT();
  const labels = useEnumLabels();
  const q = useQuery({ queryKey: ['user', id], queryFn: () => usersApi.get(id) });
  const u = q.data;
  if (!u) return null;
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('user.username')}>{u.username}</Descriptions.Item>
        <Descriptions.Item label={t('user.displayName')}>{u.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('user.unit')} span="filled">
          {u.unitName}
        </Descriptions.Item>
        <Descriptions.Item label={t('user.roles')} span="filled">
          <Space size={[4, 4]} wrap>
            {u.roles.map((r) => (
              <Tag color="blue" key={r}>
                {labels.role(r)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('user.phone')}>{u.phone || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('user.lastLogin')}>
          {u.lastLoginAt ? formatMinute(u.lastLoginAt) : t('user.neverSignedIn')}
        </Descriptions.Item>
        <Descriptions.Item label={t('user.accountStatus')} span="filled">
          <UserStatus u={u} />
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 12 }}>
        {u.can.edit && <EditButton onClick={() => onEdit(u)} />}
        <UserActionButtons u={u} actions={actions} size="middle" />
      </Space>
      <HistorySection entity="user" id={u.id} load={usersApi.history} />
    </>
  );
}

export function UserListPage() {
  const t = useT();
  const me = useMe();
  const labels = useEnumLabels();
  const [filter, setFilter] = useUrlFilter(UserListQuery);
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [password, setPassword] = useState<InitialPassword | null>(null);
  const actions = useUserActions(setPassword);
  const list = useQuery({
    queryKey: ['users', filter],
    queryFn: () => usersApi.list(filter),
    placeholderData: keepPreviousData,
  });
  const filtering = Boolean(filter.q || filter.unitId || filter.role);

  const columns: TableColumnsType<User> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      width: 120,
      render: (name: string, u) => <LinkButton onClick={() => setDetailId(u.id)}>{name}</LinkButton>,
    },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 100 },
    { title: t('user.unit'), dataIndex: 'unitName', ellipsis: { showTitle: true }, responsive: ['md'] },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      width: 190,
      responsive: ['lg'],
      render: (roles: string[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r}>{labels.role(r)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('user.phone'),
      dataIndex: 'phone',
      width: 130,
      responsive: ['xl'],
      render: (p: string | null) => p || '—',
    },
    { title: t('common.status'), key: 'status', width: 130, render: (_v, u) => <UserStatus u={u} /> },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      responsive: ['xxl'],
      render: (v: string | null) => (v ? formatMinute(v) : t('user.neverSignedIn')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 210,
      render: (_v, u) => (
        <RowActions
          wrap
          onView={() => setDetailId(u.id)}
          onEdit={u.can.edit ? () => setFormTarget({ mode: 'edit', user: u }) : undefined}
        >
          <UserActionButtons u={u} actions={actions} />
        </RowActions>
      ),
    },
  ];

  return (
    <Page title={t('user.title')}>
      <Panel>
        <SearchForm<SearchValues>
          values={{ q: filter.q, unitId: filter.unitId, role: filter.role }}
          onSearch={(v) => setFilter({ ...compact(v), pageSize: filter.pageSize })}
          onReset={() => setFilter({ pageSize: filter.pageSize })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input placeholder={t('user.keywordPlaceholder')} allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="unitId" label={t('user.unit')}>
            <EntitySelect kind="unit" placeholder={t('common.all')} />
          </Form.Item>
          <Form.Item name="role" label={t('user.roles')}>
            <Select allowClear placeholder={t('common.all')} options={labels.roleOptions} />
          </Form.Item>
        </SearchForm>
      </Panel>
      <Panel>
        <ListToolbar
          left={me.can.administer && <AddButton onClick={() => setFormTarget({ mode: 'create' })} />}
          onRefresh={() => void list.refetch()}
          refreshing={list.isFetching}
        />
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 760 }}
          locale={{ emptyText: tableEmptyText(t, list.error, filtering) }}
          pagination={tablePagination(t, list.data?.total, filter, setFilter)}
        />
      </Panel>
      <UserFormDrawer
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onCreated={(r) =>
          setPassword({ displayName: r.user.displayName, username: r.user.username, password: r.initialPassword })
        }
      />
      <DetailDrawer title={t('user.detailTitle')} open={detailId !== null} onClose={() => setDetailId(null)}>
        {detailId && (
          <UserDetail
            id={detailId}
            actions={actions}
            onEdit={(u) => {
              setDetailId(null);
              setFormTarget({ mode: 'edit', user: u });
            }}
          />
        )}
      </DetailDrawer>
      <InitialPasswordModal value={password} onClose={() => setPassword(null)} />
    </Page>
  );
}
