import { Button, Checkbox, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { ProblemStatus, type Origin } from '@shared/domain';
import type { BureauProblemView } from '@shared/operations/bureau';
import { daysOverdue, isProblemOpen, localDay } from '@shared/rules';
import { useWindowHeight } from '../components/keyboard';
import { LONG_TABLE } from '../components/long-table';
import { MultiFilter } from '../components/MultiFilter';
import { useFillHeight } from '../screens/home/use-fill-height';
import { Clipped, LoadFailed } from './cells';
import { ScopeTag, useScopedRows } from './overview/row-scope';
import { ProblemStepDialog } from './ProblemStepDialog';
import { RaiseProblemDialog } from './RaiseProblemDialog';
import { useBureau, useBureauFormat, useBureauT, useBureauZone } from './store';
import { useLoadOnOpen } from '../components/use-load-on-open';
import { useShallow } from 'zustand/react/shallow';

const STATUS_COLOR: Record<ProblemStatus, string> = { raised: 'orange', dispatched: 'gold', in_progress: 'blue', resolved: 'cyan', closed: 'green' };
/** Widths that fit a 1440 px window beside the menu (1192 px); narrower windows scroll with the project fixed. */
const WIDTH = { project: 210, description: 240, status: 104, origin: 88, department: 140, leader: 96, dueOn: 136, overdue: 88, step: 80 };

/** 问题台账: every problem of the district, its state and who holds it, and the bureau's steps of the closed loop. */
export function ProblemsScreen() {
  const t = useBureauT();
  const f = useBureauFormat();
  const {
    problems,
    problemsError: error,
    problemFilters: filters,
    problemScope: scope,
  } = useBureau(useShallow((s) => ({ problems: s.problems, problemsError: s.problemsError, problemFilters: s.problemFilters, problemScope: s.problemScope })));
  const timeZone = useBureauZone();
  const { loadProblems, setProblemFilters, showProblems } = useBureau.getState();
  const [actingOn, setActingOn] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const fill = useFillHeight(useWindowHeight());
  useLoadOnOpen(loadProblems);

  // Overdue days counted to today on the district's calendar (the same day the desk judged `overdue` on).
  const today = localDay(new Date().toISOString(), timeZone);
  const scoped = useScopedRows(problems, scope);
  const rows = useMemo(() => scoped.filter((p) => filters.statuses.length === 0 || filters.statuses.includes(p.status)), [scoped, filters.statuses]);
  const acting = (actingOn && problems?.find((p) => p.id === actingOn)) || null;

  const columns = useMemo<ColumnsType<BureauProblemView>>(
    () => [
      {
        title: t('problem.field.project'),
        key: 'project',
        width: WIDTH.project,
        fixed: 'left',
        render: (_, p) => <Clipped text={p.projectName} secondary={`${p.projectCode} · ${p.officerName}`} />,
      },
      {
        title: t('problem.field.description'),
        key: 'description',
        width: WIDTH.description,
        render: (_, p) => <Clipped text={p.description} secondary={t(`problem.category.${p.category}`)} />,
      },
      {
        title: t('problem.field.status'),
        key: 'status',
        width: WIDTH.status,
        render: (_, p) => (
          <Tag color={STATUS_COLOR[p.status]} data-testid="problem-status" data-status={p.status}>
            {t(`problem.status.${p.status}`)}
          </Tag>
        ),
      },
      { title: t('bureauDesk.problems.origin'), key: 'origin', width: WIDTH.origin, render: (_, p) => t(`bureauDesk.problems.origin.${p.origin}`) },
      { title: t('problem.field.department'), key: 'department', width: WIDTH.department, render: (_, p) => <Clipped text={p.currentDepartment || '—'} /> },
      { title: t('problem.field.leader'), key: 'leader', width: WIDTH.leader, render: (_, p) => <Clipped text={p.coordinatingLeader || '—'} /> },
      { title: t('problem.field.dueOn'), key: 'dueOn', width: WIDTH.dueOn, render: (_, p) => f.date(p.dueOn) },
      {
        title: t('bureauDesk.problems.overdueDays'),
        key: 'overdue',
        width: WIDTH.overdue,
        align: 'right',
        render: (_, p) => {
          const days = p.overdue ? daysOverdue(p.dueOn, isProblemOpen(p.status), today) : 0;
          return days > 0 ? (
            <Typography.Text type="danger" strong data-testid="overdue-days">
              {t('bureauDesk.problems.days', { days })}
            </Typography.Text>
          ) : (
            '—'
          );
        },
      },
      {
        title: '',
        key: 'step',
        width: WIDTH.step,
        fixed: 'right',
        render: (_, p) => (
          <Button size="small" data-testid="problem-step-open" onClick={() => setActingOn(p.id)}>
            {t('bureauDesk.problems.act')}
          </Button>
        ),
      },
    ],
    [t, f, today],
  );

  if (error) return <LoadFailed error={error} retry={() => void loadProblems()} />;
  const open = rows.filter((p) => isProblemOpen(p.status)).length;
  const overdue = rows.filter((p) => p.overdue).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bureau-problems-screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 4 }} align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('bureauDesk.nav.problems')}
        </Typography.Title>
        <Button type="primary" data-testid="raise-problem" onClick={() => setRaising(true)}>
          {t('bureauDesk.problems.raise')}
        </Button>
      </Space>
      <Space wrap>
        <Checkbox data-testid="filter-open-only" checked={filters.openOnly} onChange={(e) => setProblemFilters({ openOnly: e.target.checked })}>
          {t('bureauDesk.problems.openOnly')}
        </Checkbox>
        <Segmented<Origin | 'all'>
          data-testid="filter-origin"
          value={filters.origin ?? 'all'}
          onChange={(v) => setProblemFilters({ origin: v === 'all' ? null : v })}
          options={[
            { value: 'all', label: t('bureauDesk.problems.origin.all') },
            { value: 'officer', label: t('bureauDesk.problems.origin.officer') },
            { value: 'bureau', label: t('bureauDesk.problems.origin.bureau') },
          ]}
        />
        <MultiFilter<ProblemStatus>
          label={t('problem.field.status')}
          minWidth={160}
          compact
          testId="filter-status"
          value={filters.statuses}
          onChange={(statuses) => setProblemFilters({ statuses })}
          options={ProblemStatus.options.map((s) => ({ value: s, label: t(`problem.status.${s}`) }))}
        />
        <ScopeTag scope={scope} onClose={() => showProblems(null)} testId="problem-scope" />
        <Typography.Text type="secondary" data-testid="problem-count">
          {t('bureauDesk.problems.count', { total: rows.length, open, overdue })}
        </Typography.Text>
      </Space>
      <div ref={fill.ref}>
        <Table<BureauProblemView>
          {...LONG_TABLE}
          data-testid="bureau-problem-table"
          loading={problems === null}
          columns={columns}
          dataSource={rows}
          scroll={{ x: Object.values(WIDTH).reduce((a, b) => a + b, 0), y: fill.height }}
          locale={{ emptyText: t('bureauDesk.problems.empty') }}
          onRow={(p) => ({ 'data-testid': 'bureau-problem-row', 'data-problem-id': p.id }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
      <ProblemStepDialog problem={acting} onClose={() => setActingOn(null)} />
      <RaiseProblemDialog open={raising} onClose={() => setRaising(false)} />
    </Space>
  );
}
