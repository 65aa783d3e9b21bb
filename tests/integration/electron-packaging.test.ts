import { builtinModules } from 'node:module';
/**
 * The build and the packaging configuration: `npm run build:electron` produces the bundles the app loads
 * (checked by running the real preload bundle against a recording `electron`), and build/electron-builder.yml
 * passes electron-builder's own schema validation with the fuses, the unpacked native modules and the
 * targets the project promises.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLongWork } from '../../electron/main/long-work.js';
import type { LongJobData } from '../../electron/jobs/long-jobs.js';
import type { BureauJobData } from '../../electron/bureau/long-jobs.js';
import { sampleBureau } from '../helpers/bureau.js';
import { makeTempDir, openTempStore } from '../helpers/temp-store.js';

const root = process.cwd();
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

type BuilderConfig = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  files: string[];
  nsis: Record<string, unknown>;
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: { target: string; arch: string[] }[]; category: string };
};

const config = yaml.load(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's own validation, as `electron-builder --config build/electron-builder.yml` runs it. */
async function validate(candidate: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  await validateConfiguration(candidate, { isEnabled: false, add() {} });
}

describe('build/electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really checked: a misspelled fuse is refused', async () => {
    await expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).rejects.toThrow(/electronFuses/);
  });

  it('sets every fuse that applies (checklist 19)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true); // onlyLoadAppFromAsar needs it
  });

  it('ships the Node-API prebuilds of the SQLite driver (better-sqlite3-multiple-ciphers) unpacked and never rebuilds', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/prebuilds/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**', 'node_modules/@img/**']));
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.files.some((f) => f.startsWith('!') && f.includes('prebuilds'))).toBe(false);
    for (const prebuild of ['linux-x64', 'linux-arm64', 'win32-x64']) {
      expect(existsSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers/prebuilds', `${prebuild}.node`)), prebuild).toBe(true);
    }
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
  });

  it('targets Windows NSIS x64 (per user, folder choosable, Chinese) and Linux AppImage and deb on x64 and arm64', () => {
    expect(config.appId).toBe('cn.gov.sponsor-desk');
    expect(config.productName).toBe('Sponsor Desk');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      shortcutName: '帮包工作台',
      deleteAppDataOnUninstall: false,
    });
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.category).toBe('Office');
  });

  it('has a 512×512 PNG icon', () => {
    const png = readFileSync(join(root, String(config.icon)));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('npm run build:electron', () => {
  const out = join(root, 'dist/electron');

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'build/build-electron.mjs')], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('writes the main bundle package.json points at, and the preload beside it', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(existsSync(join(root, pkg.main))).toBe(true);
    expect(existsSync(join(out, 'preload.cjs'))).toBe(true);
    expect(existsSync(join(out, 'icon.png'))).toBe(true);
  });

  it('main requires only electron, the native modules and Node built-ins, and never opens external links', () => {
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    const required = new Set([...main.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const name of required) expect(builtins.has(name) || /^(electron|better-sqlite3-multiple-ciphers|sharp)$/.test(name), name).toBe(true);
    expect(required.has('electron')).toBe(true);
    expect(main).not.toMatch(/openExternal/);
    expect(main).toContain('sponsor-desk:invoke');
  });

  it('the real preload bundle requires only electron and exposes only { invoke }', async () => {
    const source = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const exposed: [string, unknown][] = [];
    const sent: unknown[][] = [];
    const requested: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]) },
      ipcRenderer: { invoke: async (...args: unknown[]) => (sent.push(args), { ok: true, value: null }) },
    };
    const module = { exports: {} };
    const sandboxRequire = (name: string): unknown => {
      requested.push(name);
      if (name === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    runInNewContext(source, { require: sandboxRequire, module, exports: module.exports, console });
    expect(requested).toEqual(['electron']);
    expect(exposed.map(([key]) => key)).toEqual(['sponsorDesk']);
    const api = exposed[0]?.[1] as { invoke(name: unknown, input: unknown): Promise<{ ok: boolean }> };
    expect(Object.keys(api)).toEqual(['invoke']);
    expect((await api.invoke('evil.op', {})).ok).toBe(false);
    expect(sent).toEqual([]);
    await api.invoke('app.info', {});
    expect(sent).toEqual([['sponsor-desk:invoke', 'app.info', {}]]);
  });

  it('bundles the long-work worker, which runs a job as a worker thread on its own connection', async () => {
    const entry = { path: join(out, 'workers', 'long-work.cjs'), execArgv: [] };
    expect(existsSync(entry.path)).toBe(true);
    const worker = readFileSync(entry.path, 'utf8');
    const required = new Set([...worker.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''));
    for (const name of required)
      expect(builtinModules.includes(name.replace(/^node:/, '')) || /^(better-sqlite3-multiple-ciphers|sharp)$/.test(name), name).toBe(true);
    const store = openTempStore();
    try {
      const progress: string[] = [];
      const data: LongJobData = {
        kind: 'backup.create',
        input: {},
        databasePath: store.ctx.databasePath,
        attachmentsDir: store.ctx.attachmentsDir,
        appVersion: store.ctx.appVersion,
        passphrase: null,
        clock: { at: Date.now(), realAt: Date.now() },
      };
      const result = await runLongWork<{ fileName: string }>('backup.create', data, { entry, onProgress: (p) => progress.push(p.phase) }).result;
      expect(existsSync(join(store.dir.path, 'backups', result.fileName))).toBe(true);
      expect(progress).toEqual(expect.arrayContaining(['start', 'copy']));
    } finally {
      store.close();
    }
  });

  it("the same bundled worker runs the bureau desk's jobs (its data says desk: 'bureau')", async () => {
    const entry = { path: join(out, 'workers', 'long-work.cjs'), execArgv: [] };
    const dir = makeTempDir('sponsor-desk-bundle-bureau-');
    const bureau = sampleBureau(dir.file('bureau.sqlite'), () => new Date('2026-11-27T10:00:00'));
    try {
      const data: BureauJobData = {
        desk: 'bureau',
        kind: 'bureau.exportLedger',
        input: { outFile: dir.file('台账.xlsx'), asOfMonth: '2026-10', referenceDay: '2026-11-27' },
        dbPath: bureau.dbPath,
        clock: { at: Date.now(), realAt: Date.now() },
      };
      const progress: string[] = [];
      const result = await runLongWork<{ file: string; sheets: Record<string, number> }>('bureau.exportLedger', data, {
        entry,
        onProgress: (p) => progress.push(p.phase),
      }).result;
      expect(result.sheets['项目进度']).toBe(30);
      expect(existsSync(dir.file('台账.xlsx'))).toBe(true);
      expect(progress).toEqual(['start', 'start', 'collect', 'write']);
    } finally {
      bureau.db.close();
      dir.remove();
    }
  });
});
