import { CheckCircleOutlined, CloudDownloadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Language } from '@shared/domain';
import type { BackupInfo } from '@shared/operations/settings';
import { useDateTime } from '../../components/date-time';
import { ErrorNotice, errorText } from '../../components/ErrorNotice';
import { textRules } from '../../components/form-parts';
import type { Translate } from '../../i18n';
import { useDesk, useT } from '../../store';
import { FullBackupCard } from './FullBackupCard';
import { ProtectionCard } from './ProtectionCard';
import { TimeZoneCard } from './TimeZoneCard';
import { IntegrityCard } from '../../components/IntegrityStatus';
import { DeskSwitchCard } from '../../choose/DeskSwitchCard';

interface OfficerForm {
  name: string;
  unit: string;
  phone: string;
}

const PHONE = /^[0-9+\-()（）\s]*$/;

function fileSize(t: Translate, bytes: number): string {
  return bytes < 1024 * 1024
    ? t('settings.backup.sizeKb', { n: (bytes / 1024).toFixed(1) })
    : t('settings.backup.sizeMb', { n: (bytes / 1024 / 1024).toFixed(1) });
}

function OfficerCard() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useDesk((s) => s.settings);
  const saveOfficer = useDesk((s) => s.saveOfficer);
  const [form] = Form.useForm<OfficerForm>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const officer = settings?.officer ?? null;
  const readOnly = settings?.identitySource === 'assignment';

  useEffect(() => {
    form.setFieldsValue({ name: officer?.name ?? '', unit: officer?.unit ?? '', phone: officer?.phone ?? '' });
  }, [form, officer]);

  /** Stores the identity as soon as the whole form is valid and differs from what is stored. */
  const saveIfValid = async (field: keyof OfficerForm) => {
    try {
      await form.validateFields([field]);
      await form.validateFields({ validateOnly: true });
    } catch {
      return; // the message is under the field; what was typed stays
    }
    const values = form.getFieldsValue();
    const next = { name: values.name.trim(), unit: values.unit.trim(), phone: (values.phone ?? '').trim() };
    if (officer && next.name === officer.name && next.unit === officer.unit && next.phone === officer.phone) return;
    setSaving(true);
    try {
      await saveOfficer(next);
      setSavedAt(Date.now());
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setSaving(false);
    }
  };

  if (readOnly) {
    return (
      <Card title={t('settings.officer')} data-testid="settings-officer" style={{ height: '100%' }}>
        <Alert type="info" showIcon title={t('settings.officer.fromAssignment')} style={{ marginBottom: 16 }} />
        <Descriptions column={1} size="small" data-testid="officer-readonly">
          <Descriptions.Item label={t('settings.officer.name')}>{officer?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('settings.officer.unit')}>{officer?.unit ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('settings.officer.phone')}>{officer?.phone || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }

  const tooLong = (max: number) => t('settings.officer.tooLong', { max });
  const field = (name: keyof OfficerForm) => ({ onBlur: () => void saveIfValid(name), onPressEnter: () => void saveIfValid(name) });

  return (
    <Card
      title={t('settings.officer')}
      data-testid="settings-officer"
      style={{ height: '100%' }}
      extra={
        saving ? (
          <Spin size="small" />
        ) : savedAt ? (
          <Typography.Text type="success" data-testid="officer-saved">
            <CheckCircleOutlined /> {t('settings.officer.saved')}
          </Typography.Text>
        ) : null
      }
    >
      <Form form={form} layout="horizontal" labelCol={{ flex: '96px' }} style={{ maxWidth: 520 }} requiredMark>
        {(['name', 'unit'] as const).map((name) => (
          <Form.Item key={name} name={name} label={t(`settings.officer.${name}`)} rules={textRules(100, tooLong(100), t(`settings.officer.${name}Required`))}>
            <Input data-testid={`officer-${name}-input`} maxLength={120} {...field(name)} />
          </Form.Item>
        ))}
        <Form.Item
          name="phone"
          label={t('settings.officer.phone')}
          rules={[
            { max: 40, message: tooLong(40) },
            { pattern: PHONE, message: t('settings.officer.phoneInvalid') },
          ]}
        >
          <Input data-testid="officer-phone-input" maxLength={60} {...field('phone')} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('settings.officer.autosave')}
          {officer ? ` ${t('settings.officer.id', { id: officer.id })}` : ''}
        </Typography.Text>
      </Form>
    </Card>
  );
}

