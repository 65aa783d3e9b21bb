import type { MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'zh-CN' | 'en';

export interface MenuActions {
  /** Export the weekly packet. Until that service exists the item is shown disabled. */
  exportPacket?: () => void;
  about: () => void;
}

export interface MenuOptions {
  language: MenuLanguage;
  /** Not packaged: adds reload and the developer tools to View. */
  isDev: boolean;
  actions: MenuActions;
}

const LABELS = {
  'zh-CN': {
    file: '文件(&F)',
    exportPacket: '导出周报…',
    quit: '退出',
    edit: '编辑(&E)',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图(&V)',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '切换全屏',
    help: '帮助(&H)',
    about: '关于帮包工作台',
  },
  en: {
    file: '&File',
    exportPacket: 'Export weekly packet…',
    quit: 'Quit',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: '&View',
    reload: 'Reload',
    devTools: 'Developer tools',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullscreen: 'Toggle full screen',
    help: '&Help',
    about: 'About Sponsor Desk',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

/** The application menu, in the officer's language. Pure: Menu.buildFromTemplate(buildMenuTemplate(…)). */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.language] ?? LABELS['zh-CN'];
  const { actions } = options;
  const exportItem: MenuItemConstructorOptions = {
    id: 'export-packet',
    label: t.exportPacket,
    accelerator: 'CommandOrControl+E',
    enabled: actions.exportPacket !== undefined,
    ...(actions.exportPacket ? { click: () => actions.exportPacket?.() } : {}),
  };
  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }, { type: 'separator' }]
    : [];
  return [
    { label: t.file, submenu: [exportItem, { type: 'separator' }, { role: 'quit', label: t.quit }] },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        ...devItems,
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullscreen },
      ],
    },
    { label: t.help, submenu: [{ id: 'about', label: t.about, click: () => actions.about() }] },
  ];
}

/** The text of the About box. */
export function aboutText(
  language: MenuLanguage,
  versions: { app: string; electron: string; chrome: string; node: string },
): { title: string; message: string; detail: string } {
  const detail = `Electron ${versions.electron} · Chromium ${versions.chrome} · Node.js ${versions.node}`;
  return language === 'en'
    ? {
        title: 'About Sponsor Desk',
        message: `Sponsor Desk (帮包工作台) ${versions.app}`,
        detail: `Offline desk for sponsor officers of key projects.\n${detail}`,
      }
    : { title: '关于帮包工作台', message: `帮包工作台 Sponsor Desk ${versions.app}`, detail: `重点项目帮包责任人离线工作台。\n${detail}` };
}
