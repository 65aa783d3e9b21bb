import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { LoadFailed } from '../cells';
import { callBureau } from '../client';
import { useBureau, useBureauT } from '../store';
import { Fingerprint } from './Fingerprint';
import { settingsErrorText } from './settings-error';
import { useWrittenFile } from './use-written-file';

/** A path to copy (where the database, the key and the backups are). */
export function PathText({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  );
}

/** Hands bureau.pub to officers: written into a chosen folder (desktop) or the outbox, offered as a download (preview). */
function GiveKey() {
  const t = useBureauT();
  const { done: given, error, busy, run, download } = useWrittenFile((where) => callBureau('bureau.key.give', where));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<ExportOutlined />} loading={busy} onClick={run} data-testid="bureau-key-give">
        {t('bureauSettings.key.give')}
      </Button>
      {given ? (
        <Alert
          type="success"
          showIcon
          data-testid="bureau-key-given"
          title={t('bureauSettings.key.given', { file: given.file })}
          action={
            download ? (
              <Button size="small" icon={<DownloadOutlined />} href={download} download="bureau.pub">
                {t('bureauSettings.key.download')}
              </Button>
            ) : null
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={settingsErrorText(t, error)} /> : null}
    </Space>
  );
}

/** The district's time zone, chosen here (bureau.settings.set): every view counting by today or by month reloads. */
function DistrictTimeZone({ value }: { value: string }) {
  const t = useBureauT();
  const { message } = App.useApp();
  const save = async (zone: string) => {
    try {
      const saved = await useBureau.getState().saveTimeZone(zone);
      void message.success(t('bureauSettings.office.timeZoneSaved', { zone: saved }));
    } catch (error) {
      void message.error(settingsErrorText(t, error));
    }
  };
  return (
    <Space orientation="vertical" size={4}>
      <TimeZoneSelect testId="bureau-time-zone" value={value} save={save} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('bureauSettings.office.timeZoneHint')}
      </Typography.Text>
    </Space>
  );
}

/** 本局: the office, its files, and the signing key's fingerprint laid out for reading aloud. */
export function OfficeSection() {
  const t = useBureauT();
  const about = useBureau((s) => s.deskAbout);
  const error = useBureau((s) => s.deskAboutError);
  const { loadDeskAbout } = useBureau.getState();
  useLoadOnOpen(loadDeskAbout);
  if (error && !about) return <LoadFailed error={error} retry={() => void loadDeskAbout()} />;
  if (!about) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('bureauSettings.desk')} size="small">
        <Descriptions column={1} size="small" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t('bureauSettings.name')}>
            <Space>
              <span data-testid="bureau-settings-name">{about.bureauName}</span>
              {about.demo ? <Tag color="orange">{t('bureauSettings.office.demo')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.timeZone')}>
            <DistrictTimeZone value={about.timeZone} />
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.database')}>
            <Space orientation="vertical" size={0}>
              <PathText value={about.dbPath} />
              <Typography.Text type="secondary">{t('bureauSettings.office.holds', { projects: about.projects, officers: about.officers })}</Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.office.backups')}>
            <PathText value={about.backupsDir} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('bureauSettings.key')} size="small" data-testid="bureau-key">
        <Descriptions column={1} size="small" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t('bureauSettings.key.fingerprint')}>
            <Space orientation="vertical" size={4}>
              {about.fingerprint ? <Fingerprint value={about.fingerprint} testId="bureau-key-fingerprint" /> : '—'}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('bureauSettings.key.readAloud')}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.key.publicKey')}>
            <PathText value={about.publicKeyPath} />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 12px', fontSize: 13 }}>
          {t('bureauSettings.key.explain')}
        </Typography.Paragraph>
        <GiveKey />
      </Card>
    </Space>
  );
}
