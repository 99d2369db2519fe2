import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs } from 'antd';
import { useState } from 'react';
import { LIMITS } from '../../../../contract/limits';
import {
  PROGRAMME_KINDS,
  PROGRAMME_LEVELS,
  REFERENCE_KINDS,
  REGION_LEVELS,
  type ReferenceKind,
} from '../../../../contract/schemas/reference';
import { useReference, useReferenceNames, type ReferenceItem } from '../../api/reference';
import { errorMessage } from '../../components/ErrorText';
import { isConflict } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { filledValues } from '../../components/formValues';
import { useI18n } from '../../i18n';
import { createReferenceItem, updateReferenceItem } from './api';

/** 基础数据 (admins): regions, industries, departments and product categories; retire by switching off. */
export function ReferencePage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ReferenceKind>('regions');
  return (
    <>
      <PageHeader title={t('menu.reference')} trail={[{ title: t('menu.reference') }]} />
      <Card size="small">
        <Tabs
          activeKey={kind}
          onChange={(k) => setKind(k as ReferenceKind)}
          items={REFERENCE_KINDS.map((k) => ({ key: k, label: t(`reference.${k}`), children: <ReferenceTable kind={k} /> }))}
        />
      </Card>
    </>
  );
}

function ReferenceTable({ kind }: { kind: ReferenceKind }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const items = useReference(kind);
  const industryName = useReferenceNames('industries', lang);
  const [editing, setEditing] = useState<ReferenceItem | 'new' | null>(null);
  const toggle = async (item: ReferenceItem, active: boolean) => {
    try {
      await updateReferenceItem(kind, item.id, { version: item.version, active });
      await client.invalidateQueries({ queryKey: ['reference'] });
    } catch (err) {
      message.error(isConflict(err) ? t('common.conflict') : errorMessage(err, t));
    }
  };
  return (
    <>
      <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
        {t('common.add')}
      </Button>
      <Table<ReferenceItem>
        rowKey="id"
        size="small"
        loading={items.isPending}
        dataSource={items.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        columns={[
          { key: 'code', title: t('reference.code'), dataIndex: 'code', width: 130 },
          { key: 'name', title: t('reference.name'), dataIndex: 'name' },
          { key: 'nameEn', title: t('reference.nameEn'), dataIndex: 'nameEn' },
          ...(kind === 'regions'
            ? [{ key: 'level', title: t('region.level'), dataIndex: 'level', render: (l: string) => tx(`region.level.${l}`) }]
            : []),
          ...(kind === 'product-categories'
            ? [
                { key: 'group', title: t('reference.groupName'), dataIndex: 'groupName' },
                { key: 'industry', title: t('enterprise.industry'), dataIndex: 'industryCode', render: (c: string) => industryName(c) },
              ]
            : []),
          ...(kind === 'brand-programmes'
            ? [
                { key: 'level', title: t('programme.level'), dataIndex: 'level', render: (l: string) => tx(`inspection.level.${l}`) },
                { key: 'kind', title: t('programme.kind'), dataIndex: 'kind', render: (k: string) => tx(`programme.kind.${k}`) },
                {
                  key: 'validity',
                  title: t('programme.validityYears'),
                  dataIndex: 'validityYears',
                  render: (y: number | null) => (y ? t('programme.years', { n: y }) : t('programme.noExpiry')),
                },
                {
                  key: 'running',
                  title: t('programme.running'),
                  dataIndex: 'running',
                  render: (r: boolean) => (r ? t('common.yes') : t('common.no')),
                },
              ]
            : []),
          {
            key: 'active',
            title: t('reference.active'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean, item) => (
              <Switch size="small" checked={a} aria-label={t('reference.active')} onChange={(v) => toggle(item, v)} />
            ),
          },
          {
            key: 'edit',
            title: t('common.actions'),
            width: 90,
            render: (_, item) => (
              <Button size="small" onClick={() => setEditing(item)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <ReferenceForm kind={kind} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ReferenceForm({ kind, item, onClose }: { kind: ReferenceKind; item: ReferenceItem | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const industries = useReference('industries').data ?? [];
  async function submit(values: Record<string, unknown>) {
    if (item) {
      const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => k !== 'code' && v !== item[k]));
      if (Object.keys(changed).length) await updateReferenceItem(kind, item.id, { ...changed, version: item.version });
    } else {
      await createReferenceItem(kind, filledValues(values, true));
    }
    await client.invalidateQueries({ queryKey: ['reference'] });
  }
  return (
    <FormModal<Record<string, unknown>>
      title={`${item ? t('common.edit') : t('common.add')} · ${t(`reference.${kind}`)}`}
      form={form}
      initialValues={
        item ?? (kind === 'industries' ? { isKey: false } : kind === 'brand-programmes' ? { running: true, publicBadge: true } : {})
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('reference.code')}
        rules={[{ required: true, message: t('form.required') }, { max: 32 }]}
        extra={t(`reference.codeHint.${kind}`)}
      >
        <Input disabled={!!item} maxLength={32} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('reference.name')}
        rules={[{ required: true, message: t('form.required') }, { max: LIMITS.name.max }]}
      >
        <Input maxLength={LIMITS.name.max} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('reference.nameEn')} rules={[{ max: LIMITS.name.max }]}>
        <Input maxLength={LIMITS.name.max} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('reference.sortOrder')}>
        <InputNumber min={0} max={1_000_000} precision={0} />
      </Form.Item>
      {kind === 'regions' && (
        <>
          <Form.Item name="level" label={t('region.level')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={REGION_LEVELS.map((l) => ({ value: l, label: t(`region.level.${l}`) }))} />
          </Form.Item>
          <Form.Item name="parentCode" label={t('reference.parentCode')}>
            <Input maxLength={6} />
          </Form.Item>
        </>
      )}
      {kind === 'industries' && (
        <Form.Item name="isKey" label={t('reference.isKey')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      {kind === 'brand-programmes' && (
        <>
          <Form.Item name="level" label={t('programme.level')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={PROGRAMME_LEVELS.map((l) => ({ value: l, label: t(`inspection.level.${l}`) }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('programme.kind')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`programme.kind.${k}`) }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="validityYears" label={t('programme.validityYears')} extra={t('programme.emptyMeans')}>
              <InputNumber min={1} max={50} precision={0} />
            </Form.Item>
            <Form.Item name="reviewCycleYears" label={t('programme.reviewCycleYears')}>
              <InputNumber min={1} max={50} precision={0} />
            </Form.Item>
            <Form.Item name="lastGrantYear" label={t('programme.lastGrantYear')}>
              <InputNumber min={1990} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="reapplyBarYears" label={t('programme.reapplyBarYears')}>
              <InputNumber min={1} max={50} precision={0} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="running" label={t('programme.running')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="publicBadge" label={t('programme.publicBadge')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="rules" label={t('programme.rules')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {kind === 'product-categories' && (
        <>
          <Form.Item
            name="groupName"
            label={t('reference.groupName')}
            rules={[{ required: true, message: t('form.required') }, { max: LIMITS.name.max }]}
          >
            <Input maxLength={LIMITS.name.max} />
          </Form.Item>
          <Form.Item name="industryCode" label={t('enterprise.industry')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={industries.map((i) => ({ value: i.code, label: lang === 'en-US' ? i.nameEn : i.name }))} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
