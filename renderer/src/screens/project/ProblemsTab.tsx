import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ProblemAction } from '@shared/domain';
import type { ProblemView, ProjectDetail } from '@shared/operations';
import { allowedProblemActions, daysOverdue, isProblemOpen } from '@shared/rules';
import { ProblemActionModal } from '../../components/ProblemActionModal';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { ProblemTimeline } from '../../components/ProblemTimeline';
import { RaiseProblemModal } from '../../components/RaiseProblemModal';
import { useDesk, useFormat, useT } from '../../store';

const STATUS_ORDER = { raised: 0, dispatched: 1, in_progress: 2, resolved: 3, closed: 4 } as const;

/** Open problems first (overdue, then by due date), closed ones last; a closed problem stays visible. */
function ordered(problems: readonly ProblemView[]): ProblemView[] {
  return [...problems].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(a.status === 'closed') - Number(b.status === 'closed') ||
      (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      b.recordedAt.localeCompare(a.recordedAt),
  );
}

/** The problems of one project and the closed loop: raise, dispatch, coordinate, resolve, verify and close, reopen. */
export function ProblemsTab({ detail }: { detail: ProjectDetail }) {
  const t = useT();
  const [raising, setRaising] = useState(false);
  const [acting, setActing] = useState<{ problemId: string; action: ProblemAction } | null>(null);
  const problems = useMemo(() => ordered(detail.problems), [detail.problems]);
  const open = problems.filter((p) => isProblemOpen(p.status)).length;
  const actingOn = acting ? (detail.problems.find((p) => p.id === acting.problemId) ?? null) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="problems-tab">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text type="secondary" data-testid="problems-count">
          {t('problem.tab.count', { total: problems.length, open })}
        </Typography.Text>
        <Button type="primary" onClick={() => setRaising(true)} data-testid="raise-problem">
          + {t('problem.action.raise')}
        </Button>
      </div>
      {problems.length === 0 ? <Empty description={t('problem.tab.empty')} /> : null}
      {problems.map((p) => (
        <ProblemCard key={p.id} problem={p} onAct={(action) => setActing({ problemId: p.id, action })} />
      ))}
      <RaiseProblemModal projectId={detail.project.id} open={raising} onClose={() => setRaising(false)} />
      <ProblemActionModal problem={actingOn} action={acting?.action ?? null} onClose={() => setActing(null)} />
    </Space>
  );
}

function ProblemCard({ problem: p, onAct }: { problem: ProblemView; onAct(action: ProblemAction): void }) {
  const t = useT();
  const f = useFormat();
  const today = useDesk((s) => s.info?.today ?? '');
  const actions = allowedProblemActions(p.status);
  const late = daysOverdue(p.dueOn, p.overdue, today);

  return (
    <Card
      size="small"
      data-testid="problem-card"
      data-problem-id={p.id}
      style={p.overdue ? { borderColor: '#ff7875' } : undefined}
      title={
        <Space wrap size={6} style={{ whiteSpace: 'normal', fontWeight: 'normal' }}>
          <ProblemStatusTag status={p.status} />
          <Tag>{t(`problem.category.${p.category}`)}</Tag>
          <Typography.Text strong data-testid="problem-description">
            {p.description}
          </Typography.Text>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label={t('problem.field.currentDepartment')}>
          <span data-testid="problem-department">{p.currentDepartment || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('problem.field.leader')}>{p.coordinatingLeader || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('problem.field.dueOn')}>
          {p.dueOn ? (
            <Space size={4}>
              <Typography.Text type={p.overdue ? 'danger' : undefined}>{f.date(p.dueOn)}</Typography.Text>
              {p.overdue ? (
                <Tag color="red" data-testid="problem-overdue">
                  {t('problem.overdue', { days: late })}
                </Tag>
              ) : null}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('problem.dueNone')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('problem.field.raised')}>{t('problem.raisedBy', { by: p.raisedBy, date: f.date(p.raisedOn) })}</Descriptions.Item>
        {p.resolution ? (
          <Descriptions.Item label={t('problem.field.resolution')} span={4}>
            <span data-testid="problem-resolution">{p.resolution}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', marginTop: 8 }}>
        <div style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('problem.timeline')}
          </Typography.Text>
          <ProblemTimeline problem={p} />
        </div>
        <Space wrap align="start" style={{ flex: '0 1 auto' }}>
          {actions.map((action) => (
            <Button
              key={action}
              type={action === 'note' ? 'default' : 'primary'}
              ghost={action !== 'note'}
              danger={action === 'reopen'}
              onClick={() => onAct(action)}
              data-testid={`act-${action}`}
            >
              {t(`problem.action.${action}`)}
            </Button>
          ))}
        </Space>
      </div>
    </Card>
  );
}
