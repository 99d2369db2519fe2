import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Skeleton } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { EnterpriseListPage } from './features/enterprises/EnterpriseListPage';

// Pages off the first screen load on demand: the profile (with charts), the import wizard, admin.
const EnterpriseProfilePage = lazy(() =>
  import('./features/enterprises/EnterpriseProfilePage').then((m) => ({ default: m.EnterpriseProfilePage })),
);
const ImportPage = lazy(() => import('./features/imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const UsersPage = lazy(() => import('./features/admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const ReferencePage = lazy(() => import('./features/admin/ReferencePage').then((m) => ({ default: m.ReferencePage })));
const InspectionsPage = lazy(() => import('./features/inspections/InspectionsPage').then((m) => ({ default: m.InspectionsPage })));
const PlansPage = lazy(() => import('./features/inspections/PlansPage').then((m) => ({ default: m.PlansPage })));
const CaseDetailPage = lazy(() => import('./features/inspections/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const NoticePage = lazy(() => import('./features/inspections/NoticePage').then((m) => ({ default: m.NoticePage })));
const SamplingFormPage = lazy(() => import('./features/inspections/SamplingFormPage').then((m) => ({ default: m.SamplingFormPage })));
const ResponsesPage = lazy(() => import('./features/inspections/ResponsesPage').then((m) => ({ default: m.ResponsesPage })));
const TargetsPage = lazy(() => import('./features/targets/TargetsPage').then((m) => ({ default: m.TargetsPage })));
const TargetReportPage = lazy(() => import('./features/targets/TargetReportPage').then((m) => ({ default: m.TargetReportPage })));
const ReportingPage = lazy(() => import('./features/targets/ReportingPage').then((m) => ({ default: m.ReportingPage })));
const AssessmentNoticePage = lazy(() =>
  import('./features/assessments/AssessmentNoticePage').then((m) => ({ default: m.AssessmentNoticePage })),
);
const AssessmentPage = lazy(() => import('./features/assessments/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
const HonoursPage = lazy(() => import('./features/brands/HonoursPage').then((m) => ({ default: m.HonoursPage })));
const PublicResultsPage = lazy(() => import('./features/inspections/PublicResultsPage').then((m) => ({ default: m.PublicResultsPage })));
const AuditPage = lazy(() => import('./features/admin/AuditPage').then((m) => ({ default: m.AuditPage })));
import { I18nProvider, useI18n } from './i18n';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Lazy({ page }: { page: ReactNode }) {
  return <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{page}</Suspense>;
}

function Root() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#1d4f91',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Segoe UI', sans-serif",
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/public/inspections" element={<Lazy page={<PublicResultsPage />} />} />
            <Route element={<AppLayout />}>
              <Route path="/" element={<HomePage />} />
              <Route path="/enterprises" element={<EnterpriseListPage />} />
              <Route path="/enterprises/:id" element={<Lazy page={<EnterpriseProfilePage />} />} />
              <Route path="/import" element={<Lazy page={<ImportPage />} />} />
              <Route path="/inspections" element={<Lazy page={<InspectionsPage />} />} />
              <Route path="/inspections/plans" element={<Lazy page={<PlansPage />} />} />
              <Route path="/brands" element={<Lazy page={<HonoursPage />} />} />
              <Route path="/targets" element={<Lazy page={<TargetsPage />} />} />
              <Route path="/targets/report" element={<Lazy page={<TargetReportPage />} />} />
              <Route path="/reporting" element={<Lazy page={<ReportingPage />} />} />
              <Route path="/assessment" element={<Lazy page={<AssessmentPage />} />} />
              <Route path="/assessment/notice" element={<Lazy page={<AssessmentNoticePage />} />} />
              <Route path="/responses" element={<Lazy page={<ResponsesPage />} />} />
              <Route path="/inspections/plans/:id/notice" element={<Lazy page={<NoticePage />} />} />
              <Route path="/inspections/:id/sampling-form" element={<Lazy page={<SamplingFormPage />} />} />
              <Route path="/inspections/:id" element={<Lazy page={<CaseDetailPage />} />} />
              <Route path="/admin/users" element={<Lazy page={<UsersPage />} />} />
              <Route path="/admin/reference" element={<Lazy page={<ReferencePage />} />} />
              <Route path="/admin/audit" element={<Lazy page={<AuditPage />} />} />
              <Route path="/password" element={<ChangePasswordPage />} />
              <Route path="*" element={<HomePage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Root />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
