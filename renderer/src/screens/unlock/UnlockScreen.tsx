import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../i18n';
import { useDesk, useT } from '../../store';

/**
 * The first screen of a protected store: the passphrase, nothing else. Until it is right every operation
 * answers store_locked. The language button switches only this screen (the chosen language is stored in
 * the protected database, readable after unlocking).
 */
export function UnlockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const t = useT();
  const language = useDesk((s) => s.language);
  const unlock = useDesk((s) => s.unlock);
  const [form] = Form.useForm<{ passphrase: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ passphrase }: { passphrase: string }) => {
    setBusy(true);
    setError(null);
    try {
      await unlock(passphrase);
      onUnlocked();
    } catch (e) {
      setError(e instanceof ApiError ? errorMessage(t, e.shape) : String(e));
      form.setFieldValue('passphrase', '');
      form.focusField('passphrase');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }} data-testid="unlock-screen">
      <Card style={{ width: 440 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              <LockOutlined /> {t('app.title')}
            </Typography.Title>
            <Button size="small" data-testid="unlock-language" onClick={() => useDesk.setState({ language: language === 'zh-CN' ? 'en' : 'zh-CN' })}>
              {t('unlock.language')}
            </Button>
          </div>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('unlock.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('unlock.hint')}</Typography.Text>
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item name="passphrase" label={t('unlock.passphrase')} rules={[{ required: true, message: t('unlock.required') }]}>
              <Input.Password autoFocus autoComplete="current-password" data-testid="unlock-passphrase" disabled={busy} />
            </Form.Item>
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="unlock-error" /> : null}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="unlock-submit">
              {t('unlock.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('unlock.forgotten')}
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
