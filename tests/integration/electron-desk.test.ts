/**
 * What the main process configures for the two desks, asserted without Electron: the one IPC channel serves
 * the chosen desk's registry only (the officer desk refuses `bureau.*`, the bureau desk every officer name),
 * `desk.choose` is checked like every other call and switches the desk served, and the app protocol tells the
 * page its desk in index.html's meta tag (electron/main/index.ts wires these with electron/app/desk-session.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskSession } from '../../electron/app/desk-session.js';
import { createInvokeHandler, UntrustedSenderError, type InvokeEventLike } from '../../electron/main/ipc.js';
import { createAppProtocolHandler } from '../../electron/main/protocol.js';
import { APP_ENTRY_URL } from '../../electron/main/security.js';
import type { PageDesk } from '../../shared/operations/desk.js';

const NOW = new Date('2026-12-02T10:00:00');
const appContents = { id: 'app' };
const mainFrame: InvokeEventLike = { sender: appContents, senderFrame: { url: APP_ENTRY_URL, parent: null } };
type Result = { ok: boolean; value?: unknown; error?: { code: string; params: Record<string, unknown> } };

describe('main: the chosen desk over the one IPC channel', () => {
  let dataDir: string;
  let desks: DeskSession;
  let invoke: (event: InvokeEventLike, name: unknown, input: unknown) => Promise<Result>;
  const called: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sponsor-desk-electron-desk-'));
    desks = new DeskSession({ dataDir, seedDemo: false, now: () => NOW });
    await desks.start();
    // As index.ts registers it.
    invoke = createInvokeHandler({
      dispatch: (name, input) => desks.dispatch(name, input),
      chooseDesk: (input) => desks.chooseFromPage(input),
      appWebContents: () => appContents,
      onResult: (name) => called.push(name),
    }) as typeof invoke;
  });
  afterAll(async () => {
    await desks.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('before the choice, serves neither desk', async () => {
    expect(desks.desk).toBe('choose');
    expect((await invoke(mainFrame, 'app.info', {})).error).toMatchObject({ code: 'not_found', params: { reason: 'desk_not_chosen' } });
    expect((await invoke(mainFrame, 'bureau.summary', {})).error).toMatchObject({ code: 'not_found', params: { reason: 'desk_not_chosen' } });
  });

  it('refuses desk.choose from anything but the app window, like every call', async () => {
    const other: InvokeEventLike = { sender: { id: 'other' }, senderFrame: { url: APP_ENTRY_URL, parent: null } };
    await expect(invoke(other, 'desk.choose', { desk: 'bureau' })).rejects.toBeInstanceOf(UntrustedSenderError);
    const subFrame: InvokeEventLike = { sender: appContents, senderFrame: { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } } };
    await expect(invoke(subFrame, 'desk.choose', { desk: 'bureau' })).rejects.toBeInstanceOf(UntrustedSenderError);
    expect((await invoke(mainFrame, 'desk.choose', { desk: 'root' })).error).toMatchObject({ code: 'invalid_input' });
    expect(desks.desk).toBe('choose');
  });

  it('the officer desk refuses bureau.* names', async () => {
    await expect(invoke(mainFrame, 'desk.choose', { desk: 'officer' })).resolves.toEqual({ ok: true, value: { desk: 'officer' } });
    expect((await invoke(mainFrame, 'app.info', {})).ok).toBe(true);
    for (const name of ['bureau.settings.get', 'bureau.summary', 'bureau.init']) {
      expect((await invoke(mainFrame, name, {})).error, name).toMatchObject({ code: 'not_found' });
    }
  });

  it('the bureau desk refuses officer names', async () => {
    await expect(invoke(mainFrame, 'desk.choose', { desk: 'bureau' })).resolves.toEqual({ ok: true, value: { desk: 'bureau' } });
    expect((await invoke(mainFrame, 'bureau.settings.get', {})).ok).toBe(true);
    for (const name of ['app.info', 'projects.list', 'settings.setLanguage', 'reminders.due', 'store.unlock']) {
      expect((await invoke(mainFrame, name, {})).error, name).toMatchObject({ code: 'not_found' });
    }
    expect((await invoke(mainFrame, 'nope', {})).error).toMatchObject({ code: 'not_found' });
  });

  it('the app protocol writes the desk served into index.html, read at every load', async () => {
    const rendererRoot = join(dataDir, 'renderer');
    mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<head><meta name="sponsor-desk-transport" content="electron" /></head>');
    writeFileSync(join(rendererRoot, 'assets', 'a.js'), 'const x = \'<meta name="sponsor-desk-transport" content="electron" />\';');
    let desk: PageDesk = 'choose';
    const handle = createAppProtocolHandler({ rendererRoot, pageDesk: () => desk });
    const page = async (path: string) => (await handle(new Request(`app://sponsor-desk${path}`))).text();
    expect(await page('/')).toContain('<meta name="sponsor-desk-desk" content="choose" />');
    desk = 'bureau';
    expect(await page('/')).toContain('<meta name="sponsor-desk-desk" content="bureau" />');
    expect(await page('/settings')).toContain('<meta name="sponsor-desk-desk" content="bureau" />'); // the fallback to index.html too
    expect(await page('/assets/a.js')).not.toContain('sponsor-desk-desk'); // only the page
    const without = createAppProtocolHandler({ rendererRoot });
    expect(await (await without(new Request('app://sponsor-desk/'))).text()).not.toContain('sponsor-desk-desk');
  });

  it('the window is a page to the bureau desk: paths refused, files through the native dialog as handles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-electron-bureau-files-'));
    const asked: string[] = [];
    const chosen = join(dir, 'a.zip');
    const session = new DeskSession({ dataDir: dir, seedDemo: false, now: () => NOW, bureauChooser: async (purpose) => (asked.push(purpose), [chosen]) });
    try {
      await session.choose('bureau');
      const raw = (await session.dispatch('bureau.importMaster', { file: join(dir, 'master.xlsx'), dryRun: true })) as Result;
      expect(raw.error).toMatchObject({ code: 'invalid_input', params: { reason: 'raw_path' } });
      const answer = (await session.dispatch('bureau.files.choose', { purpose: 'packets' })) as Result;
      expect(asked).toEqual(['packets']);
      expect(answer.value).toMatchObject({ chosen: [{ name: 'a.zip', handle: expect.stringMatching(/^h_/) as unknown }] });
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
