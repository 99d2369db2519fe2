import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import type { Static } from 'typebox';
import { ITEM_KINDS, SCORINGS, SMALL_SAMPLE_RULES, type Scheme } from '../../../../contract/schemas/assessments';
import type { TargetPlan, TargetPlanDetail } from '../../../../contract/schemas/targets';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';

type Item = { code: string; name: string; kind: string; points: number; indicatorCode?: string | null; scoring?: string; steps?: { atLeast: number; share: number }[]; guidance?: string };

/** A first draft after the national template: six indicator items of 10, four work items of 10, a deduction, a veto. */
const DRAFT: Item[] = [
  { code: 'Z1', name: '工业产品标准覆盖率', kind: 'indicator', points: 10, indicatorCode: 'PQ-STDCOV', scoring: 'proportional' },
  { code: 'Z2', name: '国家和省级监督抽查合格率', kind: 'indicator', points: 10, indicatorCode: 'PQ-KEYPASS', scoring: 'stepped', steps: [{ atLeast: 95, share: 0.8 }, { atLeast: 90, share: 0.5 }] },
  { code: 'Z3', name: '新产品产值率', kind: 'indicator', points: 10, indicatorCode: 'PQ-NEWPROD', scoring: 'proportional' },
  { code: 'Z4', name: '湖南省名牌产品', kind: 'indicator', points: 10, indicatorCode: 'PQ-HNBRAND', scoring: 'proportional' },
  { code: 'Z5', name: '采用国际标准和国外先进标准', kind: 'indicator', points: 10, indicatorCode: 'PQ-ADOPT', scoring: 'proportional' },
  { code: 'Z6', name: '工程一次验收合格率', kind: 'indicator', points: 10, indicatorCode: 'CON-FIRSTPASS', scoring: 'full_or_zero' },
  { code: 'G1', name: '质量兴县工作方案制定和备案', kind: 'work', points: 10, guidance: '工作方案文件、备案回执' },
  { code: 'G2', name: '质量月等质量活动', kind: 'work', points: 10, guidance: '活动方案、照片、报道' },
  { code: 'G3', name: '质量培训', kind: 'work', points: 10, guidance: '培训通知、签到表、课件' },
  { code: 'G4', name: '质量工作机构和经费保障', kind: 'work', points: 10, guidance: '机构设置文件、预算' },
  { code: 'K1', name: '质量投诉、事件处置不力', kind: 'deduction', points: -10, guidance: '每件扣 2 分' },
  { code: 'F1', name: '发生区域性、系统性重大质量安全事故', kind: 'veto', points: 0 },
];

