import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, Layout, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import type { PublicInspection, PublicInspectionQuery } from '../../../../contract/schemas/inspections';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { PublicHonours } from '../brands/PublicHonours';
import { levelKey } from './labels';
import { listPublicInspections } from './api';

type Row = Static<typeof PublicInspection>;

/** 抽查结果公开: the published results, for anyone, without signing in. */
export function PublicResultsPage() {
  const { t, tx, lang, setLang } = useI18n();
  const [year, setYear] = useState<number | null>(null);
  const [result, setResult] = useState<PublicInspectionQuery['result']>();
  const [producer, setProducer] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors.at(-1);
  const list = useQuery({
    queryKey: ['public-inspections', year, result, producer, after],
    queryFn: () =>
      listPublicInspections({
        year: year ?? undefined,
        result,
        producer: [...producer].length >= 2 ? producer : undefined,
        after,
        limit: 20,
      }),
    placeholderData: keepPreviousData,
  });
  const restart = () => setCursors([undefined]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <div className="app-title">{t('public.title')}</div>
        <Space>
          <Button type="text" className="user-menu" onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}>
            {t('menu.language')}
          </Button>
          <Link to="/login" className="user-menu">
            {t('login.submit')}
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Tabs
          items={[
            {
              key: 'results',
              label: t('public.resultsTab'),
              children: (
                <Card size="small">
                  <Space wrap style={{ marginBottom: 12 }}>
                    <InputNumber
                      aria-label={t('inspection.year')}
                      placeholder={t('inspection.year')}
                      min={2000}
                      max={2100}
                      value={year}
                      onChange={(v) => {
                        setYear(v);
                        restart();
                      }}
                    />
                    <Select
                      allowClear
                      aria-label={t('public.result')}
                      placeholder={t('public.result')}
                      style={{ width: 140 }}
                      value={result}
                      onChange={(v) => {
                        setResult(v);
                        restart();
                      }}
                      options={[
                        { value: 'qualified', label: t('public.qualified') },
                        { value: 'unqualified', label: t('public.unqualified') },
                      ]}
                    />
                    <Input.Search
                      allowClear
                      aria-label={t('inspection.producer')}
                      placeholder={t('public.producerSearch')}
                      onSearch={(v) => {
                        setProducer(v.trim());
                        restart();
                      }}
                      style={{ width: 260 }}
                    />
                  </Space>
                  {list.data && <Alert type="info" showIcon title={list.data.meta.disclaimer} style={{ marginBottom: 12 }} />}
                  {list.isError && <ErrorAlert error={list.error} />}
                  <Table<Row>
                    rowKey="id"
                    size="middle"
                    loading={list.isFetching}
                    dataSource={list.data?.items ?? []}
                    pagination={false}
                    scroll={{ x: 1100 }}
                    locale={{ emptyText: t('public.empty') }}
                    expandable={{
                      rowExpandable: (r) => !!r.enterpriseResponse,
                      expandedRowRender: (r) => (
                        <Typography.Paragraph
                          style={{ margin: 0 }}
                        >{`${t('public.enterpriseResponse')}：${r.enterpriseResponse}`}</Typography.Paragraph>
                      ),
                    }}
                    columns={[
                      { key: 'product', title: t('inspection.productName'), dataIndex: 'productName' },
                      { key: 'brand', title: t('field.products.brand'), dataIndex: 'brand' },
                      { key: 'model', title: t('field.products.model'), dataIndex: 'model' },
                      { key: 'batch', title: t('inspection.batch'), dataIndex: 'batch' },
                      { key: 'unit', title: t('inspection.sampledUnit'), dataIndex: 'sampledUnit' },
                      { key: 'producer', title: t('inspection.producer'), dataIndex: 'producer' },
                      {
                        key: 'result',
                        title: t('public.result'),
                        dataIndex: 'result',
                        render: (r: string) => (
                          <Tag color={r === 'qualified' ? 'green' : 'red'}>
                            {t(r === 'qualified' ? 'public.qualified' : 'public.unqualified')}
                          </Tag>
                        ),
                      },
                      {
                        key: 'failed',
                        title: t('public.failedItems'),
                        dataIndex: 'failedItems',
                        render: (items: string[]) => items.join('、'),
                      },
                      { key: 'lab', title: t('inspection.testingBody'), dataIndex: 'testingBody' },
                      { key: 'level', title: t('inspection.levelLabel'), dataIndex: 'checkLevel', render: (l: string) => tx(levelKey(l)) },
                      {
                        key: 'published',
                        title: t('inspection.publishedOn'),
                        dataIndex: 'publishedOn',
                        render: (v: string) => formatDate(v, lang),
                      },
                    ]}
                  />
                  <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
                    <Typography.Text type="secondary">{t('enterprise.total', { total: list.data?.meta.total ?? 0 })}</Typography.Text>
                    <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                      {t('common.previous')}
                    </Button>
                    <Button disabled={!list.data?.meta.nextCursor} onClick={() => setCursors([...cursors, list.data!.meta.nextCursor!])}>
                      {t('common.next')}
                    </Button>
                  </Space>
                </Card>
              ),
            },
            {
              key: 'honours',
              label: t('public.honoursTab'),
              children: (
                <Card size="small">
                  <PublicHonours />
                </Card>
              ),
            },
          ]}
        />
      </Layout.Content>
    </Layout>
  );
}
