import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { LIMITS } from '../../../../contract/limits';
import type { RecordItem, RecordKind } from '../../../../contract/schemas/records';
import { categoryOption, useReference, useReferenceNames } from '../../api/reference';
import { FormError } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { enumKey, formatDate, formatYuan } from './labels';
import { fieldLabel, recordFields, type FieldSpec } from './recordFields';
import { createRecord, deleteRecord, recordsPath, updateRecord } from './api';

type Item = RecordItem & Record<string, unknown>;

/**
 * One kind of archive record under an enterprise (or a product, for standards): a table, and
 * add / edit / delete-with-reason forms generated from the contract's fields.
 */
export function RecordTable({
  kind,
  enterpriseId,
  productId,
  items,
  mayWrite,
  expandable,
  extraColumns = [],
  products = [],
}: {
  kind: RecordKind;
  enterpriseId: string;
  productId?: string;
  items: Item[];
  mayWrite: boolean;
  expandable?: (item: Item) => ReactNode;
  extraColumns?: ColumnsType<Item>;
  /** The enterprise's products, for records that name some (a green-food certificate). */
  products?: { id: string; name: string }[];
}) {
  const { t, tx, lang } = useI18n();
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);
  const categoryName = useReferenceNames('product-categories', lang);
  const fields = recordFields(kind).filter((f) => f.type !== 'trainings');
  const base = recordsPath(enterpriseId, kind, productId);

  const show = (f: FieldSpec, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '') return '';
    switch (f.type) {
      case 'boolean':
        return v ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no');
      case 'date':
        return formatDate(v as string, lang);
      case 'yuan':
        return formatYuan(v as number, lang);
      case 'enum':
        return f.family ? tx(enumKey(f.family, v as string)) : String(v);
      case 'category':
        return categoryName(v as string);
      case 'products':
        return (v as string[]).map((id) => products.find((p) => p.id === id)?.name ?? id).join('、');
      default:
        return String(v);
    }
  };
  const columns: ColumnsType<Item> = [
    ...fields.map((f) => ({ key: f.name, title: tx(fieldLabel(kind, f.name)), dataIndex: f.name, render: (v: unknown) => show(f, v) })),
    ...extraColumns,
    ...(mayWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            width: 110,
            render: (_: unknown, item: Item) => (
              <Space>
                <Button size="small" type="link" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(item)} />
                <Button
                  size="small"
                  type="link"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => setDeleting(item)}
                />
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {mayWrite && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t('common.add')}
        </Button>
      )}
      <Table<Item>
        rowKey="id"
        size="small"
        dataSource={items}
        columns={columns}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        expandable={expandable ? { expandedRowRender: expandable, rowExpandable: () => true } : undefined}
        locale={{ emptyText: mayWrite ? t('record.emptyWithAction') : t('common.empty') }}
      />
      {editing && (
        <RecordForm
          kind={kind}
          base={base}
          item={editing === 'new' ? null : editing}
          products={products}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteRecord base={base} item={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['enterprise'] }), client.invalidateQueries({ queryKey: ['workbench'] })]);
}

