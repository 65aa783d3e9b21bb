import { Tag, Tooltip } from 'antd';
import { useFormat, useT } from '../store';

/**
 * Marks a completed figure that includes the bureau's figure (局报数, from the master list) and says, on hover
 * or focus, to which month and when the officer's own figures take over (shared/rules/bureau-figure.ts).
 */
export function BureauFigureMark({ throughMonth, below = false }: { throughMonth: string | null | undefined; below?: boolean }) {
  const t = useT();
  const f = useFormat();
  if (!throughMonth) return null;
  const tip = t('bureauFigure.tip', { month: f.month(throughMonth) });
  // `below`: on its own line under the figure, so a narrow table column keeps its width (issue 13 point 12).
  const tag = (
    <Tooltip title={tip}>
      <Tag
        color="gold"
        tabIndex={0}
        aria-label={tip}
        data-testid="bureau-figure"
        data-through-month={throughMonth}
        style={{ marginInlineStart: below ? 0 : 4, marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4, cursor: 'help' }}
      >
        {t('bureauFigure.mark')}
      </Tag>
    </Tooltip>
  );
  return below ? <span style={{ display: 'block', lineHeight: '18px' }}>{tag}</span> : tag;
}
