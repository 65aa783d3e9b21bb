import { Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { MilestoneKind } from '@shared/domain';
import type { MilestoneView, ProjectDetail } from '@shared/operations';
import { daysBetween } from '@shared/rules';
import { useDateTime } from '../../components/date-time';
import { MilestoneReportModal } from '../../components/MilestoneReportModal';
import { useFormat, useT } from '../../store';
import { useToday } from '../../components/today';

const KEY_KINDS = ['statistics_enrolment', 'production_start'] as const satisfies readonly MilestoneKind[];

function byPlan(a: MilestoneView, b: MilestoneView): number {
  return a.plannedOn.localeCompare(b.plannedOn) || a.sortOrder - b.sortOrder;
}

/** Facts and the wall chart (挂图作战): milestones planned against reached, in date order, with today among them. */
export function OverviewTab({ detail }: { detail: ProjectDetail }) {
  const t = useT();
  const f = useFormat();
  const today = useToday();
  const [reporting, setReporting] = useState<string | null>(null);
  const p = detail.project;
  const milestones = useMemo(() => [...detail.milestones].sort(byPlan), [detail.milestones]);
  const reportingOn = milestones.find((m) => m.id === reporting) ?? null;

  // Today sits after every milestone planned up to today and before the first one planned later.
  const todayIndex = milestones.findIndex((m) => m.plannedOn > today);
  const position = todayIndex === -1 ? milestones.length : todayIndex;
  const todayItem = {
    key: 'today',
    color: 'red',
    content: (
      <div data-testid="today-marker" style={{ borderTop: '2px dashed #ff4d4f', paddingTop: 2, marginTop: 6 }}>
        <Typography.Text strong type="danger">
          {t('milestone.today', { date: f.date(today) })}
        </Typography.Text>
      </div>
    ),
  };
  const items = milestones.map((m) => ({
    key: m.id,
    color: m.reachedOn ? (daysBetween(m.plannedOn, m.reachedOn) > 0 ? 'orange' : 'green') : m.plannedOn < today ? 'red' : 'gray',
    content: <MilestoneItem milestone={m} today={today} onReport={() => setReporting(m.id)} />,
  }));
  items.splice(position, 0, todayItem);

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('project.facts')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('project.industry')}>{p.industry || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('project.location')}>{p.location || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('project.totalInvestment')}>{p.totalInvestment === null ? '—' : f.amount(p.totalInvestment)}</Descriptions.Item>
              <Descriptions.Item label={t('project.planYear')}>{p.planYear}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('milestone.status.title')} size="small" data-testid="key-milestones">
            <Descriptions column={1} size="small">
              {KEY_KINDS.map((kind) => (
                <Descriptions.Item key={kind} label={t(`milestone.status.${kind}`)}>
                  <KeyStatus milestone={milestones.find((m) => m.kind === kind)} today={today} kind={kind} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('project.milestones')} size="small">
          {milestones.length === 0 ? <Empty description={t('milestone.none')} /> : <Timeline data-testid="wall-chart" items={items} />}
        </Card>
      </Col>
      <MilestoneReportModal milestone={reportingOn} onClose={() => setReporting(null)} />
    </Row>
  );
}

/** Reached on time / early / late, or still open: overdue or due in N days. */
function Lateness({ milestone: m, today }: { milestone: MilestoneView; today: string }) {
  const t = useT();
  if (m.reachedOn) {
    const late = daysBetween(m.plannedOn, m.reachedOn);
    if (late > 0)
      return (
        <Tag color="orange" data-testid="milestone-late">
          {t('milestone.late', { days: late })}
        </Tag>
      );
    if (late < 0) return <Tag color="green">{t('milestone.early', { days: -late })}</Tag>;
    return <Tag color="green">{t('milestone.onTime')}</Tag>;
  }
  const left = daysBetween(today, m.plannedOn);
  if (left < 0)
    return (
      <Tag color="red" data-testid="milestone-overdue">
        {t('milestone.overdue', { days: -left })}
      </Tag>
    );
  if (left === 0) return <Tag color="gold">{t('milestone.dueToday')}</Tag>;
  return <Tag>{t('milestone.dueIn', { days: left })}</Tag>;
}

function MilestoneItem({ milestone: m, today, onReport }: { milestone: MilestoneView; today: string; onReport(): void }) {
  const t = useT();
  const f = useFormat();
  const when = useDateTime();
  return (
    <div data-testid="milestone" data-milestone-id={m.id} data-kind={m.kind}>
      <Space wrap size={6}>
        <Typography.Text strong>{m.title}</Typography.Text>
        <Lateness milestone={m} today={today} />
      </Space>
      <div>
        <Typography.Text type="secondary">{t('milestone.planned', { date: f.date(m.plannedOn) })}</Typography.Text>
        {' · '}
        {m.reachedOn ? (
          <Typography.Text type="success" data-testid="milestone-actual">
            {t('milestone.actual', { date: f.date(m.reachedOn) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('milestone.pending')}</Typography.Text>
        )}
        <Button size="small" type="link" onClick={onReport} data-testid="milestone-report">
          {m.reachedOn ? t('milestone.correct') : t('milestone.report')}
        </Button>
      </div>
      {m.reports.length > 0 ? (
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }} data-testid="milestone-reports">
          {[...m.reports].reverse().map((r, i) => (
            <div key={r.id} style={i > 0 ? { textDecoration: 'line-through' } : undefined}>
              {t('milestone.history.entry', { date: f.date(r.reachedOn), by: r.recordedBy, when: when(r.recordedAt) })}
              {r.note ? ` — ${r.note}` : ''}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** Statistics enrolment and production start as the bureau watches them. */
function KeyStatus({ milestone: m, today, kind }: { milestone: MilestoneView | undefined; today: string; kind: MilestoneKind }) {
  const t = useT();
  const f = useFormat();
  if (!m) return <Typography.Text type="secondary">{t('milestone.status.none')}</Typography.Text>;
  const content = m.reachedOn ? (
    <Tag color="green">{t('milestone.status.reached', { date: f.date(m.reachedOn) })}</Tag>
  ) : m.plannedOn < today ? (
    <Tag color="red">{t('milestone.status.overdue', { date: f.date(m.plannedOn) })}</Tag>
  ) : (
    <Tag>{t('milestone.status.pending', { date: f.date(m.plannedOn) })}</Tag>
  );
  return (
    <span data-testid={`key-status-${kind}`} data-reached={m.reachedOn ? 'true' : 'false'}>
      {content}
    </span>
  );
}
