import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts chart that follows its option and the window's width. Import it lazily: ECharts is
 * the largest library of the console, and only pages with charts should load it.
 */
export default function Chart({ option, label, height = 300 }: { option: object; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(option);
  useEffect(() => {
    const chart = echarts.init(box.current!);
    chart.setOption(JSON.parse(key));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [key]);
  return <div ref={box} style={{ height }} role="img" aria-label={label} />;
}
