import { Checkbox, Select, Space } from 'antd';
import { memo, useMemo } from 'react';
import { LIFE_CYCLE_STAGES, ProjectLevel, type LifeCycleStage } from '@shared/domain';
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
  // A Space of its own: the screen's Space sees this component as one item and would not space the four.
  return (
    <Space wrap>
      <Select
        data-testid="filter-level"
        mode="multiple"
        allowClear
        placeholder={t('home.filter.level')}
        aria-label={t('home.filter.level')}
        style={{ minWidth: 150 }}
        value={levels}
        onChange={(next) => setFilters({ levels: next })}
        options={levelOptions}
      />
      <Select
        data-testid="filter-stage"
        mode="multiple"
        allowClear
        placeholder={t('home.filter.stage')}
        aria-label={t('home.filter.stage')}
        style={{ minWidth: 170 }}
        value={stages}
        onChange={(next) => setFilters({ stages: next })}
        options={stageOptions}
      />
      <Checkbox data-testid="filter-overdue" checked={overdueOnly} onChange={(e) => setFilters({ overdueOnly: e.target.checked })}>
        {t('home.filter.overdue')}
      </Checkbox>
      <Checkbox data-testid="filter-open-problems" checked={openProblemsOnly} onChange={(e) => setFilters({ openProblemsOnly: e.target.checked })}>
        {t('home.filter.openProblems')}
      </Checkbox>
    </Space>
  );
});
