import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { ProblemFigures } from '@shared/bureau/summary';
import { PROBLEM_FIGURES } from '@shared/operations/bureau-overview';
import { useBureauT } from '../store';

echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

const COLORS = { collected: '#1677ff', resolved: '#52c41a', open: '#faad14', overdue: '#cf1322' } as const;
type ProblemFigure = (typeof PROBLEM_FIGURES)[number];

/**
 * The problem funnel: collected, then resolved and still open, then overdue among the open, widths in proportion
 * (not sorted, so the steps keep their order). A click on a step opens the ledger on its problems.
 */
export function ProblemFunnel({ problems, onPick }: { problems: ProblemFigures; onPick(figure: ProblemFigure): void }) {
  const t = useBureauT();
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}：{c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(1, problems.collected),
          minSize: '40%',
          gap: 3,
          label: { position: 'inside', formatter: '{b} {c}', fontSize: 12, color: '#fff' },
          data: PROBLEM_FIGURES.map((k) => ({ name: t(`bureauDesk.overview.problems.${k}`), value: problems[k], figure: k, itemStyle: { color: COLORS[k] } })),
        },
      ],
    }),
    [problems, t],
  );
  const onEvents = useMemo(() => ({ click: (e: { data?: { figure?: ProblemFigure } }) => e.data?.figure && onPick(e.data.figure) }), [onPick]);
  return <ReactEChartsCore echarts={echarts} option={option} onEvents={onEvents} style={{ height: 200 }} notMerge />;
}
