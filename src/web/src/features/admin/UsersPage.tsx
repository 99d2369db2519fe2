import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LIMITS } from '../../../../contract/limits';
import { ROLES, type Role } from '../../../../contract/permissions';
import type { CreateUserBody, User } from '../../../../contract/schemas/users';
import { useReference, useReferenceNames } from '../../api/reference';
import { FormError } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { formatInstant } from '../enterprises/labels';
import { createUser, listUsers, resetPassword, updateUser } from './api';
import { listEnterprises } from '../enterprises/api';
import { useJurisdiction } from '../../api/session';

const roleKey = (r: string) => `role.${r}`;

/** 用户管理 (admins): accounts, roles and their scope; one-time passwords shown once. */
export function UsersPage() {
  const { t, tx, lang } = useI18n();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const regionName = useReferenceNames('regions', lang);
  const departmentName = useReferenceNames('departments', lang);
  const users = useQuery({
    queryKey: ['users', q, role],
    queryFn: () => listUsers({ q, role, limit: 500 }),
    placeholderData: keepPreviousData,
  });
  const showPassword = (username: string, password: string) =>
    modal.success({
      title: t('users.oneTimeTitle', { username }),
      content: (
        <>
          <Typography.Paragraph>{t('users.oneTimeHint')}</Typography.Paragraph>
          <Typography.Text code copyable data-testid="one-time-password">
            {password}
          </Typography.Text>
        </>
      ),
    });
  const reset = (u: User) =>
    modal.confirm({
      title: t('users.resetConfirm', { name: u.displayName }),
      onOk: async () => {
        const res = await resetPassword(u.id, u.version);
        await client.invalidateQueries({ queryKey: ['users'] });
        showPassword(u.username, res.oneTimePassword);
      },
    });

  return (
    <>
      <PageHeader
        title={t('menu.users')}
        trail={[{ title: t('menu.users') }]}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.new')}
          </Button>
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('users.search')} aria-label={t('users.search')} onSearch={setQ} style={{ width: 240 }} />
          <Select
            allowClear
            placeholder={t('users.role')}
            aria-label={t('users.role')}
            style={{ width: 180 }}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: tx(roleKey(r)) }))}
          />
        </Space>
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 900 }}
          columns={[
            { key: 'username', title: t('users.username'), dataIndex: 'username' },
            { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
            { key: 'role', title: t('users.role'), dataIndex: 'role', render: (r: string) => tx(roleKey(r)) },
            {
              key: 'scope',
              title: t('users.scope'),
              render: (_, u) =>
                u.regionCode
                  ? regionName(u.regionCode)
                  : u.departmentCode
                    ? departmentName(u.departmentCode)
                    : u.enterpriseId
                      ? t('users.ownEnterprise')
                      : t('users.cityWide'),
            },
            {
              key: 'state',
              title: t('users.state'),
              render: (_, u) =>
                u.disabled ? (
                  <Tag>{t('users.disabled')}</Tag>
                ) : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? (
                  <Tag color="red">{t('users.locked')}</Tag>
                ) : (
                  <Tag color="green">{t('users.active')}</Tag>
                ),
            },
            {
              key: 'lastLogin',
              title: t('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (v: string | null) => formatInstant(v, lang),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, u) => (
                <Space>
                  <Button size="small" disabled={!u.abilities.update} onClick={() => setEditing(u)}>
                    {t('common.edit')}
                  </Button>
                  <Button size="small" disabled={!u.abilities.resetPassword} onClick={() => reset(u)}>
                    {t('users.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onCreated={(u, pw) => showPassword(u, pw)} />
      )}
    </>
  );
}

/** The form's values: the account, its role and the scope that role takes. */
type Values = {
  username: string;
  displayName: string;
  role: Role;
  disabled?: boolean;
  regionCode?: string;
  departmentCode?: string;
  enterpriseId?: string;
};

function UserForm({
  user,
  onClose,
  onCreated,
}: {
  user: User | null;
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [enterpriseQ, setEnterpriseQ] = useState('');
  // A county officer serves one of the city's counties (the server refuses any other region).
  const { units } = useJurisdiction();
  const regions = (useReference('regions').data ?? []).filter((r) => units.includes(r.code));
  const departments = useReference('departments').data ?? [];
  const enterprises = useQuery({
    queryKey: ['enterprises', 'pick', enterpriseQ],
    queryFn: () => listEnterprises({ q: enterpriseQ, limit: 20 }),
    enabled: role === 'enterprise_user' && [...enterpriseQ].length >= 2,
  });

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    const scope = {
      regionCode: values.role === 'county_officer' ? values.regionCode : null,
      departmentCode: values.role === 'department_reporter' ? values.departmentCode : null,
      enterpriseId: values.role === 'enterprise_user' ? values.enterpriseId : null,
    };
    try {
      if (user) {
        await updateUser(user.id, {
          version: user.version,
          displayName: values.displayName,
          role: values.role,
          disabled: values.disabled,
          ...scope,
        });
        message.success(t('common.saved'));
      } else {
        // A new user has no scope but the role's: the others (null) are left out.
        const body = Object.fromEntries(
          Object.entries({ username: values.username, displayName: values.displayName, role: values.role, ...scope }).filter(
            ([, v]) => v !== null && v !== undefined,
          ),
        );
        const res = await createUser(body as CreateUserBody);
        onCreated(res.user.username, res.oneTimePassword);
      }
      await client.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      setError(err);
      showFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={user ? t('users.edit') : t('users.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
    >
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={user ?? { role: 'county_officer' }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, message: t('form.required') },
            {
              min: LIMITS.username.min,
              max: LIMITS.username.max,
              pattern: new RegExp(LIMITS.username.pattern),
              message: t('users.usernameRule'),
            },
          ]}
        >
          <Input disabled={!!user} maxLength={LIMITS.username.max} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, message: t('form.required') }, { max: LIMITS.displayName.max }]}
        >
          <Input maxLength={LIMITS.displayName.max} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: tx(roleKey(r)) }))} />
        </Form.Item>
        {role === 'county_officer' && (
          <Form.Item name="regionCode" label={t('users.region')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={regions.map((r) => ({ value: r.code, label: lang === 'en-US' ? r.nameEn : r.name }))} />
          </Form.Item>
        )}
        {role === 'department_reporter' && (
          <Form.Item name="departmentCode" label={t('users.department')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={departments.map((d) => ({ value: d.code, label: lang === 'en-US' ? d.nameEn : d.name }))} />
          </Form.Item>
        )}
        {role === 'enterprise_user' && (
          <Form.Item name="enterpriseId" label={t('users.enterprise')} rules={[{ required: true, message: t('form.required') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setEnterpriseQ}
              placeholder={t('enterprise.searchPlaceholder')}
              options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }))}
            />
          </Form.Item>
        )}
        {user && (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