/** The scheme's settings and its items, edited as a list; the points of indicator and work items are totalled as you type. */
export function SchemeModal({ year, scheme, onClose, onSaved }: { year: number; scheme?: Static<typeof Scheme>; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const plans = useQuery({ queryKey: ['target-plans'], queryFn: () => api<{ items: Static<typeof TargetPlan>[] }>('GET', '/target-plans') });
  const planId = (Form.useWatch('planId', form) as string | undefined) ?? scheme?.planId;
  const plan = useQuery({ queryKey: ['target-plans', planId], queryFn: () => api<Static<typeof TargetPlanDetail>>('GET', `/target-plans/${planId}`), enabled: !!planId });
  const items = (Form.useWatch('items', form) as Item[] | undefined) ?? [];
  const sum = items.filter((i) => i?.kind === 'indicator' || i?.kind === 'work').reduce((s, i) => s + (Number(i.points) || 0), 0);
  const covering = plans.data?.items.find((p) => p.startYear <= year && year <= p.endYear) ?? plans.data?.items[0];
  const indicators = (plan.data?.indicators ?? []).filter((i) => i.target !== null && i.reportRegions !== 'province');
  // The plans arrive after the form mounts: a new scheme takes the plan covering its year then.
  useEffect(() => {
    if (!scheme && covering && !form.getFieldValue('planId')) form.setFieldValue('planId', covering.id);
  }, [scheme, covering, form]);
  return (
    <FormModal<Record<string, unknown>>
      width={980}
      form={form}
      title={scheme ? `${t('common.edit')} · ${scheme.name}` : t('assess.newScheme', { year })}
      initialValues={scheme ? { ...scheme, items: scheme.items } : { name: t('assess.defaultName', { year }), minSample: 10, smallSampleRule: 'city', gradeA: 90, gradeB: 80, gradeC: 60, items: DRAFT }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = { ...v, items: (v.items as Item[]).map((i) => ({ ...i, indicatorCode: i.kind === 'indicator' ? i.indicatorCode : null, steps: i.steps ?? [], guidance: i.guidance ?? '' })) };
        if (scheme) await api('PUT', `/assessment-schemes/${scheme.id}`, { ...body, version: scheme.version });
        else await api('POST', '/assessment-schemes', { ...body, year });
        await onSaved();
      }}
    >
      <Space wrap>
        <Form.Item name="name" label={t('assess.schemeName')} rules={[{ required: true, message: t('form.required') }, { min: 2, max: 100 }]}>
          <Input style={{ width: 260 }} maxLength={100} />
        </Form.Item>
        <Form.Item name="planId" label={t('target.plan')} rules={[{ required: true, message: t('form.required') }]}>
          <Select style={{ width: 220 }} options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: lang === 'en-US' && p.nameEn ? p.nameEn : p.name }))} />
        </Form.Item>
        <Form.Item name="minSample" label={t('assess.minSample')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
        <Form.Item name="smallSampleRule" label={t('assess.smallSampleRule')}>
          <Select style={{ width: 160 }} options={SMALL_SAMPLE_RULES.map((r) => ({ value: r, label: t(`assess.rule.${r}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="gradeA" label={t('assess.gradeLine', { g: 'A' })}><InputNumber min={0} max={100} /></Form.Item>
        <Form.Item name="gradeB" label={t('assess.gradeLine', { g: 'B' })}><InputNumber min={0} max={100} /></Form.Item>
        <Form.Item name="gradeC" label={t('assess.gradeLine', { g: 'C' })}><InputNumber min={0} max={100} /></Form.Item>
      </Space>
      <Typography.Paragraph type={Math.abs(sum - 100) < 1e-9 ? 'success' : 'danger'}>{t('assess.pointsTotal', { n: sum })}</Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => {
              const kind = items[field.name]?.kind;
              return (
                <Space key={field.key} align="start" wrap style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}>
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: t('form.required') }]}><Input placeholder={t('target.code')} style={{ width: 60 }} maxLength={20} /></Form.Item>
                  <Form.Item name={[field.name, 'kind']}><Select style={{ width: 90 }} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`assess.kind.${k}` as MessageKey) }))} /></Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('form.required') }, { min: 2, max: 100 }]}><Input placeholder={t('assess.itemName')} style={{ width: 240 }} maxLength={100} /></Form.Item>
                  <Form.Item name={[field.name, 'points']} rules={[{ required: true, message: t('form.required') }]}><InputNumber placeholder={t('assess.points')} min={-100} max={100} style={{ width: 80 }} /></Form.Item>
                  {kind === 'indicator' && (
                    <>
                      <Form.Item name={[field.name, 'indicatorCode']} rules={[{ required: true, message: t('form.required') }]}>
                        <Select style={{ width: 200 }} showSearch optionFilterProp="label" options={indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'scoring']}><Select style={{ width: 130 }} options={SCORINGS.map((s) => ({ value: s, label: t(`assess.scoring.${s}` as MessageKey) }))} /></Form.Item>
                    </>
                  )}
                  {kind !== 'indicator' && <Form.Item name={[field.name, 'guidance']}><Input placeholder={t('assess.guidance')} style={{ width: 330 }} maxLength={500} /></Form.Item>}
                  {/* Kept with the item though not edited here: the steps of a stepped rule. */}
                  <Form.Item name={[field.name, 'steps']} hidden><Input /></Form.Item>
                  {kind !== 'indicator' && <Form.Item name={[field.name, 'scoring']} hidden><Input /></Form.Item>}
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                </Space>
              );
            })}
            <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ code: `X${fields.length + 1}`, kind: 'work', points: 0, scoring: 'full_or_zero' })}>{t('assess.addItem')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
