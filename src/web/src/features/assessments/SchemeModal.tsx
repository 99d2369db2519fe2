import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import type { Static } from 'typebox';
import {
  ITEM_KINDS,
  SCORINGS,
  SMALL_SAMPLE_RULES,
  type AssessmentItemInput,
  type CountyTarget,
  type Scheme,
  type UpdateScheme,
} from '../../../../contract/schemas/assessments';
import { useReference } from '../../api/reference';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { createScheme, getSchemeDraft, updateScheme } from './api';
import { getTargetPlan, listTargetPlans } from '../targets/api';
import { useJurisdiction } from '../../api/session';

type Item = AssessmentItemInput;
type Targets = Record<string, Record<string, number | null>>;
/** The form's values: the scheme's fields, with the county targets as a table (indicator → county → target). */
type Values = Omit<UpdateScheme, 'version' | 'countyTargets'> & { targets?: Targets };
/** County targets as the form edits them (indicator → county → target), and back. */
const toForm = (list: CountyTarget[]): Targets =>
  list.reduce<Targets>((acc, c) => ({ ...acc, [c.indicatorCode]: { ...acc[c.indicatorCode], [c.regionCode]: c.target } }), {});
const fromForm = (targets: Targets | undefined, codes: string[]): CountyTarget[] =>
  codes.flatMap((code) =>
    Object.entries(targets?.[code] ?? {})
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([regionCode, target]) => ({ regionCode, indicatorCode: code, target })),
  );

