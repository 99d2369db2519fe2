import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { DIRECTIONS, directionSign, type Indicator, type UpdateIndicator } from '../../../../contract/schemas/targets';
import { useReference, useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { FormModal } from '../../components/FormModal';
import { unitLabel, useI18n } from '../../i18n';
import { AddIndicatorModal } from './AddIndicatorModal';
import { formatTarget } from './format';
import { copyTargetPlan, getTargetPlan, updateIndicator } from './api';

/** The plan's indicators with their definitions; the office edits targets and readings, or copies the plan for the next period. */
export function PlanTab({ planId, mayEdit }: { planId: string; mayEdit: boolean }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [, setParams] = useSearchParams();
  const department = useReferenceNames('departments', lang);
  const departments = useReference('departments').data ?? [];
  const [editing, setEditing] = useState<Indicator | null>(null);
  const [copying, setCopying] = useState(false);
  const [adding, setAdding] = useState(false);
  const plan = useQuery({ queryKey: ['target-plans', planId], queryFn: () => getTargetPlan(planId) });
  const refresh = () =>
    client.invalidateQueries({ queryKey: ['target-plans'] }).then(() => client.invalidateQueries({ queryKey: ['targets'] }));
  return (
    <>
      {plan.error && <ErrorAlert error={plan.error} />}
      <Space style={{ marginBottom: 12 }}>
        {plan.data && (
          <Typography.Text>
            {t('target.planSpan', { start: plan.data.startYear, end: plan.data.endYear, n: plan.data.indicators.length })}
          </Typography.Text>
        )}
        {mayEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('target.addIndicator')}
          </Button>
        )}
        {mayEdit && (
          <Button icon={<CopyOutlined />} onClick={() => setCopying(true)}>
            {t('target.copyPlan')}
          </Button>
        )}
      </Space>
      <Table<Indicator>
        rowKey="id"
        size="small"
        loading={plan.isPending}
        dataSource={plan.data?.indicators ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{
          expandedRowRender: (i) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              {i.definition}
              {Object.keys(i.reading).length > 0 && (
                <>
                  <br />
                  <Typography.Text type="secondary">
                    {t('target.reading')}：{JSON.stringify(i.reading)}
                  </Typography.Text>
                </>
              )}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { key: 'code', title: t('target.code'), dataIndex: 'code', width: 140 },
          { key: 'name', title: t('target.indicator'), render: (_, i) => (lang === 'en-US' && i.nameEn ? i.nameEn : i.name) },
          {
            key: 'section',
            title: t('target.sectionTitle'),
            dataIndex: 'section',
            width: 110,
            render: (s: string) => tx(`target.section.${s}`),
          },
          { key: 'target', title: t('target.target'), width: 110, render: (_, i) => formatTarget(i) },
          { key: 'owner', title: t('target.owner'), dataIndex: 'ownerDepartment', width: 150, render: (d: string) => department(d) },
          {
            key: 'source',
            title: t('target.sourceTitle'),
            dataIndex: 'source',
            width: 80,
            render: (s: string) => tx(`target.source.${s}`),
          },
          ...(mayEdit
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 80,
                  render: (_: unknown, i: Indicator) => (
                    <Button size="small" onClick={() => setEditing(i)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <FormModal<Omit<UpdateIndicator, 'reading'> & { reading?: string }>
          width={640}
          title={`${t('common.edit')} · ${editing.code}`}
          initialValues={{ ...editing, reading: JSON.stringify(editing.reading) }}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            let reading: Record<string, unknown>;
            try {
              reading = JSON.parse(String(v.reading || '{}'));
            } catch {
              throw new Error(t('target.readingInvalid'));
            }
            await updateIndicator(editing.id, {
              name: v.name,
              target: v.target ?? null,
              stretch: v.stretch ?? null,
              direction: v.direction,
              baselineYear: v.baselineYear ?? null,
              baselineValue: v.baselineValue ?? null,
              ownerDepartment: v.ownerDepartment,
              definition: v.definition,
              reading,
              version: editing.version,
            });
            message.success(t('common.saved'));
            await refresh();
          }}
        >
          <Form.Item
            name="name"
            label={t('target.indicator')}
            rules={[
              { required: true, message: t('form.required') },
              { min: 2, max: 100 },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="direction" label={t('target.direction')}>
              <Select style={{ width: 80 }} options={DIRECTIONS.map((d) => ({ value: d, label: directionSign(d) }))} />
            </Form.Item>
            <Form.Item name="target" label={`${t('target.target')}（${unitLabel(editing.unit)}）`}>
              <InputNumber style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="stretch" label={t('target.stretch')}>
              <InputNumber style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="baselineYear" label={t('target.baselineYear')}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="baselineValue" label={t('target.baselineValue')}>
              <InputNumber style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item name="ownerDepartment" label={t('target.owner')}>
            <Select options={departments.map((d) => ({ value: d.code, label: department(d.code) }))} />
          </Form.Item>
          <Form.Item
            name="definition"
            label={t('target.definition')}
            rules={[
              { required: true, message: t('form.required') },
              { min: 4, max: 2000 },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
          {editing.source === 'computed' && (
            <Form.Item name="reading" label={t('target.reading')} extra={t('target.readingHint')}>
              <Input.TextArea rows={2} maxLength={2000} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          )}
        </FormModal>
      )}
      {adding && (
        <AddIndicatorModal
          planId={planId}
          onClose={() => setAdding(false)}
          onSaved={async () => {
            message.success(t('common.saved'));
            await refresh();
          }}
        />
      )}
      {copying && plan.data && (
        <FormModal<{ code: string; name: string; nameEn?: string; startYear: number; endYear: number }>
          title={t('target.copyPlan')}
          initialValues={{ startYear: plan.data.endYear + 1, endYear: plan.data.endYear + 5 }}
          onClose={() => setCopying(false)}
          onSubmit={async (v) => {
            const created = await copyTargetPlan(planId, v);
            message.success(t('common.saved'));
            await refresh();
            setParams((p) => {
              p.set('plan', created.id);
              return p;
            });
          }}
        >
          <Form.Item
            name="code"
            label={t('target.planCode')}
            extra={t('target.planCodeHint')}
            rules={[
              { required: true, message: t('form.required') },
              { pattern: /^[a-z0-9][a-z0-9-]{2,40}$/, message: t('target.planCodeHint') },
            ]}
          >
            <Input maxLength={41} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('target.planName')}
            rules={[
              { required: true, message: t('form.required') },
              { min: 2, max: 100 },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Space>
            <Form.Item name="startYear" label={t('target.startYear')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="endYear" label={t('target.endYear')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
          </Space>
        </FormModal>
      )}
    </>
  );
}
