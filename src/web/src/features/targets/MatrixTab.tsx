import { useQuery } from '@tanstack/react-query';
import { Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Static } from 'typebox';
import type { Indicator, Matrix } from '../../../../contract/schemas/targets';
import { useReferenceNames } from '../../api/reference';
import { ErrorAlert } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { CELL_BACKGROUND, formatTarget, formatValue } from './format';
import type { Scope } from './TargetsPage';
import { getMatrix, getTargetPlan } from './api';

type MatrixRow = Static<typeof Matrix>['rows'][number];

/**
 * Indicator × county (or × industry, for the computed indicators): each cell's value on a
 * background of its status, from the same sums as the city's.
 */
export function MatrixTab({ scope }: { scope: Scope }) {
  const { t, lang } = useI18n();
  const [by, setBy] = useState<'region' | 'industry'>('region');
  const regionName = useReferenceNames('regions', lang);
  const industryName = useReferenceNames('industries', lang);
  const plan = useQuery({ queryKey: ['target-plans', scope.planId], queryFn: () => getTargetPlan(scope.planId) });
  const matrix = useQuery({
    queryKey: ['targets', 'matrix', scope.planId, scope.year, by],
    queryFn: () => getMatrix(scope.planId, { year: scope.year, by }),
  });
  const indicators = new Map((plan.data?.indicators ?? []).map((i) => [i.code, i]));
  const of = (code: string) => indicators.get(code) as Indicator | undefined;
  return (
    <>
      {(plan.error || matrix.error) && <ErrorAlert error={plan.error ?? matrix.error} />}
      <Segmented
        style={{ marginBottom: 12 }}
        value={by}
        onChange={(v) => setBy(v as 'region' | 'industry')}
        options={[
          { value: 'region', label: t('target.matrixByRegion') },
          { value: 'industry', label: t('target.matrixByIndustry') },
        ]}
      />
      <Typography.Paragraph type="secondary">{t(by === 'region' ? 'target.matrixHint' : 'target.matrixIndustryHint')}</Typography.Paragraph>
      <Table<MatrixRow>
        rowKey="code"
        size="small"
        bordered
        pagination={false}
        loading={matrix.isPending || plan.isPending}
        dataSource={matrix.data?.rows ?? []}
        // As wide as its columns (eleven counties, or more industries), scrolled inside the card.
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'indicator',
            title: t('target.indicator'),
            fixed: 'left',
            width: 260,
            render: (_, r) => {
              const i = of(r.code);
              return i ? (
                <>
                  {lang === 'en-US' && i.nameEn ? i.nameEn : i.name}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.code} · {formatTarget(i)}
                    </Typography.Text>
                  </div>
                </>
              ) : (
                r.code
              );
            },
          },
          ...(matrix.data?.columns ?? []).map((column, n) => ({
            key: column,
            title: matrix.data?.by === 'industry' ? industryName(column) : regionName(column),
            width: 110,
            align: 'right' as const,
            onCell: (r: MatrixRow) => ({ style: { background: CELL_BACKGROUND[r.cells[n]!.status] } }),
            render: (_: unknown, r: MatrixRow) => {
              const i = of(r.code);
              return i ? formatValue(i, r.cells[n]!.value) : '';
            },
          })),
        ]}
      />
    </>
  );
}
