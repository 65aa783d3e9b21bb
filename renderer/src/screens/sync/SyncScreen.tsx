import { App as AntApp, Alert, Button, Card, Checkbox, Descriptions, Input, List, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect } from 'react';
import type { ExportRecord } from '@shared/operations/sync';
import { transportKind } from '../../api/client';
import { packetDownloadUrl } from '../../api/transport';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useDesk, useFormat, useT } from '../../store';
import { AssignmentChangesView } from './AssignmentChangesView';
import { BureauKeyCard } from './BureauKeyCard';

/** The moment a record was written, in the district's time zone (the store's setting, not the computer's). */
function useMoment() {
  const language = useDesk((s) => s.language);
  const timeZone = useDesk((s) => s.info?.timeZone);
  return (iso: string) => new Date(iso).toLocaleString(language === 'zh-CN' ? 'zh-CN' : 'en-US', { hour12: false, timeZone });
}

/**
 * 文件交换: the officer's end of the file exchange with the bureau, read and written through the sync slice. The
 * page never names a path: an assignment is uploaded ('files.receive' keeps it in the inbox) or, in the desktop
 * app, chosen in the main process's native dialog ('files.choose'); either way the operations get a handle. A
 * packet goes to the folder chosen in that dialog, or to the outbox; the preview offers it as a download.
 */
