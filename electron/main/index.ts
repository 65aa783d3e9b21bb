/**
 * The Electron main process: app lifecycle, the store, the one IPC channel, the window and the menus.
 * Kept thin on purpose: the rules it applies live in pure modules beside it (security.ts, window.ts,
 * protocol.ts, ipc.ts, menu.ts, long-work.ts) that tests import without Electron. Bundled by
 * build/build-electron.mjs to dist/electron/main.cjs (package.json "main").
 */
import { join } from 'node:path';
import { BrowserWindow, Menu, Notification, app, dialog, ipcMain, protocol, session } from 'electron';
import { DeskSession } from '../app/desk-session.js';
import { restrictUmask } from '../store/private-files.js';
import { APP_VERSION } from '../app/version.js';
import { configureFileAccess } from '../files/file-handles.js';
import { scheduleIntegrityChecks } from '../jobs/integrity-schedule.js';
import type { OperationOutput } from '@shared/operations/index.js';
import type { Reminders } from '@shared/operations/reminders.js';
import { createBureauFileChooser, createFileChooser, type DialogLike } from './file-dialogs.js';
import { registerIpc } from './ipc.js';
import { electronNotifier, startReminderSchedule } from './reminders.js';
import { setLongWorkEntry } from './long-work.js';
import { aboutText, buildMenuTemplate, type MenuLanguage } from './menu.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, applySessionSecurity, hardenWebContents } from './security.js';
import { createMainWindowOptions } from './window.js';

/** Same folder whether run from source (`npm start`) or packaged (where the name would be the productName). */
const USER_DATA_FOLDER = 'Sponsor Desk';
const APP_USER_MODEL_ID = 'cn.gov.sponsor-desk';

const log = (message: string): void => console.warn(`[sponsor-desk] ${message}`);

// Files the app and Chromium create in the data folder are the officer's alone (0600/0700; private-files.ts).
restrictUmask();
// Before `ready`: the app scheme's privileges, sandbox for every renderer, the data folder.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox();
app.setPath('userData', join(app.getPath('appData'), USER_DATA_FOLDER));
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

if (!app.requestSingleInstanceLock()) {
  // Two windows on one SQLite store would race each other's writes; the first instance takes focus instead.
  app.quit();
} else {
  start();
}

