import { PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, List, Result, Row, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useReferenceNames } from '../../api/reference';
import { useCan } from '../../api/session';
import { DocumentList } from '../../components/DocumentList';
import { errorMessage } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { formatDate, formatInstant } from '../enterprises/labels';
import { ArchiveChange } from './ArchiveChange';
import { getInspection, inspectionDocuments, listInspectionDocuments, useTestingBodies } from './api';
import { CaseActionForm } from './CaseActionForm';
import { actionKey, checkTypeKey, dueKey, placeKey, stateColor, stateKey } from './labels';

/** One spot-check case: the sampling record, the items tested, what happened, what is due next. */
export function CaseDetailPage() {
  const can = useCan();
  const { id } = useParams<{ id: string }>();
  const { t, tx, lang } = useI18n();
  const regionName = useReferenceNames('regions', lang);
  const categoryName = useReferenceNames('product-categories', lang);
  const labs = new Map((useTestingBodies().data ?? []).map((b) => [b.id, b.name]));
  const detail = useQuery({ queryKey: ['inspections', id], queryFn: () => getInspection(id!) });
  const documents = useQuery({ queryKey: ['inspections', id, 'documents'], queryFn: () => listInspectionDocuments(id!) });
  const client = useQueryClient();
  const navigate = useNavigate();
  const mayWrite = can('inspection.write');
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.isError)
    return (
      <Result
        status="warning"
        title={errorMessage(detail.error, t)}
        extra={<Button onClick={() => detail.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const { inspection: c, items, events, due } = detail.data;
  const date = (v: string | null) => formatDate(v, lang);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title={
          <>
            {[c.productName, c.brand, c.model].filter(Boolean).join(' · ')} <Tag color={stateColor(c.state)}>{tx(stateKey(c.state))}</Tag>
          </>
        }
        trail={[{ title: t('menu.inspections'), to: '/inspections' }, { title: c.documentNo }]}
        extra={
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/inspections/${c.id}/sampling-form`)}>
            {t('inspection.samplingForm')}
          </Button>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('inspection.sampledUnit')}>{c.sampledUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('inspection.producer')}>{c.producerName}</Descriptions.Item>
              <Descriptions.Item label={t('field.products.categoryCode')}>{categoryName(c.categoryCode)}</Descriptions.Item>
              <Descriptions.Item label={t('enterprise.region')}>{regionName(c.regionCode)}</Descriptions.Item>
              <Descriptions.Item label={t('field.standards.standardNo')}>{c.standardNo}</Descriptions.Item>
              <Descriptions.Item label={t('inspection.batch')}>{c.batch}</Descriptions.Item>
              <Descriptions.Item label={t('inspection.place')}>{tx(placeKey(c.place))}</Descriptions.Item>
              <Descriptions.Item label={t('inspection.checkTypeLabel')}>{tx(checkTypeKey(c.checkType))}</Descriptions.Item>
              <Descriptions.Item label={t(c.dateBasis === 'notice' ? 'inspection.noticeDate' : 'inspection.sampledOn')}>
                {date(c.sampledOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('inspection.samplersLabel')}>{c.samplers.join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('inspection.testingBody')}>
                {c.testingBodyId ? labs.get(c.testingBodyId) : c.testingBodyName}
              </Descriptions.Item>
              {c.parties.length > 0 && (
                <Descriptions.Item label={t('inspection.parties')}>
                  {c.parties.map((p) => `${t(`resultImport.role.${p.role}`)}：${p.name}${p.country ? `（${p.country}）` : ''}`).join('；')}
                </Descriptions.Item>
              )}
              {c.remarks && <Descriptions.Item label={t('inspection.remarks')}>{c.remarks}</Descriptions.Item>}
              {!c.listed && <Descriptions.Item label={t('inspection.remarks')}>{t('inspection.unlisted')}</Descriptions.Item>}
              <Descriptions.Item label={t('inspection.reportNo')}>{c.reportNo ?? ''}</Descriptions.Item>
              {c.objectionUntil && <Descriptions.Item label={t('inspection.objectionUntil')}>{date(c.objectionUntil)}</Descriptions.Item>}
              {c.recheckPayer && (
                <Descriptions.Item label={t('inspection.recheckPayer')}>{tx(`inspection.payer.${c.recheckPayer}`)}</Descriptions.Item>
              )}
              {c.rectificationDue && (
                <Descriptions.Item label={t('inspection.due.rectification')}>{date(c.rectificationDue)}</Descriptions.Item>
              )}
              {c.firstReviewDue && <Descriptions.Item label={t('inspection.due.first_review')}>{date(c.firstReviewDue)}</Descriptions.Item>}
              {c.secondReviewFrom && (
                <Descriptions.Item
                  label={t('inspection.due.second_review')}
                >{`${date(c.secondReviewFrom)} – ${date(c.secondReviewUntil)}`}</Descriptions.Item>
              )}
              {c.publishedOn && <Descriptions.Item label={t('inspection.publishedOn')}>{date(c.publishedOn)}</Descriptions.Item>}
            </Descriptions>
            {items.length > 0 && (
              <Table
                style={{ marginTop: 16 }}
                rowKey={(i) => `${i.stage}-${i.seq}`}
                size="small"
                pagination={false}
                dataSource={items}
                columns={[
                  {
                    key: 'stage',
                    title: t('inspection.stage'),
                    dataIndex: 'stage',
                    width: 90,
                    render: (s: string) => tx(`inspection.stage.${s}`),
                  },
                  { key: 'item', title: t('inspection.item'), dataIndex: 'item' },
                  { key: 'requirement', title: t('inspection.requirement'), dataIndex: 'requirement' },
                  { key: 'measured', title: t('inspection.measured'), dataIndex: 'measured' },
                  {
                    key: 'passed',
                    title: t('inspection.verdict'),
                    dataIndex: 'passed',
                    width: 90,
                    render: (p: boolean) =>
                      p ? <Tag color="green">{t('inspection.itemPassed')}</Tag> : <Tag color="red">{t('inspection.itemFailed')}</Tag>,
                  },
                ]}
              />
            )}
          </Card>
          <CaseActionForm
            key={c.version}
            inspection={c}
            objectionItems={(events.findLast((e) => e.action === 'object')?.details as { items?: string[] } | undefined)?.items ?? []}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('inspection.dueNext')}>
            <List
              size="small"
              dataSource={due}
              locale={{ emptyText: t('inspection.nothingDue') }}
              renderItem={(d) => (
                <List.Item>
                  <Typography.Text type={d.by < today ? 'danger' : undefined}>
                    {tx(dueKey(d.kind))}：{d.from ? `${date(d.from)} – ` : ''}
                    {date(d.by)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" style={{ marginTop: 16 }}>
            <DocumentList
              base={inspectionDocuments(c.id)}
              title={t('inspection.documents')}
              documents={documents.data?.items ?? []}
              mayWrite={mayWrite}
              onChanged={() => client.invalidateQueries({ queryKey: ['inspections', id, 'documents'] })}
            />
          </Card>
          <Card size="small" title={t('inspection.timeline')} style={{ marginTop: 16 }}>
            <Timeline
              items={events.map((e) => ({
                children: (
                  <>
                    <Typography.Text strong>{date(e.on)}</Typography.Text> {tx(actionKey(e.action))} → {tx(stateKey(e.stateAfter))}
                    <br />
                    {e.action.startsWith('archive_') && (
                      <>
                        <ArchiveChange details={e.details} />
                        <br />
                      </>
                    )}
                    <Typography.Text type="secondary">{formatInstant(e.at, lang)}</Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
