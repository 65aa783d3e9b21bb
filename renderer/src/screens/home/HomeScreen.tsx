import { Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo } from 'react';
import { LIFE_CYCLE_STAGES, ProjectLevel } from '../../../../shared/domain';
import type { ProjectSummary } from '../../../../shared/operations';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressTag } from '../../components/ProgressTag';
import { useDesk, useFormat, useT } from '../../store';
import { filterProjects } from '../../store/slices/projects-slice';
import { portfolioTotals } from './portfolio-totals';

const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
const byNullableNumber = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

export function HomeScreen() {
  const t = useT();
  const f = useFormat();
  const projects = useDesk((s) => s.projects);
  const error = useDesk((s) => s.projectsError);
  const filters = useDesk((s) => s.filters);
  const setFilters = useDesk((s) => s.setFilters);
  const loadProjects = useDesk((s) => s.loadProjects);
  const navigate = useDesk((s) => s.navigate);

  useEffect(() => {
    void loadProjects();
  }, [loadProjects]);

  const rows = useMemo(() => filterProjects(projects ?? [], filters), [projects, filters]);
  const totals = useMemo(() => portfolioTotals(rows), [rows]);

  const columns: ColumnsType<ProjectSummary> = [
    { title: t('col.code'), dataIndex: 'code', width: 120, sorter: (a, b) => byText(a.code, b.code) },
    {
      title: t('col.name'),
      dataIndex: 'name',
      width: 240,
      sorter: (a, b) => byText(a.name, b.name),
      render: (name: string, p) => (
        <div>
          <Typography.Link data-testid="project-link">{name}</Typography.Link>
          <div style={{ fontSize: 12, color: '#888' }}>{p.company}</div>
        </div>
      ),
    },
    { title: t('col.level'), dataIndex: 'level', width: 80, sorter: (a, b) => byText(a.level, b.level), render: (v: string) => t(`level.${v}` as never) },
    { title: t('col.stage'), dataIndex: 'stage', width: 110, sorter: (a, b) => LIFE_CYCLE_STAGES.indexOf(a.stage) - LIFE_CYCLE_STAGES.indexOf(b.stage), render: (v: string) => t(`stage.${v}` as never) },
    { title: t('col.leader'), dataIndex: 'sponsoringLeader', width: 100, sorter: (a, b) => byText(a.sponsoringLeader, b.sponsoringLeader) },
    { title: t('col.unit'), dataIndex: 'sponsoringUnit', width: 150, sorter: (a, b) => byText(a.sponsoringUnit, b.sponsoringUnit) },
    {
      title: t('col.completion'),
      key: 'completion',
      width: 120,
      align: 'right',
      sorter: (a, b) => byNullableNumber(a.progress.completionPct, b.progress.completionPct),
      render: (_, p) => f.percent(p.progress.completionPct),
    },
    {
      title: t('col.ahead'),
      key: 'ahead',
      width: 160,
      sorter: (a, b) => byNullableNumber(a.progress.aheadPoints, b.progress.aheadPoints),
      render: (_, p) => <ProgressTag points={p.progress.aheadPoints} />,
    },
    { title: t('col.openProblems'), dataIndex: 'openProblems', width: 100, align: 'right', sorter: (a, b) => a.openProblems - b.openProblems },
    {
      title: t('col.overdue'),
      dataIndex: 'overdueItems',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.overdueItems - b.overdueItems,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('col.lastVisit'),
      dataIndex: 'daysSinceLastVisit',
      width: 110,
      align: 'right',
      sorter: (a, b) => byNullableNumber(a.daysSinceLastVisit, b.daysSinceLastVisit),
      render: (d: number | null) => (d === null ? t('days.never') : t('days.count', { days: d })),
    },
  ];

  if (error) return <ErrorNotice error={error} onRetry={() => void loadProjects()} />;

  const asOf = projects?.[0]?.progress;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('home.title')}
        </Typography.Title>
        {asOf ? (
          <Typography.Text type="secondary">
            {t('home.asOf', { month: f.month(asOf.asOfMonth), pct: f.percent(asOf.timeProportionalPct) })}
          </Typography.Text>
        ) : null}
      </div>
      <Space wrap>
        <Input.Search
          data-testid="project-search"
          allowClear
          placeholder={t('home.search')}
          style={{ width: 320 }}
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('home.filter.level')}
          style={{ minWidth: 160 }}
          value={filters.levels}
          onChange={(levels) => setFilters({ levels })}
          options={ProjectLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('home.filter.stage')}
          style={{ minWidth: 180 }}
          value={filters.stages}
          onChange={(stages) => setFilters({ stages })}
          options={LIFE_CYCLE_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
        <Checkbox checked={filters.overdueOnly} onChange={(e) => setFilters({ overdueOnly: e.target.checked })}>
          {t('home.filter.overdue')}
        </Checkbox>
        <Checkbox checked={filters.openProblemsOnly} onChange={(e) => setFilters({ openProblemsOnly: e.target.checked })}>
          {t('home.filter.openProblems')}
        </Checkbox>
      </Space>
      <Table<ProjectSummary>
        data-testid="project-table"
        rowKey="id"
        size="middle"
        loading={projects === null}
        columns={columns}
        dataSource={rows}
        pagination={false}
        virtual
        scroll={{ x: 1500, y: 560 }}
        locale={{ emptyText: t('home.empty') }}
        onRow={(p) => ({ onClick: () => navigate({ screen: 'project', projectId: p.id }), style: { cursor: 'pointer' } })}
        summary={() =>
          rows.length > 0 ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={6}>
                  <strong>{t('home.totals', { count: rows.length })}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <span data-testid="total-completion">{f.percent(totals.completionPct)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7}>
                  <ProgressTag points={totals.aheadPoints} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {totals.openProblems}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {totals.overdueItems}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={10} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </Space>
  );
}
