import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton, Space, Table, Typography } from 'antd';
import type { Static } from 'typebox';
import { useParams } from 'react-router';
import type { PlanNotice } from '../../../../contract/schemas/inspections';
import { api } from '../../api/client';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';

type Notice = Static<typeof PlanNotice>;
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * The notice (通报) of a plan's published results, laid out to print on A4: the menu, header and
 * buttons are hidden by the print style sheet (styles.css).
 */
export function NoticePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const regionName = useReferenceNames('regions', lang);
  const notice = useQuery({ queryKey: ['inspections', 'notice', id], queryFn: () => api<Notice>('GET', `/inspection-plans/${id}/notice`) });
  if (notice.error) return <ErrorAlert error={notice.error} />;
  if (!notice.data) return <Skeleton active />;
  const n = notice.data;
  const planned = n.categories.reduce((s, c) => s + c.plannedBatches, 0);
  return (
    <Card className="notice">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('inspection.notice.print')}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('inspection.notice.title', { department: n.plan.department, title: n.plan.title })}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>{n.publishedOn ? formatDate(n.publishedOn, lang) : t('inspection.notice.unpublished')}</Typography.Paragraph>
      <Typography.Paragraph className="notice-text">
        {t('inspection.notice.summary', {
          categories: n.categories.length, planned, tested: n.total.tested, qualified: n.total.qualified, unqualified: n.total.unqualified, rate: percent(n.total.passRate),
        })}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('inspection.notice.byCategory')}</Typography.Title>
      <Table
        rowKey="categoryCode"
        size="small"
        bordered
        pagination={false}
        dataSource={n.categories}
        columns={[
          { key: 'category', title: t('inspection.by.category'), dataIndex: 'category' },
          { key: 'planned', title: t('inspection.plannedBatches'), dataIndex: 'plannedBatches', align: 'right' },
          { key: 'tested', title: t('inspection.tested'), dataIndex: 'tested', align: 'right' },
          { key: 'qualified', title: t('inspection.qualifiedBatches'), dataIndex: 'qualified', align: 'right' },
          { key: 'unqualified', title: t('inspection.unqualifiedBatches'), dataIndex: 'unqualified', align: 'right' },
          { key: 'rate', title: t('inspection.passRate'), dataIndex: 'passRate', align: 'right', render: percent },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('inspection.notice.unqualified')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={n.unqualified}
        locale={{ emptyText: t('inspection.notice.noneUnqualified') }}
        columns={[
          { key: 'seq', title: t('inspection.notice.seq'), width: 50, render: (_: unknown, __: unknown, i: number) => i + 1 },
          { key: 'product', title: t('inspection.productName'), dataIndex: 'productName' },
          { key: 'brand', title: t('field.products.brand'), dataIndex: 'brand' },
          { key: 'model', title: t('field.products.model'), dataIndex: 'model' },
          { key: 'batch', title: t('inspection.batch'), dataIndex: 'batch' },
          { key: 'unit', title: t('inspection.sampledUnit'), dataIndex: 'sampledUnit' },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'sampledUnitRegion', render: (c: string) => regionName(c) },
          { key: 'producer', title: t('inspection.producer'), dataIndex: 'producer' },
          { key: 'items', title: t('public.failedItems'), dataIndex: 'failedItems', render: (items: string[]) => items.join('、') },
          { key: 'body', title: t('inspection.testingBody'), dataIndex: 'testingBody' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{n.disclaimer}</Typography.Paragraph>
    </Card>
  );
}
