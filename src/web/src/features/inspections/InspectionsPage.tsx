import { DownloadOutlined, PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, InputNumber, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Static } from 'typebox';
import { CASE_STATES, type Board as BoardSchema } from '../../../../contract/schemas/inspections';
import { queryString } from '../../api/client';
import { useReferenceNames } from '../../api/reference';
import { useCan } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { getBoard, getFailedItems, getPassRates, listInspections, type Inspection, usePlans } from './api';
import { dueKey, stateColor, stateKey } from './labels';
import { RegisterSampleModal } from './RegisterSampleModal';

const Chart = lazy(() => import('../../components/Chart'));
/** The list filters a statistic's figure opens the cases with. */
const BEHIND_FILTERS = ['year', 'categoryCode', 'regionCode', 'finalVerdict', 'level', 'place', 'keyProduct', 'brandProduct'];
const STAT_GROUPS = ['category', 'county', 'industry', 'level', 'place', 'year', 'key_product', 'brand_product'] as const;
type StatGroup = (typeof STAT_GROUPS)[number];
/** The list filter each group's key is. */
const FILTER_OF: Record<StatGroup, string | null> = {
  category: 'categoryCode',
  county: 'regionCode',
  industry: null,
  level: 'level',
  place: 'place',
  year: 'year',
  key_product: 'keyProduct',
  brand_product: 'brandProduct',
};

type Board = Static<typeof BoardSchema>;
type BoardEntry = Board['items'][number];
type Tally = Board['summary']['byCounty'][number];

/** 监督抽查: the cases, the deadline board and the pass rates, in tabs. */
export function InspectionsPage() {
  const can = useCan();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'cases';
  const mayWrite = can('inspection.write');
  const [registering, setRegistering] = useState(false);
  return (
    <>
      <PageHeader
        title={t('menu.inspections')}
        trail={[{ title: t('menu.inspections') }]}
        extra={
          <>
            <Button icon={<ProfileOutlined />} onClick={() => navigate('/inspections/plans')}>
              {t('inspection.plans')}
            </Button>
            {mayWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                {t('inspection.register')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'cases', label: t('inspection.cases'), children: <CasesTab /> },
            { key: 'board', label: t('inspection.board'), children: <BoardTab /> },
            { key: 'stats', label: t('inspection.stats'), children: <StatsTab /> },
          ]}
        />
      </Card>
      {registering && <RegisterSampleModal onClose={() => setRegistering(false)} />}
    </>
  );
}

function CasesTab() {
  const { t, tx, lang } = useI18n();
  const plans = usePlans().data ?? [];
  const regionName = useReferenceNames('regions', lang);
  const [params, setParams] = useSearchParams();
  const [planId, setPlanId] = useState<string | undefined>(params.get('plan') ?? undefined);
  const [state, setState] = useState<string | undefined>();
  // The batches behind a statistic arrive as URL filters from the statistics tab.
  const behind = Object.fromEntries(BEHIND_FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filterKey = JSON.stringify([planId, state, behind]);
  // A new filter starts at the first page: adjusted while rendering, as React advises, not in an effect.
  const [pagedFor, setPagedFor] = useState(filterKey);
  if (pagedFor !== filterKey) {
    setPagedFor(filterKey);
    setCursors([undefined]);
  }
  const after = cursors.at(-1);
  const list = useQuery({
    queryKey: ['inspections', filterKey, after],
    queryFn: () => listInspections({ planId, state, ...behind, after, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('inspection.plan')}
          placeholder={t('inspection.plan')}
          style={{ minWidth: 260 }}
          value={planId}
          onChange={setPlanId}
          options={plans.map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }))}
        />
        <Select
          allowClear
          aria-label={t('inspection.stateLabel')}
          placeholder={t('inspection.stateLabel')}
          style={{ minWidth: 180 }}
          value={state}
          onChange={setState}
          options={CASE_STATES.map((s) => ({ value: s, label: tx(stateKey(s)) }))}
        />
        {Object.keys(behind).length > 0 && (
          <Tag closable color="blue" onClose={() => setParams({ tab: 'cases' }, { replace: true })}>
            {t('inspection.behindFigure')}
          </Tag>
        )}
        <Button icon={<DownloadOutlined />} href={`/api/v1/inspections/export${queryString({ planId, state, ...behind })}`}>
          {t('inspection.exportExcel')}
        </Button>
      </Space>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<Inspection>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('inspection.noCases') }}
        columns={[
          {
            key: 'sampledOn',
            title: t('inspection.sampledOn'),
            dataIndex: 'sampledOn',
            width: 130,
            render: (v: string) => formatDate(v, lang),
          },
          {
            key: 'product',
            title: t('inspection.product'),
            render: (_, c) => <Link to={`/inspections/${c.id}`}>{[c.productName, c.brand, c.model].filter(Boolean).join(' · ')}</Link>,
          },
          { key: 'producer', title: t('inspection.producer'), dataIndex: 'producerName' },
          { key: 'unit', title: t('inspection.sampledUnit'), dataIndex: 'sampledUnitName' },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 100, render: regionName },
          {
            key: 'state',
            title: t('inspection.stateLabel'),
            dataIndex: 'state',
            width: 150,
            render: (s: string) => <Tag color={stateColor(s)}>{tx(stateKey(s))}</Tag>,
          },
        ]}
        pagination={false}
      />
      <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('common.previous')}
        </Button>
        <Button disabled={!list.data?.meta.nextCursor} onClick={() => setCursors([...cursors, list.data!.meta.nextCursor!])}>
          {t('common.next')}
        </Button>
      </Space>
    </>
  );
}

