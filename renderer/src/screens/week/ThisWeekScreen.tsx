import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Fragment, type ReactNode } from 'react';
import type { WeekOverview } from '@shared/operations/week';
import { addDays } from '@shared/rules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { TitleRow } from '../../components/ScreenTitle';
import { useDesk, useFormat, useT } from '../../store';
import type { ProjectTab } from '../project/ProjectScreen';
import { useLoadOnOpen } from '../../components/use-load-on-open';

/** The sections of the week: what was done, then what falls due; each has its words (week.section.*) and test id. */
type Done = WeekOverview['done'];
type Due = WeekOverview['due'];
type SectionKey = 'visits' | 'checklist' | 'problemsRaised' | 'problemSteps' | 'investment' | 'milestones' | 'dueChecklist' | 'dueProblems';
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Which project a record is about (every line of the week names one). */
interface ProjectRecord {
  projectId: string;
  projectName: string;
  projectCode: string;
}

/**
 * What one line of a section shows: when, a tag, what, what else (who, entered late, …) and a detail line. A record
 * of what was done brings its own key and day (id, on); one that falls due names them.
 */
interface LineParts {
  key?: string;
  date?: ReactNode;
  tag?: ReactNode;
  title: ReactNode;
  extra?: ReactNode[];
  detail?: ReactNode;
}

/** One line of a section: what, on which project, when; Enter or a click opens the project at the right tab. */
function Line({ testId, record, parts, onOpen }: { testId: string; record: ProjectRecord; parts: LineParts; onOpen: () => void }) {
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
      <div style={{ flex: '0 0 auto', minWidth: 92, color: 'rgba(0,0,0,0.45)', fontSize: 12, paddingTop: 2 }}>{parts.date}</div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <span>
            {parts.tag}
            {parts.title}
          </span>
          {parts.extra?.map((node, i) => (
            <Fragment key={i}>{node}</Fragment>
          ))}
        </div>
        {parts.detail ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
            {parts.detail}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} title={record.projectCode}>
          {record.projectName}
        </Typography.Text>
      </div>
    </div>
  );
}

/** A section of the week: its records as lines, each opening its project at `tab`; `empty` when there are none. */
function RecordSection<R extends ProjectRecord>(props: {
  title: string;
  rows: R[];
  testId: string;
  lineTestId: string;
  tab: ProjectTab;
  empty: string;
  line: (record: R) => LineParts;
}) {
  const navigate = useDesk((s) => s.navigate);
  const f = useFormat();
  const count = props.rows.length;
  return (
    <Card
      size="small"
      data-testid={props.testId}
      title={
        <Space>
          {props.title}
          <Tag>{count}</Tag>
        </Space>
      }
      styles={{ body: { paddingTop: 0, paddingBottom: count > 0 ? 4 : 12 } }}
    >
      {count > 0 ? (
        props.rows.map((r) => {
          const done = r as Partial<{ id: string; on: string }>;
          const parts = { key: done.id, date: done.on && f.date(done.on), ...props.line(r) };
          const onOpen = () => navigate({ screen: 'project', projectId: r.projectId, tab: props.tab });
          return <Line key={parts.key} testId={props.lineTestId} record={r} parts={parts} onOpen={onOpen} />;
        })
      ) : (
        <Typography.Text type="secondary">{props.empty}</Typography.Text>
      )}
    </Card>
  );
}

