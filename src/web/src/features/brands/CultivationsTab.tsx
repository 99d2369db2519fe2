import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import {
  CULTIVATION_STAGES,
  type AdvanceCultivation,
  type CreateCultivation,
  type Cultivation,
  type CultivationQuery,
} from '../../../../contract/schemas/brands';
import type { BrandProgramme } from '../../../../contract/schemas/reference';
import { LIMITS } from '../../../../contract/limits';
import { ApiError } from '../../api/client';
import { useReference, useReferenceNames } from '../../api/reference';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { filledValues } from '../../components/formValues';
import { FormModal } from '../../components/FormModal';
import { ErrorAlert, FormError } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { CultivationDetail } from './CultivationDetail';
import { CertificateFields } from './GrantHonourModal';
import { useJurisdiction } from '../../api/session';
import { advanceCultivation, createCultivation, getCultivationBoard, listCultivations } from './api';

type Row = Static<typeof Cultivation>;
const stageLabel = (s: string) => `cultivation.stage.${s}`;

/** 培育看板: enterprises per programme and stage (by county when filtered), and each one's next step. */
export function CultivationsTab({ mayWrite }: { mayWrite: boolean }) {
  const { t, tx, lang } = useI18n();
  const client = useQueryClient();
  const programmes = (useReference('brand-programmes').data ?? []) as BrandProgramme[];
  const programmeName = useReferenceNames('brand-programmes', lang);
  const regionName = useReferenceNames('regions', lang);
  const [filter, setFilter] = useState<CultivationQuery>({});
  const regions = useReference('regions').data ?? [];
  const { units } = useJurisdiction();
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<Row | null>(null);
  const board = useQuery({ queryKey: ['cultivations', 'board'], queryFn: getCultivationBoard });
  const list = useQuery({ queryKey: ['cultivations', filter], queryFn: () => listCultivations(filter) });
  // Programme × stage, for the whole scope or the county chosen.
  const cells = (board.data?.cells ?? []).filter((c) => !filter.regionCode || c.regionCode === filter.regionCode);
  const matrix = [...new Set(cells.map((c) => c.programmeCode))].map((code) => ({
    code,
    ...Object.fromEntries(
      CULTIVATION_STAGES.map((s) => [s, cells.filter((c) => c.programmeCode === code && c.stage === s).reduce((n, c) => n + c.count, 0)]),
    ),
  }));
  const refresh = () => client.invalidateQueries({ queryKey: ['cultivations'] });

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('enterprise.region')}
          placeholder={t('enterprise.region')}
          allowClear
          style={{ width: 140 }}
          value={filter.regionCode}
          onChange={(regionCode) => setFilter({ ...filter, regionCode })}
          options={regions.filter((r) => units.includes(r.code)).map((r) => ({ value: r.code, label: regionName(r.code) }))}
        />
      </Space>
      <Table
        rowKey="code"
        size="small"
        bordered
        pagination={false}
        loading={board.isPending}
        dataSource={matrix}
        style={{ marginBottom: 16 }}
        locale={{ emptyText: t('cultivation.empty') }}
        columns={[
          { key: 'programme', title: t('honour.programme'), dataIndex: 'code', render: (c: string) => programmeName(c) },
          ...CULTIVATION_STAGES.map((s) => ({
            key: s,
            title: tx(stageLabel(s)),
            dataIndex: s,
            align: 'right' as const,
            render: (n: number, r: { code: string }) =>
              n ? <a onClick={() => setFilter({ ...filter, programmeCode: r.code, stage: s })}>{n}</a> : '—',
          })),
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('honour.programme')}
          placeholder={t('honour.programme')}
          allowClear
          style={{ width: 220 }}
          value={filter.programmeCode}
          onChange={(programmeCode) => setFilter({ ...filter, programmeCode })}
          options={programmes.map((p) => ({ value: p.code, label: programmeName(p.code) }))}
        />
        <Select
          aria-label={t('cultivation.stage')}
          placeholder={t('cultivation.stage')}
          allowClear
          style={{ width: 140 }}
          value={filter.stage}
          onChange={(stage) => setFilter({ ...filter, stage })}
          options={CULTIVATION_STAGES.map((s) => ({ value: s, label: tx(stageLabel(s)) }))}
        />
        {mayWrite && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('cultivation.add')}
          </Button>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        expandable={{ expandedRowRender: (r) => <CultivationDetail row={r} /> }}
        locale={{ emptyText: t('cultivation.empty') }}
        columns={[
          { key: 'enterprise', title: t('honour.enterprise'), dataIndex: 'enterpriseName' },
          { key: 'region', title: t('enterprise.region'), dataIndex: 'regionCode', width: 100, render: (c: string) => regionName(c) },
          { key: 'programme', title: t('honour.programme'), dataIndex: 'programmeCode', render: (c: string) => programmeName(c) },
          {
            key: 'stage',
            title: t('cultivation.stage'),
            dataIndex: 'stage',
            width: 100,
            render: (s: string) => <Tag color={s === 'granted' ? 'green' : s === 'rejected' ? 'default' : 'blue'}>{tx(stageLabel(s))}</Tag>,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 110,
            render: (_, r) =>
              r.abilities.advance ? (
                <Button size="small" onClick={() => setMoving(r)}>
                  {t('cultivation.advance')}
                </Button>
              ) : null,
          },
        ]}
      />
      {adding && (
        <AddModal
          onClose={() => setAdding(false)}
          onDone={refresh}
          programmes={programmes.map((p) => ({ value: p.code, label: programmeName(p.code) }))}
        />
      )}
      {moving && (
        <AdvanceModal
          row={moving}
          recognition={programmes.find((p) => p.code === moving.programmeCode)?.kind === 'trademark_recognition'}
          onClose={() => setMoving(null)}
          onDone={refresh}
        />
      )}
    </>
  );
}

