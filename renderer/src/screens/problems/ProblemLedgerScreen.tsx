import { Button, Card, Checkbox, Col, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo } from 'react';
import { ProblemCategory, ProblemStatus } from '../../../../shared/domain';
import type { ProblemView } from '../../../../shared/operations';
import { compareProblemEvents, daysOverdue } from '../../../../shared/rules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { useDesk, useFormat, useT } from '../../store';
import { EMPTY_LEDGER_FILTERS, filterLedger, ledgerCounts, type LedgerFilters } from '../../store/slices/problems-slice';

const STATUS_ORDER = Object.fromEntries(ProblemStatus.options.map((s, i) => [s, i])) as Record<ProblemStatus, number>;
const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
const OPEN: ProblemStatus[] = ['raised', 'dispatched', 'in_progress'];
const DONE: ProblemStatus[] = ['resolved', 'closed'];

function lastMoved(p: ProblemView): string {
  const last = [...p.events].sort(compareProblemEvents).at(-1);
  return last ? last.at : p.recordedAt;
}

/** The officer's problem ledger (问题台账): every problem of every project, filtered, sorted, one click from its project. */
export function ProblemLedgerScreen() {
  const t = useT();
  const f = useFormat();
  const ledger = useDesk((s) => s.ledger);
  const error = useDesk((s) => s.ledgerError);
  const filters = useDesk((s) => s.ledgerFilters);
  const setFilters = useDesk((s) => s.setLedgerFilters);
  const loadLedger = useDesk((s) => s.loadLedger);
  const navigate = useDesk((s) => s.navigate);
  const today = useDesk((s) => s.info?.today ?? '');

  useEffect(() => {
    void loadLedger();
  }, [loadLedger]);

  const all = useMemo(() => ledger ?? [], [ledger]);
  const rows = useMemo(() => filterLedger(all, filters), [all, filters]);
  const counts = useMemo(() => ledgerCounts(all), [all]);
  const departments = useMemo(
    () => [...new Set(all.map((p) => p.currentDepartment).filter((d) => d !== ''))].sort(byText).map((d) => ({ value: d, label: d })),
    [all],
  );
  const projects = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of all) seen.set(p.projectId, p.projectName);
    return [...seen].sort((a, b) => byText(a[1], b[1])).map(([value, label]) => ({ value, label }));
  }, [all]);

  const open = (p: ProblemView) => navigate({ screen: 'project', projectId: p.projectId, tab: 'problems' });
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const isFiltered = JSON.stringify(filters) !== JSON.stringify(EMPTY_LEDGER_FILTERS);

  const columns: ColumnsType<ProblemView> = [
    {
      title: t('problem.field.status'),
      dataIndex: 'status',
      width: 90,
      sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
      render: (s: ProblemStatus) => <ProblemStatusTag status={s} />,
    },
    {
      title: t('problem.field.category'),
      dataIndex: 'category',
      width: 96,
      sorter: (a, b) => byText(a.category, b.category),
      render: (c: ProblemCategory) => t(`problem.category.${c}`),
    },
    {
      title: t('problem.field.description'),
      dataIndex: 'description',
      width: 260,
      ellipsis: true,
      sorter: (a, b) => byText(a.description, b.description),
      render: (d: string, p) => (
        <a
          href={`#problem-${p.id}`}
          data-testid="ledger-link"
          title={d}
          onClick={(e) => {
            e.preventDefault();
            open(p);
          }}
        >
          {d}
        </a>
      ),
    },
    { title: t('problem.field.project'), dataIndex: 'projectName', width: 170, ellipsis: true, sorter: (a, b) => byText(a.projectName, b.projectName) },
    {
      title: t('ledger.col.department'),
      dataIndex: 'currentDepartment',
      width: 150,
      ellipsis: true,
      sorter: (a, b) => byText(a.currentDepartment, b.currentDepartment),
      render: (d: string) => d || '—',
    },
    { title: t('ledger.col.leader'), dataIndex: 'coordinatingLeader', width: 90, sorter: (a, b) => byText(a.coordinatingLeader, b.coordinatingLeader) },
    {
      title: t('problem.field.dueOn'),
      dataIndex: 'dueOn',
      width: 140,
      sorter: (a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'),
      render: (d: string | null, p) =>
        d ? (
          <div style={{ lineHeight: 1.3 }}>
            <Typography.Text type={p.overdue ? 'danger' : undefined}>{f.date(d)}</Typography.Text>
            {p.overdue ? (
              <div>
                <Tag color="red" style={{ marginTop: 2 }} data-testid="ledger-overdue">
                  {t('problem.overdue', { days: daysOverdue(d, true, today) })}
                </Tag>
              </div>
            ) : null}
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('ledger.col.lastMoved'),
      key: 'lastMoved',
      width: 120,
      defaultSortOrder: 'descend',
      sorter: (a, b) => lastMoved(a).localeCompare(lastMoved(b)),
      render: (_, p) => f.date(lastMoved(p).slice(0, 10)),
    },
  ];

  const stat = (key: 'collected' | 'resolved' | 'open' | 'overdue', value: number, active: boolean, patch: Partial<LedgerFilters>, danger = false) => (
    <Col xs={12} md={6}>
      <Card
        size="small"
        hoverable
        onClick={() => setFilters({ ...EMPTY_LEDGER_FILTERS, ...patch })}
        style={active ? { borderColor: '#1677ff' } : undefined}
        data-testid={`ledger-stat-${key}`}
      >
        <Statistic title={t(`ledger.stat.${key}`)} value={value} styles={danger && value > 0 ? { content: { color: '#cf1322' } } : undefined} />
      </Card>
    </Col>
  );

  if (error) return <ErrorNotice error={error} onRetry={() => void loadLedger()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-screen">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('ledger.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('ledger.subtitle')}</Typography.Text>
      </div>
      <Row gutter={[12, 12]}>
        {stat('collected', counts.collected, !isFiltered, {})}
        {stat('resolved', counts.done, sameSet(filters.statuses, DONE), { statuses: DONE })}
        {stat('open', counts.open, sameSet(filters.statuses, OPEN), { statuses: OPEN })}
        {stat('overdue', counts.overdue, filters.overdueOnly, { overdueOnly: true }, true)}
      </Row>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('ledger.filter.search')}
          style={{ width: 240 }}
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
          data-testid="ledger-search"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('ledger.filter.status')}
          style={{ minWidth: 160 }}
          value={filters.statuses}
          onChange={(statuses) => setFilters({ statuses })}
          options={ProblemStatus.options.map((s) => ({ value: s, label: t(`problem.status.${s}`) }))}
          data-testid="ledger-filter-status"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('ledger.filter.category')}
          style={{ minWidth: 160 }}
          value={filters.categories}
          onChange={(categories) => setFilters({ categories })}
          options={ProblemCategory.options.map((c) => ({ value: c, label: t(`problem.category.${c}`) }))}
          data-testid="ledger-filter-category"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('ledger.filter.department')}
          style={{ minWidth: 200 }}
          value={filters.departments}
          onChange={(departments) => setFilters({ departments })}
          options={departments}
          data-testid="ledger-filter-department"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('ledger.filter.project')}
          style={{ minWidth: 220 }}
          value={filters.projectIds}
          onChange={(projectIds) => setFilters({ projectIds })}
          options={projects}
          optionFilterProp="label"
          data-testid="ledger-filter-project"
        />
        <Checkbox checked={filters.overdueOnly} onChange={(e) => setFilters({ overdueOnly: e.target.checked })} data-testid="ledger-filter-overdue">
          {t('ledger.filter.overdue')}
        </Checkbox>
        {isFiltered ? (
          <Button onClick={() => setFilters(EMPTY_LEDGER_FILTERS)} data-testid="ledger-clear">
            {t('ledger.filter.clear')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" data-testid="ledger-shown">
          {t('ledger.shown', { shown: rows.length, total: all.length })}
        </Typography.Text>
      </Space>
      <Table<ProblemView>
        data-testid="ledger-table"
        rowKey="id"
        size="middle"
        loading={ledger === null}
        columns={columns}
        dataSource={rows}
        pagination={false}
        virtual
        scroll={{ x: 1116, y: 520 }}
        locale={{ emptyText: t('ledger.empty') }}
        onRow={(p) => ({ onClick: () => open(p), style: { cursor: 'pointer' } })}
      />
    </Space>
  );
}
