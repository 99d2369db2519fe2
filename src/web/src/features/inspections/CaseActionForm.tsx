import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Radio, Select, Skeleton, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { FormError } from '../../components/ErrorText';
import { filledValues } from '../../components/formValues';
import { useI18n } from '../../i18n';
import { actOnInspection, type Inspection, usePlans, useTestingBodies } from './api';
import { actionKey } from './labels';
import type { CaseActionBody } from '../../../../contract/schemas/inspections';

/**
 * One step on a case: choose one of the actions the state allows, fill in what it needs. No
 * verdict or decision is preset: each item's 合格/不合格, an objection's acceptance and a review's
 * outcome are chosen, and the result's verdict is derived from the items.
 */
export function CaseActionForm({ inspection, objectionItems = [] }: { inspection: Inspection; objectionItems?: string[] }) {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const bodies = useTestingBodies().data ?? [];
  const plans = usePlans();
  const plan = plans.data?.find((p) => p.id === inspection.planId);
  const entered = Form.useWatch('items', form) as { verdict?: string }[] | undefined;
  const derived = entered?.some((i) => i?.verdict === 'fail')
    ? 'fail'
    : entered?.length && entered.every((i) => i?.verdict === 'pass')
      ? 'pass'
      : null;
  const [action, setAction] = useState<string | undefined>(inspection.allowedActions[0]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (inspection.allowedActions.length === 0) return null;
  // The result form is prefilled from the plan: wait for it rather than start empty.
  if (plans.isPending) return <Skeleton active />;
  const labs = bodies.filter((b) => b.active).map((b) => ({ value: b.id, label: b.name }));

  async function submit(v: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    const date = (d: unknown) => (d ? (d as dayjs.Dayjs).format('YYYY-MM-DD') : undefined);
    const body: Record<string, unknown> = { ...v, action, version: inspection.version, on: date(v.on), receivedOn: date(v.receivedOn) };
    if (action === 'object')
      body.items = String(v.objectItems ?? '')
        .split(/[,，、\s]+/)
        .filter(Boolean);
    delete body.objectItems;
    if (Array.isArray(body.items) && action !== 'object')
      body.items = (body.items as Record<string, unknown>[]).map(({ verdict, ...i }) => ({ ...i, passed: verdict === 'pass' }));
    if (action === 'decide_objection') body.accept = v.accept === 'accept';
    if (action === 'review') body.passed = v.passed === 'pass';
    try {
      // The form shows the fields of the chosen action only; the API checks the body against that action's schema.
      await actOnInspection(inspection.id, filledValues(body) as CaseActionBody);
      message.success(t('common.saved'));
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['inspections'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  // The items the result covers: the plan's for the category, or for a re-test those objected to.
  const planned = plan?.categories.find((c) => c.categoryCode === inspection.categoryCode)?.testItems ?? [];
  const prefill = (action === 'record_recheck' && objectionItems.length ? objectionItems : planned).map((item) => ({ item }));
  const items = (
    <Form.Item label={t('inspection.items')} required>
      <Form.List name="items" initialValue={prefill.length ? prefill : [{ item: '' }]}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, index) => (
              <Space key={row.key} align="baseline" wrap>
                <Form.Item name={[row.name, 'item']} rules={[{ required: true, message: t('form.required') }]}>
                  <Input placeholder={t('inspection.item')} aria-label={t('inspection.itemNo', { n: index + 1 })} maxLength={100} />
                </Form.Item>
                <Form.Item name={[row.name, 'requirement']}>
                  <Input placeholder={t('inspection.requirement')} aria-label={t('inspection.requirement')} maxLength={200} />
                </Form.Item>
                <Form.Item name={[row.name, 'measured']}>
                  <Input placeholder={t('inspection.measured')} aria-label={t('inspection.measured')} maxLength={200} />
                </Form.Item>
                {/* No default: an item left unchosen stops the form, never passes. */}
                <Form.Item name={[row.name, 'verdict']} rules={[{ required: true, message: t('inspection.chooseVerdict') }]}>
                  <Radio.Group
                    aria-label={t('inspection.itemVerdictNo', { n: index + 1 })}
                    optionType="button"
                    options={[
                      { value: 'pass', label: t('inspection.itemPassed') },
                      { value: 'fail', label: t('inspection.itemFailed') },
                    ]}
                  />
                </Form.Item>
                <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '' })}>
              {t('inspection.addItem')}
            </Button>
            <div style={{ marginTop: 8 }} aria-live="polite">
              {t('inspection.derivedVerdict')}
              {derived === 'fail' ? (
                <Tag color="red">{t('inspection.itemFailed')}</Tag>
              ) : derived === 'pass' ? (
                <Tag color="green">{t('inspection.itemPassed')}</Tag>
              ) : (
                <Tag>{t('inspection.verdictPending')}</Tag>
              )}
            </div>
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
          <Select
            aria-label={t('inspection.actionLabel')}
            value={action}
            onChange={setAction}
            options={inspection.allowedActions.map((a) => ({ value: a, label: tx(actionKey(a)) }))}
          />
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
            <Form.Item
              name="accept"
              label={t('inspection.objectionDecision')}
              rules={[{ required: true, message: t('inspection.chooseDecision') }]}
            >
              <Radio.Group
                aria-label={t('inspection.objectionDecision')}
                options={[
                  { value: 'accept', label: t('inspection.acceptObjection') },
                  { value: 'refuse', label: t('inspection.refuseObjection') },
                ]}
              />
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
          <Form.Item
            name="passed"
            label={t('inspection.reviewOutcome')}
            rules={[{ required: true, message: t('inspection.chooseVerdict') }]}
          >
            <Radio.Group
              aria-label={t('inspection.reviewOutcome')}
              options={[
                { value: 'pass', label: t('inspection.reviewPassed') },
                { value: 'fail', label: t('inspection.reviewFailed') },
              ]}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {action ? tx(actionKey(action)) : t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
