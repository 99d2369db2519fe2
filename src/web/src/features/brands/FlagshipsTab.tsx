import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Flagship } from '../../../../contract/schemas/industry';
import { LIMITS } from '../../../../contract/limits';
import { ApiError } from '../../api/client';
import { useReferenceNames } from '../../api/reference';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { ErrorAlert } from '../../components/ErrorText';
import { FormModal } from '../../components/FormModal';
import { TextModal } from '../../components/TextModal';
import { useI18n } from '../../i18n';
import { designateFlagship, listFlagships, removeFlagship } from './api';

/** Yuan shown in 亿元 (10^8), as the policy states the revenue bar (30–50 亿元). */
const yi = (n: number | null) => (n === null ? '—' : (n / 1e8).toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** 标志性工业企业: the year's list checked against sales revenue, progress toward the 30–50 goal, and who qualifies but is not listed. */
export function FlagshipsTab({ mayWrite }: { mayWrite: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const regionName = useReferenceNames('regions', lang);
  // Revenue figures are yearly: last year's list is the one that can be complete.
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [adding, setAdding] = useState<{ enterpriseId?: string } | null>(null);
  const [removing, setRemoving] = useState<Flagship | null>(null);
  const list = useQuery({ queryKey: ['flagships', year], queryFn: () => listFlagships(year) });
  const refresh = () => client.invalidateQueries({ queryKey: ['flagships'] });
  const progress = list.data?.progress;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t('inspection.year')} min={2000} max={2100} value={year} onChange={(y) => y && setYear(y)} />
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({})}>
            {t('flagship.add')}
          </Button>
        )}
      </Space>
      {progress && (
        <div style={{ maxWidth: 520, marginBottom: 16 }}>
          <Typography.Text>
            {t('flagship.progress', { count: progress.count, min: progress.goalMin, max: progress.goalMax })}
          </Typography.Text>
          <Progress
            percent={Math.min(100, Math.round((progress.count / progress.goalMin) * 100))}
            status={progress.count >= progress.goalMin ? 'success' : 'active'}
          />
          <Typography.Text type="secondary">{t('flagship.floor', { yi: yi(progress.revenueFloor) })}</Typography.Text>
        </div>
      )}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Flagship>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('flagship.empty') }}
        columns={[
          {
            key: 'enterprise',
            title: t('honour.enterprise'),
            render: (_, f) => <Link to={`/enterprises/${f.enterpriseId}`}>{f.enterpriseName}</Link>,
          },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
          {
            key: 'revenue',
            title: t('flagship.revenueYi'),
            dataIndex: 'salesRevenue',
            align: 'right',
            width: 140,
            render: (v: number | null) => yi(v),
          },
          {
            key: 'check',
            title: t('flagship.check'),
            width: 200,
            render: (_, f) =>
              f.meetsFloor ? (
                <Tag color="green">{t('flagship.meets')}</Tag>
              ) : (
                <Tag color="orange" title={f.overrideReason ?? undefined}>
                  {t(f.salesRevenue === null ? 'flagship.noFigures' : 'flagship.below')}
                </Tag>
              ),
          },
          { key: 'note', title: t('cultivation.note'), render: (_, f) => f.overrideReason ?? f.note },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_, f) =>
              f.abilities.remove && (
                <Button size="small" danger onClick={() => setRemoving(f)}>
                  {t('flagship.remove')}
                </Button>
              ),
          },
        ]}
      />
      {(list.data?.candidates.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('flagship.candidates')}
          </Typography.Title>
          <Table
            rowKey="enterpriseId"
            size="small"
            pagination={{ pageSize: 20 }}
            dataSource={list.data?.candidates ?? []}
            columns={[
              {
                key: 'enterprise',
                title: t('honour.enterprise'),
                render: (_, c) => <Link to={`/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</Link>,
              },
              { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
              {
                key: 'revenue',
                title: t('flagship.revenueYi'),
                dataIndex: 'salesRevenue',
                align: 'right',
                width: 140,
                render: (v: number) => yi(v),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 90,
                render: (_, c) =>
                  mayWrite && (
                    <Button size="small" onClick={() => setAdding({ enterpriseId: c.enterpriseId })}>
                      {t('flagship.list')}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
      {adding && (
        <AddModal
          year={year}
          enterpriseId={adding.enterpriseId}
          onClose={() => setAdding(null)}
          onDone={async () => {
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
      {removing && (
        <TextModal
          title={`${t('flagship.remove')} · ${removing.enterpriseName}`}
          label={t('record.deleteReason')}
          min={LIMITS.reason.min}
          max={LIMITS.reason.max}
          okText={t('flagship.remove')}
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await removeFlagship(removing.id, { reason, version: removing.version });
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
    </>
  );
}

/** Adds to the year's list; below the revenue floor the server says why, and a reason lets it through. */
function AddModal({
  year,
  enterpriseId,
  onClose,
  onDone,
}: {
  year: number;
  enterpriseId?: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [below, setBelow] = useState<string | null>(null);
  return (
    <FormModal<{ enterpriseId: string; designatedOn: dayjs.Dayjs; note?: string; overrideReason?: string }>
      title={`${t('flagship.add')} · ${year}`}
      initialValues={{ enterpriseId, designatedOn: dayjs() }}
      onClose={onClose}
      onSubmit={async (v) => {
        try {
          await designateFlagship({
            enterpriseId: v.enterpriseId,
            year,
            designatedOn: v.designatedOn.format('YYYY-MM-DD'),
            note: v.note || undefined,
            overrideReason: v.overrideReason || undefined,
          });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'below_revenue_floor')
            setBelow(((err.details ?? []) as { message: string }[]).map((d) => d.message).join('；'));
          throw err;
        }
        await onDone();
      }}
    >
      {below && <Alert type="warning" showIcon title={below} style={{ marginBottom: 12 }} />}
      <Form.Item name="enterpriseId" label={t('honour.enterprise')} rules={[{ required: true, message: t('form.required') }]}>
        <EnterprisePicker />
      </Form.Item>
      <Form.Item name="designatedOn" label={t('flagship.designatedOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
      </Form.Item>
      <Form.Item name="note" label={t('cultivation.note')} rules={[{ max: LIMITS.reason.max }]}>
        <Input maxLength={LIMITS.reason.max} />
      </Form.Item>
      {below && (
        <Form.Item
          name="overrideReason"
          label={t('flagship.overrideReason')}
          rules={[
            { required: true, message: t('form.required') },
            { min: 2, max: LIMITS.reason.max },
          ]}
        >
          <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
        </Form.Item>
      )}
    </FormModal>
  );
}
