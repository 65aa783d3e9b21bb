import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { OverviewMonths } from '../slices/overview-slice';
import { useBureauFormat, useBureauT } from '../store';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Months 1..asOf: cumulative completed investment as bars, the time-proportional share of the plan as a line. */
export function MonthlyChart({ series }: { series: OverviewMonths }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? f.amount(v) : '—') },
      xAxis: { type: 'category', data: series.months.map((m) => f.month(m.month)), axisLabel: { fontSize: 11, hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { fontSize: 11, formatter: (v: number) => f.amount(v) } },
      series: [
        {
          name: t('bureauDesk.overview.completed'),
          type: 'bar',
          barMaxWidth: 28,
          data: series.months.map((m) => ({ value: m.completed, itemStyle: { color: m.completed < m.schedule ? '#ff7875' : '#1677ff' } })),
        },
        {
          name: t('bureauDesk.overview.monthly.schedule'),
          type: 'line',
          symbol: 'circle',
          symbolSize: 5,
          lineStyle: { color: '#fa8c16', type: 'dashed', width: 2 },
          itemStyle: { color: '#fa8c16' },
          data: series.months.map((m) => m.schedule),
        },
      ],
    }),
    [series, t, f],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />;
}
