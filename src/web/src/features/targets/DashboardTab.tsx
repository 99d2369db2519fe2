import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import { INDICATOR_SECTIONS, type DashboardRow } from '../../../../contract/schemas/targets';
import { queryString } from '../../api/client';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { DrillDrawer } from './DrillDrawer';
import { formatTarget, formatValue, Sparkline, StatusTag } from './format';
import type { Scope } from './TargetsPage';
import { getDashboard } from './api';

type Row = Static<typeof DashboardRow>;

/** The dashboard of a plan for a scope: one query, shared by the tabs that read it. */
export function useDashboard(scope: Scope) {
  const { planId, ...query } = scope;
  return useQuery({ queryKey: ['targets', 'dashboard', scope], queryFn: () => getDashboard(planId, query) });
}

/** Every indicator of the plan for the year, grouped by the policy's sections; a number opens what is behind it. */
export function DashboardTab({ scope }: { scope: Scope }) {
  const { t, lang } = useI18n();
  const department = useReferenceNames('departments', lang);
  const [open, setOpen] = useState<Row | null>(null);
  const { planId, ...query } = scope;
  const data = useDashboard(scope);
  const rows = data.data?.rows ?? [];
  const name = (r: Row) => (lang === 'en-US' && r.indicator.nameEn ? r.indicator.nameEn : r.indicator.name);
  const change = (r: Row) => {
    if (r.value === null || r.previous === null) return '—';
    // Rounded before the sign is chosen: a change of -0.001 reads 0, not "-0".
    const d = Math.round((r.value - r.previous) * 100) / 100;
    return d === 0 ? '0' : `${d > 0 ? '+' : ''}${d.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
  };
  const tally = (s: string) => rows.filter((r) => r.status === s).length;
  return (
    <>
      {data.error && <ErrorAlert error={data.error} />}
      {data.data && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('target.asOf', { date: formatDate(data.data.asOf, lang) })}</Typography.Text>
          {(['met', 'near', 'not_met', 'no_data'] as const).map((s) => (
            <span key={s}>
              <StatusTag status={s} t={t} />
              {tally(s)}
            </span>
          ))}
          <Button href={`/api/v1/target-plans/${planId}/dashboard/export${queryString(query)}`}>{t('target.export')}</Button>
          <Link to={`/targets/report${queryString({ plan: planId, ...query })}`}>
            <Button>{t('target.report.open')}</Button>
          </Link>
        </Space>
      )}
      {INDICATOR_SECTIONS.filter((s) => rows.some((r) => r.indicator.section === s)).map((section) => (
        <Table<Row>
          key={section}
          rowKey={(r) => r.indicator.code}
          size="small"
          pagination={false}
          loading={data.isPending}
          title={() => <Typography.Text strong>{t(`target.section.${section}`)}</Typography.Text>}
          dataSource={rows.filter((r) => r.indicator.section === section)}
          scroll={{ x: 1000 }}
          style={{ marginBottom: 16 }}
          columns={[
            {
              key: 'name',
              title: t('target.indicator'),
              render: (_, r) => (
                <>
                  {name(r)}{' '}
                  <Tooltip title={r.indicator.definition}>
                    <InfoCircleOutlined aria-label={t('target.definition')} style={{ color: '#888' }} />
                  </Tooltip>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.indicator.code} · {department(r.indicator.ownerDepartment)} · {t(`target.source.${r.indicator.source}`)}
                    </Typography.Text>
                  </div>
                  {r.measures && (
                    <ul aria-label={t('target.measures')} style={{ margin: '4px 0 0', paddingLeft: 18, fontSize: 12 }}>
                      {r.measures.map((m) => (
                        <li key={m.code}>
                          {m.name}：{formatValue(r.indicator, m.value)} <StatusTag status={m.status} t={t} />
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ),
            },
            {
              key: 'value',
              title: t('target.value'),
              width: 210,
              align: 'right',
              render: (_, r) => (
                <>
                  {/* An indicator made of measures has no records of its own: each measure's row opens its own. */}
                  {r.measures ? (
                    formatValue(r.indicator, r.value)
                  ) : (
                    <Button
                      type="link"
                      style={{ padding: 0 }}
                      onClick={() => setOpen(r)}
                      aria-label={`${name(r)} ${formatValue(r.indicator, r.value)}`}
                    >
                      {formatValue(r.indicator, r.value)}
                    </Button>
                  )}
                  {r.reported && !r.reported.complete && (
                    <div>
                      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                        {t('target.reportedIncomplete', { n: r.reported.regions, of: r.reported.of })}
                      </Tag>
                    </div>
                  )}
                </>
              ),
            },
            { key: 'target', title: t('target.target'), width: 110, align: 'right', render: (_, r) => formatTarget(r.indicator) },
            { key: 'status', title: t('target.status'), width: 90, render: (_, r) => <StatusTag status={r.status} t={t} /> },
            { key: 'change', title: t('target.change'), width: 110, align: 'right', render: (_, r) => change(r) },
            {
              key: 'trend',
              title: t('target.trend'),
              width: 110,
              render: (_, r) => <Sparkline points={r.trend} label={`${name(r)} ${t('target.trend')}`} />,
            },
            {
              key: 'projection',
              title: t('target.projection', { year: data.data?.plan.endYear ?? '' }),
              width: 170,
              render: (_, r) =>
                r.projection.value === null ? (
                  '—'
                ) : (
                  <>
                    {formatValue(r.indicator, r.projection.value)} <StatusTag status={r.projection.status} t={t} />
                  </>
                ),
            },
          ]}
        />
      ))}
      {open && <DrillDrawer scope={scope} row={open} onClose={() => setOpen(null)} />}
    </>
  );
}