function BoardTab() {
  const { t, tx, lang } = useI18n();
  const regionName = useReferenceNames('regions', lang);
  const [filter, setFilter] = useState<{ regionCode?: string; officerId?: string; overdue?: boolean }>({});
  const board = useQuery({
    queryKey: ['inspections', 'board', filter],
    queryFn: () => getBoard(filter),
    placeholderData: keepPreviousData,
  });
  const summary = board.data?.summary;
  const tally = (title: string, rows: Tally[], pick: (key: string) => void, picked?: string) => (
    <Table<Tally>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.key === picked ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ onClick: () => pick(r.key), style: { cursor: 'pointer' } })}
      columns={[
        { key: 'name', title: title, dataIndex: 'name', render: (n: string) => n || '—' },
        { key: 'due', title: t('inspection.dueItems'), dataIndex: 'due', align: 'right' },
        {
          key: 'overdue',
          title: t('inspection.overdue'),
          dataIndex: 'overdue',
          align: 'right',
          render: (n: number) => (n ? <span style={{ color: '#cf1322' }}>{n}</span> : n),
        },
      ]}
    />
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Statistic title={t('inspection.dueItems')} value={board.data?.items.length ?? 0} />
        <Statistic
          title={t('inspection.overdue')}
          value={board.data?.items.filter((e) => e.overdue).length ?? 0}
          valueStyle={{ color: '#cf1322' }}
        />
        <Switch
          checked={!!filter.overdue}
          onChange={(overdue) => setFilter({ ...filter, overdue: overdue || undefined })}
          aria-label={t('inspection.overdueOnly')}
        />
        <span>{t('inspection.overdueOnly')}</span>
        {(filter.regionCode || filter.officerId) && (
          <Button onClick={() => setFilter({ overdue: filter.overdue })}>{t('inspection.clearFilter')}</Button>
        )}
        <Button icon={<DownloadOutlined />} href={`/api/v1/inspections/board/export${queryString(filter)}`}>
          {t('inspection.exportExcel')}
        </Button>
      </Space>
      {board.data?.meta.truncated && <Alert type="warning" showIcon title={t('inspection.boardTruncated')} style={{ marginBottom: 12 }} />}
      {board.isError && <ErrorAlert error={board.error} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Table<BoardEntry>
            rowKey={(e) => `${e.inspectionId}-${e.kind}`}
            size="middle"
            loading={board.isPending}
            dataSource={board.data?.items ?? []}
            scroll={{ x: 800 }}
            locale={{ emptyText: t('inspection.nothingDue') }}
            columns={[
              {
                key: 'by',
                title: t('inspection.dueBy'),
                dataIndex: 'by',
                width: 150,
                render: (v: string, e) => (
                  <Space>
                    {formatDate(v, lang)}
                    {e.overdue && <Tag color="red">{t('inspection.overdue')}</Tag>}
                  </Space>
                ),
              },
              {
                key: 'kind',
                title: t('inspection.dueWhat'),
                dataIndex: 'kind',
                render: (k: string, e) => (
                  <Link to={`/inspections/${e.inspectionId}`}>
                    {tx(dueKey(k))}
                    {e.from ? `（${t('inspection.dueFrom', { date: formatDate(e.from, lang) })}）` : ''}
                  </Link>
                ),
              },
              { key: 'product', title: t('inspection.product'), dataIndex: 'productName' },
              { key: 'producer', title: t('inspection.producer'), dataIndex: 'producerName' },
              { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 100, render: regionName },
              { key: 'officer', title: t('inspection.officer'), dataIndex: 'officerName', width: 110 },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {summary &&
              tally(t('enterprise.region'), summary.byCounty, (regionCode) => setFilter({ ...filter, regionCode }), filter.regionCode)}
            {summary &&
              tally(t('inspection.officer'), summary.byOfficer, (officerId) => setFilter({ ...filter, officerId }), filter.officerId)}
          </Space>
        </Col>
      </Row>
    </>
  );
}

function StatsTab() {
  const { t, tx, lang } = useI18n();
  const [by, setBy] = useState<StatGroup>('category');
  const [year, setYear] = useState<number | null>(null);
  const regionName = useReferenceNames('regions', lang);
  const categoryName = useReferenceNames('product-categories', lang);
  const industryName = useReferenceNames('industries', lang);
  const rates = useQuery({ queryKey: ['inspections', 'stats', by, year], queryFn: () => getPassRates({ by, year: year ?? undefined }) });
  const failed = useQuery({ queryKey: ['inspections', 'failed', year], queryFn: () => getFailedItems({ year: year ?? undefined }) });
  const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const filter = FILTER_OF[by];
  const behind = (key: string, verdict?: string) =>
    `/inspections${queryString({ tab: 'cases', year, finalVerdict: verdict, ...(filter ? { [filter]: key } : {}) })}`;
  const label = (key: string) => {
    if (by === 'county') return regionName(key);
    if (by === 'category') return categoryName(key);
    if (by === 'industry') return industryName(key);
    if (by === 'level') return tx(`inspection.level.${key}`);
    if (by === 'place') return tx(`inspection.place.${key}`);
    if (by === 'key_product' || by === 'brand_product') return tx(`inspection.productFlag.${key}`);
    return key;
  };
  const figure = (n: number, key: string, verdict: string) => (filter ? <Link to={behind(key, verdict)}>{n}</Link> : n);
  const rows = rates.data?.rows ?? [];
  const chart = {
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => label(r.key)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: '%', max: 100 },
    series: [
      {
        name: t('inspection.passRate'),
        type: 'bar',
        data: rows.map((r) => (r.passRate === null ? null : Math.round(r.passRate * 1000) / 10)),
      },
    ],
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('inspection.groupBy')}
          value={by}
          onChange={setBy}
          style={{ width: 160 }}
          options={STAT_GROUPS.map((b) => ({ value: b, label: t(`inspection.by.${b}`) }))}
        />
        <InputNumber
          aria-label={t('inspection.year')}
          placeholder={t('inspection.year')}
          min={2000}
          max={2100}
          value={year}
          onChange={setYear}
        />
        <Button icon={<DownloadOutlined />} href={`/api/v1/inspections/stats/pass-rates/export${queryString({ by, year })}`}>
          {t('inspection.exportExcel')}
        </Button>
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Table
            rowKey="key"
            size="small"
            loading={rates.isPending}
            dataSource={rates.data?.rows ?? []}
            pagination={false}
            columns={[
              { key: 'key', title: t(`inspection.by.${by}`), dataIndex: 'key', render: label },
              { key: 'tested', title: t('inspection.tested'), dataIndex: 'tested', align: 'right' },
              {
                key: 'qualified',
                title: t('inspection.qualifiedBatches'),
                dataIndex: 'qualified',
                align: 'right',
                render: (n: number, r) => figure(n, r.key, 'qualified'),
              },
              {
                key: 'unqualified',
                title: t('inspection.unqualifiedBatches'),
                dataIndex: 'unqualified',
                align: 'right',
                render: (n: number, r) => figure(n, r.key, 'unqualified'),
              },
              { key: 'rate', title: t('inspection.passRate'), dataIndex: 'passRate', align: 'right', render: percent },
            ]}
            summary={() =>
              rates.data && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('inspection.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {rates.data.total.tested}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {rates.data.total.qualified}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {rates.data.total.unqualified}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {percent(rates.data.total.passRate)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )
            }
          />
          {rows.length > 0 && (
            <Suspense fallback={null}>
              <Chart option={chart} label={t('inspection.passRateChart')} height={260} />
            </Suspense>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Table
            rowKey="item"
            size="small"
            title={() => t('inspection.failedItems')}
            loading={failed.isPending}
            dataSource={failed.data?.items ?? []}
            pagination={false}
            columns={[
              { key: 'item', title: t('inspection.item'), dataIndex: 'item' },
              { key: 'batches', title: t('inspection.batches'), dataIndex: 'batches', align: 'right' },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
