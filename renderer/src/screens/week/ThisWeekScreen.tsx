import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, type ReactNode } from 'react';
import type { WeekOverview } from '@shared/operations/week';
import { addDays } from '@shared/rules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDesk, useFormat, useT } from '../../store';
import type { ProjectTab } from '../project/ProjectScreen';

/** One line of a section: what, on which project, when; Enter or a click opens the project at the right tab. */
function Line({
  testId,
  projectName,
  projectCode,
  onOpen,
  title,
  detail,
  date,
  extra,
}: {
  testId: string;
  projectName: string;
  projectCode: string;
  onOpen: () => void;
  title: ReactNode;
  detail?: ReactNode;
  date: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div
      data-testid={testId}
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
      className="week-line"
      style={{ display: 'flex', gap: 12, padding: '8px 4px', borderBottom: '1px solid #f0f0f0', cursor: 'pointer', alignItems: 'flex-start' }}
    >
      <div style={{ flex: '0 0 auto', minWidth: 92, color: 'rgba(0,0,0,0.45)', fontSize: 12, paddingTop: 2 }}>{date}</div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <span>{title}</span>
          {extra}
        </div>
        {detail ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
            {detail}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} title={projectCode}>
          {projectName}
        </Typography.Text>
      </div>
    </div>
  );
}

function Section({ title, count, testId, children, empty }: { title: string; count: number; testId: string; children: ReactNode; empty: string }) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Space>
          {title}
          <Tag>{count}</Tag>
        </Space>
      }
      styles={{ body: { paddingTop: 0, paddingBottom: count > 0 ? 4 : 12 } }}
    >
      {count > 0 ? children : <Typography.Text type="secondary">{empty}</Typography.Text>}
    </Card>
  );
}

