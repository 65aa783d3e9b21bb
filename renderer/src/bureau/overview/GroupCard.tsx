import { Card, Space, Statistic, Typography } from 'antd';
import { Points } from '../Points';
import { useBureauFormat, useBureauT, type DistrictSummary } from '../store';
import { FigureLink, LinkedFigures } from './FigureLink';

export type GroupKey = 'all' | 'provincialAndMunicipal' | 'district';
export const GROUPS: readonly GroupKey[] = ['all', 'provincialAndMunicipal', 'district'];

/** One group's completion and points ahead; its projects, and those ahead and behind, link to the table. */
export function GroupCard({ summary, group }: { summary: DistrictSummary; group: GroupKey }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const g = summary.investment[group];
  const scope = { kind: group };
  return (
    <Card size="small" title={t(`bureauDesk.overview.group.${group}`)} data-testid={`bureau-group-${group}`} style={{ height: '100%' }}>
      <Space size={24} align="start" wrap>
        <Statistic
          title={t('bureauDesk.overview.completion')}
          value={f.percent(g.completionPct)}
          valueRender={(v) => <span data-testid="group-completion">{v}</span>}
        />
        <Statistic
          title={t('bureauDesk.overview.aheadShort')}
          value={g.aheadPoints ?? '—'}
          suffix={<span style={{ fontSize: 14 }}>{t('bureauDesk.overview.pointsUnit')}</span>}
          valueRender={() => (
            <span data-testid="group-ahead">
              <Points value={g.aheadPoints} large />
            </span>
          )}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {`${t('bureauDesk.overview.col.projects')} `}
        <FigureLink scope={scope} figure="projects" testId="group-projects">
          {g.projects}
        </FigureLink>
        <br />
        <LinkedFigures
          message="bureauDesk.overview.projectsAheadBehind"
          scope={scope}
          links={{ ahead: ['ahead', g.projectsAhead, 'group-projects-ahead'], behind: ['behind', g.projectsBehind, 'group-projects-behind'] }}
        />
        <br />
        {t('bureauDesk.overview.completedOfPlan', { completed: f.amount(g.completed), planned: f.amount(g.planned) })}
      </Typography.Paragraph>
    </Card>
  );
}
