import { Alert, Button, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { BureauProjectPage } from '@shared/operations/bureau-project';
import { daysBetween, localDay } from '@shared/rules';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { DeskLocaleContext } from '../../store/desk-locale';
import { LoadFailed } from '../cells';
import { Points } from '../Points';
import { useBureau, useBureauFormat, useBureauT, useBureauZone } from '../store';
import { ChecklistSection } from './ChecklistSection';
import { InvestmentSection } from './InvestmentSection';
import { LightsSection } from './LightsSection';
import { ProblemsSection } from './ProblemsSection';
import { VisitsSection } from './VisitsSection';
import { WallChart } from './WallChart';

/**
 * The bureau's project page (项目页): everything received for one project, from one answer (bureau.projects.get).
 * Officer-owned records are only shown; the one action here is the bureau's own step on a problem. The officer's
 * read-only components drawn inside speak this desk's language and clock (DeskLocaleContext).
 */
export function ProjectPage() {
  const t = useBureauT();
  const page = useBureau((s) => s.projectPage);
  const error = useBureau((s) => s.projectPageError);
  const language = useBureau((s) => s.language);
  const timeZone = useBureauZone();
  const locale = useMemo(() => ({ language, timeZone }), [language, timeZone]);
  const { closeProjectPage, loadProjectPage } = useBureau.getState();
  useLoadOnOpen(loadProjectPage);

  const back = (
    <Button onClick={closeProjectPage} data-testid="bureau-project-back">
      ← {t('bureauProject.back')}
    </Button>
  );
  let body: React.ReactNode;
  if (error) body = <LoadFailed error={error} retry={() => void loadProjectPage()} />;
  else if (!page) body = <Spin data-testid="bureau-project-loading" />;
  else body = <PageBody page={page} />;
  return (
    <DeskLocaleContext.Provider value={locale}>
      <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 4 }} data-testid="bureau-project-page">
        {back}
        {body}
      </Space>
    </DeskLocaleContext.Provider>
  );
}

const LEVEL_COLOR = { provincial: 'volcano', municipal: 'gold', district: 'blue' } as const;

function PageBody({ page }: { page: BureauProjectPage }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const zone = useBureauZone();
  const p = page.project;
  const o = page.officer;
  const closed = page.checklist.filter((c) => c.closedOff).length;
  return (
    <>
      <Card size="small">
        <Space wrap align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="bureau-project-title">
            {p.name}
          </Typography.Title>
          <Tag color={LEVEL_COLOR[p.level]}>{t(`level.${p.level}`)}</Tag>
          <Tag color="purple">{t(`stage.${p.stage}`)}</Tag>
          <Typography.Text type="secondary">
            {p.code}
            {p.company ? ` · ${p.company}` : ''}
          </Typography.Text>
        </Space>
        <Descriptions size="small" column={4} style={{ marginTop: 12 }} data-testid="bureau-project-facts">
          <Descriptions.Item label={t('col.leader')}>{p.sponsoringLeader}</Descriptions.Item>
          <Descriptions.Item label={t('col.unit')}>{p.sponsoringUnit}</Descriptions.Item>
          <Descriptions.Item label={t('bureauProject.officer')}>
            {t('bureauProject.officerLine', { name: o.name, unit: o.unit, phone: o.phone })}
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauProject.lastPacket')}>
            {o.lastPacketAt ? localDay(o.lastPacketAt, zone) : <Typography.Text type="warning">{t('bureauProject.noPacket')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauDesk.projects.planned')}>{f.amount(p.annualPlannedInvestment)}</Descriptions.Item>
          <Descriptions.Item label={t('bureauDesk.projects.completed')}>
            <span data-testid="bureau-project-completed">{f.amount(p.progress.completed)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('col.completion')}>
            <span data-testid="bureau-project-completion">{f.percent(p.progress.completionPct)}</span>
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {t('bureauProject.asOf', { month: f.month(page.asOfMonth) })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauDesk.projects.ahead')}>
            <span data-testid="bureau-project-ahead">
              <Points value={p.progress.aheadPoints} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauProject.openProblems')}>{p.openProblems}</Descriptions.Item>
          <Descriptions.Item label={t('bureauProject.overdueItems')}>{p.overdueItems}</Descriptions.Item>
          <Descriptions.Item label={t('bureauProject.lastVisit')}>
            {p.lastVisitOn
              ? t('bureauProject.daysAgo', { date: f.date(p.lastVisitOn), days: daysBetween(p.lastVisitOn, page.referenceDay) })
              : t('bureauProject.noVisit')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <LightsSection page={page} />
      <Alert type="info" showIcon title={t('bureauProject.readOnly')} data-testid="bureau-project-read-only" />
      <Tabs
        data-testid="bureau-project-tabs"
        items={[
          { key: 'wall', label: t('bureauProject.tab.wallChart'), children: <WallChart milestones={page.milestones} today={page.referenceDay} /> },
          {
            key: 'checklist',
            label: t('bureauProject.tab.checklist', { closed, total: page.checklist.length }),
            children: <ChecklistSection items={page.checklist} />,
          },
          { key: 'visits', label: t('bureauProject.tab.visits', { count: page.visits.length }), children: <VisitsSection visits={page.visits} /> },
          { key: 'problems', label: t('bureauProject.tab.problems', { count: page.problems.length }), children: <ProblemsSection problems={page.problems} /> },
          { key: 'investment', label: t('bureauProject.tab.investment'), children: <InvestmentSection page={page} /> },
        ].map((tab) => ({ ...tab, label: <span data-testid={`bureau-project-tab-${tab.key}`}>{tab.label}</span> }))}
      />
    </>
  );
}
