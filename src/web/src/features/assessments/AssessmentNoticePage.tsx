import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { Static } from 'typebox';
import type { SchemeResults } from '../../../../contract/schemas/assessments';
import { api } from '../../api/client';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';

/** The notice (通报) of a finalised assessment, to print on A4: grades, ranks, vetoes and decisions. */
export function AssessmentNoticePage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const regionName = useReferenceNames('regions', lang);
  const id = params.get('scheme') ?? '';
  const results = useQuery({ queryKey: ['assessments', 'results', id], queryFn: () => api<Static<typeof SchemeResults>>('GET', `/assessment-schemes/${id}/results`) });
  if (results.error) return <ErrorAlert error={results.error} />;
  if (!results.data) return <Skeleton active />;
  const { scheme, counties } = results.data;
  const names = (grade: string) => counties.filter((c) => c.grade === grade).map((c) => regionName(c.regionCode)).join('、') || t('assess.notice.none');
  const vetoed = counties.filter((c) => c.vetoReason);
  return (
    <Card className="notice">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('inspection.notice.print')}</Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>{t('assess.notice.title', { name: scheme.name })}</Typography.Title>
      {scheme.status !== 'final' && <Typography.Paragraph type="danger" style={{ textAlign: 'center' }}>{t('assess.notice.notFinal')}</Typography.Paragraph>}
      <Typography.Paragraph className="notice-text">{t('assess.notice.summary', { n: counties.length, a: names('A'), b: names('B'), c: names('C'), d: names('D') })}</Typography.Paragraph>
      {vetoed.length > 0 && <Typography.Paragraph className="notice-text">{t('assess.notice.vetoes', { list: vetoed.map((c) => `${regionName(c.regionCode)}（${c.vetoReason}）`).join('；') })}</Typography.Paragraph>}
      <Table
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={counties}
        columns={[
          { key: 'rank', title: t('assess.rank'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', render: (c: string) => regionName(c) },
          { key: 'indicator', title: t('assess.indicatorPoints'), dataIndex: 'indicatorPoints', align: 'right', render: (n: number) => n.toFixed(2) },
          { key: 'work', title: t('assess.workPoints'), dataIndex: 'workPoints', align: 'right', render: (n: number) => n.toFixed(2) },
          { key: 'deductions', title: t('assess.deductions'), dataIndex: 'deductions', align: 'right', render: (n: number) => n.toFixed(2) },
          { key: 'total', title: t('assess.total'), dataIndex: 'total', align: 'right', render: (n: number) => n.toFixed(2) },
          { key: 'grade', title: t('assess.grade'), dataIndex: 'grade', width: 60 },
          { key: 'decision', title: t('assess.decision'), render: (_, c) => [c.decision && c.decision !== 'none' ? t(`assess.decision.${c.decision}` as MessageKey) : '', c.reward, c.followUp].filter(Boolean).join('；') },
        ]}
      />
    </Card>
  );
}
