import { App as AntApp, Alert, Button, Layout, Menu, Typography } from 'antd';
import { DeskTheme } from '../components/DeskTheme';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { bureauErrorText } from './error-text';
import { OverviewScreen } from './OverviewScreen';
import { SettingsEntry } from './SettingsScreen';
import { DeskNotice } from './settings/DeskNotice';
import { ProblemsScreen } from './ProblemsScreen';
import { ProjectsScreen } from './ProjectsScreen';
import { Coming } from './Coming';
import { InboxScreen } from './inbox/InboxScreen';
import { MasterScreen } from './master/MasterScreen';
import { ReportsScreen } from './reports/ReportsScreen';
import { BUREAU_SCREENS, useBureau, useBureauT, type BureauScreen } from './store';

const { Header, Sider, Content } = Layout;

/** The screens built so far; the others say they are coming. */
const SCREENS: Partial<Record<BureauScreen, () => React.ReactNode>> = {
  overview: () => <OverviewScreen />,
  projects: () => <ProjectsScreen />,
  problems: () => <ProblemsScreen />,
  inbox: () => <InboxScreen />,
  master: () => <MasterScreen />,
  reports: () => <ReportsScreen />,
};

function Shell() {
  const t = useBureauT();
  const screen = useBureau((s) => s.screen);
  const language = useBureau((s) => s.language);
  const settings = useBureau((s) => s.settings);
  const { navigate, setLanguage } = useBureau.getState();
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="bureau-desk">
      <Sider width={200} theme="light" breakpoint="lg" collapsedWidth={64}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('bureauDesk.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('bureauDesk.subtitle')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[screen]}
          onClick={({ key }) => navigate(key as BureauScreen)}
          items={BUREAU_SCREENS.map((key) => ({ key, label: <span data-testid={`bureau-nav-${key}`}>{t(`bureauDesk.nav.${key}`)}</span> }))}
        />
      </Sider>
      <Layout>
        <Header style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, paddingInline: 24 }}>
          <Typography.Text data-testid="bureau-name">{settings?.bureauName ?? ''}</Typography.Text>
          <SettingsEntry />
          <Button data-testid="language-switch" onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('lang.switch')}
          </Button>
        </Header>
        <Content style={{ padding: '0 24px 24px' }}>
          <DeskNotice />
          {SCREENS[screen]?.() ?? <Coming screen={screen} />}
        </Content>
      </Layout>
    </Layout>
  );
}

/** The bureau desk (重点项目办): its own shell and screens over the `bureau.*` operations (issue 12). */
export function BureauDesk() {
  const language = useBureau((s) => s.language);
  const t = useBureauT();
  const [error, setError] = useState<unknown>(null);
  const start = () => {
    setError(null);
    useBureau.getState().loadSettings().catch(setError);
  };
  useEffect(start, []);
  useEffect(() => {
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = language;
    document.title = t('bureauDesk.title');
  }, [language, t]);

  return (
    <DeskTheme language={language}>
      <AntApp>
        {error ? (
          <div style={{ padding: 48 }}>
            <Alert type="error" showIcon title={bureauErrorText(t, error)} action={<Button onClick={start}>{t('app.retry')}</Button>} />
          </div>
        ) : (
          <Shell />
        )}
      </AntApp>
    </DeskTheme>
  );
}
