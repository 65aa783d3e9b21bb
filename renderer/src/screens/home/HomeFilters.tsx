import { Checkbox, Space } from 'antd';
import { memo, useMemo } from 'react';
import { LIFE_CYCLE_STAGES, ProjectLevel, type LifeCycleStage } from '@shared/domain';
import { MultiFilter } from '../../components/MultiFilter';
import { useT } from '../../store';
import type { ProjectFilters } from './project-table';

/**
 * The home screen's level, stage, overdue and open-problem filters. Memoised, with their options made once
 * per language: typing in the search renders the rows, not these four controls (issue 11).
 */
export const HomeFilters = memo(function HomeFilters({
  levels,
  stages,
  overdueOnly,
  openProblemsOnly,
  setFilters,
}: Omit<ProjectFilters, 'search'> & { setFilters: (patch: Partial<ProjectFilters>) => void }) {
  const t = useT();
  const levelOptions = useMemo(() => ProjectLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) })), [t]);
  const stageOptions = useMemo(() => LIFE_CYCLE_STAGES.map((s: LifeCycleStage) => ({ value: s, label: t(`stage.${s}`) })), [t]);
  const filters = [
    { filter: 'levels', label: t('home.filter.level'), minWidth: 150, value: levels, options: levelOptions, testId: 'filter-level' },
    { filter: 'stages', label: t('home.filter.stage'), minWidth: 170, value: stages, options: stageOptions, testId: 'filter-stage' },
  ];
  // A Space of its own: the screen's Space sees this component as one item and would not space the four.
  return (
    <Space wrap>
      {filters.map(({ filter, ...props }) => (
        <MultiFilter<string> key={filter} {...props} onChange={(next) => setFilters({ [filter]: next })} />
      ))}
      <Checkbox data-testid="filter-overdue" checked={overdueOnly} onChange={(e) => setFilters({ overdueOnly: e.target.checked })}>
        {t('home.filter.overdue')}
      </Checkbox>
      <Checkbox data-testid="filter-open-problems" checked={openProblemsOnly} onChange={(e) => setFilters({ openProblemsOnly: e.target.checked })}>
        {t('home.filter.openProblems')}
      </Checkbox>
    </Space>
  );
});
