import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { HONOUR_STATUSES, type HonourListQuery } from '../../../../contract/schemas/brands';
import type { BrandProgramme } from '../../../../contract/schemas/reference';
import { useReference } from '../../api/reference';
import { useCan, useJurisdiction, useSession } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { CultivationsTab } from './CultivationsTab';
import { GrantHonourModal } from './GrantHonourModal';
import { HonoursTable } from './HonoursTable';
import { FlagshipsTab } from './FlagshipsTab';
import { KeyProjectsTab } from './KeyProjectsTab';
import { RewardsTab } from './RewardsTab';

/** 荣誉登记簿: what was granted under each programme, filtered, with expiry warnings. */
export function HonoursPage() {
  const can = useCan();
  const { t, lang } = useI18n();
  const user = useSession().data?.user;
  const mayWrite = can('brand.write');
  // Reward rules and the flagship list are the city's decisions.
  const cityLevel = user?.abilities.cityWide ?? false;
  const programmes = (useReference('brand-programmes').data ?? []) as BrandProgramme[];
  const regions = useReference('regions').data ?? [];
  const { units } = useJurisdiction();
  const [filter, setFilter] = useState<HonourListQuery>({ status: 'active' });
  const [granting, setGranting] = useState(false);
  const name = (i: { name: string; nameEn: string }) => (lang === 'en-US' && i.nameEn ? i.nameEn : i.name);
  return (
    <>
      <PageHeader
        title={t('menu.honours')}
        trail={[{ title: t('menu.honours') }]}
        extra={
          mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)}>
              {t('honour.grant')}
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'register',
              label: t('honour.register'),
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Select
                      aria-label={t('honour.programme')}
                      placeholder={t('honour.programme')}
                      allowClear
                      style={{ width: 220 }}
                      value={filter.programmeCode}
                      onChange={(programmeCode) => setFilter({ ...filter, programmeCode })}
                      options={programmes.map((p) => ({ value: p.code, label: name(p) }))}
                    />
                    <Select
                      aria-label={t('honour.status')}
                      placeholder={t('honour.status')}
                      allowClear
                      style={{ width: 130 }}
                      value={filter.status}
                      onChange={(status) => setFilter({ ...filter, status })}
                      options={HONOUR_STATUSES.map((s) => ({ value: s, label: t(`honour.status.${s}`) }))}
                    />
                    <Select
                      aria-label={t('enterprise.region')}
                      placeholder={t('enterprise.region')}
                      allowClear
                      style={{ width: 130 }}
                      value={filter.regionCode}
                      onChange={(regionCode) => setFilter({ ...filter, regionCode })}
                      options={regions.filter((r) => units.includes(r.code)).map((r) => ({ value: r.code, label: name(r) }))}
                    />
                    <Select
                      aria-label={t('honour.expiring')}
                      placeholder={t('honour.expiring')}
                      allowClear
                      style={{ width: 180 }}
                      value={filter.expiringWithinDays}
                      onChange={(expiringWithinDays) => setFilter({ ...filter, expiringWithinDays })}
                      options={[90, 180, 365].map((d) => ({ value: d, label: t('honour.expiringWithin', { n: d }) }))}
                    />
                  </Space>
                  <HonoursTable filter={filter} />
                </>
              ),
            },
            { key: 'reviews', label: t('honour.reviewsDue'), children: <HonoursTable filter={{ reviewDueWithinDays: 90 }} /> },
            { key: 'pipeline', label: t('cultivation.tab'), children: <CultivationsTab mayWrite={mayWrite} /> },
            { key: 'rewards', label: t('reward.tab'), children: <RewardsTab mayWrite={mayWrite} cityLevel={cityLevel} /> },
            { key: 'projects', label: t('project.tab'), children: <KeyProjectsTab mayWrite={mayWrite} /> },
            { key: 'flagships', label: t('flagship.tab'), children: <FlagshipsTab mayWrite={mayWrite && cityLevel} /> },
          ]}
        />
      </Card>
      {granting && <GrantHonourModal onClose={() => setGranting(false)} />}
    </>
  );
}
