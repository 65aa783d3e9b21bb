import { SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import type { DeskChoice } from '@shared/operations/desk';
import { errorText } from '../components/ErrorNotice';
import type { Translate } from '../i18n';
import { chooseDesk, otherDesk } from './desk-switch';

/**
 * Settings of either desk: who the app opens as, and the switch to the other desk (which opens that desk's own
 * database after a confirmation; the preview says how to restart instead).
 */
export function DeskSwitchCard({ current, t }: { current: DeskChoice; t: Translate }) {
  const { modal } = App.useApp();
  const [note, setNote] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const other = otherDesk(current);
  // Named as desks, not as people: the officer's settings already show the officer (帮包责任人) by that word.
  const otherName = t(`deskSwitch.desk.${other}`);

  const switchDesk = async () => {
    setBusy(true);
    try {
      if ((await chooseDesk(other)) === 'preview') setNote({ type: 'info', text: t(`deskSwitch.preview.${current}`) });
    } catch (error) {
      setNote({ type: 'error', text: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const confirm = () =>
    void modal.confirm({
      title: t('deskSwitch.confirm', { desk: otherName }),
      content: t('deskSwitch.hint'),
      okText: t('deskSwitch.confirm.ok'),
      cancelText: t('deskSwitch.confirm.cancel'),
      onOk: switchDesk,
    });

  return (
    <Card
      title={t('deskSwitch.title')}
      data-testid="desk-switch"
      extra={
        <Button icon={<SwapOutlined />} loading={busy} onClick={confirm} data-testid="desk-switch-button">
          {t('deskSwitch.button', { desk: otherName })}
        </Button>
      }
    >
      <Descriptions column={1} size="small" styles={{ label: { width: 190 } }}>
        <Descriptions.Item label={t('deskSwitch.current')}>
          <Typography.Text strong data-testid="desk-switch-current">
            {t(`deskSwitch.desk.${current}`)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('deskSwitch.hint')}
      </Typography.Paragraph>
      {note ? <Alert style={{ marginTop: 12 }} type={note.type} showIcon title={note.text} data-testid="desk-switch-note" /> : null}
    </Card>
  );
}