export function ThisWeekScreen() {
  const t = useT();
  const f = useFormat();
  const week = useDesk((s) => s.week);
  const error = useDesk((s) => s.weekError);
  const { loadWeek } = useDesk.getState();

  useLoadOnOpen(loadWeek);

  if (error) return <ErrorNotice error={error} onRetry={() => void loadWeek()} />;
  if (!week) {
    return <Loading />;
  }

  const isThisWeek = week.today >= week.weekStart && week.today <= week.weekEnd;
  const note = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
  const by = (name: string) => note(t('week.by', { name }));
  const section = (key: SectionKey, lineTestId: string, tab: ProjectTab) => ({
    title: t(`week.section.${key}`),
    testId: `week-${kebab(key)}`,
    lineTestId,
    tab,
  });
  /** A section of what was done, or of what falls due. */
  const done = <K extends keyof Done>(key: K, lineTestId: string, tab: ProjectTab) => ({
    ...section(key, lineTestId, tab),
    rows: week.done[key],
    empty: t('week.none'),
  });
  const due = <K extends keyof Due>(key: K, lineTestId: string, tab: ProjectTab) => ({
    ...section(key === 'checklist' ? 'dueChecklist' : 'dueProblems', lineTestId, tab),
    rows: week.due[key],
    empty: t('week.noneDue'),
  });
  const dueOn = (d: { dueOn: string; overdue: boolean }) => (
    <span style={d.overdue ? { color: '#cf1322' } : undefined}>{t('week.dueOn', { date: f.date(d.dueOn) })}</span>
  );
  const overdue = (d: { overdue: boolean; daysOverdue: number }) =>
    d.overdue ? <Tag color="red">{t('week.overdueDays', { days: d.daysOverdue })}</Tag> : null;
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
      <TitleRow title={t('week.title')} align="center">
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
      </TitleRow>
      <Alert type="info" showIcon title={t('week.preview')} />
      <Summary week={week} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('week.done')}
          </Typography.Title>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <RecordSection
              {...done('visits', 'week-visit', 'visits')}
              line={(v) => ({
                tag: <Tag color="blue">{t(`week.visitKind.${v.kind}`)}</Tag>,
                title: v.summary,
                extra: [late(v.on, v.recordedAt), by(v.recordedBy)],
                detail: [v.findings, v.followUps].filter(Boolean).join('；'),
              })}
            />
            <RecordSection
              {...done('checklist', 'week-checklist-event', 'checklist')}
              line={(c) => ({
                tag: <Tag color={c.action === 'close_off' ? 'green' : 'orange'}>{t(`week.checklist.${c.action}`)}</Tag>,
                title: c.itemTitle,
                extra: [late(c.on, c.recordedAt), by(c.recordedBy)],
                detail: c.note,
              })}
            />
            <RecordSection
              {...done('problemsRaised', 'week-problem-raised', 'problems')}
              line={(p) => ({
                tag: <Tag>{t(`problem.category.${p.category}`)}</Tag>,
                title: p.description,
                extra: [<Tag color="processing">{t(`problem.status.${p.status}`)}</Tag>, by(p.recordedBy)],
              })}
            />
            <RecordSection
              {...done('problemSteps', 'week-problem-step', 'problems')}
              line={(s) => ({
                tag: <Tag color="purple">{t(`week.step.${s.action}`, { department: s.department ?? '' })}</Tag>,
                title: s.description,
                extra: [note(t('week.statusAfter', { status: t(`problem.status.${s.statusAfter}`) })), by(s.by)],
                detail: [s.resolution, s.note].filter(Boolean).join('；'),
              })}
            />
            <RecordSection
              {...done('investment', 'week-investment-entry', 'investment')}
              line={(e) => ({
                title: t('week.investment.entry', { month: f.month(e.month), amount: f.amount(e.amount) }),
                extra: [
                  e.previousAmount !== null ? <Tag color="orange">{t('week.investment.correction', { previous: f.amount(e.previousAmount) })}</Tag> : null,
                  by(e.recordedBy),
                ],
              })}
            />
            <RecordSection
              {...done('milestones', 'week-milestone', 'overview')}
              line={(m) => ({
                title: m.milestoneTitle,
                extra: [note(t('week.milestone.reached', { date: f.date(m.on), planned: f.date(m.plannedOn) })), late(m.on, m.recordedAt)],
                detail: m.note,
              })}
            />
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
            <RecordSection
              {...due('checklist', 'week-due-item', 'checklist')}
              line={(d) => ({ key: d.itemId, date: dueOn(d), title: d.title, extra: [<Tag>{t(`stage.${d.stage}`)}</Tag>, overdue(d)] })}
            />
            <RecordSection
              {...due('problems', 'week-due-problem', 'problems')}
              line={(d) => ({
                key: d.problemId,
                date: dueOn(d),
                tag: <Tag>{t(`problem.category.${d.category}`)}</Tag>,
                title: d.description,
                extra: [<Tag color="processing">{t(`problem.status.${d.status}`)}</Tag>, overdue(d)],
                detail: d.currentDepartment,
              })}
            />
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
