import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import type { ReportedValue, ReportTasks } from '../../../../contract/schemas/targets';
import { LIMITS } from '../../../../contract/limits';
import { useReferenceNames } from '../../api/reference';
import { useCan, useJurisdiction } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorText';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { TextModal } from '../../components/TextModal';
import { useAction } from '../../components/useAction';
import { unitLabel, useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { usePlans } from './usePlans';
import {
  decideReportedValue,
  getReportTasks,
  listReportedValues,
  saveReportedValue,
  submitReportedValue,
  unlockReportedValue,
} from './api';

type Value = Static<typeof ReportedValue>;
type Task = Static<typeof ReportTasks>['tasks'][number];
const STATUS_COLOR: Record<string, string> = { draft: 'default', submitted: 'blue', approved: 'green', returned: 'red' };

/**
 * 数据填报: a department's figures for a period (enter, correct, submit), the office's queue
 * (approve, return with a comment, unlock an approved figure), and completeness by department.
 * Opens on the running plan's reporting year; the years offered are the plans' years; the lists
 * filter by indicator, county and state.
 */
export function ReportingPage() {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const regionName = useReferenceNames('regions', lang);
  const department = useReferenceNames('departments', lang);
  const { plans, current, openingYear } = usePlans();
  const [year, setYear] = useState<number | null>(null);
  const period = String(year ?? openingYear(current));
  const years = [
    ...new Set((plans.data?.items ?? []).flatMap((p) => Array.from({ length: p.endYear - p.startYear + 1 }, (_, n) => p.startYear + n))),
  ].sort((a, b) => b - a);
  const [filter, setFilter] = useState<{ text?: string; regionCode?: string; status?: string }>({});
  const shown = (r: { indicatorCode: string; indicatorName?: string; regionCode: string; status: string | null }) =>
    (!filter.text || r.indicatorCode.toLowerCase().includes(filter.text.toLowerCase()) || (r.indicatorName ?? '').includes(filter.text)) &&
    (!filter.regionCode || r.regionCode === filter.regionCode) &&
    (!filter.status || (r.status ?? 'none') === filter.status);
  const filterSelect = (key: 'regionCode' | 'status', label: string, width: number, options: { value: string; label: string }[]) => (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      style={{ width }}
      value={filter[key]}
      onChange={(v?: string) => setFilter({ ...filter, [key]: v })}
      options={options}
    />
  );
  const [entering, setEntering] = useState<Task | null>(null);
  const [returning, setReturning] = useState<{ value: Value; unlock: boolean } | null>(null);
  // The period waits for the plans, so the page does not first ask for a year outside them.
  const tasks = useQuery({ queryKey: ['reporting', 'tasks', period], queryFn: () => getReportTasks(period), enabled: !!plans.data });
  const values = useQuery({
    queryKey: ['reporting', 'values', period],
    queryFn: () => listReportedValues({ period }),
    enabled: !!plans.data,
  });
  const byId = new Map((values.data?.items ?? []).map((v) => [v.id, v]));
  const refresh = () =>
    client.invalidateQueries({ queryKey: ['reporting'] }).then(() => client.invalidateQueries({ queryKey: ['targets'] }));
  const province = useJurisdiction().parent;
  const region = (code: string) => (code === province ? t('report.province') : regionName(code));
  const figure = (v?: Value) => (!v ? '—' : v.denominator !== null ? `${v.numerator} / ${v.denominator}` : String(v.value));
  const act = useAction(refresh);
  const status = (s: string | null) => (
    <Tag color={STATUS_COLOR[s ?? 'draft']}>{s ? tx(`report.status.${s}`) : t('report.status.none')}</Tag>
  );
  const entered = entering?.valueId ? byId.get(entering.valueId) : undefined;

  const taskTable = (
    <Table<Task>
      rowKey={(r) => `${r.indicatorCode}-${r.regionCode}`}
      size="small"
      loading={tasks.isPending}
      dataSource={(tasks.data?.tasks ?? []).filter(shown)}
      pagination={{ pageSize: 50 }}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('report.noTasks') }}
      columns={[
        {
          key: 'indicator',
          title: t('target.indicator'),
          render: (_, r) => (
            <>
              {r.indicatorName}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.indicatorCode} · {department(r.departmentCode)}
                </Typography.Text>
              </div>
            </>
          ),
        },
        { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 100, render: region },
        { key: 'figure', title: t('target.value'), width: 140, render: (_, r) => figure(r.valueId ? byId.get(r.valueId) : undefined) },
        { key: 'status', title: t('target.status'), width: 90, render: (_, r) => status(r.status) },
        { key: 'note', title: t('report.officeComment'), render: (_, r) => (r.valueId ? byId.get(r.valueId)?.decisionComment : '') },
        {
          key: 'actions',
          title: t('common.actions'),
          width: 160,
          render: (_, r) => (
            <Space>
              {r.abilities.edit && (
                <Button size="small" onClick={() => setEntering(r)}>
                  {t('report.enter')}
                </Button>
              )}
              {r.abilities.submit && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => act(() => submitReportedValue(r.valueId!, byId.get(r.valueId!)?.version))}
                >
                  {t('report.submit')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );

  const queue = (
    <Table<Value>
      rowKey="id"
      size="small"
      loading={values.isPending}
      dataSource={(values.data?.items ?? []).filter((v) => (v.status === 'submitted' || v.status === 'approved') && shown(v))}
      pagination={{ pageSize: 50 }}
      locale={{ emptyText: t('report.queueEmpty') }}
      columns={[
        { key: 'indicator', title: t('target.code'), dataIndex: 'indicatorCode', width: 150 },
        { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 100, render: region },
        { key: 'figure', title: t('target.value'), width: 140, render: (_, v) => figure(v) },
        { key: 'comment', title: t('report.comment'), dataIndex: 'comment' },
        { key: 'status', title: t('target.status'), dataIndex: 'status', width: 90, render: status },
        {
          key: 'actions',
          title: t('common.actions'),
          width: 170,
          render: (_, v) => (
            <Space>
              {v.abilities.approve && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => act(() => decideReportedValue(v.id, { decision: 'approve', version: v.version }))}
                >
                  {t('report.approve')}
                </Button>
              )}
              {v.abilities.return && (
                <Button size="small" danger onClick={() => setReturning({ value: v, unlock: false })}>
                  {t('report.return')}
                </Button>
              )}
              {v.abilities.unlock && (
                <Button size="small" onClick={() => setReturning({ value: v, unlock: true })}>
                  {t('report.unlock')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <>
      <PageHeader title={t('menu.reporting')} trail={[{ title: t('menu.reporting') }]} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('report.period')}
            style={{ width: 110 }}
            value={Number(period)}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y}${t('target.yearSuffix')}` }))}
          />
          <Input.Search
            aria-label={t('report.filterIndicator')}
            placeholder={t('report.filterIndicator')}
            allowClear
            style={{ width: 220 }}
            onSearch={(text) => setFilter({ ...filter, text: text.trim() || undefined })}
          />
          {filterSelect(
            'regionCode',
            t('enterprise.region'),
            130,
            [...new Set((tasks.data?.tasks ?? []).map((r) => r.regionCode))].map((code) => ({ value: code, label: region(code) })),
          )}
          {filterSelect(
            'status',
            t('target.status'),
            120,
            ['none', 'draft', 'submitted', 'returned', 'approved'].map((s) => ({ value: s, label: tx(`report.status.${s}`) })),
          )}
          {tasks.data && (
            <Typography.Text type="secondary">{t('report.due', { date: formatDate(tasks.data.dueOn, lang) })}</Typography.Text>
          )}
        </Space>
        {(tasks.error || values.error) && <ErrorAlert error={tasks.error ?? values.error} />}
        <Tabs
          items={[
            { key: 'tasks', label: t('report.tab.tasks'), children: taskTable },
            ...(can('target.write') ? [{ key: 'queue', label: t('report.tab.queue'), children: queue }] : []),
            {
              key: 'completeness',
              label: t('report.tab.completeness'),
              children: (
                <Table
                  rowKey="departmentCode"
                  size="small"
                  pagination={false}
                  dataSource={tasks.data?.completeness ?? []}
                  columns={[
                    { key: 'department', title: t('target.owner'), dataIndex: 'departmentCode', render: (d: string) => department(d) },
                    { key: 'expected', title: t('report.expected'), dataIndex: 'expected', align: 'right' },
                    { key: 'submitted', title: t('report.submitted'), dataIndex: 'submitted', align: 'right' },
                    { key: 'approved', title: t('report.approved'), dataIndex: 'approved', align: 'right' },
                    {
                      key: 'late',
                      title: t('report.late'),
                      dataIndex: 'late',
                      align: 'right',
                      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      {entering && (
        <FormModal<{ numerator?: number; denominator?: number; value?: number; comment?: string }>
          title={`${entering.indicatorName} · ${region(entering.regionCode)} · ${period}`}
          initialValues={
            entered
              ? {
                  numerator: entered.numerator ?? undefined,
                  denominator: entered.denominator ?? undefined,
                  value: entered.value ?? undefined,
                  comment: entered.comment,
                }
              : {}
          }
          onClose={() => setEntering(null)}
          onSubmit={async (v) => {
            await saveReportedValue({
              indicatorCode: entering.indicatorCode,
              regionCode: entering.regionCode,
              period,
              ...(entering.kind === 'rate'
                ? { numerator: v.numerator ?? null, denominator: v.denominator ?? null }
                : { value: v.value ?? null }),
              comment: v.comment ?? '',
              ...(entered ? { version: entered.version } : {}),
            });
            message.success(t('common.saved'));
            await refresh();
          }}
        >
          {entered?.decisionComment && (
            <Typography.Paragraph type="danger">{t('report.returnedBecause', { comment: entered.decisionComment })}</Typography.Paragraph>
          )}
          {entering.kind === 'rate' ? (
            <Space wrap>
              <Form.Item name="numerator" label={t('target.numerator')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="denominator" label={t('target.denominator')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} style={{ width: 160 }} />
              </Form.Item>
            </Space>
          ) : (
            <Form.Item
              name="value"
              label={`${t('target.value')}（${unitLabel(entering.unit)}）`}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="comment" label={t('report.comment')} extra={t('report.commentHint')} rules={[{ max: LIMITS.reason.max }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
        </FormModal>
      )}
      {returning && (
        <TextModal
          title={returning.unlock ? t('report.unlock') : t('report.return')}
          label={returning.unlock ? t('report.unlockReason') : t('report.returnReason')}
          min={LIMITS.reason.min}
          max={LIMITS.reason.max}
          okText={returning.unlock ? t('report.unlock') : t('report.return')}
          onClose={() => setReturning(null)}
          onSubmit={async (text) => {
            if (returning.unlock) await unlockReportedValue(returning.value.id, { reason: text, version: returning.value.version });
            else await decideReportedValue(returning.value.id, { decision: 'return', comment: text, version: returning.value.version });
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
    </>
  );
}
