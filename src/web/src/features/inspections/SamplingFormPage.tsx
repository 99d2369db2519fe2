import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { formatDate } from '../enterprises/labels';
import { getInspection, usePlans, useTestingBodies } from './api';
import { checkTypeKey, levelKey, placeKey } from './labels';
import { getEnterprise } from '../enterprises/api';

/**
 * The sampling form (抽样单) of a case, laid out to print on A4 and be signed on site: the plan,
 * the sampled unit and labelled producer, the sample, the items the plan tests and the samplers,
 * with signature lines for the samplers and the sampled unit. The print style sheet hides the console.
 */
export function SamplingFormPage() {
  const { id } = useParams();
  const { t, tx, lang } = useI18n();
  const regionName = useReferenceNames('regions', lang);
  const categoryName = useReferenceNames('product-categories', lang);
  const labs = new Map((useTestingBodies().data ?? []).map((b) => [b.id, b.name]));
  const plans = usePlans();
  const detail = useQuery({ queryKey: ['inspections', id], queryFn: () => getInspection(id!) });
  const unitId = detail.data?.inspection.sampledEnterpriseId;
  const unit = useQuery({ queryKey: ['enterprises', unitId], queryFn: () => getEnterprise(unitId!), enabled: !!unitId });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data || plans.isPending || (unitId && unit.isPending)) return <Skeleton active />;
  const c = detail.data.inspection;
  const plan = plans.data?.find((p) => p.id === c.planId);
  const scheme = plan?.categories.find((s) => s.categoryCode === c.categoryCode);
  const e = unit.data;
  const row = (label: string, value: ReactNode, wide = false) => (
    <>
      <th>{label}</th>
      <td colSpan={wide ? 3 : 1}>{value}</td>
    </>
  );
  return (
    <Card className="notice sampling-form">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('inspection.form.print')}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
        {t('inspection.form.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'right' }}>{t('inspection.form.no', { no: c.documentNo })}</Typography.Paragraph>
      <table className="form-table">
        <tbody>
          <tr>{row(t('inspection.plan'), plan ? `${plan.year} · ${plan.title}` : '', true)}</tr>
          <tr>
            {row(t('inspection.levelLabel'), plan ? tx(levelKey(plan.level)) : '')}
            {row(t('inspection.checkTypeLabel'), tx(checkTypeKey(c.checkType)))}
          </tr>
          <tr>{row(t('inspection.sampledUnit'), c.sampledUnitName, true)}</tr>
          <tr>{row(t('inspection.form.address'), e?.address ?? '', true)}</tr>
          <tr>
            {row(t('enterprise.uscc'), e?.uscc ?? '')}
            {row(t('enterprise.region'), regionName(c.regionCode))}
          </tr>
          <tr>
            {row(t('inspection.form.legalRepresentative'), e?.legalRepresentative ?? '')}
            {row(t('inspection.form.contact'), [e?.contactPerson, e?.contactPhone].filter(Boolean).join(' '))}
          </tr>
          <tr>{row(t('inspection.producer'), c.producerName, true)}</tr>
          <tr>
            {row(t('inspection.productName'), c.productName)}
            {row(t('field.products.categoryCode'), categoryName(c.categoryCode))}
          </tr>
          <tr>
            {row(t('field.products.brand'), c.brand)}
            {row(t('field.products.model'), c.model)}
          </tr>
          <tr>
            {row(t('inspection.batch'), c.batch)}
            {row(t('field.standards.standardNo'), c.standardNo)}
          </tr>
          <tr>
            {row(t('inspection.testQuantity'), c.testQuantity)}
            {row(t('inspection.reserveQuantity'), c.reserveQuantity)}
          </tr>
          <tr>
            {row(t('inspection.place'), tx(placeKey(c.place)))}
            {row(t('inspection.sampledOn'), formatDate(c.sampledOn, lang))}
          </tr>
          <tr>{row(t('inspection.testItems'), (scheme?.testItems ?? []).join('、'), true)}</tr>
          <tr>{row(t('inspection.form.judgingStandard'), scheme?.judgingStandard ?? '', true)}</tr>
          <tr>{row(t('inspection.testingBody'), scheme?.testingBodyId ? (labs.get(scheme.testingBodyId) ?? '') : '', true)}</tr>
          <tr>{row(t('inspection.samplersLabel'), c.samplers.join('、'), true)}</tr>
        </tbody>
      </table>
      <Typography.Paragraph className="notice-text" style={{ marginTop: 16 }}>
        {t('inspection.form.statement')}
      </Typography.Paragraph>
      <div className="signatures">
        <div>{t('inspection.form.samplerSign')}</div>
        <div>{t('inspection.form.unitSign')}</div>
      </div>
    </Card>
  );
}
