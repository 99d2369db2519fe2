import Chart from '../../components/Chart';
import { useI18n } from '../../i18n';

export interface YearPoint {
  year: number;
  outputValue: number | null;
  newProductOutputValue: number | null;
}

/**
 * Output value (万元) by year with the new-product share (%) on a second axis. The share is
 * computed from the two sums of the year, never averaged.
 */
export default function YearlyChart({ points }: { points: YearPoint[] }) {
  const { t } = useI18n();
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const share = (p: YearPoint) => (p.outputValue && p.newProductOutputValue !== null ? Math.round((p.newProductOutputValue / p.outputValue) * 1000) / 10 : null);
  const option = {
    tooltip: { trigger: 'axis' },
    // The legend below the plot: above it, it met the names of the two axes (万元, %).
    legend: { data: [t('chart.output'), t('chart.newProductShare')], bottom: 0 },
    grid: { left: 16, right: 16, top: 36, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: sorted.map((p) => String(p.year)) },
    yAxis: [
      { type: 'value', name: t('unit.tenThousandYuan') },
      { type: 'value', name: '%', max: 100 },
    ],
    series: [
      { name: t('chart.output'), type: 'line', data: sorted.map((p) => (p.outputValue === null ? null : Math.round(p.outputValue / 10_000))) },
      { name: t('chart.newProductShare'), type: 'line', yAxisIndex: 1, data: sorted.map(share) },
    ],
  };
  return <Chart option={option} label={t('chart.yearlyLabel')} />;
}
