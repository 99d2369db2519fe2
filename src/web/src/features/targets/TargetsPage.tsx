import { Card, InputNumber, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useReference, useReferenceNames } from '../../api/reference';
import { useCan, useJurisdiction, useSession } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { DashboardTab } from './DashboardTab';
import { DepartmentsTab } from './DepartmentsTab';
import { MatrixTab } from './MatrixTab';
import { PlanTab } from './PlanTab';
import { usePlans } from './usePlans';
export interface Scope {
  planId: string;
  year: number;
  regionCode?: string;
  industryCode?: string;
}

/**
 * 目标看板: for a plan and year, how far the city (a county, an industry) is from each target,
 * why (the records behind every number), and who is behind (the county matrix).
 */
export function TargetsPage() {
  const can = useCan();
  const { t, lang } = useI18n();
  const user = useSession().data?.user;
  const mayEdit = can('target.write');
  const county = !(user?.abilities.cityWide ?? true);
  const [params, setParams] = useSearchParams();
  const { units } = useJurisdiction();
  const regions = (useReference('regions').data ?? []).filter((r) => units.includes(r.code));
  const industries = useReference('industries').data ?? [];
  const regionName = useReferenceNames('regions', lang);
  const { plans, current, openingYear } = usePlans();
  const planId = params.get('plan') ?? current?.id;
  const plan = plans.data?.items.find((p) => p.id === planId);
  const [year, setYear] = useState<number | null>(null);
  const shownYear = year ?? openingYear(plan);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [industryCode, setIndustryCode] = useState<string | undefined>();
  const tab = params.get('tab') ?? 'dashboard';
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        return p;
      },
      { replace: true },
    );
  const scope: Scope | null = planId ? { planId, year: shownYear, regionCode: county ? undefined : regionCode, industryCode } : null;
  return (
    <>
      <PageHeader title={t('menu.targets')} trail={[{ title: t('menu.targets') }]} />
      <Card>
        {plans.error && <ErrorAlert error={plans.error} />}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('target.plan')}
            style={{ width: 220 }}
            value={planId}
            onChange={(id) => {
              set('plan', id);
              setYear(null);
            }}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: lang === 'en-US' && p.nameEn ? p.nameEn : p.name }))}
          />
          <InputNumber
            aria-label={t('inspection.year')}
            min={2000}
            max={2100}
            value={shownYear}
            onChange={(y) => y && setYear(y)}
            addonAfter={t('target.yearSuffix') || undefined}
          />
          {county ? (
            <span>{regionName(user?.regionCode ?? '')}</span>
          ) : (
            <Select
              aria-label={t('enterprise.region')}
              placeholder={t('target.wholeCity')}
              allowClear
              style={{ width: 140 }}
              value={regionCode}
              onChange={setRegionCode}
              options={regions.map((r) => ({ value: r.code, label: regionName(r.code) }))}
            />
          )}
          <Select
            aria-label={t('enterprise.industry')}
            placeholder={t('target.allIndustries')}
            allowClear
            style={{ width: 150 }}
            value={industryCode}
            onChange={setIndustryCode}
            options={industries.map((i) => ({ value: i.code, label: lang === 'en-US' && i.nameEn ? i.nameEn : i.name }))}
          />
        </Space>
        {scope && (
          <Tabs
            activeKey={tab}
            onChange={(k) => set('tab', k)}
            items={[
              { key: 'dashboard', label: t('target.tab.dashboard'), children: <DashboardTab scope={scope} /> },
              { key: 'matrix', label: t('target.tab.matrix'), children: <MatrixTab scope={scope} /> },
              { key: 'departments', label: t('target.tab.departments'), children: <DepartmentsTab scope={scope} /> },
              { key: 'plan', label: t('target.tab.plan'), children: <PlanTab planId={scope.planId} mayEdit={mayEdit} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
