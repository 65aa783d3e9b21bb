/**
 * The rest of the main process that can be checked without Electron: the menus in both languages, and the
 * message protocol of long work in a utility process (parent and child wired together in memory).
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutText, buildMenuTemplate } from '../../electron/main/menu.js';
import {
  LongWorkError,
  runInUtilityProcess,
  serveLongWork,
  type ForkUtilityProcess,
  type LongWorkHandler,
  type UtilityProcessLike,
} from '../../electron/main/long-work.js';

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => (i.role ? [i.role] : []));

describe('menus', () => {
  const about = (): void => {};

  it('are in Chinese by default shape: File, Edit, View, Help', () => {
    const menu = buildMenuTemplate({ language: 'zh-CN', isDev: false, actions: { about } });
    expect(menu.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(submenu(menu[0]).map((i) => i.label ?? i.type)).toEqual(['导出周报…', 'separator', '退出']);
    expect(roles(submenu(menu[1]))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(submenu(menu[1]).find((i) => i.role === 'paste')?.label).toBe('粘贴');
    expect(submenu(menu[3])[0]?.label).toBe('关于帮包工作台');
  });

  it('switch to English', () => {
    const menu = buildMenuTemplate({ language: 'en', isDev: false, actions: { about } });
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(submenu(menu[1]).find((i) => i.role === 'copy')?.label).toBe('Copy');
  });

  it('offer reload and developer tools only in development', () => {
    const prod = roles(submenu(buildMenuTemplate({ language: 'zh-CN', isDev: false, actions: { about } })[2]));
    const dev = roles(submenu(buildMenuTemplate({ language: 'zh-CN', isDev: true, actions: { about } })[2]));
    expect(prod).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(dev).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('disable export until it is wired, and call the actions given', () => {
    const calls: string[] = [];
    const off = submenu(buildMenuTemplate({ language: 'zh-CN', isDev: false, actions: { about } })[0])[0];
    expect(off?.enabled).toBe(false);
    const menu = buildMenuTemplate({ language: 'zh-CN', isDev: false, actions: { about: () => calls.push('about'), exportPacket: () => calls.push('export') } });
    const on = submenu(menu[0])[0];
    expect(on?.enabled).toBe(true);
    (on?.click as () => void)();
    (submenu(menu[3])[0]?.click as () => void)();
    expect(calls).toEqual(['export', 'about']);
  });

  it('say who the app is in the About box', () => {
    const versions = { app: '0.1.0', electron: '45.4.1', chrome: '140', node: '22' };
    expect(aboutText('zh-CN', versions).message).toBe('帮包工作台 Sponsor Desk 0.1.0');
    expect(aboutText('en', versions).title).toBe('About Sponsor Desk');
  });
});

/** A utility process simulated in memory: the parent's postMessage reaches the child's parentPort. */
function memoryFork(handlers: Record<string, LongWorkHandler>, log: string[]): ForkUtilityProcess {
  return (modulePath) => {
    log.push(`fork ${modulePath}`);
    const toParent = new EventEmitter();
    const toChild = new EventEmitter();
    serveLongWork(
      { on: (_e, l) => toChild.on('message', l), postMessage: (m) => queueMicrotask(() => toParent.emit('message', m)) },
      handlers,
    );
    const child: UtilityProcessLike = {
      postMessage: (m) => queueMicrotask(() => toChild.emit('message', { data: m })),
      on: (event: string, listener: (arg: never) => void) => toParent.on(event, listener as (arg: unknown) => void),
      kill: () => {
        log.push('kill');
        queueMicrotask(() => toParent.emit('exit', 0));
        return true;
      },
    };
    return child;
  };
}

describe('long work in a utility process', () => {
  const handlers: Record<string, LongWorkHandler> = {
    count: async (params, progress) => {
      const n = (params as { n: number }).n;
      for (let i = 1; i <= n; i++) progress(i, n);
      return { counted: n };
    },
    fail: () => {
      throw Object.assign(new Error('bad file'), { toShape: () => ({ code: 'packet_invalid', message: 'bad file', params: {}, issues: [] }) });
    },
    hang: () => new Promise(() => {}),
  };

  it('reports progress, then the result, and ends the process', async () => {
    const log: string[] = [];
    const progress: string[] = [];
    const value = await runInUtilityProcess(memoryFork(handlers, log), '/w/backup.cjs', { job: 'count', params: { n: 3 } }, { onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(value).toEqual({ counted: 3 });
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(log).toEqual(['fork /w/backup.cjs', 'kill']);
  });

  it('turns a job error into a LongWorkError with its code', async () => {
    const error = await runInUtilityProcess(memoryFork(handlers, []), '/w.cjs', { job: 'fail', params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LongWorkError);
    expect((error as LongWorkError).shape.code).toBe('packet_invalid');
  });

  it('refuses unknown jobs', async () => {
    await expect(runInUtilityProcess(memoryFork(handlers, []), '/w.cjs', { job: 'nope', params: {} })).rejects.toThrow(/unknown long work/);
  });

  it('kills the process when aborted', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const running = runInUtilityProcess(memoryFork(handlers, log), '/w.cjs', { job: 'hang', params: {} }, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow(/aborted/);
    expect(log).toContain('kill');
  });
});