function RecordForm({
  kind,
  base,
  item,
  products,
  onClose,
}: {
  kind: RecordKind;
  base: string;
  item: Item | null;
  products: { id: string; name: string }[];
  onClose: () => void;
}) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const refresh = useRefresh();
  const categories = useReference('product-categories').data ?? [];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = recordFields(kind);

  const toForm = (v: Item | null) =>
    Object.fromEntries(
      fields.map((f) => {
        const value = v?.[f.name];
        if (f.type === 'date') return [f.name, value ? dayjs(value as string) : null];
        if (f.type === 'trainings')
          return [
            f.name,
            ((value as Record<string, unknown>[]) ?? []).map((tr) => ({
              ...tr,
              completedOn: tr.completedOn ? dayjs(tr.completedOn as string) : null,
            })),
          ];
        if (f.type === 'products') return [f.name, value ?? []];
        return [f.name, value ?? undefined];
      }),
    );
  const fromForm = (values: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      let v = values[f.name];
      if (f.type === 'date') v = v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null;
      if (f.type === 'text' && f.nullable && typeof v === 'string' && v.trim() === '') v = null;
      if (f.type === 'trainings') {
        v = ((v as Record<string, unknown>[]) ?? []).map((tr) => ({
          course: tr.course,
          certificateNo: tr.certificateNo ?? '',
          completedOn: tr.completedOn ? (tr.completedOn as dayjs.Dayjs).format('YYYY-MM-DD') : null,
        }));
      }
      if (v === undefined || (v === null && !item)) continue;
      if (item && JSON.stringify(v ?? null) === JSON.stringify(item[f.name] ?? null)) continue;
      out[f.name] = v ?? (f.type === 'text' ? '' : null);
    }
    return out;
  };

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const body = fromForm(values);
      if (item && Object.keys(body).length === 0) return onClose();
      if (item) await updateRecord(base, item.id, { ...body, version: item.version });
      else await createRecord(base, body);
      message.success(t('common.saved'));
      await refresh();
      onClose();
    } catch (err) {
      setError(err);
      showFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  }

  const control = (f: FieldSpec): ReactNode => {
    switch (f.type) {
      case 'boolean':
        return <Checkbox>{tx(fieldLabel(kind, f.name))}</Checkbox>;
      case 'date':
        return <DatePicker style={{ width: '100%' }} />;
      case 'integer':
      case 'yuan':
        return (
          <InputNumber style={{ width: '100%' }} precision={0} min={f.min} addonAfter={f.type === 'yuan' ? t('unit.yuan') : undefined} />
        );
      case 'enum':
        return <Select options={(f.options ?? []).map((o) => ({ value: o, label: f.family ? tx(enumKey(f.family, o)) : o }))} />;
      case 'category':
        return <Select allowClear showSearch optionFilterProp="label" options={categories.map((c) => categoryOption(c, lang))} />;
      case 'products':
        return (
          <Select mode="multiple" allowClear optionFilterProp="label" options={products.map((p) => ({ value: p.id, label: p.name }))} />
        );
      default:
        return <Input maxLength={f.max} />;
    }
  };

  return (
    <Modal
      open
      title={`${item ? t('common.edit') : t('common.add')} · ${t(`record.${kind}`)}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={640}
    >
      <FormError error={error} />
      <Form form={form} layout="vertical" initialValues={toForm(item)} onFinish={submit}>
        {fields.map((f) =>
          f.type === 'trainings' ? (
            <Form.Item key={f.name} label={tx(fieldLabel(kind, f.name))}>
              <Form.List name={f.name}>
                {(rows, { add, remove }) => (
                  <>
                    {rows.map((row) => (
                      <Space key={row.key} align="baseline" wrap>
                        <Form.Item name={[row.name, 'course']} rules={[{ required: true, message: t('form.required') }, { max: 100 }]}>
                          <Input placeholder={t('field.training.course')} aria-label={t('field.training.course')} maxLength={100} />
                        </Form.Item>
                        <Form.Item name={[row.name, 'completedOn']}>
                          <DatePicker placeholder={t('field.training.completedOn')} aria-label={t('field.training.completedOn')} />
                        </Form.Item>
                        <Form.Item name={[row.name, 'certificateNo']} rules={[{ max: 60 }]}>
                          <Input
                            placeholder={t('field.training.certificateNo')}
                            aria-label={t('field.training.certificateNo')}
                            maxLength={60}
                          />
                        </Form.Item>
                        <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(row.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ course: '', certificateNo: '', completedOn: null })}>
                      {t('field.training.add')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
          ) : (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.type === 'boolean' ? undefined : tx(fieldLabel(kind, f.name))}
              valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
              rules={[
                ...(f.required && f.type !== 'boolean' ? [{ required: true, message: t('form.required') }] : []),
                ...(f.type === 'text' && f.max
                  ? [{ max: f.max, min: f.min, message: t('form.length', { min: f.min ?? 0, max: f.max }) }]
                  : []),
              ]}
            >
              {control(f)}
            </Form.Item>
          ),
        )}
      </Form>
    </Modal>
  );
}

/** Deleting keeps the record in the history; the reason is required, as the API requires it. */
function DeleteRecord({ base, item, onClose }: { base: string; item: Item; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('record.deleteTitle')}
      okButtonProps={{ danger: true }}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          try {
            await deleteRecord(base, item.id, { version: item.version, reason });
            message.success(t('common.deleted'));
            await refresh();
            onClose();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t('record.deleteReason')}
          rules={[
            { required: true, message: t('form.required') },
            {
              min: LIMITS.reason.min,
              max: LIMITS.reason.max,
              message: t('form.length', { min: LIMITS.reason.min, max: LIMITS.reason.max }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.reason.max} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
