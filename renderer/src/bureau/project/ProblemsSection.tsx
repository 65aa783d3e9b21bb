import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { BureauProblemView } from '@shared/operations/bureau';
import { allowedProblemActions } from '@shared/rules';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { ProblemTimeline } from '../../components/ProblemTimeline';
import { ProblemStepDialog } from '../ProblemStepDialog';
import { useBureau, useBureauFormat, useBureauT } from '../store';

/**
 * The project's problems of both origins, each with its whole timeline (the officer's component), and the bureau's
 * own closed-loop step (the problem ledger's dialog). A step refreshes this page through the store's views.
 */
export function ProblemsSection({ problems }: { problems: readonly BureauProblemView[] }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const [actingOn, setActingOn] = useState<string | null>(null);
  // The dialog shows the problem as the page holds it now (after a step, the reloaded one).
  const acting = useBureau((s) => s.projectPage?.problems.find((p) => p.id === actingOn) ?? null);
  if (problems.length === 0) return <Empty description={t('bureauProject.problems.none')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bureau-project-problems">
      {problems.map((p) => (
        <Card
          key={p.id}
          size="small"
          data-testid="bureau-project-problem"
          data-problem-id={p.id}
          title={
            <Space wrap>
              <ProblemStatusTag status={p.status} />
              <Tag>{t(`problem.category.${p.category}`)}</Tag>
              {p.overdue ? <Tag color="red">{t('bureauProject.problems.overdue')}</Tag> : null}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {[
                  p.currentDepartment ? t('bureauProject.problems.department', { name: p.currentDepartment }) : '',
                  p.dueOn ? t('bureauProject.problems.due', { date: f.date(p.dueOn) }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </Space>
          }
          extra={
            allowedProblemActions(p.status).length > 0 ? (
              <Button size="small" onClick={() => setActingOn(p.id)} data-testid="bureau-project-problem-step">
                {t('bureauProject.problems.step')}
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph style={{ marginBottom: 12 }}>{p.description}</Typography.Paragraph>
          <ProblemTimeline problem={p} />
        </Card>
      ))}
      <ProblemStepDialog problem={acting} onClose={() => setActingOn(null)} />
    </Space>
  );
}
