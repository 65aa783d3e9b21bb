import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Radio, Space, Tabs } from 'antd';
import { useState } from 'react';
import { DeskSwitchCard } from '../choose/DeskSwitchCard';
import { BackupSection } from './settings/BackupSection';
import { OfficeSection } from './settings/OfficeSection';
import { OfficersSection } from './settings/OfficersSection';
import { useBureau, useBureauT } from './store';

/** 桌面: which desk the app opens as (with the switch) and the language of this desk. */
function DeskSection() {
  const t = useBureauT();
  const language = useBureau((s) => s.language);
  const { setLanguage } = useBureau.getState();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <DeskSwitchCard current="bureau" t={t} />
      <Card title={t('bureauSettings.desk.language')} size="small">
        <Radio.Group value={language} onChange={(e) => setLanguage(e.target.value)} data-testid="bureau-settings-language">
          <Radio.Button value="zh-CN">简体中文</Radio.Button>
          <Radio.Button value="en">English</Radio.Button>
        </Radio.Group>
      </Card>
    </Space>
  );
}

/**
 * The bureau desk's settings, in four sections: the office and its signing key (本局), the officers and their
 * keys, backup and restore, and the desk itself. Each section loads its view when it opens; writes refresh the
 * views through their `changes`.
 */
export function SettingsScreen() {
  const t = useBureauT();
  return (
    <Tabs
      data-testid="bureau-settings"
      items={[
        { key: 'office', label: <span data-testid="bureau-settings-office">{t('bureauSettings.tab.office')}</span>, children: <OfficeSection /> },
        { key: 'officers', label: <span data-testid="bureau-settings-officers">{t('bureauSettings.tab.officers')}</span>, children: <OfficersSection /> },
        { key: 'backup', label: <span data-testid="bureau-settings-backup">{t('bureauSettings.tab.backup')}</span>, children: <BackupSection /> },
        { key: 'desk', label: <span data-testid="bureau-settings-desk">{t('bureauSettings.tab.desk')}</span>, children: <DeskSection /> },
      ]}
    />
  );
}

/** The settings place of the bureau shell: a button in its header that opens the settings in a large drawer beside the screen shown. */
export function SettingsEntry() {
  const t = useBureauT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="bureau-settings-open">
        {t('bureauSettings.open')}
      </Button>
      <Drawer title={t('bureauSettings.title')} open={open} onClose={() => setOpen(false)} size={1120} destroyOnHidden>
        {open ? <SettingsScreen /> : null}
      </Drawer>
    </>
  );
}
