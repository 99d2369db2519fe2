import Chart from '../../components/Chart';
import { useI18n } from '../../i18n';
import { yearlyChartOption, type YearPoint } from './yearlyChartOption';

export default function YearlyChart({ points }: { points: YearPoint[] }) {
  const { t } = useI18n();
  const option = yearlyChartOption(points, {
    output: t('chart.output'),
    newProductShare: t('chart.newProductShare'),
    tenThousandYuan: t('unit.tenThousandYuan'),
  });
  return <Chart option={option} label={t('chart.yearlyLabel')} />;
}
