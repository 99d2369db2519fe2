import { NumberOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { LIMITS } from '../../../../contract/limits';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert, errorMessage } from '../../components/ErrorText';
import { TextModal } from '../../components/TextModal';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { getPlanNotice, issueNoticeNumbers } from './api';

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * The notice (通报) of a plan's published results in the red-header layout of GB/T 9704-2012: the
 * issuing body in red, the document number (文号) the server issued, the red rule, title, body, and
 * the signature block (issuer and date, 2026年12月7日 as §7.3.5.3 writes it). Laid out to print on
 * A4: the menu, header and buttons are hidden by the print style sheet (styles.css).
 */
export function NoticePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const regionName = useReferenceNames('regions', lang);
  const [renumbering, setRenumbering] = useState(false);
  const notice = useQuery({ queryKey: ['inspections', 'notice', id], queryFn: () => getPlanNotice(id!) });
  if (notice.error) return <ErrorAlert error={notice.error} />;
  if (!notice.data) return <Skeleton active />;
  const n = notice.data;
  const planned = n.categories.reduce((s, c) => s + c.plannedBatches, 0);
  const current = n.numbers.at(-1);
  const issue = async (reason?: string) => {
    await issueNoticeNumbers(id!, reason ? { reason } : {});
    await client.invalidateQueries({ queryKey: ['inspections', 'notice', id] });
  };
  return (
    <Card className="notice">
      <Space className="no-print" style={{ marginBottom: 16 }} wrap>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('inspection.notice.print')}
        </Button>
        {n.abilities.issueNumber && !current && (
          <Button icon={<NumberOutlined />} onClick={() => issue().catch((err) => message.error(errorMessage(err, t)))}>
            {t('inspection.notice.issueNumber')}
          </Button>
        )}
        {n.abilities.issueNumber && current && (
          <Button icon={<NumberOutlined />} onClick={() => setRenumbering(true)}>
            {t('inspection.notice.reissueNumber')}
          </Button>
        )}
        {n.numbers.slice(0, -1).map((e) => (
          <Typography.Text key={e.number} type="secondary">
            {t('inspection.notice.earlierNumber', { number: e.number })}
          </Typography.Text>
        ))}
      </Space>
      <div className="red-header">
        <div className="red-header-issuer">{t('inspection.notice.issuerHead', { issuer: n.issuer })}</div>
        <div className="red-header-number">{current?.number ?? t('inspection.notice.noNumber')}</div>
        <div className="red-header-rule" />
      </div>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('inspection.notice.title', { department: n.plan.department, title: n.plan.title })}
      </Typography.Title>
      {!n.publishedOn && <Typography.Paragraph style={{ textAlign: 'center' }}>{t('inspection.notice.unpublished')}</Typography.Paragraph>}
      <Typography.Paragraph className="notice-text">
        {t('inspection.notice.summary', {
          categories: n.categories.length,
          planned,
          tested: n.total.tested,
          qualified: n.total.qualified,
          unqualified: n.total.unqualified,
          rate: percent(n.total.passRate),
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
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('inspection.notice.unqualified')}
      </Typography.Title>
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
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {n.disclaimer}
      </Typography.Paragraph>
      <div className="signature-block">
        <div>{n.issuer}</div>
        {/* 成文日期: the day the number was issued, in Arabic numerals (GB/T 9704-2012 §7.3.5.3). */}
        <div>{current ? formatDate(dayjs(current.issuedAt).format('YYYY-MM-DD'), 'zh-CN') : ''}</div>
      </div>
      {renumbering && (
        <TextModal
          title={t('inspection.notice.reissueNumber')}
          label={t('inspection.notice.reissueReason')}
          min={LIMITS.reason.min}
          max={LIMITS.reason.max}
          okText={t('inspection.notice.reissueNumber')}
          onClose={() => setRenumbering(false)}
          onSubmit={issue}
        />
      )}
    </Card>
  );
}