export function ThisWeekScreen() {
  const t = useT();
  const f = useFormat();
  const week = useDesk((s) => s.week);
  const error = useDesk((s) => s.weekError);
  const loadWeek = useDesk((s) => s.loadWeek);
  const navigate = useDesk((s) => s.navigate);

  useEffect(() => {
    void loadWeek();
  }, [loadWeek]);

  if (error) return <ErrorNotice error={error} onRetry={() => void loadWeek()} />;
  if (!week) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const open = (projectId: string, tab: ProjectTab) => () => navigate({ screen: 'project', projectId, tab });
  const isThisWeek = week.today >= week.weekStart && week.today <= week.weekEnd;
  const by = (name: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('week.by', { name })}
    </Typography.Text>
  );
  const late = (on: string, recordedAt: string) => {
    const entered = dayjs(recordedAt).format('YYYY-MM-DD');
    return entered !== on ? (
      <Tag color="default" style={{ fontSize: 11 }}>
        {t('week.enteredOn', { date: f.date(entered) })}
      </Tag>
    ) : null;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="week-screen">
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('week.title')}
        </Typography.Title>
        <Typography.Text strong data-testid="week-range">
          {t('week.range', { start: f.date(week.weekStart), end: f.date(week.weekEnd) })}
        </Typography.Text>
        <Space style={{ marginLeft: 'auto' }} wrap>
          <Button data-testid="week-prev" icon={<LeftOutlined />} onClick={() => void loadWeek(addDays(week.weekStart, -7))}>
            {t('week.prev')}
          </Button>
          <Button data-testid="week-this" disabled={isThisWeek} onClick={() => void loadWeek(null)}>
            {t('week.thisWeek')}
          </Button>
          <Button data-testid="week-next" onClick={() => void loadWeek(addDays(week.weekStart, 7))}>
            {t('week.next')} <RightOutlined />
          </Button>
          <DatePicker
            data-testid="week-pick"
            placeholder={t('week.pick')}
            aria-label={t('week.pick')}
            allowClear={false}
            value={dayjs(week.weekStart)}
            format={(d) => f.date(d.format('YYYY-MM-DD'))}
            onChange={(d) => d && void loadWeek(d.format('YYYY-MM-DD'))}
          />
        </Space>
      </div>
      <Alert type="info" showIcon title={t('week.preview')} />
      <Summary week={week} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('week.done')}
          </Typography.Title>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Section title={t('week.section.visits')} count={week.done.visits.length} testId="week-visits" empty={t('week.none')}>
              {week.done.visits.map((v) => (
                <Line
                  key={v.id}
                  testId="week-visit"
                  projectName={v.projectName}
                  projectCode={v.projectCode}
                  onOpen={open(v.projectId, 'visits')}
                  date={f.date(v.on)}
                  title={
                    <>
                      <Tag color="blue">{t(`week.visitKind.${v.kind}`)}</Tag>
                      {v.summary}
                    </>
                  }
                  extra={
                    <>
                      {late(v.on, v.recordedAt)}
                      {by(v.recordedBy)}
                    </>
                  }
                  detail={[v.findings, v.followUps].filter(Boolean).join('；')}
                />
              ))}
            </Section>
            <Section title={t('week.section.checklist')} count={week.done.checklist.length} testId="week-checklist" empty={t('week.none')}>
              {week.done.checklist.map((c) => (
                <Line
                  key={c.id}
                  testId="week-checklist-event"
                  projectName={c.projectName}
                  projectCode={c.projectCode}
                  onOpen={open(c.projectId, 'checklist')}
                  date={f.date(c.on)}
                  title={
                    <>
                      <Tag color={c.action === 'close_off' ? 'green' : 'orange'}>{t(`week.checklist.${c.action}`)}</Tag>
                      {c.itemTitle}
                    </>
                  }
                  extra={
                    <>
                      {late(c.on, c.recordedAt)}
                      {by(c.recordedBy)}
                    </>
                  }
                  detail={c.note}
                />
              ))}
            </Section>
            <Section title={t('week.section.problemsRaised')} count={week.done.problemsRaised.length} testId="week-problems-raised" empty={t('week.none')}>
              {week.done.problemsRaised.map((p) => (
                <Line
                  key={p.id}
                  testId="week-problem-raised"
                  projectName={p.projectName}
                  projectCode={p.projectCode}
                  onOpen={open(p.projectId, 'problems')}
                  date={f.date(p.on)}
                  title={
                    <>
                      <Tag>{t(`problem.category.${p.category}`)}</Tag>
                      {p.description}
                    </>
                  }
                  extra={
                    <>
                      <Tag color="processing">{t(`problem.status.${p.status}`)}</Tag>
                      {by(p.recordedBy)}
                    </>
                  }
                />
              ))}
            </Section>
            <Section title={t('week.section.problemSteps')} count={week.done.problemSteps.length} testId="week-problem-steps" empty={t('week.none')}>
              {week.done.problemSteps.map((s) => (
                <Line
                  key={s.id}
                  testId="week-problem-step"
                  projectName={s.projectName}
                  projectCode={s.projectCode}
                  onOpen={open(s.projectId, 'problems')}
                  date={f.date(s.on)}
                  title={
                    <>
                      <Tag color="purple">{t(`week.step.${s.action}`, { department: s.department ?? '' })}</Tag>
                      {s.description}
                    </>
                  }
                  extra={
                    <>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('week.statusAfter', { status: t(`problem.status.${s.statusAfter}`) })}
                      </Typography.Text>
                      {by(s.by)}
                    </>
                  }
                  detail={[s.resolution, s.note].filter(Boolean).join('；')}
                />
              ))}
            </Section>
            <Section title={t('week.section.investment')} count={week.done.investment.length} testId="week-investment" empty={t('week.none')}>
              {week.done.investment.map((e) => (
                <Line
                  key={e.id}
                  testId="week-investment-entry"
                  projectName={e.projectName}
                  projectCode={e.projectCode}
                  onOpen={open(e.projectId, 'investment')}
                  date={f.date(e.on)}
                  title={t('week.investment.entry', { month: f.month(e.month), amount: f.amount(e.amount) })}
                  extra={
                    <>
                      {e.previousAmount !== null ? <Tag color="orange">{t('week.investment.correction', { previous: f.amount(e.previousAmount) })}</Tag> : null}
                      {by(e.recordedBy)}
                    </>
                  }
                />
              ))}
            </Section>
            <Section title={t('week.section.milestones')} count={week.done.milestones.length} testId="week-milestones" empty={t('week.none')}>
              {week.done.milestones.map((m) => (
                <Line
                  key={m.id}
                  testId="week-milestone"
                  projectName={m.projectName}
                  projectCode={m.projectCode}
                  onOpen={open(m.projectId, 'overview')}
                  date={f.date(m.on)}
                  title={m.milestoneTitle}
                  extra={
                    <>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('week.milestone.reached', { date: f.date(m.on), planned: f.date(m.plannedOn) })}
                      </Typography.Text>
                      {late(m.on, m.recordedAt)}
                    </>
                  }
                  detail={m.note}
                />
              ))}
            </Section>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('week.dueNext', { end: f.date(week.nextWeekEnd) })}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>
              {t('week.asOf', { date: f.date(week.asOf) })}
            </Typography.Text>
          </Typography.Title>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Section title={t('week.section.dueChecklist')} count={week.due.checklist.length} testId="week-due-checklist" empty={t('week.noneDue')}>
              {week.due.checklist.map((d) => (
                <Line
                  key={d.itemId}
                  testId="week-due-item"
                  projectName={d.projectName}
                  projectCode={d.projectCode}
                  onOpen={open(d.projectId, 'checklist')}
                  date={<span style={d.overdue ? { color: '#cf1322' } : undefined}>{t('week.dueOn', { date: f.date(d.dueOn) })}</span>}
                  title={d.title}
                  extra={
                    <>
                      <Tag>{t(`stage.${d.stage}`)}</Tag>
                      {d.overdue ? <Tag color="red">{t('week.overdueDays', { days: d.daysOverdue })}</Tag> : null}
                    </>
                  }
                />
              ))}
            </Section>
            <Section title={t('week.section.dueProblems')} count={week.due.problems.length} testId="week-due-problems" empty={t('week.noneDue')}>
              {week.due.problems.map((d) => (
                <Line
                  key={d.problemId}
                  testId="week-due-problem"
                  projectName={d.projectName}
                  projectCode={d.projectCode}
                  onOpen={open(d.projectId, 'problems')}
                  date={<span style={d.overdue ? { color: '#cf1322' } : undefined}>{t('week.dueOn', { date: f.date(d.dueOn) })}</span>}
                  title={
                    <>
                      <Tag>{t(`problem.category.${d.category}`)}</Tag>
                      {d.description}
                    </>
                  }
                  extra={
                    <>
                      <Tag color="processing">{t(`problem.status.${d.status}`)}</Tag>
                      {d.overdue ? <Tag color="red">{t('week.overdueDays', { days: d.daysOverdue })}</Tag> : null}
                    </>
                  }
                  detail={d.currentDepartment}
                />
              ))}
            </Section>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function Summary({ week }: { week: WeekOverview }) {
  const t = useT();
  const c = week.counts;
  const items: { key: string; title: string; value: number; danger?: boolean }[] = [
    { key: 'visits', title: t('week.count.visits'), value: c.visits },
    { key: 'closeOffs', title: t('week.count.closeOffs'), value: c.closeOffs },
    { key: 'problemsRaised', title: t('week.count.problemsRaised'), value: c.problemsRaised },
    { key: 'problemSteps', title: t('week.count.problemSteps'), value: c.problemSteps },
    { key: 'investment', title: t('week.count.investment'), value: c.investment },
    { key: 'milestones', title: t('week.count.milestones'), value: c.milestones },
    { key: 'due', title: t('week.count.due'), value: c.dueChecklist + c.dueProblems },
    { key: 'overdue', title: t('week.count.overdue'), value: c.overdue, danger: c.overdue > 0 },
  ];
  if (items.every((i) => i.value === 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Row gutter={[12, 12]} data-testid="week-counts">
      {items.map((i) => (
        <Col key={i.key} xs={12} md={6} lg={3}>
          <Card size="small">
            <Statistic title={i.title} value={i.value} styles={{ content: i.danger ? { color: '#cf1322' } : undefined }} data-testid={`week-count-${i.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
