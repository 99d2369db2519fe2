import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Honour, HonourListQuery } from '../../../../contract/schemas/brands';
import { LIMITS } from '../../../../contract/limits';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { FormModal } from '../../components/FormModal';
import { TextModal } from '../../components/TextModal';
import { useAction } from '../../components/useAction';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { listHonours, proposeReward, reviewHonour, revokeHonour } from './api';

const STATUS_COLOR: Record<string, string> = { active: 'green', expired: 'orange', revoked: 'red', historical: 'default' };
const DAY = 86_400_000;

/** Honours of the register for a filter, with expiry warnings and revocation where allowed. */
export function HonoursTable({ filter, showEnterprise = true }: { filter: HonourListQuery; showEnterprise?: boolean }) {
  const reviewsDue = filter.reviewDueWithinDays !== undefined;
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const regionName = useReferenceNames('regions', lang);
  const [revoking, setRevoking] = useState<Honour | null>(null);
  const [reviewing, setReviewing] = useState<Honour | null>(null);
  const list = useQuery({ queryKey: ['honours', filter], queryFn: () => listHonours({ ...filter, limit: 500 }) });
  // A proposed reward leaves the ledger changed and the honour no longer rewardable.
  const act = useAction(
    () => Promise.all([client.invalidateQueries({ queryKey: ['rewards'] }), client.invalidateQueries({ queryKey: ['honours'] })]),
    'reward.proposed',
  );
  const reward = (h: Honour) => act(() => proposeReward(h.id));
  const soon = (h: Honour) => h.status === 'active' && h.validUntil !== null && Date.parse(h.validUntil) - Date.now() < 180 * DAY;
  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Honour>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        // Text columns keep a readable width; a narrow window scrolls the table instead of
        // squeezing them to a character a line (the 复评到期 tab at 1440 px).
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('honour.empty') }}
        columns={[
          { key: 'programme', title: t('honour.programme'), dataIndex: 'programme', width: 170 },
          ...(showEnterprise
            ? [
                {
                  key: 'enterprise',
                  title: t('honour.enterprise'),
                  width: 200,
                  render: (_: unknown, h: Honour) => <Link to={`/enterprises/${h.enterpriseId}`}>{h.enterpriseName}</Link>,
                },
                { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
              ]
            : []),
          { key: 'title', title: t('honour.title'), width: 170, render: (_, h) => h.title || h.mark },
          { key: 'certificate', title: t('honour.certificateNo'), width: 150, render: (_, h) => h.certificateNo || h.caseNo },
          { key: 'granted', title: t('honour.grantedOn'), dataIndex: 'grantedOn', width: 130, render: (v: string) => formatDate(v, lang) },
          {
            key: 'valid',
            title: t('honour.validUntil'),
            dataIndex: 'validUntil',
            width: 150,
            render: (v: string | null, h) =>
              v ? (
                <>
                  {formatDate(v, lang)}
                  {soon(h) && (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      {t('honour.expiringSoon')}
                    </Tag>
                  )}
                </>
              ) : (
                t('programme.noExpiry')
              ),
          },
          ...(reviewsDue
            ? [
                {
                  key: 'review',
                  title: t('honour.nextReviewOn'),
                  dataIndex: 'nextReviewOn',
                  width: 150,
                  render: (v: string) => (
                    <>
                      {formatDate(v, lang)}
                      {Date.parse(v) < Date.now() && (
                        <Tag color="red" style={{ marginLeft: 4 }}>
                          {t('honour.reviewOverdue')}
                        </Tag>
                      )}
                    </>
                  ),
                },
              ]
            : []),
          {
            key: 'status',
            title: t('honour.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string, h) => (
              <Tag color={STATUS_COLOR[s]} title={h.revokeReason || undefined}>
                {tx(`honour.status.${s}`)}
              </Tag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 200,
            // Each button follows its own ability from the server, not the revoke ability's.
            render: (_, h) => (
              <Space>
                {h.abilities.review && (
                  <Button size="small" onClick={() => setReviewing(h)}>
                    {t('honour.review')}
                  </Button>
                )}
                {h.abilities.reward && (
                  <Button size="small" onClick={() => reward(h)}>
                    {t('reward.propose')}
                  </Button>
                )}
                {h.abilities.revoke && (
                  <Button size="small" danger onClick={() => setRevoking(h)}>
                    {t('honour.revoke')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {reviewing && (
        <FormModal<{ passed: boolean; note?: string }>
          title={`${t('honour.review')} · ${reviewing.title || reviewing.programme}`}
          onClose={() => setReviewing(null)}
          onSubmit={async (v) => {
            await reviewHonour(reviewing.id, {
              passed: v.passed,
              ...(v.note ? { note: v.note } : {}),
              on: new Date().toISOString().slice(0, 10),
              version: reviewing.version,
            });
            message.success(t('common.saved'));
            await client.invalidateQueries({ queryKey: ['honours'] });
          }}
        >
          {/* No preset outcome: the officer states the review's result. */}
          <Form.Item
            name="passed"
            label={t('honour.reviewOutcome')}
            extra={t('honour.reviewHint')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('honour.reviewPassed') },
                { value: false, label: t('honour.reviewFailed') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('cultivation.note')} rules={[{ max: LIMITS.reason.max }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
        </FormModal>
      )}
      {revoking && (
        <TextModal
          title={`${t('honour.revoke')} · ${revoking.programme}`}
          label={t('honour.revokeReason')}
          min={2}
          max={LIMITS.reason.max}
          okText={t('honour.revoke')}
          onClose={() => setRevoking(null)}
          onSubmit={async (reason) => {
            await revokeHonour(revoking.id, { on: new Date().toISOString().slice(0, 10), reason, version: revoking.version });
            message.success(t('common.saved'));
            await client.invalidateQueries({ queryKey: ['honours'] });
          }}
        />
      )}
    </>
  );
}
