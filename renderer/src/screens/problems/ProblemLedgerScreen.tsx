import { Button, Card, Checkbox, Col, Input, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, type UIEvent } from 'react';
import { ProblemCategory, ProblemStatus } from '@shared/domain';
import type { LedgerSortKey, ProblemView } from '@shared/operations';
import { compareProblemEvents, daysOverdue } from '@shared/rules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LONG_TABLE } from '../../components/long-table';
import { MultiFilter } from '../../components/MultiFilter';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { useDesk, useFormat, useT } from '../../store';
import { DEFAULT_LEDGER_SORT, EMPTY_LEDGER_FILTERS, LEDGER_PAGE, type LedgerFilters } from '../../store/slices/problems-slice';
import { useLoadOnOpen } from '../../components/use-load-on-open';

/** A row whose page has not come yet: the virtual table keeps its place, the cells show a dash. */
type LedgerRow = ProblemView & { pending?: true };
const pendingRow = (i: number): LedgerRow => ({ id: `pending-${i}`, pending: true }) as LedgerRow;
const OPEN: ProblemStatus[] = ['raised', 'dispatched', 'in_progress'];
const DONE: ProblemStatus[] = ['resolved', 'closed'];

/** A multiple-choice filter of the ledger: what it filters, its words and test id (ledger.filter.<label>), how wide. */
interface MultiFilterSpec {
  key: 'statuses' | 'categories' | 'departments' | 'projectIds';
  label: 'status' | 'category' | 'department' | 'project';
  minWidth: number;
  options: { value: string; label: string }[];
}

function lastMoved(p: ProblemView): string {
  const last = [...p.events].sort(compareProblemEvents).at(-1);
  return last ? last.at : p.recordedAt;
}

/**
 * The officer's problem ledger (问题台账): every problem of every project, one click from its project. The store
 * filters, sorts and counts (problems.ledger answers pages); the virtual table fetches the pages it scrolls to.
 */
