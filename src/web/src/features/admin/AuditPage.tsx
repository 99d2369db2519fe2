import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, Space, Table, Button, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditEvent } from '../../../../contract/schemas/audit';
import { ErrorAlert } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { Changes } from '../enterprises/EnterpriseProfilePage';
import { actionLabel, formatInstant } from '../enterprises/labels';
import { listAuditEvents } from './api';

/** 审计日志 (admins): every change, newest first, by action, subject and date. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [action, setAction] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filters = {
    action: action || undefined,
    subjectId: subjectId || undefined,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const after = cursors.at(-1);
  const events = useQuery({
    queryKey: ['audit', filters, after],
    queryFn: () => listAuditEvents({ ...filters, after, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const restart = () => setCursors([undefined]);
  return (
    <>
      <PageHeader title={t('menu.audit')} trail={[{ title: t('menu.audit') }]} />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('audit.actionFilter')}
            aria-label={t('audit.actionFilter')}
            style={{ width: 220 }}
            onSearch={(v) => {
              setAction(v.trim());
              restart();
            }}
          />
          <Input.Search
            allowClear
            placeholder={t('audit.subjectFilter')}
            aria-label={t('audit.subjectFilter')}
            style={{ width: 300 }}
            onSearch={(v) => {
              setSubjectId(v.trim());
              restart();
            }}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.dates')}
            value={range}
            onChange={(v) => {
              setRange(v as never);
              restart();
            }}
          />
        </Space>
        {events.isError && <ErrorAlert error={events.error} />}
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (ev) => <Changes before={ev.before} after={ev.after} /> }}
          columns={[
            { key: 'seq', title: '#', dataIndex: 'seq', width: 70 },
            { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v, lang) },
            { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName', width: 120 },
            {
              key: 'action',
              title: t('audit.action'),
              dataIndex: 'action',
              render: (a: string) => <span title={a}>{actionLabel(a, t)}</span>,
            },
            {
              key: 'subject',
              title: t('audit.subject'),
              // The name people know; the id stays one copy away (the subject filter takes it).
              render: (_, ev) =>
                ev.subjectName ? (
                  <Typography.Text copyable={ev.subjectId ? { text: ev.subjectId } : false}>{ev.subjectName}</Typography.Text>
                ) : (
                  <Typography.Text
                    copyable={!!ev.subjectId}
                  >{`${ev.subjectType}${ev.subjectId ? ` ${ev.subjectId}` : ''}`}</Typography.Text>
                ),
            },
            { key: 'ip', title: 'IP', dataIndex: 'ip', width: 130 },
          ]}
        />
        <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
          <Typography.Text type="secondary">
            {t('enterprise.total', { total: (events.data?.meta.total ?? 0).toLocaleString(lang) })}
          </Typography.Text>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('common.previous')}
          </Button>
          <Button disabled={!events.data?.meta.nextCursor} onClick={() => setCursors([...cursors, events.data!.meta.nextCursor!])}>
            {t('common.next')}
          </Button>
        </Space>
      </Card>
    </>
  );
}
