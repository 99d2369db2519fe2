import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import type { CreateRewardRule, Reward, RewardRule, RewardStatusBody } from '../../../../contract/schemas/brands';
import { queryString } from '../../api/client';
import type { BrandProgramme } from '../../../../contract/schemas/reference';
import { LIMITS } from '../../../../contract/limits';
import { useReference, useReferenceNames } from '../../api/reference';
import { filledValues } from '../../components/formValues';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { createRewardRule, listRewardRules, listRewards, moveReward } from './api';

type Row = Static<typeof Reward>;
type Rule = Static<typeof RewardRule>;
const yuan = (n: number) => n.toLocaleString('zh-CN');
/** The ability that allows a move to each status (none moves back to proposed). */
const MOVE: Record<Row['status'], keyof Row['abilities'] | null> = {
  proposed: null,
  approved: 'approve',
  paid: 'pay',
  cancelled: 'cancel',
};
const mayMove = (r: Row, to: Row['status']) => MOVE[to] !== null && r.abilities[MOVE[to]];

/** 奖励台账: the year's rewards by county (owed, city and county shares, paid), each reward's steps, the rules. */
export function RewardsTab({ mayWrite, cityLevel }: { mayWrite: boolean; cityLevel: boolean }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const regionName = useReferenceNames('regions', lang);
  const programmeName = useReferenceNames('brand-programmes', lang);
  const [year, setYear] = useState<number | null>(null);
  const [addingRule, setAddingRule] = useState(false);
  const programmes = ((useReference('brand-programmes').data ?? []) as BrandProgramme[]).filter((p) => p.active);
  const list = useQuery({ queryKey: ['rewards', year], queryFn: () => listRewards({ year: year ?? undefined }) });
  const rules = useQuery({ queryKey: ['rewards', 'rules'], queryFn: listRewardRules });
  const act = useAction(() => client.invalidateQueries({ queryKey: ['rewards'] }));
  const move = (r: Row, to: RewardStatusBody['to']) =>
    act(() => moveReward(r.id, { to, on: new Date().toISOString().slice(0, 10), version: r.version }));
  const ledger = list.data?.ledger;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber
          aria-label={t('inspection.year')}
          placeholder={t('inspection.year')}
          min={2000}
          max={2100}
          value={year}
          onChange={setYear}
        />
        <Button href={`/api/v1/rewards/export${queryString({ year, format: 'xlsx' })}`}>{t('reward.exportXlsx')}</Button>
        <Button href={`/api/v1/rewards/export${queryString({ year, format: 'csv' })}`}>{t('reward.exportCsv')}</Button>
      </Space>
      {list.error && <ErrorAlert error={list.error} />}
      <Table
        rowKey="regionCode"
        size="small"
        bordered
        pagination={false}
        loading={list.isPending}
        dataSource={ledger?.byCounty ?? []}
        title={() => t('reward.ledger')}
        style={{ marginBottom: 16 }}
        columns={[
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', render: (c: string) => regionName(c) },
          { key: 'n', title: t('reward.count'), dataIndex: 'rewards', align: 'right' },
          { key: 'amount', title: t('reward.amount'), dataIndex: 'amount', align: 'right', render: yuan },
          { key: 'city', title: t('reward.city'), dataIndex: 'cityAmount', align: 'right', render: yuan },
          { key: 'county', title: t('reward.county'), dataIndex: 'countyAmount', align: 'right', render: yuan },
          { key: 'paid', title: t('reward.paid'), dataIndex: 'paid', align: 'right', render: yuan },
        ]}
        summary={() =>
          ledger && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('inspection.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {ledger.total.rewards}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {yuan(ledger.total.amount)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {yuan(ledger.total.cityAmount)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {yuan(ledger.total.countyAmount)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {yuan(ledger.total.paid)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('reward.empty') }}
        columns={[
          {
            key: 'year',
            title: t('reward.fromYear'),
            dataIndex: 'year',
            width: 90,
            render: (y: number) => t('reward.fromYearValue', { year: y }),
          },
          { key: 'enterprise', title: t('honour.enterprise'), dataIndex: 'enterpriseName' },
          { key: 'programme', title: t('honour.programme'), dataIndex: 'programmeCode', render: (c: string) => programmeName(c) },
          { key: 'amount', title: t('reward.amount'), dataIndex: 'amount', align: 'right', render: yuan },
          {
            key: 'status',
            title: t('honour.status'),
            dataIndex: 'status',
            render: (s: string, r) => (
              <Tag>
                {tx(`reward.status.${s}`)}
                {r.paidOn ? ` ${formatDate(r.paidOn, lang)}` : ''}
              </Tag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) => (
              <Space>
                {r.nextStatuses
                  .filter((s) => mayMove(r, s))
                  .map((s) => (
                    <Popconfirm key={s} title={t(`reward.to.${s}`)} onConfirm={() => move(r, s)}>
                      <Button size="small" danger={s === 'cancelled'}>
                        {t(`reward.to.${s}`)}
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 16, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('reward.rules')}
        </Typography.Title>
        {mayWrite && cityLevel && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingRule(true)}>
            {t('reward.addRule')}
          </Button>
        )}
      </Space>
      <Table<Rule>
        rowKey="id"
        size="small"
        pagination={false}
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        columns={[
          { key: 'programme', title: t('honour.programme'), dataIndex: 'programmeCode', render: (c: string) => programmeName(c) },
          {
            key: 'year',
            title: t('reward.fromYear'),
            dataIndex: 'year',
            width: 90,
            render: (y: number) => t('reward.fromYearValue', { year: y }),
          },
          { key: 'amount', title: t('reward.amount'), dataIndex: 'amount', align: 'right', render: yuan },
          { key: 'share', title: t('reward.cityShare'), dataIndex: 'citySharePercent', align: 'right', render: (p: number) => `${p}%` },
          { key: 'fund', title: t('reward.fundSource'), dataIndex: 'fundSource' },
          { key: 'note', title: t('programme.rules'), dataIndex: 'note' },
        ]}
      />
      {addingRule && (
        <FormModal<CreateRewardRule>
          title={t('reward.addRule')}
          initialValues={{ year: new Date().getFullYear(), citySharePercent: 50 }}
          onClose={() => setAddingRule(false)}
          onSubmit={async (v) => {
            await createRewardRule(filledValues(v));
            message.success(t('common.saved'));
            // A new rule may make honours rewardable (拟奖励 shows where a rule applies).
            await Promise.all([
              client.invalidateQueries({ queryKey: ['rewards', 'rules'] }),
              client.invalidateQueries({ queryKey: ['honours'] }),
            ]);
          }}
        >
          <Form.Item name="programmeCode" label={t('honour.programme')} rules={[{ required: true, message: t('form.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={programmes.map((p) => ({ value: p.code, label: programmeName(p.code) }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="year"
              label={t('reward.fromYear')}
              extra={t('reward.fromYearHint')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="amount" label={t('reward.amountYuan')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} max={1_000_000_000_000} precision={0} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name="citySharePercent"
              label={t('reward.cityShare')}
              extra={t('reward.cityShareHint')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber min={0} max={100} precision={0} addonAfter="%" />
            </Form.Item>
          </Space>
          <Form.Item name="fundSource" label={t('reward.fundSource')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t('programme.rules')} rules={[{ max: LIMITS.reason.max }]}>
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
