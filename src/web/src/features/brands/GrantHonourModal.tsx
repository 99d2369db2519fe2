import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { BrandProgramme } from '../../../../contract/schemas/reference';
import type { GrantHonour } from '../../../../contract/schemas/brands';
import { useReference } from '../../api/reference';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { filledValues } from '../../components/formValues';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { grantHonour } from './api';
import { listRecords, recordsPath } from '../enterprises/api';

/** The form's values: the honour as the API takes it, the date picked as a day (and the enterprise given or picked). */
type Values = Omit<GrantHonour, 'grantedOn' | 'enterpriseId'> & { grantedOn: dayjs.Dayjs; enterpriseId?: string };

/** Records an honour granted: programme, enterprise, the products it names, certificate, date. */
export function GrantHonourModal({ enterpriseId, onClose }: { enterpriseId?: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const programmes = ((useReference('brand-programmes').data ?? []) as BrandProgramme[]).filter((p) => p.active);
  const programmeCode = Form.useWatch('programmeCode', form) as string | undefined;
  const chosenEnterprise = (Form.useWatch('enterpriseId', form) as string | undefined) ?? enterpriseId;
  const products = useQuery({
    queryKey: ['enterprise', chosenEnterprise, 'products'],
    queryFn: () => listRecords(recordsPath(chosenEnterprise!, 'products')),
    enabled: !!chosenEnterprise,
  });
  const recognition = programmes.find((p) => p.code === programmeCode)?.kind === 'trademark_recognition';
  const required = [{ required: true, message: t('form.required') }];

  async function submit(v: Values) {
    await grantHonour(filledValues({ ...v, enterpriseId: chosenEnterprise!, grantedOn: v.grantedOn.format('YYYY-MM-DD') }));
    message.success(t('common.saved'));
    await client.invalidateQueries({ queryKey: ['honours'] });
  }

  return (
    <FormModal<Values>
      width={640}
      title={t('honour.grant')}
      form={form}
      initialValues={{ grantedOn: dayjs() }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item name="programmeCode" label={t('honour.programme')} rules={required}>
        <Select
          showSearch
          optionFilterProp="label"
          options={programmes.map((p) => ({ value: p.code, label: lang === 'en-US' && p.nameEn ? p.nameEn : p.name }))}
        />
      </Form.Item>
      {!enterpriseId && (
        <Form.Item name="enterpriseId" label={t('honour.enterprise')} rules={required}>
          <EnterprisePicker />
        </Form.Item>
      )}
      <Form.Item name="productIds" label={t('honour.products')} extra={t('honour.productsHint')}>
        <Select
          mode="multiple"
          allowClear
          options={(products.data?.items ?? []).map((p) => ({ value: p.id, label: p.model ? `${p.name}（${p.model}）` : p.name }))}
        />
      </Form.Item>
      <CertificateFields recognition={recognition} />
      <Form.Item name="grantedOn" label={t('honour.grantedOn')} rules={required}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * What the certificate says: title and number, and for a 驰名商标 recognition the case record
 * (authority, case number and mark required). `under` nests the fields (the 认定 step sends `grant`).
 */
export function CertificateFields({ recognition, under }: { recognition: boolean; under?: string }) {
  const { t } = useI18n();
  const required = [{ required: true, message: t('form.required') }];
  const name = (field: string) => (under ? [under, field] : field);
  return (
    <>
      <Form.Item name={name('title')} label={t('honour.title')} rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name={name('certificateNo')} label={t('honour.certificateNo')} rules={[{ max: 60 }]}>
        <Input maxLength={60} />
      </Form.Item>
      {recognition && (
        <>
          <Form.Item name={name('authority')} label={t('honour.authority')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name={name('caseNo')} label={t('honour.caseNo')} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name={name('mark')} label={t('honour.mark')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name={name('goodsClass')} label={t('honour.goodsClass')}>
            <Input maxLength={30} />
          </Form.Item>
        </>
      )}
    </>
  );
}
