import { App as AntApp, Alert, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useSave } from '../../components/form-parts';
import { callBureau } from '../client';
import type { PickedFile } from '../files';
import type { KeyOfficer } from '../slices/settings-slice';
import { useBureauT } from '../store';
import { FilePick } from './FilePick';
import { settingsErrorText } from './settings-error';

const KEY_ACCEPT = '.pub,.pem,.txt';

/** A settings dialog: its form, the refusal (in the clerk's words) above the buttons, and nothing closes until the operation answered. */
function SettingsModal(props: {
  title: string;
  open: boolean;
  onClose(): void;
  okText: string;
  busy: boolean;
  error: unknown;
  onOk(): void;
  testId: string;
  danger?: boolean;
  children: React.ReactNode;
}) {
  const t = useBureauT();
  return (
    <Modal
      open={props.open}
      title={props.title}
      width={620}
      destroyOnHidden
      onCancel={props.onClose}
      onOk={props.onOk}
      okText={props.okText}
      cancelText={t('bureauSettings.cancel')}
      confirmLoading={props.busy}
      okButtonProps={{ danger: props.danger, 'data-testid': `${props.testId}-ok` } as ButtonProps}
    >
      <div data-testid={props.testId}>
        {props.children}
        {props.error ? (
          <Alert
            type="error"
            showIcon
            title={typeof props.error === 'string' ? props.error : settingsErrorText(t, props.error)}
            data-testid={`${props.testId}-refused`}
          />
        ) : null}
      </div>
    </Modal>
  );
}

/** What a key decision voided, said after it (the op answers the counts). */
function voidedText(t: ReturnType<typeof useBureauT>, voided: { packets: number; records: number; conflicts: number } | null) {
  return voided && voided.packets > 0 ? ` ${t('bureauSettings.voidedOutcome', voided)}` : '';
}

interface AddValues {
  name: string;
  unit: string;
  phone?: string;
}

/** 添加帮包责任人: name and unit, a phone, and their public key file when the clerk has it (uploaded or chosen). */
export function AddOfficerDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useBureauT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AddValues>();
  const [keyFile, setKeyFile] = useState<PickedFile | null>(null);
  const { busy, error, setError, submit } = useSave<AddValues>(async (v) => {
    const r = await callBureau('bureau.officers.add', {
      name: v.name.trim(),
      unit: v.unit.trim(),
      phone: v.phone?.trim() || undefined,
      keyFile: keyFile?.handle,
    });
    const fingerprint = r.officer.keyFingerprint;
    message.success(
      fingerprint ? t('bureauSettings.added.withKey', { name: r.officer.name, fingerprint }) : t('bureauSettings.added', { name: r.officer.name }),
    );
    form.resetFields();
    setKeyFile(null);
    onClose();
  });
  const required = [{ required: true, whitespace: true, message: t('bureauSettings.add.required') }];
  return (
    <SettingsModal
      title={t('bureauSettings.add.title')}
      open={open}
      onClose={onClose}
      okText={t('bureauSettings.add.ok')}
      busy={busy}
      error={error}
      onOk={() => form.submit()}
      testId="add-officer"
    >
      <Form<AddValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('bureauSettings.officers.name')} rules={required}>
          <Input maxLength={100} data-testid="add-officer-name" />
        </Form.Item>
        <Form.Item name="unit" label={t('bureauSettings.officers.unit')} rules={required}>
          <Input maxLength={100} data-testid="add-officer-unit" />
        </Form.Item>
        <Form.Item name="phone" label={t('bureauSettings.officers.phone')}>
          <Input maxLength={40} data-testid="add-officer-phone" />
        </Form.Item>
        <Form.Item label={t('bureauSettings.add.keyFile')} extra={t('bureauSettings.add.keyHint')}>
          <FilePick purpose="officerKey" accept={KEY_ACCEPT} onPicked={setKeyFile} onError={setError} testId="add-officer-key" />
        </Form.Item>
      </Form>
    </SettingsModal>
  );
}

