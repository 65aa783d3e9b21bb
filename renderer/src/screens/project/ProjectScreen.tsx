import { Button, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressTag } from '../../components/ProgressTag';
import { useDesk, useFormat, useT } from '../../store';
import { ChecklistTab } from './ChecklistTab';
import { InvestmentTab } from './InvestmentTab';
import { OverviewTab } from './OverviewTab';
import { ProblemsTab } from './ProblemsTab';
import { VisitsTab } from './VisitsTab';

export const PROJECT_TABS = ['overview', 'checklist', 'visits', 'problems', 'investment'] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];

export function ProjectScreen({ projectId, tab }: { projectId: string; tab: ProjectTab }) {
  const t = useT();
  const f = useFormat();
  const detail = useDesk((s) => s.detail);
  const error = useDesk((s) => s.detailError);
  const { loadDetail, navigate } = useDesk.getState();

  useEffect(() => {
    void loadDetail(projectId);
  }, [projectId, loadDetail]);

  const back = (
    <Button onClick={() => navigate({ screen: 'home' })} data-testid="back-home">
      ← {t('project.back')}
    </Button>
  );
  if (error)
    return (
      <Space orientation="vertical">
        {back}
        <ErrorNotice error={error} onRetry={() => void loadDetail(projectId)} />
      </Space>
    );
  if (!detail || detail.project.id !== projectId) return <Spin />;
  const p = detail.project;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Card>
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-title">
              {p.name}
            </Typography.Title>
            <Tag color="geekblue">{t(`level.${p.level}`)}</Tag>
            <Tag color="purple">{t(`stage.${p.stage}`)}</Tag>
          </Space>
          <Typography.Text type="secondary">
            {p.code} · {p.company}
          </Typography.Text>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('col.leader')}>{p.sponsoringLeader}</Descriptions.Item>
            <Descriptions.Item label={t('col.unit')}>{p.sponsoringUnit}</Descriptions.Item>
            <Descriptions.Item label={t('col.plan')}>{f.amount(p.annualPlannedInvestment)}</Descriptions.Item>
            <Descriptions.Item label={t('col.completed')}>{f.amount(p.progress.completed)}</Descriptions.Item>
            <Descriptions.Item label={t('col.completion')}>{f.percent(p.progress.completionPct)}</Descriptions.Item>
            <Descriptions.Item label={t('col.ahead')}>
              <ProgressTag points={p.progress.aheadPoints} />
            </Descriptions.Item>
          </Descriptions>
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ screen: 'project', projectId, tab: key as ProjectTab })}
        items={[
          { key: 'overview', label: t('project.tab.overview'), children: <OverviewTab detail={detail} /> },
          { key: 'checklist', label: t('project.tab.checklist'), children: <ChecklistTab detail={detail} /> },
          { key: 'visits', label: t('project.tab.visits'), children: <VisitsTab detail={detail} /> },
          { key: 'problems', label: t('project.tab.problems'), children: <ProblemsTab detail={detail} /> },
          { key: 'investment', label: t('project.tab.investment'), children: <InvestmentTab detail={detail} /> },
        ]}
      />
    </Space>
  );
}