/** The scheme's settings and its items, edited as a list; the points of indicator and work items are totalled as you type. */
export function SchemeModal({
  year,
  scheme,
  onClose,
  onSaved,
}: {
  year: number;
  scheme?: Static<typeof Scheme>;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const plans = useQuery({ queryKey: ['target-plans'], queryFn: listTargetPlans });
  const planId = (Form.useWatch('planId', form) as string | undefined) ?? scheme?.planId;
  const plan = useQuery({ queryKey: ['target-plans', planId], queryFn: () => getTargetPlan(planId!), enabled: !!planId });
  const items = (Form.useWatch('items', form) as Item[] | undefined) ?? [];
  const sum = items.filter((i) => i?.kind === 'indicator' || i?.kind === 'work').reduce((s, i) => s + (Number(i.points) || 0), 0);
  const covering = plans.data?.items.find((p) => p.startYear <= year && year <= p.endYear) ?? plans.data?.items[0];
  const indicators = (plan.data?.indicators ?? []).filter((i) => i.target !== null && i.reportRegions !== 'province');
  const { units } = useJurisdiction();
  const counties = (useReference('regions').data ?? []).filter((r) => units.includes(r.code));
  // A new scheme starts from the server's draft for its plan: items named as their indicators, count targets split among the counties.
  const draft = useQuery({ queryKey: ['assessment-draft', planId], queryFn: () => getSchemeDraft(planId!), enabled: !scheme && !!planId });
  useEffect(() => {
    if (!scheme && draft.data && !form.getFieldValue('items')?.length)
      form.setFieldsValue({ items: draft.data.items, targets: toForm(draft.data.countyTargets) });
  }, [scheme, draft.data, form]);
  // Count indicators are assessed against each county's own target; a rate's county target defaults to the plan's.
  const assessed = items
    .filter((i) => i?.kind === 'indicator' && i.indicatorCode)
    .map((i) => indicators.find((x) => x.code === i.indicatorCode))
    .filter((i) => !!i);
  // The plans arrive after the form mounts: a new scheme takes the plan covering its year then.
  useEffect(() => {
    if (!scheme && covering && !form.getFieldValue('planId')) form.setFieldValue('planId', covering.id);
  }, [scheme, covering, form]);
  return (
    <FormModal<Values>
      width={980}
      form={form}
      title={scheme ? `${t('common.edit')} · ${scheme.name}` : t('assess.newScheme', { year })}
      initialValues={
        scheme
          ? { ...scheme, items: scheme.items, targets: toForm(scheme.countyTargets) }
          : {
              name: t('assess.defaultName', { year }),
              minSample: 10,
              smallSampleRule: 'city',
              gradeA: 90,
              gradeB: 80,
              gradeC: 60,
              items: [],
            }
      }
      onClose={onClose}
      onSubmit={async (v) => {
        const { targets, ...rest } = v;
        const body = {
          ...rest,
          items: v.items.map((i) => ({
            ...i,
            indicatorCode: i.kind === 'indicator' ? i.indicatorCode : null,
            steps: i.steps ?? [],
            guidance: i.guidance ?? '',
          })),
          countyTargets: fromForm(
            targets,
            assessed.map((i) => i.code),
          ),
        };
        if (scheme) await updateScheme(scheme.id, { ...body, version: scheme.version });
        else await createScheme({ ...body, year });
        await onSaved();
      }}
    >
      <Space wrap>
        <Form.Item
          name="name"
          label={t('assess.schemeName')}
          rules={[
            { required: true, message: t('form.required') },
            { min: 2, max: 100 },
          ]}
        >
          <Input style={{ width: 260 }} maxLength={100} />
        </Form.Item>
        <Form.Item name="planId" label={t('target.plan')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            style={{ width: 220 }}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: lang === 'en-US' && p.nameEn ? p.nameEn : p.name }))}
          />
        </Form.Item>
        <Form.Item name="minSample" label={t('assess.minSample')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
        <Form.Item name="smallSampleRule" label={t('assess.smallSampleRule')}>
          <Select style={{ width: 160 }} options={SMALL_SAMPLE_RULES.map((r) => ({ value: r, label: t(`assess.rule.${r}`) }))} />
        </Form.Item>
        <Form.Item name="gradeA" label={t('assess.gradeLine', { g: 'A' })}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="gradeB" label={t('assess.gradeLine', { g: 'B' })}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="gradeC" label={t('assess.gradeLine', { g: 'C' })}>
          <InputNumber min={0} max={100} />
        </Form.Item>
      </Space>
      <Typography.Paragraph type={Math.abs(sum - 100) < 1e-9 ? 'success' : 'danger'}>
        {t('assess.pointsTotal', { n: sum })}
      </Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => {
              const kind = items[field.name]?.kind;
              return (
                <Space key={field.key} align="start" wrap style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}>
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: t('form.required') }]}>
                    <Input placeholder={t('target.code')} style={{ width: 60 }} maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']}>
                    <Select style={{ width: 90 }} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`assess.kind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, message: t('form.required') },
                      { min: 2, max: 100 },
                    ]}
                  >
                    <Input placeholder={t('assess.itemName')} style={{ width: 240 }} maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'points']} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber placeholder={t('assess.points')} min={-100} max={100} style={{ width: 80 }} />
                  </Form.Item>
                  {kind === 'indicator' && (
                    <>
                      <Form.Item name={[field.name, 'indicatorCode']} rules={[{ required: true, message: t('form.required') }]}>
                        <Select
                          style={{ width: 200 }}
                          showSearch
                          optionFilterProp="label"
                          options={indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'scoring']}>
                        <Select style={{ width: 130 }} options={SCORINGS.map((s) => ({ value: s, label: t(`assess.scoring.${s}`) }))} />
                      </Form.Item>
                    </>
                  )}
                  {kind !== 'indicator' && (
                    <Form.Item name={[field.name, 'guidance']}>
                      <Input placeholder={t('assess.guidance')} style={{ width: 330 }} maxLength={500} />
                    </Form.Item>
                  )}
                  {/* Kept with the item though not edited here: the steps of a stepped rule. */}
                  <Form.Item name={[field.name, 'steps']} hidden>
                    <Input />
                  </Form.Item>
                  {kind !== 'indicator' && (
                    <Form.Item name={[field.name, 'scoring']} hidden>
                      <Input />
                    </Form.Item>
                  )}
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                </Space>
              );
            })}
            <Button
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              onClick={() => add({ code: `X${fields.length + 1}`, kind: 'work', points: 0, scoring: 'full_or_zero' })}
            >
              {t('assess.addItem')}
            </Button>
          </>
        )}
      </Form.List>
      {assessed.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('assess.countyTargets')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{draft.data?.splitRule ?? t('assess.countyTargetsHint')}</Typography.Paragraph>
          {assessed.map((i) => (
            <div key={i.code} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{i.name}</Typography.Text>
              <Typography.Text type="secondary">{` ${t('assess.cityTarget', { target: i.target ?? '—' })}`}</Typography.Text>
              <Space wrap size={4} style={{ display: 'flex' }}>
                {counties.map((c) => (
                  <Form.Item
                    key={c.code}
                    name={['targets', i.code, c.code]}
                    label={lang === 'en-US' && c.nameEn ? c.nameEn : c.name}
                    style={{ marginBottom: 4 }}
                    rules={i.kind === 'count' ? [{ required: true, message: t('form.required') }] : []}
                  >
                    <InputNumber style={{ width: 80 }} placeholder={i.kind === 'count' ? '' : String(i.target ?? '')} />
                  </Form.Item>
                ))}
              </Space>
            </div>
          ))}
        </>
      )}
    </FormModal>
  );
}
