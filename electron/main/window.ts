import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowPaths {
  /** The bundled, sandboxed preload (dist/electron/preload.cjs). */
  preload: string;
  /** Window icon (Linux and Windows task bars); optional so a missing icon never stops the app. */
  icon?: string;
}

export interface MainWindowFlags {
  /** Developer tools: only when not packaged. */
  devTools?: boolean;
  title?: string;
}

/**
 * The options of the app's only window. Pure, so a test asserts every security flag on exactly what the
 * app passes to `new BrowserWindow` (tests/integration/electron-security.test.ts). Flags that are already
 * Electron's defaults are still written out: the default may change, the test keeps them pinned.
 */
export function createMainWindowOptions(paths: MainWindowPaths, flags: MainWindowFlags = {}): BrowserWindowConstructorOptions {
  return {
    title: flags.title ?? '帮包工作台 Sponsor Desk',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: false,
    ...(paths.icon ? { icon: paths.icon } : {}),
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      plugins: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: flags.devTools ?? false,
    },
  };
}
