import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import { RESPONSE_STATUSES, type ResponseCase, type ResponseListQuery } from '../../../../contract/schemas/inspections';
import { useCan } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { TextModal } from '../../components/TextModal';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { decideResponse, listResponseCases, respond } from './api';

type Case = Static<typeof ResponseCase>;
const STATUS_COLOR: Record<string, string> = { submitted: 'orange', approved: 'green', rejected: 'default' };

/**
 * 企业说明: an enterprise sees its published results and writes a response to an unqualified one;
 * an officer approves a response for the public record or returns it with a comment.
 */
export function ResponsesPage() {
  const can = useCan();
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const officer = can('inspection.write');
  const [status, setStatus] = useState<ResponseListQuery['status']>(officer ? 'submitted' : undefined);
  const [editing, setEditing] = useState<{ c: Case; kind: 'respond' | 'approve' | 'return' } | null>(null);
  const list = useQuery({ queryKey: ['inspections', 'responses', status], queryFn: () => listResponseCases({ status }) });
  const done = async () => {
    message.success(t('common.saved'));
    await client.invalidateQueries({ queryKey: ['inspections', 'responses'] });
  };

  async function submit(c: Case, kind: 'respond' | 'approve' | 'return', text: string) {
    if (kind === 'respond') await respond(c.inspectionId, { text, ...(c.response ? { version: c.response.version } : {}) });
    else
      await decideResponse(c.inspectionId, {
        approve: kind === 'approve',
        version: c.response!.version,
        ...(text ? { comment: text } : {}),
      });
    await done();
  }

  return (
    <>
      <PageHeader
        title={t(officer ? 'responses.reviewTitle' : 'responses.title')}
        trail={[{ title: t(officer ? 'responses.reviewTitle' : 'responses.title') }]}
      />
      <Card>
        <Typography.Paragraph type="secondary">{t(officer ? 'responses.reviewHint' : 'responses.hint')}</Typography.Paragraph>
        {officer && (
          <Space style={{ marginBottom: 12 }}>
            <Select
              aria-label={t('responses.status')}
              allowClear
              placeholder={t('responses.allStatuses')}
              value={status}
              onChange={setStatus}
              style={{ width: 160 }}
              options={RESPONSE_STATUSES.map((s) => ({ value: s, label: t(`responses.status.${s}`) }))}
            />
          </Space>
        )}
        {list.error && <ErrorAlert error={list.error} />}
        <Table<Case>
          rowKey="inspectionId"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t(officer ? 'responses.emptyQueue' : 'responses.empty') }}
          columns={[
            {
              key: 'published',
              title: t('inspection.publishedOn'),
              dataIndex: 'publishedOn',
              width: 130,
              render: (v: string) => formatDate(v, lang),
            },
            { key: 'product', title: t('inspection.productName'), render: (_, c) => `${c.productName}${c.model ? `（${c.model}）` : ''}` },
            { key: 'producer', title: t('inspection.producer'), dataIndex: 'producer' },
            {
              key: 'result',
              title: t('public.result'),
              dataIndex: 'result',
              width: 90,
              render: (r: string) => <Tag color={r === 'qualified' ? 'green' : 'red'}>{tx(`public.${r}`)}</Tag>,
            },
            {
              key: 'response',
              title: t('responses.response'),
              render: (_, c) =>
                c.response ? (
                  <Space direction="vertical" size={2}>
                    <Tag color={STATUS_COLOR[c.response.status]}>{t(`responses.status.${c.response.status}`)}</Tag>
                    <span>{c.response.text}</span>
                    {c.response.decisionComment && (
                      <Typography.Text type="secondary">
                        {t('responses.comment')}：{c.response.decisionComment}
                      </Typography.Text>
                    )}
                  </Space>
                ) : null,
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 170,
              render: (_, c) => (
                <Space>
                  {c.abilities.respond && (
                    <Button size="small" type="primary" onClick={() => setEditing({ c, kind: 'respond' })}>
                      {t(c.response ? 'responses.edit' : 'responses.write')}
                    </Button>
                  )}
                  {c.abilities.decide && (
                    <Button size="small" type="primary" onClick={() => setEditing({ c, kind: 'approve' })}>
                      {t('responses.approve')}
                    </Button>
                  )}
                  {c.abilities.decide && (
                    <Button size="small" onClick={() => setEditing({ c, kind: 'return' })}>
                      {t('responses.return')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <TextModal
          title={t(editing.kind === 'respond' ? 'responses.write' : editing.kind === 'approve' ? 'responses.approve' : 'responses.return')}
          label={t(editing.kind === 'respond' ? 'responses.response' : 'responses.comment')}
          initial={editing.kind === 'respond' ? (editing.c.response?.text ?? '') : ''}
          min={editing.kind === 'respond' ? 10 : editing.kind === 'return' ? 1 : 0}
          max={500}
          okText={t(editing.kind === 'respond' ? 'responses.send' : 'common.save')}
          onClose={() => setEditing(null)}
          onSubmit={(text) => submit(editing.c, editing.kind, text)}
        />
      )}
    </>
  );
}