function start(): void {
  const isDev = !app.isPackaged;
  const bundleDir = __dirname; // dist/electron
  let mainWindow: BrowserWindow | null = null;
  let desks: DeskSession | null = null;
  let language: MenuLanguage = 'zh-CN';
  let reminders: { check(): Promise<void>; stop(): void } | null = null;

  // Every web contents, including any the app never meant to create, gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_ORIGIN, log));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // A long job still running is stopped (its transaction is never committed), then the store is closed.
    reminders?.stop();
    void desks?.close({ wait: false });
    desks = null;
  });

  const setMenu = (): void => {
    const template = buildMenuTemplate({
      language,
      isDev,
      actions: {
        // exportPacket: not wired to the menu yet; the sync screen exports as a job in a worker thread (long-work.ts).
        about: () => {
          const text = aboutText(language, {
            app: APP_VERSION,
            electron: process.versions.electron ?? '',
            chrome: process.versions.chrome ?? '',
            node: process.versions.node,
          });
          const box = { type: 'info' as const, title: text.title, message: text.message, detail: text.detail, buttons: [language === 'en' ? 'OK' : '确定'] };
          void (mainWindow ? dialog.showMessageBox(mainWindow, box) : dialog.showMessageBox(box));
        },
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const createWindow = (): BrowserWindow => {
    const window = new BrowserWindow(
      createMainWindowOptions({ preload: join(bundleDir, 'preload.cjs'), icon: join(bundleDir, 'icon.png') }, { devTools: isDev }),
    );
    window.once('ready-to-show', () => window.show());
    window.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(APP_ENTRY_URL);
    return window;
  };

  const ready = async (): Promise<void> => {
    const defaultSession = session.defaultSession;
    applySessionSecurity(defaultSession, APP_ORIGIN, log);
    defaultSession.protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rendererRoot: join(bundleDir, '..', 'renderer'),
        // Photos through the same functions as the preview bridge (the officer's sealed files, the bureau's received ones).
        serveAttachment: (name) => desks?.serveFile(name) ?? { status: 423, body: 'locked', contentType: 'text/plain; charset=utf-8' },
        // The page's desk (or the choice screen on first start), read at every load: a switch reloads the page.
        pageDesk: () => desks?.desk ?? 'choose',
      }),
    );

    // Long jobs (export, import, backup) run in worker threads from the bundled worker beside main.cjs.
    setLongWorkEntry({ path: join(bundleDir, 'workers', 'long-work.cjs'), execArgv: [] });
    // The desk the user chose on first start (electron/app/desk-choice.ts); none yet: the page asks.
    const showOpenDialog: DialogLike['showOpenDialog'] = (window, options) =>
      window ? dialog.showOpenDialog(window as BrowserWindow, options) : dialog.showOpenDialog(options);
    const desk = new DeskSession({
      dataDir: app.getPath('userData'),
      seedDemo: true,
      bureauChooser: createBureauFileChooser(
        { showOpenDialog },
        () => mainWindow,
        () => language,
      ),
      onOfficerOpen: (store) => {
        // The full integrity check runs in a worker after start and daily, never on the way to the first screen.
        const integrity = scheduleIntegrityChecks(store);
        // Files and folders reach the page only from these native dialogs, as handles (files/file-handles.ts).
        configureFileAccess(store, {
          chooser: createFileChooser(
            { showOpenDialog },
            () => mainWindow,
            () => language,
          ),
        });
        return () => integrity.stop();
      },
    });
    desks = desk;
    await desk.start();
    const readLanguage = async (): Promise<void> => {
      const info = await desk.dispatch('app.info', {});
      if (info.ok) language = (info.value as OperationOutput<'app.info'>).language;
      setMenu();
    };
    registerIpc(ipcMain, {
      dispatch: (name, input) => desk.dispatch(name, input),
      chooseDesk: async (input) => {
        const result = await desk.chooseFromPage(input);
        if (result.ok) {
          // After the answer has left: the page loads again as the chosen desk (protocol.ts writes its meta tag).
          setTimeout(() => mainWindow?.webContents.reload(), 0);
          void readLanguage().then(() => reminders?.check());
        }
        return result;
      },
      appWebContents: () => mainWindow?.webContents ?? null,
      onResult: (name, result) => {
        if (name === 'settings.setLanguage' && result.ok) {
          language = (result.value as OperationOutput<'settings.setLanguage'>).language;
          setMenu();
        }
        if (name === 'store.unlock' && result.ok) {
          // The language lives in the protected store: known only now.
          void readLanguage().then(() => reminders?.check());
        }
      },
      log,
    });

    await readLanguage();
    mainWindow = createWindow();
    // Due reminders on start and once a day while running (reminders.ts); a locked store is asked again after unlock.
    reminders = startReminderSchedule({
      fetch: async () => {
        // Only the officer desk has reminders: on the bureau desk (or before a choice) the name is refused, nothing shown.
        const result = await desk.dispatch('reminders.due', {});
        return result.ok ? (result.value as Reminders) : null;
      },
      notify: electronNotifier(Notification, {
        icon: join(bundleDir, 'icon.png'),
        onClick: () => {
          if (mainWindow?.isMinimized()) mainWindow.restore();
          mainWindow?.show();
          mainWindow?.focus();
        },
      }),
      language: () => language,
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    });
    void reminders.check();
  };

  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`start-up failed: ${message}`);
      dialog.showErrorBox('帮包工作台无法启动 / Sponsor Desk cannot start', message);
      app.exit(1);
    });
}
