import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Clipped } from '../cells';
import { useBureauT } from '../store';
import { fileOutcome, kindCounts, shownFileName, type FileOutcome, type FileResult } from './outcome';

const TAG_COLOR: Record<FileOutcome['tone'], string> = { success: 'green', default: 'default', warning: 'orange', error: 'red' };

interface Row {
  key: string;
  result: FileResult;
  said: FileOutcome;
}

/** Per file, what it does (a preview, `folded` false) or did (the receipt): officer, packet, outcome, counts, and what to do next. */
export function FileOutcomes({
  results,
  folded,
  testId,
  actions,
}: {
  results: readonly FileResult[];
  folded: boolean;
  testId: string;
  /** A row's own actions (the receipt's: print or export this file's receipt). */
  actions?: (index: number) => ReactNode;
}) {
  const t = useBureauT();
  const rows = useMemo<Row[]>(() => results.map((result, i) => ({ key: `${i}`, result, said: fileOutcome(t, result, folded) })), [results, folded, t]);
  const columns = useMemo<TableColumnsType<Row>>(
    () => [
      { title: t('bureauInbox.col.file'), key: 'file', width: 124, render: (_, r) => <Clipped text={shownFileName(r.result.file)} /> },
      {
        title: t('bureauInbox.col.officer'),
        key: 'officer',
        width: 92,
        render: (_, r) =>
          r.result.officerName ? (
            <Clipped text={r.result.officerName} secondary={r.result.sequence === null ? undefined : t('bureauInbox.packetNo', { n: r.result.sequence })} />
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      {
        title: t('bureauInbox.col.outcome'),
        key: 'outcome',
        width: 86,
        render: (_, r) => (
          <Tag color={TAG_COLOR[r.said.tone]} data-testid="inbox-outcome" data-status={r.said.status}>
            {r.said.label}
          </Tag>
        ),
      },
      {
        title: t('bureauInbox.col.records'),
        key: 'records',
        width: 92,
        render: (_, r) =>
          r.result.status === 'accepted' ? (
            <Typography.Text
              strong
              data-testid="inbox-records"
            >{`${r.result.newRecords} / ${r.result.duplicateRecords} / ${r.result.conflicts}`}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      {
        title: t('bureauInbox.col.note'),
        key: 'note',
        render: (_, r) => (
          <Space orientation="vertical" size={2} data-testid="inbox-note">
            <Typography.Text type={r.said.tone === 'error' ? 'danger' : undefined}>{r.said.text}</Typography.Text>
            {r.result.status === 'accepted' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {kindCounts(t, r.result).join(' · ')}
              </Typography.Text>
            ) : null}
            {r.said.warnings.map((w) => (
              <Typography.Text key={w} type="warning" style={{ fontSize: 12 }}>
                {w}
              </Typography.Text>
            ))}
            {r.said.next ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="inbox-next">
                {r.said.next}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      ...(actions ? [{ key: 'actions', width: 64, render: (_: unknown, r: Row) => actions(Number(r.key)) }] : []),
    ],
    [t, actions],
  );
  return (
    <Table<Row>
      data-testid={testId}
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      tableLayout="fixed"
      onRow={(r) => ({ 'data-testid': 'inbox-file-row', 'data-status': r.result.status }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
