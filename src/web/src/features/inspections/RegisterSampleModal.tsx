import { useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CHECK_TYPES, SAMPLING_PLACES, type RegisterSample } from '../../../../contract/schemas/inspections';
import { useReferenceNames } from '../../api/reference';
import { FormError } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { filledValues } from '../../components/formValues';
import { useI18n } from '../../i18n';
import { registerSample, usePlans } from './api';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { checkTypeKey, placeKey } from './labels';

interface FromDraw {
  planId?: string;
  categoryCode?: string;
  /** The drawn enterprise, shown by name. */
  sampledEnterprise?: { id: string; name: string; uscc: string };
  /** The drawn inspectors. */
  samplers?: string[];
}

/** 登记抽样: the sampling record of one batch, as the 抽样单 has it; from a draw, filled with what it drew. */
export function RegisterSampleModal({ onClose, initial }: { onClose: () => void; initial?: FromDraw }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const plans = usePlans().data ?? [];
  const categoryName = useReferenceNames('product-categories', lang);
  const planId = Form.useWatch('planId', form) as string | undefined;
  const plan = plans.find((p) => p.id === planId);
  const categoryCode = Form.useWatch('categoryCode', form) as string | undefined;
  const testItems = plan?.categories.find((c) => c.categoryCode === categoryCode)?.testItems ?? [];
  const { sampledEnterprise, ...given } = initial ?? {};
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    // The form's rules require what the API requires; it answers 400 with the fields otherwise.
    const body = filledValues(
      {
        ...v,
        sampledOn: (v.sampledOn as dayjs.Dayjs).format('YYYY-MM-DD'),
        testQuantity: v.testQuantity ? String(v.testQuantity) : undefined,
        reserveQuantity: v.reserveQuantity ? String(v.reserveQuantity) : undefined,
      },
      true,
    ) as RegisterSample;
    try {
      const created = await registerSample(body);
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: ['inspections'] });
      onClose();
      navigate(`/inspections/${created.id}`);
    } catch (err) {
      setError(err);
      showFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={820}
      title={t('inspection.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
    >
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          checkType: 'routine',
          place: 'production',
          sampledOn: dayjs(),
          samplers: [],
          ...given,
          sampledEnterpriseId: sampledEnterprise?.id,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="planId" label={t('inspection.plan')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={plans.map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="categoryCode"
              label={t('field.products.categoryCode')}
              rules={[{ required: true, message: t('form.required') }]}
              extra={
                testItems.length > 0 && (
                  <Typography.Text type="secondary">{t('inspection.samplingItems', { items: testItems.join('、') })}</Typography.Text>
                )
              }
            >
              <Select options={(plan?.categories ?? []).map((c) => ({ value: c.categoryCode, label: categoryName(c.categoryCode) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sampledEnterpriseId" label={t('inspection.sampledUnit')} extra={t('inspection.sampledUnitHint')}>
              <EnterprisePicker known={sampledEnterprise} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sampledUnitName" label={t('inspection.sampledUnitName')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="producerEnterpriseId" label={t('inspection.producer')} extra={t('inspection.producerHint')}>
              <EnterprisePicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="producerName" label={t('inspection.producerName')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="productName"
              label={t('inspection.productName')}
              rules={[{ required: true, message: t('form.required') }, { max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="brand" label={t('field.products.brand')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="model" label={t('field.products.model')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="standardNo" label={t('field.standards.standardNo')} rules={[{ max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="batch" label={t('inspection.batch')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="place" label={t('inspection.place')}>
              <Select options={SAMPLING_PLACES.map((p) => ({ value: p, label: tx(placeKey(p)) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="sampledOn" label={t('inspection.sampledOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="documentNo"
              label={t('inspection.documentNo')}
              rules={[{ required: true, message: t('form.required') }, { max: 60 }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="checkType" label={t('inspection.checkTypeLabel')}>
              <Select options={CHECK_TYPES.map((c) => ({ value: c, label: tx(checkTypeKey(c)) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="samplers"
              label={t('inspection.samplers')}
              rules={[{ type: 'array', min: 2, message: t('inspection.twoSamplers') }]}
            >
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="testQuantity" label={t('inspection.testQuantity')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="reserveQuantity" label={t('inspection.reserveQuantity')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="refused" label={t('inspection.refused')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
