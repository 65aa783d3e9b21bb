import { DownloadOutlined, FolderOpenOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Typography, Upload } from 'antd';
import type { MasterListIssue } from '@shared/bureau/master-issues';
import type { OperationOutput } from '@shared/operations';
import { useState } from 'react';
import { callBureau } from '../client';
import { bureauErrorText } from '../error-text';
import { chooseFiles, chooseOutputFolder, hasFileDialogs, outboxDownloadUrl, receiveFiles, type PickedFile } from '../files';
import { runBureauJob } from '../jobs';
import { useBureau, useBureauT } from '../store';
import { ImportPreview } from './ImportPreview';
import { IssueTable } from './IssueTable';
import { masterFileErrorText } from './master-text';

type Preview = OperationOutput<'bureau.master.preview'>;
type Imported = OperationOutput<'bureau.importMaster'>;

/** Where the import stands: nothing chosen, a file being checked, its preview (or its errors), being applied, applied. */
type Step =
  | { kind: 'none' }
  | { kind: 'checking'; name: string }
  | { kind: 'refused'; name: string; error: unknown }
  | { kind: 'preview'; file: PickedFile; preview: Preview }
  | { kind: 'applying'; file: PickedFile; preview: Preview; percent: number }
  | { kind: 'applied'; result: Imported };

