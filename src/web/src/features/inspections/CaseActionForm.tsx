import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormError } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { useTestingBodies, type Inspection } from './api';
import { actionKey } from './labels';

/** One step on a case: choose one of the actions the state allows, fill in what it needs. */
export function CaseActionForm({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const bodies = useTestingBodies().data ?? [];
  const [action, setAction] = useState<string | undefined>(inspection.allowedActions[0]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (inspection.allowedActions.length === 0) return null;
  const labs = bodies.filter((b) => b.active).map((b) => ({ value: b.id, label: b.name }));

  async function submit(v: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    const date = (d: unknown) => (d ? (d as dayjs.Dayjs).format('YYYY-MM-DD') : undefined);
    const body: Record<string, unknown> = { ...v, action, version: inspection.version, on: date(v.on), receivedOn: date(v.receivedOn) };
    if (action === 'object') body.items = String(v.objectItems ?? '').split(/[,，、\s]+/).filter(Boolean);
    delete body.objectItems;
    if (Array.isArray(body.items) && action !== 'object') body.items = (body.items as Record<string, unknown>[]).map((i) => ({ ...i, passed: !!i.passed }));
    try {
      await api('POST', `/inspections/${inspection.id}/actions`, Object.fromEntries(Object.entries(body).filter(([, x]) => x !== undefined && x !== '')));
      message.success(t('common.saved'));
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['inspections'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const items = (
    <Form.Item label={t('inspection.items')} required>
      <Form.List name="items" initialValue={[{ item: '', passed: false }]}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="baseline" wrap>
                <Form.Item name={[row.name, 'item']} rules={[{ required: true, message: t('form.required') }]}>
                  <Input placeholder={t('inspection.item')} aria-label={t('inspection.item')} maxLength={100} />
                </Form.Item>
                <Form.Item name={[row.name, 'requirement']}>
                  <Input placeholder={t('inspection.requirement')} aria-label={t('inspection.requirement')} maxLength={200} />
                </Form.Item>
                <Form.Item name={[row.name, 'measured']}>
                  <Input placeholder={t('inspection.measured')} aria-label={t('inspection.measured')} maxLength={200} />
                </Form.Item>
                <Form.Item name={[row.name, 'passed']} valuePropName="checked">
                  <Checkbox>{t('inspection.itemPassed')}</Checkbox>
                </Form.Item>
                <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '', passed: true })}>
              {t('inspection.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );

  return (
    <Card size="small" title={t('inspection.nextStep')} style={{ marginTop: 16 }}>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ on: dayjs() }}>
        <Form.Item label={t('inspection.actionLabel')}>
          <Select aria-label={t('inspection.actionLabel')} value={action} onChange={setAction} options={inspection.allowedActions.map((a) => ({ value: a, label: t(actionKey(a)) }))} />
        </Form.Item>
        <Form.Item name="on" label={t('inspection.on')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        {action === 'record_result' && (
          <>
            <Form.Item name="testingBodyId" label={t('inspection.testingBody')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={labs} />
            </Form.Item>
            <Form.Item name="reportNo" label={t('inspection.reportNo')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={60} />
            </Form.Item>
            {items}
          </>
        )}
        {action === 'record_recheck' && (
          <>
            <Form.Item name="reportNo" label={t('inspection.reportNo')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={60} />
            </Form.Item>
            {items}
          </>
        )}
        {action === 'notify' && (
          <>
            <Form.Item name="receivedOn" label={t('inspection.receivedOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
            <Form.Item name="method" label={t('inspection.notifyMethod')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </>
        )}
        {action === 'object' && (
          <>
            <Form.Item name="applicant" label={t('inspection.applicant')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="objectItems" label={t('inspection.objectItems')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {action === 'decide_objection' && (
          <>
            <Form.Item name="accept" label={t('inspection.acceptObjection')} valuePropName="checked" initialValue={true}>
              <Checkbox>{t('inspection.acceptObjection')}</Checkbox>
            </Form.Item>
            <Form.Item name="recheckBodyId" label={t('inspection.recheckBody')}>
              <Select allowClear options={labs.filter((l) => l.value !== inspection.testingBodyId)} />
            </Form.Item>
          </>
        )}
        {action === 'order_rectification' && (
          <Form.Item name="documentNo" label={t('inspection.orderNo')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={60} />
          </Form.Item>
        )}
        {(action === 'warn_refusal' || action === 'suspend' || action === 'revoke_licence') && (
          <Form.Item name="documentNo" label={t('inspection.decisionNo')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={60} />
          </Form.Item>
        )}
        {action === 'announce' && (
          <Form.Item name="announcementNo" label={t('inspection.announcementNo')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {action === 'review' && (
          <Form.Item name="passed" valuePropName="checked" initialValue={false}>
            <Checkbox>{t('inspection.reviewPassed')}</Checkbox>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {action ? t(actionKey(action)) : t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
