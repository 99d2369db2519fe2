import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../../contract/limits';
import type { Static } from 'typebox';
import {
  AGRI_LEADER_LEVELS,
  EDITABLE_FLAGS,
  ENTERPRISE_STATUSES,
  type CreateEnterpriseBody,
  type Enterprise,
  type UsccCheckResult as UsccCheckSchema,
} from '../../../../contract/schemas/enterprises';
import { isPlace, useReference } from '../../api/reference';
import { useSession } from '../../api/session';
import { FormError } from '../../components/ErrorText';
import { showFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { enumKey } from './labels';
import { checkUsccCode, createEnterprise, updateEnterprise } from './api';

type UsccCheckResult = Static<typeof UsccCheckSchema>;
type Values = Omit<Partial<Enterprise>, 'foundedOn' | 'deregisteredOn' | 'usccOverrideReason'> & {
  foundedOn?: Dayjs | null;
  deregisteredOn?: Dayjs | null;
  usccOverrideReason?: string | null;
};

/** New enterprise, or the basic data of one: the same limits as the API; a conflict says to reload. */
export function EnterpriseFormModal({ enterprise, onClose }: { enterprise?: Enterprise; onClose: () => void }) {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const client = useQueryClient();
  const navigate = useNavigate();
  const user = useSession().data?.user;
  const regions = (useReference('regions').data ?? []).filter(isPlace);
  const industries = useReference('industries').data ?? [];
  const [check, setCheck] = useState<UsccCheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const county = user?.role === 'county_officer' ? user.regionCode : null;

  async function checkUscc(code: string) {
    if (!code.trim()) return setCheck(null);
    const result = await checkUsccCode(code.trim()).catch(() => null);
    setCheck(result);
    if (result?.suggestedRegionCode && !form.getFieldValue('regionCode') && (!county || county === result.suggestedRegionCode)) {
      form.setFieldValue('regionCode', result.suggestedRegionCode);
    }
  }

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    // A deregistration date goes with the status 注销 only.
    const deregisteredOn = values.status === 'deregistered' && values.deregisteredOn ? values.deregisteredOn.format('YYYY-MM-DD') : null;
    const body: Record<string, unknown> = {
      ...values,
      foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null,
      deregisteredOn,
    };
    for (const [k, v] of Object.entries(body)) if (v === undefined || (k === 'usccOverrideReason' && !v)) delete body[k];
    try {
      if (enterprise) {
        const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== (enterprise as Record<string, unknown>)[k]));
        if (Object.keys(changed).length === 0) return onClose();
        await updateEnterprise(enterprise.id, { ...changed, version: enterprise.version });
        message.success(t('common.saved'));
      } else {
        // The form's rules require what the API requires; it answers 400 with the fields otherwise.
        const created = await createEnterprise(body as CreateEnterpriseBody);
        message.success(t('common.saved'));
        navigate(`/enterprises/${created.id}`);
      }
      await client.invalidateQueries({ queryKey: ['enterprises'] });
      await client.invalidateQueries({ queryKey: ['enterprise'] });
      await client.invalidateQueries({ queryKey: ['workbench'] });
      onClose();
    } catch (err) {
      setError(err);
      showFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  }

  const codeBad = check && (!check.shapeOk || !check.orgCheckOk || !check.usccCheckOk);
  const initial: Values = enterprise
    ? {
        ...enterprise,
        foundedOn: enterprise.foundedOn ? dayjs(enterprise.foundedOn) : null,
        deregisteredOn: enterprise.deregisteredOn ? dayjs(enterprise.deregisteredOn) : null,
      }
    : {
        status: 'operating',
        agriLeaderLevel: 'none',
        regionCode: county ?? undefined,
        aboveScale: false,
        keyEnterprise: false,
        foreignInvested: false,
        serviceEnterprise: false,
      };

  return (
    <Modal
      open
      width={760}
      title={enterprise ? t('enterprise.edit') : t('enterprise.new')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={error} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={t('enterprise.uscc')}
              rules={[{ required: true, message: t('form.required') }, { max: 30 }]}
              validateStatus={codeBad ? 'warning' : undefined}
              help={
                check
                  ? codeBad
                    ? t(!check.shapeOk ? 'enterprise.usccShapeBad' : 'enterprise.usccCheckBad')
                    : check.existingEnterpriseId
                      ? t('enterprise.usccTaken')
                      : t('enterprise.usccOk')
                  : undefined
              }
            >
              <Input disabled={!!enterprise} maxLength={30} onBlur={(e) => !enterprise && checkUscc(e.target.value)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('enterprise.name')}
              rules={[
                { required: true, message: t('form.required') },
                { min: 2, max: LIMITS.name.max, message: t('form.length', { min: 2, max: LIMITS.name.max }) },
              ]}
            >
              <Input maxLength={LIMITS.name.max} />
            </Form.Item>
          </Col>
          {codeBad && check?.shapeOk && !enterprise && (
            <Col span={24}>
              <Form.Item
                name="usccOverrideReason"
                label={t('enterprise.usccOverrideReason')}
                rules={[
                  { required: true, message: t('form.required') },
                  { min: LIMITS.reason.min, max: LIMITS.reason.max },
                ]}
              >
                <Input.TextArea rows={2} maxLength={LIMITS.reason.max} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={8}>
            <Form.Item name="regionCode" label={t('enterprise.region')} rules={[{ required: true, message: t('form.required') }]}>
              <Select disabled={!!county} options={regions.map((r) => ({ value: r.code, label: lang === 'en-US' ? r.nameEn : r.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="industryCode" label={t('enterprise.industry')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={industries.map((i) => ({ value: i.code, label: lang === 'en-US' ? i.nameEn : i.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="status" label={t('enterprise.status')}>
              <Select options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: tx(enumKey('status', s)) }))} />
            </Form.Item>
          </Col>
          {status === 'deregistered' && (
            <Col xs={12} md={8}>
              <Form.Item name="deregisteredOn" label={t('enterprise.deregisteredOn')} extra={t('enterprise.deregisteredOnHint')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={16}>
            <Form.Item name="address" label={t('enterprise.address')} rules={[{ max: LIMITS.shortText.max }]}>
              <Input maxLength={LIMITS.shortText.max} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="foundedOn" label={t('enterprise.foundedOn')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="legalRepresentative" label={t('enterprise.legalRepresentative')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="contactPerson" label={t('enterprise.contactPerson')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="contactPhone" label={t('enterprise.contactPhone')} rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('enterprise.flags')}>
              <Row>
                {EDITABLE_FLAGS.map((f) => (
                  <Col key={f} xs={12} md={8}>
                    <Form.Item name={f} valuePropName="checked" noStyle>
                      <Checkbox>{t(`enterprise.${f}`)}</Checkbox>
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="agriLeaderLevel" label={t('enterprise.agriLeaderLevel')}>
              <Select options={AGRI_LEADER_LEVELS.map((l) => ({ value: l, label: tx(enumKey('agri', l)) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
