import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import type { DashboardRow, RecordList, ReportedValue } from '../../../../contract/schemas/targets';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatInstant } from '../enterprises/labels';
import { formatTarget, formatValue, StatusTag } from './format';
import type { Scope } from './TargetsPage';
import { listIndicatorRecords, listReportedValues } from './api';

type Row = Static<typeof DashboardRow>;
type Records = Static<typeof RecordList>;
type Item = Records['items'][number];

/** Where a record behind a number lives in the console. */
const linkOf = (kind: Records['kind'], item: Item) =>
  kind === 'inspection' ? `/inspections/${item.id}` : item.enterpriseId ? `/enterprises/${item.enterpriseId}` : null;

/** What is behind a number: the definition, the sums, and the records (or, for a reported figure, its submissions). */
export function DrillDrawer({ scope, row, onClose }: { scope: Scope; row: Row; onClose: () => void }) {
  const { t, lang } = useI18n();
  const i = row.indicator;
  return (
    <Drawer open width={760} title={`${i.code} · ${lang === 'en-US' && i.nameEn ? i.nameEn : i.name}`} onClose={onClose}>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('target.value')}>
          {formatValue(i, row.value)} <StatusTag status={row.status} t={t} />
        </Descriptions.Item>
        <Descriptions.Item label={t('target.target')}>{formatTarget(i)}</Descriptions.Item>
        {row.denominator !== null && (
          <Descriptions.Item label={t('target.numerator')}>{row.numerator?.toLocaleString('zh-CN')}</Descriptions.Item>
        )}
        {row.denominator !== null && (
          <Descriptions.Item label={t('target.denominator')}>{row.denominator.toLocaleString('zh-CN')}</Descriptions.Item>
        )}
        {i.compareCode && (
          <Descriptions.Item label={t('target.compare', { code: i.compareCode })} span={2}>
            {row.compareValue === null
              ? t('target.status.no_data')
              : `${row.compareValue.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('target.definition')} span={2}>
          {i.definition}
        </Descriptions.Item>
      </Descriptions>
      {i.source === 'computed' ? (
        <Tabs
          items={(['numerator', 'denominator'] as const).map((side) => ({
            key: side,
            label: t(`target.${side}`),
            children: <RecordsTable scope={scope} code={i.code} side={side} />,
          }))}
        />
      ) : (
        <Submissions code={i.code} year={scope.year} />
      )}
    </Drawer>
  );
}

function RecordsTable({ scope, code, side }: { scope: Scope; code: string; side: 'numerator' | 'denominator' }) {
  const { t, lang } = useI18n();
  const regionName = useReferenceNames('regions', lang);
  const { planId, ...query } = scope;
  const pages = useInfiniteQuery({
    queryKey: ['targets', 'records', scope, code, side],
    queryFn: ({ pageParam }) => listIndicatorRecords(planId, code, { ...query, side, after: pageParam, limit: 100 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
  const first = pages.data?.pages[0];
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const kind = first?.kind ?? 'product';
  return (
    <>
      {pages.error && <ErrorAlert error={pages.error} />}
      {first && (
        <Typography.Paragraph type="secondary">
          {t('target.recordsTotal', { n: first.total.toLocaleString('zh-CN'), kind: t(`target.kind.${kind}`) })}
        </Typography.Paragraph>
      )}
      <Table<Item>
        rowKey="id"
        size="small"
        pagination={false}
        loading={pages.isPending}
        dataSource={items}
        columns={[
          {
            key: 'label',
            title: t(`target.kind.${kind}`),
            render: (_, r) => {
              const to = linkOf(kind, r);
              return to ? <Link to={to}>{r.label}</Link> : r.label;
            },
          },
          { key: 'enterprise', title: t('honour.enterprise'), dataIndex: 'enterpriseName' },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
          {
            key: 'num',
            title: t('target.numerator'),
            dataIndex: 'numerator',
            align: 'right',
            width: 110,
            render: (n: number) => n.toLocaleString('zh-CN'),
          },
          {
            key: 'den',
            title: t('target.denominator'),
            dataIndex: 'denominator',
            align: 'right',
            width: 110,
            render: (n: number) => n.toLocaleString('zh-CN'),
          },
        ]}
      />
      {pages.hasNextPage && (
        <Button style={{ marginTop: 8 }} loading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
          {t('target.more')}
        </Button>
      )}
    </>
  );
}

/** A reported number's submissions for the year: each county's figure, status and history. */
function Submissions({ code, year }: { code: string; year: number }) {
  const { t, tx, lang } = useI18n();
  const regionName = useReferenceNames('regions', lang);
  const list = useQuery({
    queryKey: ['reported-values', code, year],
    queryFn: () => listReportedValues({ indicatorCode: code, period: String(year) }),
  });
  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Static<typeof ReportedValue>>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('target.noSubmissions') }}
        expandable={{
          expandedRowRender: (r) => (
            <Timeline
              items={r.history.map((h) => ({
                children: `${formatInstant(h.at, lang)} · ${h.actorName ?? ''} · ${tx(`report.action.${h.action}`)}${h.numerator !== null ? ` ${h.numerator}/${h.denominator}` : h.value !== null ? ` ${h.value}` : ''}${h.comment ? ` — ${h.comment}` : ''}`,
              }))}
            />
          ),
        }}
        columns={[
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', render: (c: string) => regionName(c) || c },
          {
            key: 'figure',
            title: t('target.value'),
            render: (_, r) => (r.denominator !== null ? `${r.numerator} / ${r.denominator}` : r.value),
          },
          {
            key: 'status',
            title: t('target.status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'approved' ? 'green' : s === 'returned' ? 'red' : s === 'submitted' ? 'blue' : 'default'}>
                {tx(`report.status.${s}`)}
              </Tag>
            ),
          },
        ]}
      />
    </>
  );
}
