/**
 * The desk chosen on first start (electron/app/desk-choice.ts, desk-session.ts), without Electron: the choice
 * file is the user's alone, a missing or damaged one means "ask", each desk opens its own database, and
 * switching opens the other one and leaves both files as they were.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESK_CHOICE_FILE, deskDatabases, readDeskChoice, withDeskMeta, writeDeskChoice } from '../../electron/app/desk-choice.js';
import { DeskSession } from '../../electron/app/desk-session.js';

const NOW = new Date('2026-12-02T10:00:00');
const posix = process.platform !== 'win32';
const mode = (path: string) => statSync(path).mode & 0o777;
const errorOf = (result: { ok: boolean; error?: { code: string; params: Record<string, unknown> } }) => result.error;

describe('the desk choice file', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sponsor-desk-choice-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is written with private modes (0600 in a 0700 folder) and read back', () => {
    const dataDir = join(root, 'Sponsor Desk');
    writeDeskChoice(dataDir, 'bureau', NOW);
    expect(readDeskChoice(dataDir)).toBe('bureau');
    expect(JSON.parse(readFileSync(join(dataDir, DESK_CHOICE_FILE), 'utf8'))).toEqual({ desk: 'bureau', chosenAt: NOW.toISOString() });
    if (posix) {
      expect(mode(join(dataDir, DESK_CHOICE_FILE))).toBe(0o600);
      expect(mode(dataDir)).toBe(0o700);
    }
    writeDeskChoice(dataDir, 'officer', NOW);
    expect(readDeskChoice(dataDir)).toBe('officer');
    if (posix) expect(mode(join(dataDir, DESK_CHOICE_FILE))).toBe(0o600);
  });

  it('missing or damaged means "ask"', async () => {
    expect(readDeskChoice(root)).toBeNull();
    for (const text of ['', 'not json', '{"desk":"admin"}', '{"desk":null}', 'null', '[]', '"officer"', '{"desk":"officer"']) {
      writeFileSync(join(root, DESK_CHOICE_FILE), text);
      expect(readDeskChoice(root), text).toBeNull();
    }
    const session = new DeskSession({ dataDir: root, seedDemo: false, now: () => NOW });
    expect(await session.start()).toBe('choose');
    expect(existsSync(deskDatabases(root).officer)).toBe(false);
    expect(existsSync(deskDatabases(root).bureau)).toBe(false);
  });

  it('tells the page its desk in the meta tag whoever serves it writes', () => {
    const html = '<head><meta name="sponsor-desk-transport" content="electron" /></head>';
    expect(withDeskMeta(html, 'choose')).toBe(
      '<head><meta name="sponsor-desk-transport" content="electron" /><meta name="sponsor-desk-desk" content="choose" /></head>',
    );
    expect(withDeskMeta(html, 'bureau', 'http')).toContain(
      '<meta name="sponsor-desk-transport" content="http" /><meta name="sponsor-desk-desk" content="bureau" />',
    );
  });
});

describe('a desk session', () => {
  let dataDir: string;
  let session: DeskSession;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sponsor-desk-session-'));
    session = new DeskSession({ dataDir, seedDemo: true, now: () => NOW });
  });
  afterEach(async () => {
    await session.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves nothing before the choice but the choice itself', async () => {
    expect(await session.start()).toBe('choose');
    expect(errorOf(await session.dispatch('app.info', {}))).toMatchObject({ code: 'not_found', params: { reason: 'desk_not_chosen' } });
    expect(errorOf(await session.dispatch('bureau.settings.get', {}))).toMatchObject({ code: 'not_found', params: { reason: 'desk_not_chosen' } });
    expect(errorOf(await session.chooseFromPage({ desk: 'admin' }))).toMatchObject({ code: 'invalid_input' });
    expect(errorOf(await session.chooseFromPage({ desk: 'officer', extra: 1 }))).toMatchObject({ code: 'invalid_input' });
    expect(readDeskChoice(dataDir)).toBeNull();
  });

  it('switching opens the other database, never converts one into the other, and leaves both files intact', async () => {
    const files = deskDatabases(dataDir);
    expect(await session.start()).toBe('choose');
    await expect(session.chooseFromPage({ desk: 'officer' })).resolves.toEqual({ ok: true, value: { desk: 'officer' } });
    expect(session.desk).toBe('officer');
    expect(readDeskChoice(dataDir)).toBe('officer');
    const officerProjects = await session.dispatch('projects.list', {});
    expect(officerProjects.ok).toBe(true);
    const officerCount = (officerProjects as { value: unknown[] }).value.length;
    expect(officerCount).toBeGreaterThan(0); // the demo dataset of a new store
    expect(errorOf(await session.dispatch('bureau.settings.get', {}))).toMatchObject({ code: 'not_found' });
    expect(existsSync(files.bureau)).toBe(false);

    await session.choose('bureau');
    expect(session.desk).toBe('bureau');
    expect(session.officer).toBeNull();
    expect(readDeskChoice(dataDir)).toBe('bureau');
    // A new bureau database with its signing key (0600) and the demo district, beside the officer's store.
    expect(existsSync(files.bureau)).toBe(true);
    expect(existsSync(files.officer)).toBe(true);
    const keyPath = join(dataDir, 'bureau', 'bureau.key');
    if (posix) expect(mode(keyPath)).toBe(0o600);
    const bureau = await session.dispatch('bureau.settings.get', {});
    expect(bureau).toMatchObject({ ok: true, value: { bureauName: expect.stringContaining('演示') } });
    const summary = await session.dispatch('bureau.summary', {});
    expect(summary.ok).toBe(true);
    expect(errorOf(await session.dispatch('app.info', {}))).toMatchObject({ code: 'not_found' });
    expect(errorOf(await session.dispatch('projects.list', {}))).toMatchObject({ code: 'not_found' });
    const fingerprint = ((await session.dispatch('bureau.init', {})) as { value: { fingerprint: string; created: boolean } }).value;
    expect(fingerprint.created).toBe(false);

    // Back: the same officer store, with what it had; the bureau's database and key stay as they were.
    await session.choose('officer');
    const again = await session.dispatch('projects.list', {});
    expect((again as { value: unknown[] }).value).toHaveLength(officerCount);
    expect(readFileSync(keyPath, 'utf8')).toContain('PRIVATE KEY');

    // A new start opens the desk chosen last, and the bureau again with its key (no new key, no second demo).
    await session.close();
    session = new DeskSession({ dataDir, seedDemo: true, now: () => NOW });
    expect(await session.start()).toBe('officer');
    await session.choose('bureau');
    const init = (await session.dispatch('bureau.init', {})) as { value: { fingerprint: string; created: boolean } };
    expect(init.value).toMatchObject({ created: false, fingerprint: fingerprint.fingerprint });
  });
});