function LanguageCard() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const setLanguage = useDesk((s) => s.setLanguage);
  return (
    <Card title={t('settings.language')} style={{ height: '100%' }}>
      <Radio.Group
        data-testid="settings-language"
        value={language}
        optionType="button"
        buttonStyle="solid"
        onChange={(e) => void setLanguage(e.target.value as Language)}
        options={[
          { value: 'zh-CN', label: <span data-testid="settings-language-zh">{t('settings.language.zh')}</span> },
          { value: 'en', label: <span data-testid="settings-language-en">{t('settings.language.en')}</span> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('settings.language.hint')}
      </Typography.Paragraph>
    </Card>
  );
}

function DataFolderCard() {
  const t = useT();
  const settings = useDesk((s) => s.settings);
  if (!settings) return null;
  const path = (testId: string, value: string) => (
    <Typography.Text code copyable={{ text: value }} data-testid={testId} style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  );
  return (
    <Card
      title={t('settings.data')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('settings.data.hint')}
        </Typography.Text>
      }
    >
      <Descriptions column={1} size="small" styles={{ label: { width: 190 } }}>
        <Descriptions.Item label={t('settings.data.database')}>{path('data-database', settings.databasePath)}</Descriptions.Item>
        <Descriptions.Item label={t('settings.data.attachments')}>{path('data-attachments', settings.attachmentsDir)}</Descriptions.Item>
        <Descriptions.Item label={t('settings.data.backups')}>{path('data-backups', settings.backupsDir)}</Descriptions.Item>
        <Descriptions.Item label={t('settings.data.schema')}>{settings.schemaVersion}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function BackupCard() {
  const t = useT();
  const { message, modal } = App.useApp();
  const backups = useDesk((s) => s.backups);
  const backupsError = useDesk((s) => s.backupsError);
  const { loadBackups, createBackup, restoreBackup } = useDesk.getState();
  const dateTime = useDateTime({ seconds: true });
  const [creating, setCreating] = useState(false);

  const backupNow = async () => {
    setCreating(true);
    try {
      const created = await createBackup();
      void message.success(t('settings.backup.created', { file: created.fileName }));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setCreating(false);
    }
  };

  const confirmRestore = (b: BackupInfo) => {
    const time = dateTime(b.createdAt);
    modal.confirm({
      title: t('settings.backup.confirmTitle', { time }),
      content: t('settings.backup.confirmBody', { time, file: b.fileName }),
      okText: t('settings.backup.confirmOk'),
      cancelText: t('settings.backup.cancel'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'restore-confirm' } as object) },
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          const result = await restoreBackup(b.fileName);
          void message.success(t('settings.backup.restored', { time, file: result.keptAside.fileName }));
        } catch (error) {
          void message.error(errorText(t, error));
        }
      },
    });
  };

  return (
    <Card
      title={t('settings.backup')}
      extra={
        <Button type="primary" icon={<CloudDownloadOutlined />} loading={creating} onClick={() => void backupNow()} data-testid="backup-now">
          {t('settings.backup.now')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.backup.hint')}</Typography.Paragraph>
      {backupsError ? <ErrorNotice error={backupsError} onRetry={() => void loadBackups()} /> : null}
      <Table<BackupInfo>
        data-testid="backup-table"
        size="small"
        rowKey="fileName"
        loading={backups === null && !backupsError}
        dataSource={backups ?? []}
        pagination={backups && backups.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: t('settings.backup.none') }}
        onRow={(b) => ({ 'data-testid': 'backup-row', 'data-file': b.fileName }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('settings.backup.time'), key: 'time', width: 200, render: (_, b) => dateTime(b.createdAt) },
          {
            title: t('settings.backup.kind'),
            key: 'kind',
            width: 150,
            render: (_, b) => <Tag color={b.kind === 'manual' ? 'blue' : b.kind === 'archive' ? 'green' : 'orange'}>{t(`settings.backup.kind.${b.kind}`)}</Tag>,
          },
          { title: t('settings.backup.size'), key: 'size', width: 100, align: 'right', render: (_, b) => fileSize(t, b.bytes) },
          {
            title: t('settings.backup.file'),
            key: 'file',
            ellipsis: true,
            render: (_, b) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {b.fileName}
              </Typography.Text>
            ),
          },
          {
            title: '',
            key: 'action',
            width: 90,
            align: 'right',
            render: (_, b) => (
              <Button size="small" onClick={() => confirmRestore(b)} data-testid="backup-restore">
                {t('settings.backup.restore')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function SettingsScreen() {
  const t = useT();
  const settingsError = useDesk((s) => s.settingsError);
  const { loadSettings, loadBackups } = useDesk.getState();

  useEffect(() => {
    void loadSettings();
    void loadBackups();
  }, [loadSettings, loadBackups]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }} data-testid="settings-screen">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      {settingsError ? <ErrorNotice error={settingsError} onRetry={() => void loadSettings()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <OfficerCard />
        </Col>
        <Col xs={24} lg={8}>
          <LanguageCard />
        </Col>
      </Row>
      <DeskSwitchCard current="officer" t={t} />
      <TimeZoneCard />
      <DataFolderCard />
      <IntegrityCard />
      <ProtectionCard />
      <BackupCard />
      <FullBackupCard />
    </Space>
  );
}
