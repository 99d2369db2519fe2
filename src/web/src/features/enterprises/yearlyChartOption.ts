export interface YearPoint {
  year: number;
  outputValue: number | null;
  newProductOutputValue: number | null;
}

/** The labels the chart shows, in the console's language. */
export interface YearlyChartLabels {
  output: string;
  newProductShare: string;
  tenThousandYuan: string;
}

/**
 * Output value (万元) by year with the new-product share (%) on a second axis. The share is
 * computed from the two sums of the year, never averaged.
 */
export function yearlyChartOption(points: YearPoint[], labels: YearlyChartLabels) {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const share = (p: YearPoint) =>
    p.outputValue && p.newProductOutputValue !== null ? Math.round((p.newProductOutputValue / p.outputValue) * 1000) / 10 : null;
  return {
    tooltip: { trigger: 'axis' },
    // The legend below the years, the grid sized to hold the axis labels: ECharts 6 puts a legend at
    // the bottom, where the years of a grid without containLabel ran into it (yearlyChartOption.test.ts).
    legend: { data: [labels.output, labels.newProductShare], bottom: 0 },
    grid: { left: 16, right: 16, top: 36, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: sorted.map((p) => String(p.year)) },
    yAxis: [
      { type: 'value', name: labels.tenThousandYuan },
      { type: 'value', name: '%', max: 100 },
    ],
    series: [
      { name: labels.output, type: 'line', data: sorted.map((p) => (p.outputValue === null ? null : Math.round(p.outputValue / 10_000))) },
      { name: labels.newProductShare, type: 'line', yAxisIndex: 1, data: sorted.map(share) },
    ],
  };
}
