import { SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OperationOutput } from '@shared/operations';
import { DeskSwitchCard } from '../choose/DeskSwitchCard';
import { callBureau } from './client';
import { bureauErrorText } from './error-text';
import { useBureau, useBureauT } from './store';

type InitOutput = OperationOutput<'bureau.init'>;

/** The office's name, time zone and files, and its signing key's fingerprint (read-only for now: issue 12 adds backup, restore and officers' keys here). */
function KeyCard() {
  const t = useBureauT();
  const settings = useBureau((s) => s.settings);
  const [desk, setDesk] = useState<InitOutput | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    // bureau.init on a desk already set up changes nothing and reports its files and key fingerprint.
    callBureau('bureau.init', {}).then(setDesk, setError);
  }, []);
  if (error) return <Alert type="error" showIcon title={bureauErrorText(t, error)} />;
  if (!desk) return <Spin />;
  const path = (value: string) => (
    <Typography.Text code copyable={{ text: value }} style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  );
  return (
    <>
      <Card title={t('bureauSettings.desk')}>
        <Descriptions column={1} size="small" styles={{ label: { width: 160 } }}>
          <Descriptions.Item label={t('bureauSettings.name')}>{settings?.bureauName ?? desk.bureauName}</Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.timeZone')}>{settings?.timeZone ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.database')}>{path(desk.dbPath)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('bureauSettings.key')} data-testid="bureau-key">
        <Descriptions column={1} size="small" styles={{ label: { width: 160 } }}>
          <Descriptions.Item label={t('bureauSettings.key.fingerprint')}>
            <Typography.Text strong copyable style={{ fontFamily: 'monospace', fontSize: 15 }} data-testid="bureau-key-fingerprint">
              {desk.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('bureauSettings.key.publicKey')}>{path(desk.publicKeyPath)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('bureauSettings.key.hint')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/** The bureau desk's settings: which desk the app opens as (with the switch), the office and its signing key. */
export function SettingsScreen() {
  const t = useBureauT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bureau-settings">
      <DeskSwitchCard current="bureau" t={t} />
      <KeyCard />
    </Space>
  );
}

/** The settings place of the bureau shell: a button in its header that opens the settings beside the screen shown. */
export function SettingsEntry() {
  const t = useBureauT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="bureau-settings-open">
        {t('bureauSettings.open')}
      </Button>
      <Drawer title={t('bureauSettings.title')} open={open} onClose={() => setOpen(false)} size={720} destroyOnHidden>
        {open ? <SettingsScreen /> : null}
      </Drawer>
    </>
  );
}
