import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useDeskLanguage, useFormat, useT } from '../store';

// Only what this chart draws, to keep the bundle small.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface InvestmentChartPoint {
  /** 1–12 */
  month: number;
  /** This month's figure (万元), null when not entered. */
  amount: number | null;
  /** Cumulative completion of the annual plan through this month, percent; null without a plan. */
  completionPct: number | null;
}

/**
 * Cumulative completion of the annual plan by month against the time-proportional line (month ÷ 12),
 * with each month's figure as bars on a second axis.
 */
export function InvestmentChart({ points }: { points: readonly InvestmentChartPoint[] }) {
  const t = useT();
  const f = useFormat();
  const language = useDeskLanguage();
  const option = useMemo(() => {
    const monthName = new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', { month: 'short', timeZone: 'UTC' });
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const byMonth = new Map(points.map((p) => [p.month, p]));
    const completion = t('investment.chart.completion');
    const timeLine = t('investment.chart.timeProportional');
    const monthly = t('investment.chart.monthly');
    return {
      animation: false,
      grid: { left: 56, right: 72, top: 48, bottom: 32 },
      legend: { top: 8, itemGap: 28, data: [completion, timeLine, monthly] },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? String(v) : '—') },
      xAxis: { type: 'category', data: months.map((m) => monthName.format(new Date(Date.UTC(2000, m - 1, 1)))) },
      yAxis: [
        { type: 'value', name: '%', axisLabel: { formatter: '{value}%' }, min: 0 },
        { type: 'value', splitLine: { show: false }, axisLabel: { formatter: (v: number) => f.amount(v) } },
      ],
      series: [
        {
          name: monthly,
          type: 'bar',
          yAxisIndex: 1,
          itemStyle: { color: '#d6e4ff' },
          barMaxWidth: 24,
          data: months.map((m) => byMonth.get(m)?.amount ?? null),
        },
        {
          name: completion,
          type: 'line',
          symbolSize: 7,
          lineStyle: { width: 3 },
          itemStyle: { color: '#1677ff' },
          data: months.map((m) => {
            const v = byMonth.get(m)?.completionPct;
            return v === undefined || v === null ? null : Math.round(v * 10) / 10;
          }),
        },
        {
          name: timeLine,
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2 },
          itemStyle: { color: '#fa8c16' },
          data: months.map((m) => Math.round((m / 12) * 1000) / 10),
        },
      ],
    };
  }, [points, t, f, language]);

  return (
    <div data-testid="investment-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300, width: '100%' }} />
    </div>
  );
}