/** 导入项目清单: pick or drop the list, see what it would change (or every wrong row), confirm, import as a job. */
export function ImportPanel({ onAssign }: { onAssign(): void }) {
  const t = useBureauT();
  const navigate = useBureau((s) => s.navigate);
  const [step, setStep] = useState<Step>({ kind: 'none' });
  const [confirmed, setConfirmed] = useState(false);

  const check = async (pick: () => Promise<PickedFile | undefined>, name: string) => {
    setConfirmed(false);
    setStep({ kind: 'checking', name });
    let shownName = name;
    try {
      const file = await pick();
      if (!file) return setStep({ kind: 'none' });
      shownName = file.name;
      setStep({ kind: 'preview', file, preview: await callBureau('bureau.master.preview', { file: file.handle }) });
    } catch (error) {
      setStep({ kind: 'refused', name: shownName, error });
    }
  };
  const upload = (file: File) => void check(async () => (await receiveFiles([file]))[0], file.name);
  const choose = () => void check(async () => (await chooseFiles('masterList'))[0], '');

  const apply = async (file: PickedFile, preview: Preview) => {
    setStep({ kind: 'applying', file, preview, percent: 0 });
    try {
      const result = await runBureauJob('bureau.importMaster', { file: file.handle, allowWithdrawMost: preview.withdrawsMost && confirmed }, (view) =>
        setStep((s) => (s.kind === 'applying' ? { ...s, percent: view.percent } : s)),
      );
      setStep({ kind: 'applied', result });
    } catch (error) {
      setStep({ kind: 'refused', name: file.name, error });
    }
  };

  const issues = step.kind === 'preview' ? (step.preview.issues as MasterListIssue[]) : [];
  const ready = step.kind === 'preview' && issues.length === 0;
  // A list to import: a line with the file and the import; a list to fix: the drop zone stays for the corrected file.
  const compact = ready || step.kind === 'applying';
  // No `accept` filter: the drop zone would drop a file of another type without a word; the desk says what is wrong with it.
  const uploadProps = {
    multiple: false,
    showUploadList: false,
    disabled: step.kind === 'checking' || step.kind === 'applying',
    beforeUpload: (file: File) => {
      upload(file);
      return false;
    },
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="master-import">
      <Typography.Text type="secondary">{t('bureauMaster.import.intro')}</Typography.Text>
      <Space wrap>
        {hasFileDialogs() ? (
          <Button type="primary" icon={<FolderOpenOutlined />} onClick={choose} data-testid="master-choose">
            {t('bureauMaster.import.choose')}
          </Button>
        ) : null}
        <TemplateButton />
      </Space>
      {/* A big drop zone until a list is chosen; then a line with the file, another file's button and the import. */}
      {compact ? (
        <Space wrap align="center">
          <Typography.Text strong data-testid="master-file-name">
            {t('bureauMaster.import.file', { name: step.file.name })}
          </Typography.Text>
          <div data-testid="master-upload">
            <Upload {...uploadProps}>
              <Button icon={<UploadOutlined />}>{t('bureauMaster.import.another')}</Button>
            </Upload>
          </div>
          {step.kind === 'applying' ? (
            <Progress percent={Math.round(step.percent)} status="active" style={{ width: 240 }} data-testid="master-apply-progress" />
          ) : ready ? (
            <Button
              type="primary"
              data-testid="master-apply"
              disabled={step.preview.withdrawsMost && !confirmed}
              onClick={() => void apply(step.file, step.preview)}
            >
              {t('bureauMaster.apply')}
            </Button>
          ) : null}
        </Space>
      ) : (
        <div data-testid="master-upload">
          <Upload.Dragger {...uploadProps}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('bureauMaster.import.drop')}</p>
            <p className="ant-upload-hint">{t('bureauMaster.import.dropHint')}</p>
          </Upload.Dragger>
        </div>
      )}
      {step.kind === 'checking' ? <Alert type="info" showIcon title={t('bureauMaster.import.checking', { name: step.name })} /> : null}
      {step.kind === 'refused' ? <Alert type="error" showIcon data-testid="master-file-error" title={masterFileErrorText(t, step.error, step.name)} /> : null}
      {issues.length > 0 ? (
        <>
          <Typography.Text strong data-testid="master-file-name">
            {t('bureauMaster.import.file', { name: step.kind === 'preview' ? step.file.name : '' })}
          </Typography.Text>
          <IssueTable issues={issues} />
        </>
      ) : null}
      {(ready || step.kind === 'applying') && step.preview.summary ? (
        <ImportPreview preview={step.preview} confirmed={confirmed} onConfirm={setConfirmed} />
      ) : null}
      {step.kind === 'applied' ? (
        <Alert
          type="success"
          showIcon
          data-testid="master-applied"
          title={
            <strong>
              {t('bureauMaster.applied', {
                added: step.result.added,
                updated: step.result.updated,
                withdrawn: step.result.withdrawn,
                restored: step.result.restored,
              })}
            </strong>
          }
          description={
            <Space orientation="vertical">
              {t('bureauMaster.applied.detail')}
              <Space>
                <Button onClick={() => navigate('projects')} data-testid="master-to-projects">
                  {t('bureauMaster.applied.toProjects')}
                </Button>
                <Button type="primary" onClick={onAssign} data-testid="master-to-assign">
                  {t('bureauMaster.applied.toAssign')}
                </Button>
              </Space>
            </Space>
          }
        />
      ) : null}
    </Space>
  );
}

/** 下载空白模板: written into the chosen folder (desktop) or the outbox, then offered as a download in the preview. */
function TemplateButton() {
  const t = useBureauT();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ file: string } | { error: unknown } | null>(null);
  const write = async () => {
    setBusy(true);
    try {
      const where = await chooseOutputFolder();
      if (where) setAnswer(await callBureau('bureau.master.template', where));
    } catch (error) {
      setAnswer({ error });
    } finally {
      setBusy(false);
    }
  };
  const url = answer && 'file' in answer ? outboxDownloadUrl(answer.file) : null;
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void write()} data-testid="master-template">
        {t('bureauMaster.import.template')}
      </Button>
      {answer && 'error' in answer ? <Typography.Text type="danger">{bureauErrorText(t, answer.error)}</Typography.Text> : null}
      {answer && 'file' in answer ? (
        url ? (
          <a href={url} download data-testid="master-template-download">
            {t('bureauMaster.import.templateDownload')}
          </a>
        ) : (
          <Typography.Text type="secondary" data-testid="master-template-written">
            {t('bureauMaster.import.templateWritten', { file: answer.file })}
          </Typography.Text>
        )
      ) : null}
    </Space>
  );
}
