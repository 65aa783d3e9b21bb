import { Tag, theme } from 'antd';
import { memo, useMemo, type CSSProperties } from 'react';
import type { ProjectLevel } from '@shared/domain';
import { ProgressTag } from '../../components/ProgressTag';
import { BureauFigureMark } from '../../components/BureauFigureMark';

/**
 * The home table's cells. Plain elements coloured from the theme's tokens rather than antd's Typography: a
 * Typography reads the config and style caches on every render, and the table renders every visible cell again
 * on each key of the search (issue 11). Each cell is memoised on plain values, so a row that stays in view is
 * not rendered again. Not antd's `ellipsis` either: that gives every cell a ResizeObserver and a tooltip.
 */
export interface CellStyles {
  oneLine: CSSProperties;
  link: CSSProperties;
  secondary: CSSProperties;
  secondaryLine: CSSProperties;
  warning: CSSProperties;
  success: CSSProperties;
  danger: CSSProperties;
  strongWarning: CSSProperties;
  strongDanger: CSSProperties;
}

/** The styles of the cells, from the theme's tokens (the same colours Typography uses). */
export function useCellStyles(): CellStyles {
  const { token } = theme.useToken();
  return useMemo(() => {
    const oneLine: CSSProperties = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
    return {
      oneLine,
      link: { ...oneLine, color: token.colorLink, cursor: 'pointer' },
      secondary: { color: token.colorTextDescription },
      secondaryLine: { ...oneLine, color: token.colorTextDescription, fontSize: 12 },
      warning: { color: token.colorWarningText },
      success: { color: token.colorSuccessText },
      danger: { color: token.colorErrorText },
      strongWarning: { color: token.colorWarningText, fontWeight: token.fontWeightStrong },
      strongDanger: { color: token.colorErrorText, fontWeight: token.fontWeightStrong },
    };
  }, [token]);
}

/** One line, cut with an ellipsis by CSS when too long; the whole text shows on hover (title). */
export const Clipped = memo(function Clipped({ text, styles }: { text: string; styles: CellStyles }) {
  return (
    <span title={text} style={styles.oneLine}>
      {text}
    </span>
  );
});

export const NameCell = memo(function NameCell({ name, code, company, styles }: { name: string; code: string; company: string; styles: CellStyles }) {
  return (
    <div style={{ minWidth: 0 }}>
      <a data-testid="project-link" style={styles.link} title={name}>
        {name}
      </a>
      <span style={styles.secondaryLine} title={`${code} · ${company}`}>
        {code} · {company}
      </span>
    </div>
  );
});

const LEVEL_COLOR: Record<ProjectLevel, string> = { provincial: 'volcano', municipal: 'gold', district: 'blue' };
export const LevelTag = memo(function LevelTag({ level, label }: { level: ProjectLevel; label: string }) {
  return <Tag color={LEVEL_COLOR[level]}>{label}</Tag>;
});

export const Completion = memo(function Completion({ pct, bureauThroughMonth }: { pct: string; bureauThroughMonth: string | null | undefined }) {
  return (
    <span data-testid="completion">
      {pct}
      <BureauFigureMark throughMonth={bureauThroughMonth} below />
    </span>
  );
});

export const Ahead = memo(ProgressTag);

/** A count that wants attention when above zero (open problems, overdue tasks): strong in its colour; else 0. */
export const Count = memo(function Count({ n, type, styles }: { n: number; type: 'warning' | 'danger'; styles: CellStyles }) {
  return n > 0 ? <strong style={type === 'warning' ? styles.strongWarning : styles.strongDanger}>{n}</strong> : <>0</>;
});

/** Days since the last visit (in warning colour after 30), the visit's date on hover; or "never". */
export const LastVisit = memo(function LastVisit({ days, text, date, styles }: { days: number | null; text: string; date: string; styles: CellStyles }) {
  if (days === null) return <span style={styles.secondary}>{text}</span>;
  return (
    <span style={days > 30 ? styles.warning : undefined} title={date}>
      {text}
    </span>
  );
});
