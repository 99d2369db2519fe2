import { Select, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { ImportRow } from './resultImportApi';

export const STATUS_COLOR: Record<ImportRow['status'], string> = {
  matched: 'green',
  candidates: 'orange',
  unmatched: 'default',
  disputed: 'volcano',
  no_producer: 'default',
  error: 'red',
};
const roleKey = (r: string) => `resultImport.role.${r}`;
const lines = (ls: number[]) => (ls.length > 1 ? `${ls[0]}–${ls.at(-1)}` : String(ls[0]));

/** The batches of a previewed table, each with its producer's match and, where a person decides, the choice. */
export function ResultImportRows({
  rows,
  choices,
  onChoose,
}: {
  rows: ImportRow[];
  choices: Record<number, string | null>;
  onChoose: (line: number, id: string | null) => void;
}) {
  const { t, tx } = useI18n();
  return (
    <Table<ImportRow>
      rowKey="line"
      size="small"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 1100 }}
      columns={[
        { key: 'line', title: t('resultImport.lines'), width: 70, render: (_, r) => lines(r.lines) },
        {
          key: 'product',
          title: t('resultImport.product'),
          width: 220,
          render: (_, r) => (
            <>
              <div>{[r.productName, r.model].filter(Boolean).join(' · ')}</div>
              <Typography.Text type="secondary">{[r.batch, r.sampledUnit].filter(Boolean).join(' · ')}</Typography.Text>
            </>
          ),
        },
        {
          key: 'producer',
          title: t('resultImport.producer'),
          width: 240,
          render: (_, r) => (
            <>
              <div>
                {r.producer ?? r.producerCell ?? '—'}
                {r.producerRole && r.producerRole !== 'manufacturer' && <Tag style={{ marginLeft: 4 }}>{tx(roleKey(r.producerRole))}</Tag>}
              </div>
              {r.parties.map((p) => (
                <Typography.Text key={`${p.role}${p.name}`} type="secondary" style={{ display: 'block' }}>
                  {tx(roleKey(p.role))}：{p.name}
                  {p.country ? `（${p.country}）` : ''}
                </Typography.Text>
              ))}
            </>
          ),
        },
        {
          key: 'verdict',
          title: t('resultImport.verdict'),
          width: 80,
          render: (_, r) =>
            r.verdict ? (
              <Tag color={r.verdict === 'qualified' ? 'green' : 'red'}>
                {t(r.verdict === 'qualified' ? 'public.qualified' : 'public.unqualified')}
              </Tag>
            ) : (
              '—'
            ),
        },
        {
          key: 'items',
          title: t('resultImport.failedItems'),
          width: 200,
          render: (_, r) => r.items.map((i) => [i.item, i.measured, i.requirement].filter(Boolean).join(' ')).join('；'),
        },
        { key: 'remarks', title: t('resultImport.remarks'), width: 140, dataIndex: 'remarks' },
        {
          key: 'status',
          title: t('resultImport.match'),
          width: 110,
          render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`resultImport.status.${r.status}`)}</Tag>,
        },
        {
          key: 'link',
          title: t('resultImport.archive'),
          width: 280,
          render: (_, r) =>
            r.status === 'matched' ? (
              r.match!.name
            ) : r.status === 'candidates' || r.status === 'disputed' ? (
              <Select
                allowClear
                aria-label={`${t('resultImport.choose')} ${r.line}`}
                placeholder={t('resultImport.choose')}
                style={{ minWidth: 260 }}
                value={choices[r.line] ?? undefined}
                onChange={(v) => onChoose(r.line, v ?? null)}
                options={r.candidates.map((c) => ({ value: c.id, label: `${c.name}（${Math.round((c.score ?? 0) * 100)}%）` }))}
              />
            ) : r.status === 'error' ? (
              <Typography.Text type="danger">{r.errors.join('；')}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('resultImport.notLinked')}</Typography.Text>
            ),
        },
      ]}
      expandable={{
        rowExpandable: (r) => r.warnings.length > 0,
        expandedRowRender: (r) => (
          <Space direction="vertical">
            {r.warnings.map((w) => (
              <Typography.Text key={w} type="warning">
                {w}
              </Typography.Text>
            ))}
          </Space>
        ),
      }}
    />
  );
}
