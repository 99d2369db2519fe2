import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { useSchemeResults, useSchemes } from './api';

/**
 * The notice (通报) of an assessment, to print on A4: grades, ranks, vetoes and decisions. Opened
 * without a scheme (a bookmark, a typed address) it takes the latest year's opened or final one,
 * and a chooser switches between those that have results.
 */
export function AssessmentNoticePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const regionName = useReferenceNames('regions', lang);
  const schemes = useSchemes();
  const withResults = (schemes.data?.items ?? []).filter((s) => s.status !== 'draft').sort((a, b) => b.year - a.year);
  const id = params.get('scheme') ?? withResults[0]?.id;
  const results = useSchemeResults(id);
  if (schemes.error || results.error) return <ErrorAlert error={schemes.error ?? results.error} />;
  if (schemes.data && !id)
    return (
      <Card>
        <Empty description={t('assess.notice.noScheme')} />
      </Card>
    );
  if (!results.data) return <Skeleton active />;
  const { scheme, counties } = results.data;
  const names = (grade: string) =>
    counties
      .filter((c) => c.grade === grade)
      .map((c) => regionName(c.regionCode))
      .join('、') || t('assess.notice.none');
  const vetoed = counties.filter((c) => c.vetoReason);
  return (
    <Card className="notice">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('assess.notice.scheme')}
          style={{ minWidth: 240 }}
          value={id}
          onChange={(scheme: string) => setParams({ scheme }, { replace: true })}
          options={withResults.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('inspection.notice.print')}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('assess.notice.title', { name: scheme.name })}
      </Typography.Title>
      {scheme.status !== 'final' && (
        <Typography.Paragraph type="danger" style={{ textAlign: 'center' }}>
          {t('assess.notice.notFinal')}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph className="notice-text">
        {t('assess.notice.summary', { n: counties.length, a: names('A'), b: names('B'), c: names('C'), d: names('D') })}
      </Typography.Paragraph>
      {vetoed.length > 0 && (
        <Typography.Paragraph className="notice-text">
          {t('assess.notice.vetoes', { list: vetoed.map((c) => `${regionName(c.regionCode)}（${c.vetoReason}）`).join('；') })}
        </Typography.Paragraph>
      )}
      <Table
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={counties}
        columns={[
          { key: 'rank', title: t('assess.rank'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', render: (c: string) => regionName(c) },
          {
            key: 'indicator',
            title: t('assess.indicatorPoints'),
            dataIndex: 'indicatorPoints',
            align: 'right',
            render: (n: number) => n.toFixed(2),
          },
          { key: 'work', title: t('assess.workPoints'), dataIndex: 'workPoints', align: 'right', render: (n: number) => n.toFixed(2) },
          {
            key: 'deductions',
            title: t('assess.deductions'),
            dataIndex: 'deductions',
            align: 'right',
            render: (n: number) => n.toFixed(2),
          },
          { key: 'total', title: t('assess.total'), dataIndex: 'total', align: 'right', render: (n: number) => n.toFixed(2) },
          { key: 'grade', title: t('assess.grade'), dataIndex: 'grade', width: 60 },
          {
            key: 'decision',
            title: t('assess.decision'),
            render: (_, c) =>
              [c.decision && c.decision !== 'none' ? t(`assess.decision.${c.decision}`) : '', c.reward, c.followUp]
                .filter(Boolean)
                .join('；'),
          },
        ]}
      />
    </Card>
  );
}
