import { lazy, Suspense } from 'react';
import type { InvestmentChartPoint } from './InvestmentChart';

/**
 * ECharts (most of the renderer's weight) is fetched only when a chart is drawn, not with the project page
 * (issue 11); until it is in, the chart's space is kept so the page does not jump.
 */
const Chart = lazy(() => import('./InvestmentChart').then((m) => ({ default: m.InvestmentChart })));

export function InvestmentChart({ points }: { points: readonly InvestmentChartPoint[] }) {
  return (
    <Suspense fallback={<div style={{ height: 300 }} data-testid="chart-loading" />}>
      <Chart points={points} />
    </Suspense>
  );
}
