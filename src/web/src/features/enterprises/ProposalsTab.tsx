import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { LIMITS } from '../../../../contract/limits';
import type { Enterprise, Proposal } from '../../../../contract/schemas/enterprises';
import { FormModal } from '../../components/FormModal';
import { TextModal } from '../../components/TextModal';
import { useI18n } from '../../i18n';
import { formatInstant } from './labels';
import { decideProposal, listProposals, propose } from './api';

const FIELDS = ['address', 'contactPerson', 'contactPhone'] as const;

/**
 * Changes an enterprise proposes to its own contact data: the enterprise user proposes, an
 * officer of the county accepts (the archive changes) or returns them with a comment.
 */
export function ProposalsTab({ enterprise, mayPropose }: { enterprise: Enterprise; mayPropose: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [proposing, setProposing] = useState(false);
  const [deciding, setDeciding] = useState<{ proposal: Proposal; accept: boolean } | null>(null);
  const list = useQuery({ queryKey: ['enterprise', enterprise.id, 'proposals'], queryFn: () => listProposals(enterprise.id) });
  const changes = (p: Proposal) =>
    FIELDS.filter((f) => p.changes[f] !== undefined)
      .map((f) => `${t(`enterprise.${f}`)}：${p.changes[f]}`)
      .join('；');

  return (
    <>
      {mayPropose && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setProposing(true)}>
          {t('proposal.new')}
        </Button>
      )}
      <Table<Proposal>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('common.empty') }}
        columns={[
          { key: 'at', title: t('proposal.at'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatInstant(v, lang) },
          { key: 'changes', title: t('proposal.changes'), render: (_, p) => changes(p) },
          { key: 'note', title: t('proposal.note'), dataIndex: 'note' },
          {
            key: 'status',
            title: t('proposal.status'),
            width: 90,
            render: (_, p) => (
              <Tag color={p.status === 'pending' ? 'orange' : p.status === 'accepted' ? 'green' : 'default'}>
                {t(`proposal.status.${p.status}`)}
              </Tag>
            ),
          },
          { key: 'comment', title: t('proposal.comment'), dataIndex: 'decisionComment' },
          {
            key: 'decide',
            title: t('common.actions'),
            width: 150,
            render: (_, p) =>
              p.abilities.decide ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ proposal: p, accept: true })}>
                    {t('proposal.accept')}
                  </Button>
                  <Button size="small" onClick={() => setDeciding({ proposal: p, accept: false })}>
                    {t('proposal.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {proposing && (
        <ProposalForm
          enterprise={enterprise}
          onClose={() => setProposing(false)}
          onDone={async () => {
            message.success(t('proposal.sent'));
            await client.invalidateQueries({ queryKey: ['enterprise', enterprise.id, 'proposals'] });
          }}
        />
      )}
      {deciding && (
        <TextModal
          title={deciding.accept ? t('proposal.accept') : t('proposal.reject')}
          label={t('proposal.comment')}
          max={LIMITS.reason.max}
          okText={t('common.save')}
          onClose={() => setDeciding(null)}
          onSubmit={async (comment) => {
            await decideProposal(enterprise.id, deciding.proposal.id, {
              version: deciding.proposal.version,
              accept: deciding.accept,
              ...(comment ? { comment } : {}),
            });
            message.success(t('common.saved'));
            await client.invalidateQueries({ queryKey: ['enterprise'] });
          }}
        />
      )}
    </>
  );
}

function ProposalForm({ enterprise, onClose, onDone }: { enterprise: Enterprise; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  return (
    <FormModal<Record<string, string>>
      title={t('proposal.new')}
      okText={t('proposal.send')}
      initialValues={{ address: enterprise.address, contactPerson: enterprise.contactPerson, contactPhone: enterprise.contactPhone }}
      onClose={onClose}
      onSubmit={async (values) => {
        const body: Record<string, string> = Object.fromEntries(
          FIELDS.filter((f) => values[f] !== enterprise[f]).map((f) => [f, values[f] ?? '']),
        );
        if (values.note) body.note = values.note;
        await propose(enterprise.id, body);
        await onDone();
      }}
    >
      <Alert type="info" showIcon title={t('proposal.hint')} style={{ marginBottom: 12 }} />
      <Form.Item name="address" label={t('enterprise.address')} rules={[{ max: LIMITS.shortText.max }]}>
        <Input maxLength={LIMITS.shortText.max} />
      </Form.Item>
      <Form.Item name="contactPerson" label={t('enterprise.contactPerson')} rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('enterprise.contactPhone')} rules={[{ max: 30 }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="note" label={t('proposal.note')} rules={[{ max: LIMITS.reason.max }]}>
        <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
      </Form.Item>
    </FormModal>
  );
}
