import { Tag } from 'antd';
import { useMemo } from 'react';
import { useBureau, useBureauT } from '../store';

/**
 * The rows behind a figure of the overview: what the figure is (its label) and the ids of the projects or
 * problems it counts. The project table and the problem ledger show those rows alone until the tag is closed.
 */
export interface RowScope {
  label: string;
  ids: readonly string[];
}

/** `rows` cut to the scope's ids, in their own order; all of them without a scope. */
export function useScopedRows<T extends { id: string }>(rows: readonly T[] | null | undefined, scope: RowScope | null): readonly T[] {
  return useMemo(() => {
    if (!rows) return [];
    if (!scope) return rows;
    const ids = new Set(scope.ids);
    return rows.filter((r) => ids.has(r.id));
  }, [rows, scope]);
}

/** The project table's rows, cut to the figure it was opened on (projects-slice's projectScope). */
export function useProjectScopeRows<T extends { id: string }>(rows: readonly T[] | null | undefined): readonly T[] {
  return useScopedRows(
    rows,
    useBureau((s) => s.projectScope),
  );
}

/** Says which figure the rows are behind, with how many; closing it shows every row again. */
export function ScopeTag({ scope, onClose, testId }: { scope: RowScope | null; onClose(): void; testId: string }) {
  const t = useBureauT();
  if (!scope) return null;
  return (
    <Tag color="blue" closable onClose={onClose} data-testid={testId} style={{ marginInlineEnd: 0, padding: '2px 8px', fontSize: 13 }}>
      {t('bureauDesk.overview.scope', { label: scope.label, count: scope.ids.length })}
    </Tag>
  );
}

/** The project table's scope tag (for ProjectsScreen: one element). */
export function ProjectScopeTag() {
  const scope = useBureau((s) => s.projectScope);
  return <ScopeTag scope={scope} onClose={() => useBureau.getState().showProjects(null)} testId="project-scope" />;
}