export function SyncScreen() {
  const t = useT();
  const f = useFormat();
  const moment = useMoment();
  const { message, modal } = AntApp.useApp();
  const status = useDesk((s) => s.syncStatus);
  const history = useDesk((s) => s.exportHistory);
  const conflicts = useDesk((s) => s.conflicts);
  const locations = useDesk((s) => s.fileLocations);
  const error = useDesk((s) => s.syncError);
  const busy = useDesk((s) => s.syncBusy);
  const job = useDesk((s) => s.syncJob);
  const preview = useDesk((s) => s.assignmentPreview);
  const allowWithdrawMost = useDesk((s) => s.allowWithdrawMost);
  const summary = useDesk((s) => s.packetSummary);
  const folder = useDesk((s) => s.exportFolder);
  const exported = useDesk((s) => s.exported);
  const actions = useDesk.getState();
  /** The demo never exports (electron/sync/demo-guard.ts): the button says so instead of failing. */
  const demo = status?.demo ?? false;
  const desktop = transportKind === 'electron';

  useEffect(() => {
    void useDesk.getState().openSync();
  }, []);

  const apply = () => {
    if (!preview) return;
    modal.confirm({
      title: t('sync.applyConfirm', { sequence: preview.result.sequence }),
      okText: t('sync.apply'),
      cancelText: t('sync.cancel'),
      // The dialog closes at once; the import runs as a job and its progress shows in the preview card.
      onOk: () => {
        void actions.applyAssignment().then((result) => {
          if (result?.backupPath) message.success(t('sync.applied', { path: result.backupPath }), 8);
        });
      },
    });
  };

  const p = preview?.result;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sync-screen">
      <ScreenTitle title={t('sync.title')} intro={t('sync.intro')} />
      {error ? <ErrorNotice error={error} /> : null}

      <Card title={t('sync.status')} size="small" loading={!status}>
        {status ? (
          <Descriptions size="small" column={{ xs: 1, lg: 2 }} data-testid="sync-status">
            <Descriptions.Item label={t('sync.officer')}>
              {status.officer ? `${status.officer.name} · ${status.officer.unit}` : t('officer.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.bureauKey')}>
              {status.bureauKey ? <Typography.Text code>{status.bureauKey.fingerprint}</Typography.Text> : <Tag color="orange">{t('sync.bureauKey.none')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.lastAssignment')}>
              {status.lastAssignment
                ? t('sync.lastAssignment.value', { sequence: status.lastAssignment.sequence, date: moment(status.lastAssignment.appliedAt) })
                : t('sync.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.lastExport')}>
              {status.lastExport
                ? t('sync.lastExport.value', {
                    sequence: status.lastExport.sequence,
                    date: moment(status.lastExport.exportedAt),
                    count: status.lastExport.changeCount,
                  })
                : t('sync.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.acknowledged')}>
              {status.acknowledgedSequence > 0 ? t('sync.acknowledged.value', { sequence: status.acknowledgedSequence }) : t('sync.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.pending')}>
              <span data-testid="pending-changes">{t('sync.pending.value', { count: status.pendingChanges, never: status.neverExportedChanges })}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.officerKey')}>
              {status.officerKeyFingerprint ? <Typography.Text code>{status.officerKeyFingerprint}</Typography.Text> : t('sync.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.conflicts')}>{status.openConflicts > 0 ? <Tag color="red">{status.openConflicts}</Tag> : 0}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>

      <BureauKeyCard />

      <Card title={t('sync.step.import')} size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('sync.step.import.hint')}</Typography.Text>
          {demo ? <Alert type="warning" showIcon title={t('demo.import.blocked')} data-testid="import-demo-blocked" /> : null}
          {desktop ? (
            <Button
              type="primary"
              loading={busy === 'preview'}
              disabled={demo}
              onClick={() => void actions.previewAssignment()}
              data-testid="choose-assignment"
            >
              {t('sync.chooseAssignment')}
            </Button>
          ) : (
            <Upload accept=".zip" showUploadList={false} disabled={demo} beforeUpload={(file) => (void actions.previewAssignment(file), false)}>
              <Button type="primary" loading={busy === 'preview'} disabled={demo} data-testid="choose-assignment">
                {t('sync.chooseAssignment')}
              </Button>
            </Upload>
          )}
          {p ? (
            <Card
              type="inner"
              size="small"
              data-testid="assignment-preview"
              title={t('sync.preview.title', { sequence: p.sequence, sender: p.sender.name, date: moment(p.createdAt) })}
            >
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>{t('sync.preview.officer', { name: p.officer.name, unit: p.officer.unit })}</Typography.Text>
                {p.note ? <Typography.Text>{t('sync.preview.note', { note: p.note })}</Typography.Text> : null}
                {p.status === 'already_imported' ? (
                  <Alert type="info" showIcon title={t('sync.preview.alreadyImported', { date: p.appliedAt ? moment(p.appliedAt) : '' })} />
                ) : (
                  <>
                    <AssignmentChangesView changes={p.changes} />
                    {p.withdrawsMost ? (
                      <Alert
                        type="warning"
                        showIcon
                        title={t('sync.preview.withdrawsMost', { withdrawn: p.changes.projects.withdrawn.length, active: p.activeProjectsBefore })}
                        description={
                          <Checkbox
                            checked={allowWithdrawMost}
                            onChange={(e) => actions.setAllowWithdrawMost(e.target.checked)}
                            data-testid="allow-withdraw-most"
                          >
                            {t('sync.preview.allowWithdrawMost')}
                          </Checkbox>
                        }
                      />
                    ) : null}
                    <Space>
                      <Button
                        type="primary"
                        onClick={apply}
                        loading={busy === 'apply'}
                        disabled={p.withdrawsMost && !allowWithdrawMost}
                        data-testid="apply-assignment"
                      >
                        {t('sync.apply')}
                      </Button>
                      <Button onClick={actions.cancelPreview} disabled={busy === 'apply'}>
                        {t('sync.cancel')}
                      </Button>
                    </Space>
                    {busy === 'apply' ? <JobProgress job={job} testId="apply-progress" /> : null}
                  </>
                )}
              </Space>
            </Card>
          ) : null}
        </Space>
      </Card>

      <Card title={t('sync.step.export')} size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('sync.step.export.hint')}</Typography.Text>
          <Typography.Text strong>{t('sync.summary')}</Typography.Text>
          <Input.TextArea
            data-testid="weekly-summary"
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={4000}
            value={summary ?? ''}
            onChange={(e) => actions.setPacketSummary(e.target.value)}
          />
          {desktop ? (
            <Space wrap data-testid="export-folder">
              <Typography.Text strong>{t('sync.outDir')}</Typography.Text>
              {folder ? (
                <Typography.Text code>{folder.name}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('sync.outbox.desktop', { path: locations?.outboxDir ?? '' })}</Typography.Text>
              )}
              <Button onClick={() => void actions.chooseExportFolder()} disabled={busy === 'export'} data-testid="export-choose-folder">
                {t('sync.chooseFolder')}
              </Button>
            </Space>
          ) : (
            <Typography.Text type="secondary" data-testid="export-folder">
              {t('sync.outbox.preview', { path: locations?.outboxDir ?? '' })}
            </Typography.Text>
          )}
          {demo ? <Alert type="warning" showIcon title={t('demo.export.blocked')} data-testid="export-demo-blocked" /> : null}
          <Space>
            <Button type="primary" onClick={() => void actions.exportPacket()} loading={busy === 'export'} disabled={demo} data-testid="export-packet">
              {t('sync.export')}
            </Button>
          </Space>
          {busy === 'export' ? <JobProgress job={job} testId="export-progress" /> : null}
          {exported ? (
            <Alert
              type="success"
              showIcon
              data-testid="export-result"
              title={t('sync.exported', { sequence: exported.sequence, file: exported.filePath })}
              description={t('sync.exported.detail', { count: exported.changeCount, photos: exported.photoCount, sha: exported.sha256.slice(0, 16) })}
              action={
                packetDownloadUrl(transportKind, exported.packetId) ? (
                  <Button href={packetDownloadUrl(transportKind, exported.packetId)!} download={exported.fileName} data-testid="export-download">
                    {t('sync.download')}
                  </Button>
                ) : null
              }
            />
          ) : null}
        </Space>
      </Card>

      <Card title={t('sync.history')} size="small">
        <Table<ExportRecord>
          size="small"
          rowKey="packetId"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={history}
          columns={[
            { title: t('sync.col.sequence'), dataIndex: 'sequence', width: 70 },
            { title: t('sync.col.exportedAt'), dataIndex: 'exportedAt', width: 190, render: (v: string) => moment(v) },
            { title: t('sync.col.file'), dataIndex: 'fileName', ellipsis: true },
            { title: t('sync.col.changes'), dataIndex: 'changeCount', width: 90, align: 'right', render: (n: number) => f.amount(n) },
            {
              title: t('sync.col.ack'),
              dataIndex: 'acknowledgedAt',
              width: 100,
              render: (v: string | null) => (v ? <Tag color="green">{t('sync.ack.yes')}</Tag> : <Tag>{t('sync.ack.no')}</Tag>),
            },
          ]}
        />
      </Card>

      {conflicts.length > 0 ? (
        <Card title={t('sync.conflicts.title')} size="small">
          <List
            dataSource={conflicts}
            renderItem={(c) => (
              <List.Item>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong>
                    {c.entity} {c.recordId}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('sync.conflicts.local')}</Typography.Text>
                  <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(c.local, null, 2)}</pre>
                  <Typography.Text type="secondary">{t('sync.conflicts.incoming')}</Typography.Text>
                  <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(c.incoming, null, 2)}</pre>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </Space>
  );
}