export function ProblemLedgerScreen() {
  const t = useT();
  const f = useFormat();
  const ledger = useDesk((s) => s.ledger);
  const error = useDesk((s) => s.ledgerError);
  const filters = useDesk((s) => s.ledgerFilters);
  const sort = useDesk((s) => s.ledgerSort);
  const { setLedgerFilters: setFilters, setLedgerSort: setSort, loadLedger, ensureLedgerRows: ensureRows, navigate } = useDesk.getState();
  const today = useDesk((s) => s.info?.today ?? '');

  useLoadOnOpen(loadLedger);

  const rows = useMemo(() => {
    const out: LedgerRow[] = new Array(ledger?.total ?? 0);
    for (let i = 0; i < out.length; i++) out[i] = ledger!.rows[i] ?? pendingRow(i);
    return out;
  }, [ledger]);
  const counts = ledger?.counts ?? { collected: 0, done: 0, open: 0, overdue: 0 };
  const departments = useMemo(() => (ledger?.departments ?? []).map((d) => ({ value: d, label: d })), [ledger?.departments]);
  const projects = useMemo(() => (ledger?.projects ?? []).map((p) => ({ value: p.id, label: p.name })), [ledger?.projects]);
  const sortOrder = (key: LedgerSortKey) => (sort.key === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (!ledger || ledger.total === 0 || el.scrollHeight === 0) return;
    const rowHeight = el.scrollHeight / ledger.total;
    const first = Math.floor(el.scrollTop / rowHeight);
    const shown = Math.ceil(el.clientHeight / rowHeight);
    void ensureRows(first - LEDGER_PAGE / 2, first + shown + LEDGER_PAGE / 2);
  };

  const open = (p: LedgerRow) => p.pending || navigate({ screen: 'project', projectId: p.projectId, tab: 'problems' });
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const isFiltered = JSON.stringify(filters) !== JSON.stringify(EMPTY_LEDGER_FILTERS);
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  // Sorting is the store's (sorter: true): a header click asks for the first page in the new order.
  const columns: ColumnsType<LedgerRow> = [
    {
      title: t('problem.field.status'),
      key: 'status',
      dataIndex: 'status',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (s: ProblemStatus, p) => (p.pending ? dash : <ProblemStatusTag status={s} />),
    },
    {
      title: t('problem.field.category'),
      key: 'category',
      dataIndex: 'category',
      width: 96,
      sorter: true,
      sortOrder: sortOrder('category'),
      render: (c: ProblemCategory, p) => (p.pending ? dash : t(`problem.category.${c}`)),
    },
    {
      title: t('problem.field.description'),
      key: 'description',
      dataIndex: 'description',
      width: 260,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('description'),
      render: (d: string, p) =>
        p.pending ? (
          dash
        ) : (
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
    { title: t('problem.field.project'), key: 'project', dataIndex: 'projectName', width: 170, ellipsis: true, sorter: true, sortOrder: sortOrder('project') },
    {
      title: t('ledger.col.department'),
      key: 'department',
      dataIndex: 'currentDepartment',
      width: 150,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('department'),
      render: (d: string) => d || '—',
    },
    { title: t('ledger.col.leader'), key: 'leader', dataIndex: 'coordinatingLeader', width: 90, sorter: true, sortOrder: sortOrder('leader') },
    {
      title: t('problem.field.dueOn'),
      key: 'dueOn',
      dataIndex: 'dueOn',
      width: 140,
      sorter: true,
      sortOrder: sortOrder('dueOn'),
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
      sorter: true,
      sortOrder: sortOrder('lastMoved'),
      render: (_, p) => (p.pending ? dash : f.date(lastMoved(p).slice(0, 10))),
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

  // The multiple-choice filters, in the order shown; projects are searched by name.
  const multiFilters: MultiFilterSpec[] = [
    { key: 'statuses', label: 'status', minWidth: 160, options: ProblemStatus.options.map((s) => ({ value: s, label: t(`problem.status.${s}`) })) },
    { key: 'categories', label: 'category', minWidth: 160, options: ProblemCategory.options.map((c) => ({ value: c, label: t(`problem.category.${c}`) })) },
    { key: 'departments', label: 'department', minWidth: 200, options: departments },
    { key: 'projectIds', label: 'project', minWidth: 220, options: projects },
  ];

  if (error) return <ErrorNotice error={error} onRetry={() => void loadLedger()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-screen">
      <ScreenTitle title={t('ledger.title')} intro={t('ledger.subtitle')} />
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
        {multiFilters.map((m) => (
          <MultiFilter
            key={m.key}
            compact
            searchLabels={m.key === 'projectIds'}
            label={t(`ledger.filter.${m.label}`)}
            minWidth={m.minWidth}
            value={filters[m.key]}
            onChange={(value) => setFilters({ [m.key]: value })}
            options={m.options}
            testId={`ledger-filter-${m.label}`}
          />
        ))}
        <Checkbox checked={filters.overdueOnly} onChange={(e) => setFilters({ overdueOnly: e.target.checked })} data-testid="ledger-filter-overdue">
          {t('ledger.filter.overdue')}
        </Checkbox>
        {isFiltered ? (
          <Button onClick={() => setFilters(EMPTY_LEDGER_FILTERS)} data-testid="ledger-clear">
            {t('ledger.filter.clear')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" data-testid="ledger-shown">
          {t('ledger.shown', { shown: rows.length, total: counts.collected })}
        </Typography.Text>
      </Space>
      <Table<LedgerRow>
        {...LONG_TABLE}
        data-testid="ledger-table"
        loading={ledger === null}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1116, y: 520 }}
        locale={{ emptyText: t('ledger.empty') }}
        onScroll={onScroll}
        onChange={(_pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<LedgerRow> | undefined;
          setSort(s?.order && s.columnKey ? { key: s.columnKey as LedgerSortKey, order: s.order === 'ascend' ? 'asc' : 'desc' } : DEFAULT_LEDGER_SORT);
        }}
        onRow={(p) => ({ onClick: () => open(p), style: { cursor: p.pending ? 'default' : 'pointer' } })}
      />
    </Space>
  );
}
