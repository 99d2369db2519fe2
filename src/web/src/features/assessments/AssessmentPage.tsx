import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import type { CountyAssessment, Scheme } from '../../../../contract/schemas/assessments';
import { useReferenceNames } from '../../api/reference';
import { useCan } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useAction } from '../../components/useAction';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { finaliseScheme, openScheme, useSchemeResults, useSchemes } from './api';
import { CountyDrawer } from './CountyDrawer';
import { SchemeModal } from './SchemeModal';

type County = Static<typeof CountyAssessment>;
const GRADE_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'gold', D: 'red' };
const points = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * 质量兴县考评: the year's scheme, every county's progress and scores, grades and ranks once
 * final; the office sets, opens, reviews and finalises; a county files and assesses itself.
 */
export function AssessmentPage() {
  const can = useCan();
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const office = can('target.write');
  const regionName = useReferenceNames('regions', lang);
  const [chosen, setYear] = useState<number | null>(null);
  const [editing, setEditing] = useState<Static<typeof Scheme> | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const schemes = useSchemes();
  // Opens on the newest scheme's year (the assessment under way); with none yet, on last year, the one usually assessed.
  const newest = schemes.data?.items.reduce<number | null>((y, s) => (y === null || s.year > y ? s.year : y), null);
  const year = chosen ?? newest ?? new Date().getFullYear() - 1;
  const scheme = schemes.data?.items.find((s) => s.year === year);
  const results = useSchemeResults(scheme?.id, scheme?.status !== 'draft');
  const refresh = () => client.invalidateQueries({ queryKey: ['assessments'] });
  const act = useAction(refresh);
  return (
    <>
      <PageHeader title={t('menu.assessment')} trail={[{ title: t('menu.assessment') }]} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <InputNumber
            aria-label={t('inspection.year')}
            min={2000}
            max={2100}
            value={year}
            onChange={(y) => y && setYear(y)}
            addonAfter={t('target.yearSuffix') || undefined}
          />
          {scheme && <Typography.Text strong>{scheme.name}</Typography.Text>}
          {scheme && <Tag>{t(`assess.schemeStatus.${scheme.status}`)}</Tag>}
          {office && !scheme && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('assess.newScheme', { year })}
            </Button>
          )}
          {scheme?.abilities.edit && <Button onClick={() => setEditing(scheme)}>{t('common.edit')}</Button>}
          {scheme?.abilities.open && (
            <Popconfirm title={t('assess.openConfirm')} onConfirm={() => act(() => openScheme(scheme.id, scheme.version))}>
              <Button type="primary">{t('assess.open')}</Button>
            </Popconfirm>
          )}
          {scheme?.abilities.finalise && (
            <Popconfirm title={t('assess.finaliseConfirm')} onConfirm={() => act(() => finaliseScheme(scheme.id, scheme.version))}>
              <Button type="primary">{t('assess.finalise')}</Button>
            </Popconfirm>
          )}
          {scheme && scheme.status !== 'draft' && (
            <Button href={`/api/v1/assessment-schemes/${scheme.id}/export?format=xlsx`}>{t('assess.export')}</Button>
          )}
          {scheme?.status === 'final' && (
            <Link to={`/assessment/notice?scheme=${scheme.id}`}>
              <Button>{t('assess.notice.open')}</Button>
            </Link>
          )}
        </Space>
        {(schemes.error || results.error) && <ErrorAlert error={schemes.error ?? results.error} />}
        {!scheme && !schemes.isPending && <Empty description={t('assess.noScheme')} />}
        {scheme && (
          <Typography.Paragraph type="secondary">
            {t('assess.schemeSummary', { n: scheme.items.length, a: scheme.gradeA, b: scheme.gradeB, c: scheme.gradeC })}
            {scheme.selfDueOn && ` ${t('assess.selfDue', { date: formatDate(scheme.selfDueOn, lang) })}`}
          </Typography.Paragraph>
        )}
        {scheme?.status === 'draft' && (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={scheme.items}
            columns={[
              { key: 'code', title: t('target.code'), dataIndex: 'code', width: 70 },
              { key: 'kind', title: t('assess.kindTitle'), dataIndex: 'kind', width: 90, render: (k: string) => tx(`assess.kind.${k}`) },
              { key: 'name', title: t('assess.itemName'), dataIndex: 'name' },
              { key: 'points', title: t('assess.points'), dataIndex: 'points', align: 'right', width: 80 },
              {
                key: 'rule',
                title: t('assess.rule'),
                render: (_, i) => (i.kind === 'indicator' ? `${i.indicatorCode} · ${t(`assess.scoring.${i.scoring}`)}` : i.guidance),
              },
            ]}
          />
        )}
        {scheme && scheme.status !== 'draft' && (
          <Table<County>
            rowKey="id"
            size="small"
            pagination={false}
            loading={results.isPending}
            dataSource={results.data?.counties ?? []}
            scroll={{ x: 900 }}
            onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' } })}
            columns={[
              { key: 'rank', title: t('assess.rank'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
              { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', render: (c: string) => <a>{regionName(c)}</a> },
              {
                key: 'status',
                title: t('target.status'),
                width: 120,
                render: (_: unknown, c: County) => (
                  <>
                    <Tag>{t(`assess.status.${c.status}`)}</Tag>
                    {c.overdue.map((step) => (
                      <Tag key={step} color="red">
                        {t(`assess.overdue.${step}`)}
                      </Tag>
                    ))}
                  </>
                ),
              },
              { key: 'indicator', title: t('assess.indicatorPoints'), dataIndex: 'indicatorPoints', align: 'right', render: points },
              { key: 'work', title: t('assess.workPoints'), dataIndex: 'workPoints', align: 'right', render: points },
              { key: 'deductions', title: t('assess.deductions'), dataIndex: 'deductions', align: 'right', render: points },
              {
                key: 'total',
                title: t('assess.total'),
                dataIndex: 'total',
                align: 'right',
                render: (n: number) => <strong>{points(n)}</strong>,
              },
              {
                key: 'grade',
                title: t('assess.grade'),
                dataIndex: 'grade',
                width: 70,
                render: (g: string | null, c) =>
                  g ? (
                    <Tag color={GRADE_COLOR[g]} title={c.vetoReason ?? undefined}>
                      {g}
                      {c.vetoReason ? ` · ${t('assess.vetoed')}` : ''}
                    </Tag>
                  ) : (
                    '—'
                  ),
              },
              {
                key: 'decision',
                title: t('assess.decision'),
                dataIndex: 'decision',
                render: (d: string | null) => (d ? tx(`assess.decision.${d}`) : ''),
              },
            ]}
          />
        )}
      </Card>
      {editing && (
        <SchemeModal
          year={year}
          scheme={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
      {open && scheme && <CountyDrawer id={open} scheme={scheme} onClose={() => setOpen(null)} onChanged={refresh} />}
    </>
  );
}
