import { Alert, Button, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { OperationOutput } from '@shared/operations';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { Clipped, LoadFailed } from '../cells';
import { callBureau } from '../client';
import { bureauErrorText } from '../error-text';
import { chooseOutputFolder, outboxDownloadUrl } from '../files';
import type { AssigneeRow } from '../slices/master-slice';
import { useBureau, useBureauT } from '../store';

type Written = OperationOutput<'bureau.master.assign'>;

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** 下发任务文件: the officers with their projects and what their next assignment acknowledges; the files written for the ticked ones (or all). */
export function AssignPanel() {
  const t = useBureauT();
  const { assignees: rows, assigneesError: error } = useBureau(useShallow((s) => ({ assignees: s.assignees, assigneesError: s.assigneesError })));
  const { loadAssignees } = useBureau.getState();
  useLoadOnOpen(loadAssignees);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ written: Written; inFolder: boolean } | { error: unknown } | null>(null);

  const write = async () => {
    setBusy(true);
    setAnswer(null);
    try {
      const where = await chooseOutputFolder();
      if (!where) return;
      const written = await callBureau('bureau.master.assign', { ...where, officers: chosen, note: note.trim() || undefined });
      setAnswer({ written, inFolder: where.folder !== undefined });
      setChosen([]);
    } catch (e) {
      setAnswer({ error: e });
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<TableColumnsType<AssigneeRow>>(
    () => [
      { title: t('bureauMaster.assign.officer'), key: 'name', width: 120, render: (_, r) => <Clipped text={r.name} /> },
      { title: t('bureauMaster.assign.unit'), key: 'unit', width: 180, render: (_, r) => <Clipped text={r.unit} /> },
      {
        title: t('bureauMaster.assign.projects'),
        key: 'projects',
        width: 90,
        align: 'right',
        render: (_, r) => (r.projects > 0 ? r.projects : <Tag>{t('bureauMaster.assign.idle')}</Tag>),
      },
      {
        title: t('bureauMaster.assign.last'),
        key: 'last',
        width: 250,
        render: (_, r) =>
          r.lastAssignmentSequence === 0 ? (
            <Typography.Text type="secondary">{t('bureauMaster.assign.never')}</Typography.Text>
          ) : (
            t(r.lastAcknowledged ? 'bureauMaster.assign.lastNo' : 'bureauMaster.assign.lastNoNone', {
              n: r.lastAssignmentSequence,
              ack: r.lastAcknowledged ?? 0,
            })
          ),
      },
      {
        title: t('bureauMaster.assign.next'),
        key: 'next',
        width: 150,
        render: (_, r) =>
          r.acknowledges > 0 ? (
            <span data-testid="assignee-acknowledges">{t('bureauMaster.assign.nextAck', { n: r.acknowledges })}</span>
          ) : (
            <Typography.Text type="secondary" data-testid="assignee-acknowledges">
              {t('bureauMaster.assign.nextNone')}
            </Typography.Text>
          ),
      },
      {
        title: t('bureauMaster.assign.key'),
        key: 'key',
        width: 100,
        render: (_, r) => <Tag color={r.hasKey ? 'green' : 'default'}>{t(r.hasKey ? 'bureauMaster.assign.keyIn' : 'bureauMaster.assign.keyNone')}</Tag>,
      },
    ],
    [t],
  );

  if (error) return <LoadFailed error={error} retry={() => void loadAssignees()} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="master-assign">
      <Typography.Text type="secondary">{t('bureauMaster.assign.intro')}</Typography.Text>
      <Table<AssigneeRow>
        data-testid="master-assignees"
        rowKey="id"
        // Ticked officers get an assignment; none ticked: every officer with something to hand over.
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]) }}
        columns={columns}
        dataSource={rows ?? []}
        loading={rows === null}
        locale={{ emptyText: t('bureauMaster.assign.empty') }}
        size="small"
        pagination={false}
        scroll={{ x: 890 }}
        onRow={(r) => ({ 'data-testid': 'assignee-row', 'data-officer-name': r.name }) as React.HTMLAttributes<HTMLElement>}
      />
      {rows?.some((r) => !r.hasKey) ? <Typography.Text type="secondary">{t('bureauMaster.assign.keyHint')}</Typography.Text> : null}
      <Typography.Text strong>{t('bureauMaster.assign.note')}</Typography.Text>
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 1, maxRows: 3 }}
        placeholder={t('bureauMaster.assign.notePlaceholder')}
        aria-label={t('bureauMaster.assign.note')}
        data-testid="master-assign-note"
        style={{ maxWidth: 640 }}
      />
      <Button type="primary" loading={busy} disabled={!rows || rows.length === 0} onClick={() => void write()} data-testid="master-assign-write">
        {busy
          ? t('bureauMaster.assign.writing')
          : chosen.length > 0
            ? t('bureauMaster.assign.writeChosen', { n: chosen.length })
            : t('bureauMaster.assign.writeAll')}
      </Button>
      {answer && 'error' in answer ? <Alert type="error" showIcon data-testid="master-assign-error" title={bureauErrorText(t, answer.error)} /> : null}
      {answer && 'written' in answer ? <WrittenFiles written={answer.written} inFolder={answer.inFolder} /> : null}
    </Space>
  );
}

/** The files just written, each with what it holds and acknowledges; in the preview each is a download. */
function WrittenFiles({ written, inFolder }: { written: Written; inFolder: boolean }) {
  const t = useBureauT();
  const columns: TableColumnsType<Written[number]> = [
    { title: t('bureauMaster.assign.officer'), key: 'officer', width: 160, render: (_, w) => <Clipped text={w.officerName} secondary={w.officerUnit} /> },
    {
      title: t('bureauMaster.assign.file'),
      key: 'file',
      render: (_, w) => {
        const url = outboxDownloadUrl(w.file);
        return url ? (
          <a href={url} download data-testid="master-assignment-download">
            {fileName(w.file)}
          </a>
        ) : (
          <Clipped text={fileName(w.file)} secondary={w.file} />
        );
      },
    },
    { title: t('bureauMaster.assign.sequence'), dataIndex: 'sequence', width: 70, align: 'right' },
    {
      title: t('bureauMaster.assign.acknowledges'),
      key: 'ack',
      width: 130,
      render: (_, w) => (w.acknowledgedWeeklySequence > 0 ? t('bureauMaster.assign.nextAck', { n: w.acknowledgedWeeklySequence }) : '—'),
    },
    {
      title: t('bureauMaster.assign.contents'),
      key: 'contents',
      width: 260,
      render: (_, w) => t('bureauMaster.assign.contentsText', { projects: w.projects, items: w.checklistItems, problems: w.problems }),
    },
  ];
  return (
    <Alert
      type="success"
      showIcon
      data-testid="master-assign-written"
      title={<strong>{t('bureauMaster.assign.written', { n: written.length })}</strong>}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          {t(inFolder ? 'bureauMaster.assign.writtenWhere' : 'bureauMaster.assign.writtenDownload')}
          <Table rowKey="file" size="small" pagination={false} columns={columns} dataSource={written} />
        </Space>
      }
    />
  );
}
