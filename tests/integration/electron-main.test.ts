/**
 * The rest of the main process that can be checked without Electron: the menus in both languages, and the
 * message protocol of long work in a worker thread (real threads running a small test worker; the jobs
 * themselves are tested in jobs.test.ts).
 */
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutText, buildMenuTemplate } from '../../electron/main/menu.js';
import { LongWorkError, longWorkEntry, runLongWork, setLongWorkEntry } from '../../electron/main/long-work.js';

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
    const menu = buildMenuTemplate({
      language: 'zh-CN',
      isDev: false,
      actions: { about: () => calls.push('about'), exportPacket: () => calls.push('export') },
    });
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

const testWorker = { path: join(import.meta.dirname, '../helpers/long-work-test-worker.ts'), execArgv: ['--import', 'tsx'] };

describe('long work in a worker thread', () => {
  it('reports progress, then the result', async () => {
    const progress: string[] = [];
    const run = runLongWork<{ counted: number }>(
      'count',
      { job: 'count', n: 3 },
      { entry: testWorker, onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) },
    );
    expect(await run.result).toEqual({ counted: 3 });
    expect(progress).toEqual(['write 1/3', 'write 2/3', 'write 3/3']);
  });

  it('turns a job error into a LongWorkError with its code and params', async () => {
    const error = await runLongWork('fail', { job: 'fail' }, { entry: testWorker }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LongWorkError);
    expect((error as LongWorkError).shape).toMatchObject({ code: 'packet_invalid', params: { reason: 'test' } });
  });

  it('reports any other error as internal', async () => {
    const error = await runLongWork('throw', { job: 'throw' }, { entry: testWorker }).result.catch((e: unknown) => e);
    expect((error as LongWorkError).shape).toMatchObject({ code: 'internal', message: 'not an AppError' });
  });

  it('fails when the worker exits without an answer', async () => {
    const error = await runLongWork('exit', { job: 'exit' }, { entry: testWorker }).result.catch((e: unknown) => e);
    expect((error as LongWorkError).shape.message).toMatch(/stopped before it finished \(exit code 3\)/);
  });

  it('stops the worker when aborted or terminated', async () => {
    const controller = new AbortController();
    const progress: string[] = [];
    const run = runLongWork('hang', { job: 'hang' }, { entry: testWorker, signal: controller.signal, onProgress: (p) => progress.push(p.phase) });
    await vi.waitFor(() => expect(progress).toEqual(['write']), { timeout: 10_000 });
    controller.abort();
    await expect(run.result).rejects.toThrow(/was stopped/);

    const second = runLongWork('hang', { job: 'hang' }, { entry: testWorker });
    await second.terminate();
    await expect(second.result).rejects.toThrow(/was stopped/);
  });

  it('finds its entry: the TypeScript source from a checkout', () => {
    setLongWorkEntry(null);
    const entry = longWorkEntry();
    expect(entry.path).toBe(join(process.cwd(), 'electron/main/workers/long-work.ts'));
    expect(entry.execArgv[0]).toBe('--import');
    setLongWorkEntry(testWorker);
    expect(longWorkEntry()).toBe(testWorker);
    setLongWorkEntry(null);
  });
});
