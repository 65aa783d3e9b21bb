import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ProtectionResult } from '@shared/operations/store';
import { errorText } from '../../components/ErrorNotice';
import { useDesk, useT } from '../../store';
import { useLoadOnOpen } from '../../components/use-load-on-open';

const MIN_LENGTH = 8;

interface NewPassphrase {
  current?: string;
  passphrase: string;
  confirm: string;
}

/**
 * Settings → passphrase protection: set one (the database, its backups and photos are encrypted), change it
 * (the current one is asked again) or remove it (for a computer whose disk is already encrypted).
 */
export function ProtectionCard() {
  const t = useT();
  const { message, modal } = App.useApp();
  const lock = useDesk((s) => s.lock);
  const { loadLockState, protect, changePassphrase, removePassphrase } = useDesk.getState();
  const [form] = Form.useForm<NewPassphrase>();
  const [removeForm] = Form.useForm<{ current: string }>();
  const [busy, setBusy] = useState(false);
  const [left, setLeft] = useState(0);

  useLoadOnOpen(loadLockState);

  const isProtected = lock?.protected ?? false;

  const run = async (work: () => Promise<ProtectionResult>, done: (r: ProtectionResult) => string) => {
    setBusy(true);
    try {
      const result = await work();
      setLeft(result.backupsLeft);
      form.resetFields();
      removeForm.resetFields();
      void message.success(done(result));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };

  const submitNew = ({ current, passphrase }: NewPassphrase) =>
    void run(
      () => (isProtected ? changePassphrase(current ?? '', passphrase) : protect(passphrase)),
      (r) =>
        isProtected
          ? t('protection.done.change', { backups: r.backupsRekeyed })
          : t('protection.done.set', { backups: r.backupsRekeyed, files: r.filesChanged }),
    );

  const confirmRemove = ({ current }: { current: string }) => {
    modal.confirm({
      title: t('protection.removeTitle'),
      content: t('protection.removeBody'),
      okText: t('protection.removeOk'),
      okButtonProps: { danger: true },
      cancelText: t('protection.cancel'),
      onOk: () =>
        run(
          () => removePassphrase(current),
          (r) => t('protection.done.remove', { backups: r.backupsRekeyed, files: r.filesChanged }),
        ),
    });
  };

  return (
    <Card
      title={t('protection.title')}
      data-testid="protection-card"
      extra={
        <Tag color={isProtected ? 'green' : 'default'} icon={isProtected ? <LockOutlined /> : <UnlockOutlined />} data-testid="protection-state">
          {isProtected ? t('protection.on') : t('protection.off')}
        </Tag>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{isProtected ? t('protection.hint.on') : t('protection.hint.off')}</Typography.Text>
        {left > 0 ? <Alert type="warning" showIcon title={t('protection.left', { n: left })} /> : null}
        <Form form={form} layout="inline" onFinish={submitNew} requiredMark={false} style={{ rowGap: 8 }}>
          {isProtected ? (
            <Form.Item name="current" rules={[{ required: true, message: t('protection.required') }]}>
              <Input.Password placeholder={t('protection.current')} autoComplete="current-password" data-testid="protection-current" style={{ width: 200 }} />
            </Form.Item>
          ) : null}
          <Form.Item name="passphrase" rules={[{ required: true, min: MIN_LENGTH, message: t('protection.minLength', { n: MIN_LENGTH }) }]}>
            <Input.Password placeholder={t('protection.passphrase')} autoComplete="new-password" data-testid="protection-new" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="confirm"
            dependencies={['passphrase']}
            rules={[
              { required: true, message: t('protection.mismatch') },
              ({ getFieldValue }) => ({
                validator: (_rule, value) => (value === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('protection.mismatch')))),
              }),
            ]}
          >
            <Input.Password placeholder={t('protection.confirm')} autoComplete="new-password" data-testid="protection-confirm" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="protection-submit">
              {isProtected ? t('protection.change') : t('protection.set')}
            </Button>
          </Form.Item>
        </Form>
        {isProtected ? (
          <Form form={removeForm} layout="inline" onFinish={confirmRemove} requiredMark={false}>
            <Form.Item name="current" rules={[{ required: true, message: t('protection.required') }]}>
              <Input.Password
                placeholder={t('protection.current')}
                autoComplete="current-password"
                data-testid="protection-remove-current"
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item>
              <Button danger htmlType="submit" loading={busy} data-testid="protection-remove">
                {t('protection.remove')}
              </Button>
            </Form.Item>
          </Form>
        ) : (
          <Typography.Text type="warning">{t('protection.warning')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
