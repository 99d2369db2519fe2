import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import { yearlyChartOption } from './yearlyChartOption';

/** Every text the chart draws, with the vertical middle ECharts placed it at (server-side SVG). */
function texts(option: object, width: number, height: number): { text: string; y: number }[] {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return [...svg.matchAll(/<text[^>]*?(?:\by="([-\d.]+)")?[^>]*?transform="translate\([-\d.]+ ([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)].map(
    (m) => ({
      text: m[3]!,
      y: Number(m[2]) + Number(m[1] ?? 0),
    }),
  );
}

describe('the yearly chart of a profile', () => {
  it('draws its legend below the years, clear of the axis names (万元, %)', () => {
    const option = yearlyChartOption(
      [2023, 2024, 2025].map((year, i) => ({ year, outputValue: (i + 1) * 1e8, newProductOutputValue: (i + 1) * 2e7 })),
      { output: '产值', newProductShare: '新产品产值率', tenThousandYuan: '万元' },
    );
    for (const width of [360, 600, 1000]) {
      const drawn = texts(option, width, 300);
      const at = (text: string) => drawn.find((d) => d.text === text)!.y;
      const legend = Math.min(at('产值'), at('新产品产值率'));
      const years = Math.max(...['2023', '2024', '2025'].map(at));
      expect(legend, `legend at ${width}px`).toBeGreaterThan(years + 12);
      expect(legend - Math.max(at('万元'), at('%')), `legend against the axis names at ${width}px`).toBeGreaterThan(12);
    }
  });

  it('computes the share from the year’s two sums', () => {
    const option = yearlyChartOption(
      [
        { year: 2025, outputValue: 3e8, newProductOutputValue: 1e8 },
        { year: 2024, outputValue: null, newProductOutputValue: 5 },
      ],
      { output: 'o', newProductShare: 's', tenThousandYuan: 'w' },
    );
    expect(option.xAxis.data).toEqual(['2024', '2025']);
    expect(option.series[0]!.data).toEqual([null, 30000]);
    expect(option.series[1]!.data).toEqual([null, 33.3]);
  });
});
