import type { Permission } from '../../../contract/permissions';
import {
  AimOutlined,
  AuditOutlined,
  DatabaseOutlined,
  ExperimentOutlined,
  DownOutlined,
  FormOutlined,
  HomeOutlined,
  MessageOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from '../api/client';
import { useSession, useSessionActions } from '../api/session';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorText';

/** The signed-in frame: header with the user menu, side menu by module, then the page. */
export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const { logout } = useSessionActions();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;

  useEffect(() => {
    // A session that expires mid-work goes back to login, then returns here.
    setUnauthenticatedHandler(() => navigate(`/login?expired=1&from=${encodeURIComponent(here)}`, { replace: true }));
  }, [navigate, here]);

  if (session.isPending) return <Spin fullscreen />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  if (!session.data) return <Navigate to={`/login?from=${encodeURIComponent(here)}`} replace />;
  const user = session.data.user;
  if (user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  const can = (permission: Permission) => user.permissions.includes(permission);
  // The menu is the map of pages: a page left out of a user's menu is closed to them by its
  // address too (the API refuses its data anyway), rather than opening empty or with errors.
  const entries = [
    { allowed: true, key: '/', icon: <HomeOutlined />, label: t('menu.home') },
    { allowed: true, key: '/enterprises', icon: <ShopOutlined />, label: t('menu.enterprises') },
    { allowed: can('enterprise.write'), key: '/import', icon: <UploadOutlined />, label: t('menu.import') },
    { allowed: can('inspection.read'), key: '/inspections', icon: <ExperimentOutlined />, label: t('menu.inspections') },
    { allowed: can('brand.read'), key: '/brands', icon: <TrophyOutlined />, label: t('menu.honours') },
    { allowed: can('target.read'), key: '/targets', icon: <AimOutlined />, label: t('menu.targets') },
    { allowed: can('target.report') || can('target.write'), key: '/reporting', icon: <FormOutlined />, label: t('menu.reporting') },
    {
      allowed: can('assessment.self') || can('target.write') || (can('target.read') && !can('target.report')),
      key: '/assessment',
      icon: <SolutionOutlined />,
      label: t('menu.assessment'),
    },
    {
      allowed: can('inspection.respond') || can('inspection.write'),
      key: '/responses',
      icon: <MessageOutlined />,
      label: t('menu.responses'),
    },
    { allowed: can('user.write'), key: '/admin/users', icon: <TeamOutlined />, label: t('menu.users') },
    { allowed: can('reference.write'), key: '/admin/reference', icon: <DatabaseOutlined />, label: t('menu.reference') },
    { allowed: can('audit.read'), key: '/admin/audit', icon: <AuditOutlined />, label: t('menu.audit') },
  ];
  const menu = entries.filter((e) => e.allowed).map(({ allowed: _allowed, ...item }) => item);
  const closed = entries.some((e) => !e.allowed && location.pathname.startsWith(e.key));
  const selected = menu.map((m) => m.key).filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <div className="app-title">{t('app.title')}</div>
        <Dropdown
          menu={{
            items: [
              { key: 'password', label: t('menu.changePassword'), onClick: () => navigate('/password') },
              { key: 'lang', label: t('menu.language'), onClick: () => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN') },
              { type: 'divider' },
              {
                key: 'logout',
                label: t('menu.logout'),
                onClick: async () => {
                  await logout();
                  navigate('/login', { replace: true });
                },
              },
            ],
          }}
        >
          <Button type="text" className="user-menu" icon={<UserOutlined />}>
            {user.displayName} <DownOutlined />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0} aria-label={t('menu.label')}>
          <Menu mode="inline" selectedKeys={selected} items={menu} onClick={({ key }) => navigate(key)} />
        </Layout.Sider>
        <Layout.Content className="app-content">
          {closed ? <Result status="403" title={t('common.noAccess')} subTitle={t('common.noAccessHint')} /> : <Outlet />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
