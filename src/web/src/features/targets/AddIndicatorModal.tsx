import { Form, Input, InputNumber, Select, Space } from 'antd';
import {
  CALCULATOR_NAMES,
  DIRECTIONS,
  directionSign,
  INDICATOR_KINDS,
  INDICATOR_SECTIONS,
  type CreateIndicator,
} from '../../../../contract/schemas/targets';
import { useReference, useReferenceNames } from '../../api/reference';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { addIndicator } from './api';

/** The form's values: the indicator as the API takes it, with the reading as JSON text and the optional fields unset. */
type Values = Omit<CreateIndicator, 'nameEn' | 'target' | 'stretch' | 'baselineYear' | 'baselineValue' | 'reading' | 'compareCode'> & {
  nameEn?: string;
  target?: number;
  stretch?: number;
  reading?: string;
  compareCode?: string;
};

/** A new indicator for the plan: computed by one of the calculators with a reading, or reported by a department. */
export function AddIndicatorModal({ planId, onClose, onSaved }: { planId: string; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const departments = useReference('departments').data ?? [];
  const department = useReferenceNames('departments', lang);
  const source = Form.useWatch('source', form) as string | undefined;
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal<Values>
      width={720}
      form={form}
      title={t('target.addIndicator')}
      initialValues={{
        section: 'product',
        kind: 'rate',
        unit: '%',
        direction: '>=',
        frequency: 'year',
        source: 'computed',
        reading: '{}',
        reportRegions: 'counties',
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        let reading: Record<string, unknown>;
        try {
          reading = JSON.parse(String(v.reading || '{}'));
        } catch {
          throw new Error(t('target.readingInvalid'));
        }
        const computed = v.source === 'computed';
        await addIndicator(planId, {
          code: v.code,
          section: v.section,
          name: v.name,
          nameEn: v.nameEn ?? '',
          unit: v.unit,
          kind: v.kind,
          direction: v.direction,
          target: v.target ?? null,
          stretch: v.stretch ?? null,
          baselineYear: null,
          baselineValue: null,
          ownerDepartment: v.ownerDepartment,
          frequency: v.frequency,
          source: v.source,
          calculator: computed ? v.calculator : null,
          reading: computed ? reading : {},
          compareCode: v.compareCode || null,
          reportRegions: computed ? null : v.reportRegions,
          definition: v.definition,
        });
        await onSaved();
      }}
    >
      <Space wrap>
        <Form.Item
          name="code"
          label={t('target.code')}
          rules={[...required, { pattern: /^[A-Z][A-Z0-9-]{1,31}$/, message: t('target.codeHint') }]}
        >
          <Input style={{ width: 160 }} maxLength={32} placeholder="PQ-NEW" />
        </Form.Item>
        <Form.Item name="section" label={t('target.sectionTitle')}>
          <Select style={{ width: 180 }} options={INDICATOR_SECTIONS.map((s) => ({ value: s, label: t(`target.section.${s}`) }))} />
        </Form.Item>
        <Form.Item name="source" label={t('target.sourceTitle')}>
          <Select
            style={{ width: 120 }}
            options={(['computed', 'reported'] as const).map((s) => ({ value: s, label: t(`target.source.${s}`) }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="name" label={t('target.indicator')} rules={[...required, { min: 2, max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label={t('target.kindTitle')}>
          <Select style={{ width: 100 }} options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`target.kindName.${k}`) }))} />
        </Form.Item>
        <Form.Item name="unit" label={t('target.unit')} rules={required}>
          <Input style={{ width: 90 }} maxLength={10} />
        </Form.Item>
        <Form.Item name="direction" label={t('target.direction')}>
          <Select style={{ width: 80 }} options={DIRECTIONS.map((d) => ({ value: d, label: directionSign(d) }))} />
        </Form.Item>
        <Form.Item name="target" label={t('target.target')}>
          <InputNumber style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="stretch" label={t('target.stretch')}>
          <InputNumber style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="ownerDepartment" label={t('target.owner')} rules={required}>
          <Select style={{ width: 180 }} options={departments.map((d) => ({ value: d.code, label: department(d.code) }))} />
        </Form.Item>
      </Space>
      {source === 'computed' ? (
        <Space wrap align="start">
          <Form.Item name="calculator" label={t('target.calculator')} rules={required}>
            <Select style={{ width: 200 }} options={CALCULATOR_NAMES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="reading" label={t('target.reading')} extra={t('target.readingHint')}>
            <Input.TextArea rows={2} style={{ width: 420, fontFamily: 'monospace' }} maxLength={2000} />
          </Form.Item>
        </Space>
      ) : (
        <Space wrap>
          <Form.Item name="reportRegions" label={t('target.reportRegions')}>
            <Select
              style={{ width: 160 }}
              options={(['counties', 'province'] as const).map((r) => ({ value: r, label: t(`target.reportRegions.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="frequency" label={t('target.frequency')}>
            <Select
              style={{ width: 120 }}
              options={(['year', 'quarter'] as const).map((f) => ({ value: f, label: t(`target.frequency.${f}`) }))}
            />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="definition" label={t('target.definition')} rules={[...required, { min: 4, max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
