import { App as AntApp, Button, Layout, Menu, Typography } from 'antd';
import { DeskTheme } from './components/DeskTheme';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { SearchOutlined } from '@ant-design/icons';
import { CommandPalette } from './components/CommandPalette';
import { DemoBanner } from './components/DemoBanner';
import { IntegrityWarning } from './components/IntegrityStatus';
import { ErrorNotice } from './components/ErrorNotice';
import { Loading } from './components/Loading';
import { ReminderNotice } from './components/ReminderNotice';
import { isPaletteShortcut, paletteShortcutLabel } from './components/keyboard';
import { HomeScreen } from './screens/home/HomeScreen';
// Every screen but home comes in a chunk of its own (issue 11: the first screen does not wait for the others).
import { ProblemLedgerScreen, ProjectScreen, SettingsScreen, SyncScreen, ThisWeekScreen, UnlockScreen } from './screens/lazy-screens';
import { useDesk, useT } from './store';
import type { Route } from './store/slices/app-slice';

const { Header, Sider, Content } = Layout;

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'project':
      return <ProjectScreen projectId={route.projectId} tab={route.tab ?? 'overview'} />;
    case 'problems':
      return <ProblemLedgerScreen />;
    case 'week':
      return <ThisWeekScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'home':
      return <HomeScreen />;
  }
}

/**
 * True once the home list has arrived and been painted (or at once on another screen): the due reminders, a large
 * answer worked out by the store, are asked for after the first rows rather than competing with them (issue 11).
 */
function useFirstScreenShown(): boolean {
  const listed = useDesk((s) => s.route.screen !== 'home' || s.projects !== null || s.projectsError !== null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!listed || shown) return;
    // Two frames: the one that paints the rows, then the reminders.
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => setShown(true))));
    return () => cancelAnimationFrame(frame);
  }, [listed, shown]);
  return shown;
}

/** `onStoreReplaced`: the demo was left and a fresh store opened; the app then starts the shell afresh. */
function Shell({ onStoreReplaced }: { onStoreReplaced: () => void }) {
  const t = useT();
  const route = useDesk((s) => s.route);
  const language = useDesk((s) => s.language);
  const info = useDesk((s) => s.info);
  const { navigate, setLanguage, setPaletteOpen } = useDesk.getState();
  const selected = route.screen === 'project' ? 'home' : route.screen;
  const firstScreenShown = useFirstScreenShown();

  // Ctrl/Cmd+K anywhere opens the command palette (also from inside a text field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      setPaletteOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPaletteOpen]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={200} theme="light" breakpoint="lg" collapsedWidth={64}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('app.subtitle')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          onClick={({ key }) => navigate({ screen: key } as Route)}
          items={(['home', 'problems', 'week', 'sync', 'settings'] as const).map((key) => ({
            key,
            label: <span data-testid={`nav-${key}`}>{t(`nav.${key}`)}</span>,
          }))}
        />
      </Sider>
      <Layout>
        <Header style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, paddingInline: 24 }}>
          <Button data-testid="palette-open" icon={<SearchOutlined />} onClick={() => setPaletteOpen(true)} style={{ marginRight: 'auto' }}>
            {t('shell.palette')}
            <Typography.Text keyboard style={{ marginInlineStart: 4 }}>
              {paletteShortcutLabel()}
            </Typography.Text>
          </Button>
          <Typography.Text data-testid="officer-name">{info?.officer ? `${info.officer.name} · ${info.officer.unit}` : t('officer.none')}</Typography.Text>
          <Button data-testid="language-switch" onClick={() => void setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('lang.switch')}
          </Button>
        </Header>
        <Content style={{ padding: '0 24px 24px' }}>
          <DemoBanner
            onLeft={async () => {
              // Every view was read again from the fresh store when leaving answered (store/views.ts).
              navigate({ screen: 'sync' }); // where the first assignment is imported
              onStoreReplaced();
            }}
          />
          <IntegrityWarning />
          {firstScreenShown && <ReminderNotice />}
          <Screen route={route} />
        </Content>
        {/* Closed until Ctrl+K, but its render builds a row per project: after the first rows, like the reminders. */}
        {firstScreenShown && <CommandPalette />}
      </Layout>
    </Layout>
  );
}

export function App() {
  const language = useDesk((s) => s.language);
  const { loadInfo, loadLockState } = useDesk.getState();
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const [locked, setLocked] = useState(false);
  /**
   * Bumped when the demo is left: the whole shell (every screen, the palette, any notice shown in the window)
   * starts afresh on the new store, so nothing of the demo stays on screen.
   */
  const [storeEpoch, setStoreEpoch] = useState(0);

  const open = () => {
    setLocked(false);
    // The home list is asked for alongside the officer's info rather than after it (issue 11: first screen fast),
    // the info first: the bridge answers in turn, and the shell renders while the list is read.
    const info = loadInfo();
    if (useDesk.getState().route.screen === 'home') useDesk.getState().prefetchProjects();
    info.then(() => setReady(true), setError);
  };
  const start = () => {
    setError(null);
    // A protected store asks for its passphrase first (the unlock screen); nothing else answers until then.
    loadLockState().then((lock) => (lock.locked ? setLocked(true) : open()), setError);
  };
  // Once on mount: `start` and `open` are rebuilt each render from the same store actions listed here.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(start, [loadInfo, loadLockState]);

  useEffect(() => {
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = language;
  }, [language]);

  return (
    <DeskTheme language={language}>
      <AntApp>
        {error ? (
          <div style={{ padding: 48 }}>
            <ErrorNotice error={error} onRetry={start} />
          </div>
        ) : locked ? (
          <UnlockScreen onUnlocked={open} />
        ) : ready ? (
          <Shell key={storeEpoch} onStoreReplaced={() => setStoreEpoch((n) => n + 1)} />
        ) : (
          <Loading />
        )}
      </AntApp>
    </DeskTheme>
  );
}