function AddModal({
  programmes,
  onClose,
  onDone,
}: {
  programmes: { value: string; label: string }[];
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <FormModal<CreateCultivation>
      title={t('cultivation.add')}
      onClose={onClose}
      onSubmit={async (v) => {
        await createCultivation(filledValues(v));
        await onDone();
      }}
    >
      <Form.Item name="programmeCode" label={t('honour.programme')} rules={[{ required: true, message: t('form.required') }]}>
        <Select showSearch optionFilterProp="label" options={programmes} />
      </Form.Item>
      <Form.Item name="enterpriseId" label={t('honour.enterprise')} rules={[{ required: true, message: t('form.required') }]}>
        <EnterprisePicker />
      </Form.Item>
      <Form.Item name="notes" label={t('cultivation.note')} rules={[{ max: LIMITS.reason.max }]}>
        <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
      </Form.Item>
    </FormModal>
  );
}

/** The next stage; when the enterprise is not eligible, the reasons and a box for the override. */
function AdvanceModal({
  row,
  recognition,
  onClose,
  onDone,
}: {
  row: Row;
  recognition: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const to = Form.useWatch('to', form) as string | undefined;
  const [error, setError] = useState<unknown>(null);
  const [blocks, setBlocks] = useState<string[]>([]);
  return (
    <Modal
      open
      title={`${t('cultivation.advance')} · ${row.enterpriseName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      {blocks.length > 0 ? (
        <Alert type="warning" showIcon title={t('cultivation.blocked')} description={blocks.join('；')} style={{ marginBottom: 12 }} />
      ) : (
        <FormError error={error} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ to: row.nextStages[0] }}
        onFinish={async (v: Omit<AdvanceCultivation, 'on' | 'version'>) => {
          const { grant, ...rest } = v;
          try {
            await advanceCultivation(row.id, {
              ...filledValues(rest, true),
              ...(v.to === 'granted' ? { grant: filledValues(grant ?? {}, true) } : {}),
              on: new Date().toISOString().slice(0, 10),
              version: row.version,
            });
            message.success(t(v.to === 'granted' ? 'cultivation.grantedRecorded' : 'common.saved'));
            if (v.to === 'granted') await client.invalidateQueries({ queryKey: ['honours'] });
            await onDone();
            onClose();
          } catch (err) {
            if (err instanceof ApiError && err.code === 'not_eligible')
              setBlocks(((err.details ?? []) as { message: string }[]).map((d) => d.message));
            else setError(err);
          }
        }}
      >
        <Form.Item name="to" label={t('cultivation.to')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={row.nextStages.map((s) => ({ value: s, label: tx(stageLabel(s)) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('cultivation.note')} rules={[{ max: LIMITS.reason.max }]}>
          <Input maxLength={LIMITS.reason.max} />
        </Form.Item>
        {to === 'granted' && <CertificateFields recognition={recognition} under="grant" />}
        {blocks.length > 0 && (
          <Form.Item
            name="overrideReason"
            label={t('cultivation.overrideReason')}
            rules={[
              { required: true, message: t('form.required') },
              { min: 2, max: LIMITS.reason.max },
            ]}
          >
            <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
