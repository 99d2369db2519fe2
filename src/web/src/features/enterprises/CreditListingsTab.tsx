import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  CREDIT_LISTS,
  REMOVAL_REASONS,
  type CreateCreditListing,
  type CreditListing,
  type RemoveCreditListing,
} from '../../../../contract/schemas/credit';
import { LIMITS } from '../../../../contract/limits';
import { ErrorAlert } from '../../components/ErrorText';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { formatDate } from './labels';
import { addCreditListing, listCreditListings, removeCreditListing } from './api';

const required = (t: (k: MessageKey) => string) => [{ required: true, message: t('form.required') }];
const notAfterToday = (d: dayjs.Dayjs) => d.isAfter(dayjs());

/**
 * 信用名单: the enterprise's entries on the 经营异常名录 and 严重违法失信名单 — while one is in force
 * the enterprise may not apply for a brand or award.
 */
export function CreditListingsTab({ enterpriseId, mayWrite }: { enterpriseId: string; mayWrite: boolean }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CreditListing | null>(null);
  const key = ['enterprise', enterpriseId, 'credit-listings'];
  const list = useQuery({ queryKey: key, queryFn: () => listCreditListings(enterpriseId) });
  const done = async () => {
    message.success(t('common.saved'));
    await client.invalidateQueries({ queryKey: key });
  };
  return (
    <>
      {mayWrite && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
          {t('credit.add')}
        </Button>
      )}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<CreditListing>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('credit.empty') }}
        columns={[
          {
            key: 'list',
            title: t('credit.list'),
            dataIndex: 'list',
            render: (l: string, r) => <Tag color={r.inForce ? 'red' : 'default'}>{tx(`credit.list.${l}`)}</Tag>,
          },
          { key: 'authority', title: t('credit.authority'), dataIndex: 'authority' },
          { key: 'decisionNo', title: t('credit.decisionNo'), dataIndex: 'decisionNo' },
          { key: 'reason', title: t('credit.reason'), dataIndex: 'reason' },
          { key: 'listedOn', title: t('credit.listedOn'), dataIndex: 'listedOn', width: 130, render: (v: string) => formatDate(v, lang) },
          {
            key: 'removed',
            title: t('credit.removedOn'),
            width: 200,
            render: (_, r) =>
              r.removedOn
                ? `${formatDate(r.removedOn, lang)} · ${tx(`credit.removal.${r.removalReason}`)}${r.removalNote ? `（${r.removalNote}）` : ''}`
                : t('credit.inForce'),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 100,
            render: (_, r) =>
              r.abilities.remove && (
                <Button size="small" onClick={() => setRemoving(r)}>
                  {t('credit.remove')}
                </Button>
              ),
          },
        ]}
      />
      {adding && (
        <FormModal<Omit<CreateCreditListing, 'listedOn'> & { listedOn: dayjs.Dayjs }>
          title={t('credit.add')}
          initialValues={{ list: 'abnormal_operation', listedOn: dayjs() }}
          onClose={() => setAdding(false)}
          onSubmit={async (v) => {
            await addCreditListing(enterpriseId, {
              ...v,
              decisionNo: v.decisionNo || undefined,
              listedOn: v.listedOn.format('YYYY-MM-DD'),
            });
            await done();
          }}
        >
          <Form.Item name="list" label={t('credit.list')} rules={required(t)}>
            <Select options={CREDIT_LISTS.map((l) => ({ value: l, label: t(`credit.list.${l}`) }))} />
          </Form.Item>
          <Form.Item name="authority" label={t('credit.authority')} rules={[...required(t), { min: 2, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="decisionNo" label={t('credit.decisionNo')} rules={[{ max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="reason" label={t('credit.reason')} rules={[...required(t), { min: LIMITS.reason.min, max: LIMITS.reason.max }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
          <Form.Item name="listedOn" label={t('credit.listedOn')} rules={required(t)}>
            <DatePicker disabledDate={notAfterToday} />
          </Form.Item>
        </FormModal>
      )}
      {removing && (
        <FormModal<Omit<RemoveCreditListing, 'on' | 'version'> & { on: dayjs.Dayjs }>
          title={`${t('credit.remove')} · ${t(`credit.list.${removing.list}`)}`}
          initialValues={{ reason: 'fulfilled', on: dayjs() }}
          onClose={() => setRemoving(null)}
          onSubmit={async (v) => {
            await removeCreditListing(removing.id, {
              reason: v.reason,
              note: v.note || undefined,
              on: v.on.format('YYYY-MM-DD'),
              version: removing.version,
            });
            await done();
          }}
        >
          <Form.Item name="reason" label={t('credit.removalReason')} rules={required(t)}>
            <Select options={REMOVAL_REASONS.map((r) => ({ value: r, label: t(`credit.removal.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('cultivation.note')} rules={[{ max: LIMITS.reason.max }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
          <Form.Item name="on" label={t('credit.removedOn')} rules={required(t)}>
            <DatePicker disabledDate={notAfterToday} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
