import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { Static } from 'typebox';
import { INDICATOR_SECTIONS, type DashboardRow } from '../../../../contract/schemas/targets';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { CELL_BACKGROUND, formatTarget, formatValue, Sparkline } from './format';
import { getDashboard, getMatrix } from './api';

type Row = Static<typeof DashboardRow>;

/**
 * The year's report on the targets, laid out to print on A4 (the console around it is hidden by
 * the print style sheet): a summary, every indicator by section with its trend on portrait pages,
 * then the county matrix on a landscape page of its own. Column widths are shares of the page, not
 * pixels, so the indicator's name keeps about a third of the width on paper as on screen.
 */
export function TargetReportPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const regionName = useReferenceNames('regions', lang);
  const planId = params.get('plan') ?? '';
  const query = {
    year: Number(params.get('year')),
    regionCode: params.get('regionCode') ?? undefined,
    industryCode: params.get('industryCode') ?? undefined,
  };
  const dashboard = useQuery({ queryKey: ['targets', 'dashboard', { planId, ...query }], queryFn: () => getDashboard(planId, query) });
  const matrix = useQuery({
    queryKey: ['targets', 'matrix', planId, query.year],
    queryFn: () => getMatrix(planId, { year: query.year }),
    enabled: !query.regionCode,
  });
  if (dashboard.error) return <ErrorAlert error={dashboard.error} />;
  if (!dashboard.data) return <Skeleton active />;
  const d = dashboard.data;
  const rows = d.rows.filter((r) => r.indicator.section !== 'reference');
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const byCode = new Map(d.rows.map((r) => [r.indicator.code, r]));
  const scope = d.regionCode ? regionName(d.regionCode) : t('target.wholeCity');
  return (
    <Card className="notice target-report">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('target.report.print')}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('target.report.title', { plan: d.plan.name, year: d.year, scope })}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>{t('target.asOf', { date: formatDate(d.asOf, lang) })}</Typography.Paragraph>
      <Typography.Paragraph className="notice-text">
        {t('target.report.summary', {
          n: rows.length,
          met: count('met'),
          near: count('near'),
          notMet: count('not_met'),
          noData: count('no_data'),
          end: d.plan.endYear,
          onTrack: rows.filter((r) => r.projection.status === 'met').length,
        })}
      </Typography.Paragraph>
      {INDICATOR_SECTIONS.filter((s) => s !== 'reference' && rows.some((r) => r.indicator.section === s)).map((section) => (
        <div key={section}>
          <Typography.Title level={5}>{t(`target.section.${section}`)}</Typography.Title>
          <Table<Row>
            rowKey={(r) => r.indicator.code}
            size="small"
            bordered
            pagination={false}
            dataSource={rows.filter((r) => r.indicator.section === section)}
            style={{ marginBottom: 12 }}
            className="target-report-indicators"
            columns={[
              { key: 'name', title: t('target.indicator'), render: (_, r) => r.indicator.name },
              {
                key: 'value',
                title: t('target.value'),
                align: 'right',
                width: '19%',
                render: (_, r) => (
                  <>
                    {formatValue(r.indicator, r.value)}
                    {r.reported && !r.reported.complete && (
                      <div className="report-note">{t('target.reportedIncomplete', { n: r.reported.regions, of: r.reported.of })}</div>
                    )}
                    {r.measures?.map((m) => (
                      <div key={m.code} className="report-note">
                        {m.name}：{formatValue(r.indicator, m.value)}
                      </div>
                    ))}
                  </>
                ),
              },
              { key: 'target', title: t('target.target'), align: 'right', width: '10%', render: (_, r) => formatTarget(r.indicator) },
              {
                key: 'status',
                title: t('target.status'),
                width: '8%',
                onCell: (r) => ({ style: { background: CELL_BACKGROUND[r.status] } }),
                render: (_, r) => t(`target.status.${r.status}`),
              },
              {
                key: 'previous',
                title: t('target.previous'),
                align: 'right',
                width: '9%',
                render: (_, r) => formatValue(r.indicator, r.previous),
              },
              {
                key: 'trend',
                title: t('target.trend'),
                width: '10%',
                render: (_, r) => <Sparkline points={r.trend} label={r.indicator.name} width={60} height={18} />,
              },
              {
                key: 'projection',
                title: t('target.projection', { year: d.plan.endYear }),
                align: 'right',
                width: '10%',
                render: (_, r) => formatValue(r.indicator, r.projection.value),
              },
            ]}
          />
        </div>
      ))}
      {matrix.data && (
        <div className="print-landscape">
          <Typography.Title level={5}>{t('target.tab.matrix')}</Typography.Title>
          <Table
            rowKey="code"
            className="target-report-matrix"
            scroll={{ x: 'max-content' }}
            size="small"
            bordered
            pagination={false}
            dataSource={matrix.data.rows.filter((r) => byCode.get(r.code)?.indicator.section !== 'reference')}
            columns={[
              {
                key: 'name',
                title: t('target.indicator'),
                fixed: 'left' as const,
                width: 260,
                render: (_, r) => byCode.get(r.code)?.indicator.name ?? r.code,
              },
              ...matrix.data.columns.map((region, n) => ({
                key: region,
                title: regionName(region),
                align: 'right' as const,
                onCell: (r: (typeof matrix.data.rows)[number]) => ({
                  style: { background: CELL_BACKGROUND[r.cells[n]!.status], fontSize: 12 },
                }),
                render: (_: unknown, r: (typeof matrix.data.rows)[number]) => {
                  const i = byCode.get(r.code)?.indicator;
                  return i ? formatValue(i, r.cells[n]!.value) : '';
                },
              })),
            ]}
          />
        </div>
      )}
    </Card>
  );
}
