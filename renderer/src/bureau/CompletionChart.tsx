import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { OverviewScope } from '@shared/operations/bureau-overview';
import { useBureauT } from './store';

echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export interface CompletionBar {
  name: string;
  completionPct: number | null;
  /** A group of projects (all, provincial and municipal, district) rather than a sponsoring unit: drawn darker. */
  group: boolean;
  /** Whose bar it is: a click opens the project table on that group's or unit's projects. */
  scope: OverviewScope;
}

/** Completion of the annual plan per group and unit as bars, the time-proportional schedule as a line across them. */
export function CompletionChart({ bars, schedulePct, onPick }: { bars: readonly CompletionBar[]; schedulePct: number; onPick(scope: OverviewScope): void }) {
  const t = useBureauT();
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, min: 0 },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisLabel: { fontSize: 12 } },
      series: [
        {
          name: t('bureauDesk.overview.chart.completion'),
          type: 'bar',
          barMaxWidth: 16,
          data: bars.map((b) => ({
            value: b.completionPct,
            itemStyle: { color: b.completionPct !== null && b.completionPct < schedulePct ? '#ff7875' : b.group ? '#1677ff' : '#69b1ff' },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number | null }) => (p.value === null ? '—' : `${p.value.toFixed(1)}%`),
            fontSize: 11,
          },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#fa8c16', type: 'dashed', width: 2 },
            label: { formatter: `${t('bureauDesk.overview.chart.schedule')} ${schedulePct}%`, position: 'start', color: '#d46b08' },
            data: [{ xAxis: schedulePct }],
          },
        },
      ],
    }),
    [bars, schedulePct, t],
  );
  const onEvents = useMemo(() => ({ click: (e: { dataIndex: number }) => bars[e.dataIndex] && onPick(bars[e.dataIndex]!.scope) }), [bars, onPick]);
  return <ReactEChartsCore echarts={echarts} option={option} onEvents={onEvents} style={{ height: Math.max(240, bars.length * 26 + 48) }} notMerge />;
}