/**
 * 核对并接受: the clerk types the fingerprint the officer reads out on the phone; the operation accepts it only
 * when it is one of this officer's pending keys (a misread one is refused and nothing changes). Accepting while
 * another key is in force replaces it, and the dialog says first what that voids.
 */
export function AcceptKeyDialog({ officer, pending, onClose }: { officer: KeyOfficer; pending: { fingerprint: string; packets: number }; onClose(): void }) {
  const t = useBureauT();
  const { message } = AntApp.useApp();
  const [typed, setTyped] = useState('');
  const replaces = officer.keyFingerprint !== null;
  const { busy, error, submit } = useSave<string>(async (fingerprint) => {
    const r = await callBureau('bureau.officers.acceptKey', { officer: officer.id, fingerprint, replaceKey: replaces });
    message.success(
      t('bureauSettings.accepted', { name: officer.name, folded: r.folded.filter((f) => f.status === 'accepted').length }) + voidedText(t, r.voided),
    );
    onClose();
  });
  return (
    <SettingsModal
      title={t('bureauSettings.accept.title', { name: officer.name })}
      open
      onClose={onClose}
      okText={t('bureauSettings.accept.ok')}
      busy={busy}
      error={error}
      onOk={() => submit(typed)}
      danger={replaces}
      testId="accept-key"
    >
      <Typography.Paragraph>{t('bureauSettings.accept.steps', { name: officer.name })}</Typography.Paragraph>
      <Typography.Text strong>{t('bureauSettings.accept.typed')}</Typography.Text>
      <Input.TextArea
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoSize={{ minRows: 2 }}
        placeholder={t('bureauSettings.accept.placeholder')}
        style={{ fontFamily: 'monospace', margin: '6px 0 12px' }}
        data-testid="accept-key-typed"
      />
      <Typography.Paragraph type="secondary">{t('bureauSettings.accept.packets', { n: pending.packets })}</Typography.Paragraph>
      {replaces ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('bureauSettings.accept.replaces', { name: officer.name, fingerprint: officer.keyFingerprint ?? '', packets: officer.packetsReceived })}
        />
      ) : null}
    </SettingsModal>
  );
}

/** 登记密钥文件 / 更换密钥: a key file for an officer; replacing the key in force says first what it voids. */
export function KeyFileDialog({ officer, onClose }: { officer: KeyOfficer; onClose(): void }) {
  const t = useBureauT();
  const { message } = AntApp.useApp();
  const [keyFile, setKeyFile] = useState<PickedFile | null>(null);
  const replaces = officer.keyFingerprint !== null;
  const { busy, error, setError, submit } = useSave<PickedFile>(async (file) => {
    const r = await callBureau('bureau.officers.addKey', { officer: officer.id, keyFile: file.handle, replaceKey: replaces });
    message.success(
      (replaces
        ? t('bureauSettings.replaced', { name: officer.name })
        : t('bureauSettings.added.withKey', { name: officer.name, fingerprint: r.officer.keyFingerprint ?? '' })) + voidedText(t, r.voided),
    );
    onClose();
  });
  return (
    <SettingsModal
      title={replaces ? t('bureauSettings.replace.title', { name: officer.name }) : t('bureauSettings.officers.registerKey')}
      open
      onClose={onClose}
      okText={replaces ? t('bureauSettings.replace.ok') : t('bureauSettings.add.ok')}
      busy={busy}
      error={error}
      onOk={() => (keyFile ? submit(keyFile) : setError(t('bureauSettings.keyFile.required')))}
      danger={replaces}
      testId="key-file"
    >
      {replaces ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('bureauSettings.replace.warning', { fingerprint: officer.keyFingerprint ?? '', packets: officer.packetsReceived })}
        />
      ) : null}
      <Typography.Paragraph type="secondary">{t('bureauSettings.add.keyHint')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <FilePick purpose="officerKey" accept={KEY_ACCEPT} onPicked={setKeyFile} onError={setError} testId="key-file-pick" />
      </div>
    </SettingsModal>
  );
}
