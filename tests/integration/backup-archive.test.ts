import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { readAttachmentFile, SEALED_MAGIC } from '../../electron/files/attachment-files.js';
import { backupsDir } from '../../electron/handlers/backups.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { grantFile, grantFolder } from '../../electron/files/file-handles.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { isEncrypted } from '../../electron/store/driver.js';
import { stopJobs } from '../../electron/handlers/jobs.js';
import type { JobView } from '@shared/operations/jobs.js';
import { dumpDatabase, makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { unzipFile, zipTo } from '../helpers/zip.js';

/**
 * Full backups (database + photos in one zip) written to a chosen folder and restored on "another computer":
 * a fresh data folder with its own new store. Real SQLite files, real zips, real JPEGs.
 */

const registry = createRegistry();
const PROJECT = '00000000-0000-4000-8000-00000000000a';
const PASS = '帮包 backup passphrase';
const RECORD_TABLES = [
  'projects',
  'visits',
  'attachments',
  'checklist_items',
  'checklist_events',
  'problems',
  'problem_events',
  'investment_entries',
  'milestones',
  'change_log',
];

async function call<T>(ctx: ServiceContext, name: string, input: object): Promise<T> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function refusal(ctx: ServiceContext, name: string, input: object) {
  const result = await registry.dispatch(name, input, ctx);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error;
}

async function jpeg(seed: number): Promise<Buffer> {
  const w = 64;
  const h = 48;
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * seed) % 251;
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function logVisitWithPhotos(ctx: ServiceContext) {
  const photos = [await jpeg(7), await jpeg(13)].map((d, i) => ({ fileName: `IMG_${i}.JPG`, mimeType: 'image/jpeg', dataBase64: d.toString('base64') }));
  return call<OperationOutput<'visits.log'>>(ctx, 'visits.log', {
    projectId: PROJECT,
    visitedOn: '2026-11-23',
    kind: 'site_visit',
    summary: '现场查看二期厂房施工进度',
    photos,
  });
}

/** The officer's records, table by table (settings left out: a restore carries continuity into them). */
function records(ctx: ServiceContext): string {
  const dump = dumpDatabase(ctx.db).split('\n');
  const out: string[] = [];
  let keep = false;
  for (const line of dump) {
    if (line.startsWith('table ')) keep = RECORD_TABLES.includes(line.split(' ')[1]!);
    if (keep) out.push(line);
  }
  return out.join('\n');
}

/** Every stored file's plain bytes, by name. */
function photos(ctx: ServiceContext): Map<string, string> {
  const rows = ctx.db.prepare('SELECT file_name AS f FROM attachments ORDER BY f').all() as { f: string }[];
  return new Map(
    rows.map(({ f }) => [
      f,
      createHash('sha256')
        .update(readAttachmentFile(ctx, f) ?? Buffer.alloc(0))
        .digest('hex'),
    ]),
  );
}

let source: TempStore;
let usb: TempDir;
let other: TempDir;
let fresh: ServiceContext | null;

/** "Another computer": a new data folder whose store is opened as the app opens a first-start store. */
function freshComputer(): ServiceContext {
  fresh = openOfficerStore({
    databasePath: join(other.path, 'data', 'sponsor-desk.sqlite'),
    seedDemoWhenEmpty: false,
    now: () => new Date('2026-11-25T09:00:00'),
  });
  return fresh;
}

beforeEach(() => {
  source = openTempStore({ demo: true });
  usb = makeTempDir('sponsor-desk-usb-');
  other = makeTempDir('sponsor-desk-other-');
  fresh = null;
});
afterEach(() => {
  if (fresh?.db.open) fresh.db.close();
  source.close();
  usb.remove();
  other.remove();
});

async function backUpToUsb(ctx: ServiceContext) {
  const made = await call<OperationOutput<'backup.export'>>(ctx, 'backup.export', { folder: grantFolder(ctx, usb.path) });
  return { made, path: join(usb.path, made.fileName) };
}

describe('full backup to a chosen folder', () => {
  it('carries the database and every photo; restored into a fresh data folder, records and photos are equal', async () => {
    await logVisitWithPhotos(source.ctx);
    const { made, path } = await backUpToUsb(source.ctx);
    expect(made).toMatchObject({ kind: 'archive', location: 'folder', protected: false, files: 4 }); // 2 photos + 2 thumbnails
    expect(made.fileName).toMatch(/^sponsor-desk-backup-20261124-100000\.zip$/);
    expect(readdirSync(usb.path)).toEqual([made.fileName]); // no temp file left
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const entries = await unzipFile(path);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.files).toHaveLength(4);
    for (const f of [manifest.database, ...manifest.files]) {
      expect(createHash('sha256').update(entries.get(f.name)!).digest('hex')).toBe(f.sha256);
    }

    const target = freshComputer();
    expect(photos(target).size).toBe(0);
    const result = await call<OperationOutput<'backup.restoreFile'>>(target, 'backup.restoreFile', { file: grantFile(target, path) });
    expect(result.files).toBe(4);
    expect(result.keptAside.kind).toBe('before_restore');
    expect(records(target)).toBe(records(source.ctx));
    expect(photos(target)).toEqual(photos(source.ctx));
    expect([...photos(target).values()].every((h) => h !== createHash('sha256').update(Buffer.alloc(0)).digest('hex'))).toBe(true);
    // No unpacking folder is left beside the store.
    expect(readdirSync(join(other.path, 'data')).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  });

  it('a full backup beside the store is listed and restored from the list', async () => {
    await logVisitWithPhotos(source.ctx);
    const made = await call<OperationOutput<'backup.export'>>(source.ctx, 'backup.export', {});
    expect(made.location).toBe('backups');
    const list = await call<OperationOutput<'backup.list'>>(source.ctx, 'backup.list', {});
    expect(list.find((b) => b.fileName === made.fileName)?.kind).toBe('archive');
    // The database-only restore does not take a full backup; the full restore does.
    expect((await refusal(source.ctx, 'backup.restore', { backupFileName: made.fileName })).params.reason).toBe('backup_is_archive');
    const before = records(source.ctx);
    await logVisitWithPhotos(source.ctx);
    const result = await call<OperationOutput<'backup.restoreFile'>>(source.ctx, 'backup.restoreFile', { backupFileName: made.fileName });
    expect(result.restored.fileName).toBe(made.fileName);
    expect(records(source.ctx)).toBe(before);
  });

  it('a folder handle that was never handed out, or a path, writes nothing', async () => {
    expect((await refusal(source.ctx, 'backup.export', { folder: 'h_' + 'x'.repeat(32) })).code).toBe('not_found');
    expect((await refusal(source.ctx, 'backup.export', { folder: usb.path })).code).toBe('invalid_input');
    expect(readdirSync(usb.path)).toEqual([]);
    expect(existsSync(backupsDir(source.ctx)) ? readdirSync(backupsDir(source.ctx)) : []).toEqual([]);
  });
});

describe('a damaged or foreign backup is refused with the store unchanged', () => {
  async function expectRefusedUnchanged(makeBad: (good: Map<string, Buffer>, path: string) => Promise<void> | void, code: string, reason: string) {
    await logVisitWithPhotos(source.ctx);
    const { path } = await backUpToUsb(source.ctx);
    const target = freshComputer();
    await logVisitWithPhotos(target).catch(() => undefined); // a fresh store has no project: nothing to log, fine
    const bad = join(usb.path, 'bad.zip');
    const good = await unzipFile(path);
    await makeBad(good, bad);
    const dumpBefore = dumpDatabase(target.db);
    const filesBefore = existsSync(target.attachmentsDir) ? readdirSync(target.attachmentsDir) : [];
    const error = await refusal(target, 'backup.restoreFile', { file: grantFile(target, bad) });
    expect(error.code).toBe(code);
    expect(error.params.reason).toBe(reason);
    expect(dumpDatabase(target.db)).toBe(dumpBefore);
    expect(existsSync(target.attachmentsDir) ? readdirSync(target.attachmentsDir) : []).toEqual(filesBefore);
    expect(existsSync(backupsDir(target)) ? readdirSync(backupsDir(target)) : []).toEqual([]); // nothing kept aside: nothing was replaced
    expect(readdirSync(join(other.path, 'data')).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  }

  it('one photo changed by one byte', () =>
    expectRefusedUnchanged(
      async (good, bad) => {
        const name = [...good.keys()].find((n) => n.startsWith('attachments/') && !n.includes('.thumb.'))!;
        const photo = Buffer.from(good.get(name)!);
        const at = photo.length >> 1;
        photo[at] = (photo[at] ?? 0) ^ 0xff;
        good.set(name, photo);
        await zipTo(
          bad,
          [...good].map(([name, data]) => ({ name, data })),
        );
      },
      'database_corrupt',
      'backup_damaged',
    ));

  it('a photo missing from the zip', () =>
    expectRefusedUnchanged(
      async (good, bad) => {
        good.delete([...good.keys()].find((n) => n.startsWith('attachments/'))!);
        await zipTo(
          bad,
          [...good].map(([name, data]) => ({ name, data })),
        );
      },
      'database_corrupt',
      'backup_damaged',
    ));

  it('an entry a backup never has', () =>
    expectRefusedUnchanged(
      async (good, bad) => {
        good.set('evil.sh', Buffer.from('#!/bin/sh'));
        await zipTo(
          bad,
          [...good].map(([name, data]) => ({ name, data })),
        );
      },
      'invalid_input',
      'not_a_backup',
    ));

  it('a database whose hashes match but which is not an officer store', () =>
    expectRefusedUnchanged(
      async (good, bad) => {
        const junk = Buffer.alloc(8192, 7);
        const manifest = JSON.parse(good.get('manifest.json')!.toString('utf8'));
        manifest.database = { name: 'database.sqlite', bytes: junk.length, sha256: createHash('sha256').update(junk).digest('hex') };
        good.set('database.sqlite', junk);
        good.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
        await zipTo(
          bad,
          [...good].map(([name, data]) => ({ name, data })),
        );
      },
      'database_corrupt',
      'backup_protected', // random bytes look like an encrypted database: damaged, or protected while this store is not
    ));

  it('a real SQLite database that is not an officer store (the bureau desk, say)', () =>
    expectRefusedUnchanged(
      async (good, bad) => {
        const file = join(usb.path, 'foreign.sqlite');
        const db = new Database(file);
        db.exec('CREATE TABLE packets (id TEXT PRIMARY KEY); PRAGMA user_version = 3;');
        db.close();
        const data = readFileSync(file);
        const manifest = JSON.parse(good.get('manifest.json')!.toString('utf8'));
        manifest.database = { name: 'database.sqlite', bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
        good.set('database.sqlite', data);
        good.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
        await zipTo(
          bad,
          [...good].map(([name, data]) => ({ name, data })),
        );
      },
      'database_corrupt',
      undefined as unknown as string,
    ));

  it('no manifest, or not a zip at all', async () => {
    await expectRefusedUnchanged(
      async (good, bad) => {
        good.delete('manifest.json');
        await zipTo(
          bad,
          [...good].map(([name, data]) => ({ name, data })),
        );
      },
      'invalid_input',
      'not_a_backup',
    );
    const target = fresh!;
    const before = dumpDatabase(target.db);
    writeFileSync(join(usb.path, 'notes.zip'), 'not a zip');
    const error = await refusal(target, 'backup.restoreFile', { file: grantFile(target, join(usb.path, 'notes.zip')) });
    expect(error.params.reason).toBe('not_a_backup');
    expect(dumpDatabase(target.db)).toBe(before);
  });
});

describe('a protected store', () => {
  it('keeps the database encrypted and the photos sealed in the backup; restores on another computer with the passphrase only', async () => {
    await call(source.ctx, 'store.setPassphrase', { passphrase: PASS });
    await logVisitWithPhotos(source.ctx);
    const { made, path } = await backUpToUsb(source.ctx);
    expect(made.protected).toBe(true);
    const entries = await unzipFile(path);
    expect(entries.get('database.sqlite')!.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    for (const [name, data] of entries) if (name.startsWith('attachments/')) expect(data.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);

    const target = freshComputer();
    const before = dumpDatabase(target.db);
    const handle = grantFile(target, path);
    const missing = await refusal(target, 'backup.restoreFile', { file: handle });
    expect([missing.code, missing.params.reason]).toEqual(['store_locked', 'backup_needs_passphrase']);
    const wrong = await refusal(target, 'backup.restoreFile', { file: handle, passphrase: 'not the passphrase' });
    expect([wrong.code, wrong.params.reason]).toEqual(['store_locked', 'backup_other_passphrase']);
    expect(dumpDatabase(target.db)).toBe(before);

    await call(target, 'backup.restoreFile', { file: handle, passphrase: PASS });
    expect(isEncrypted(target.db)).toBe(true);
    expect(records(target)).toBe(records(source.ctx));
    expect(photos(target)).toEqual(photos(source.ctx));
    // The photos on the new computer's disk are sealed too.
    for (const name of readdirSync(target.attachmentsDir))
      expect(readFileSync(join(target.attachmentsDir, name)).subarray(0, 8).equals(SEALED_MAGIC)).toBe(true);
  });
});

describe('a protected store restoring a plain backup', () => {
  it('stays protected with its own passphrase; the backup’s photos are sealed on arrival', async () => {
    await logVisitWithPhotos(source.ctx);
    const { made, path } = await backUpToUsb(source.ctx);
    expect(made.protected).toBe(false);
    const target = freshComputer();
    await call(target, 'store.setPassphrase', { passphrase: PASS });
    await call(target, 'backup.restoreFile', { file: grantFile(target, path) });
    expect(isEncrypted(target.db)).toBe(true);
    expect(records(target)).toBe(records(source.ctx));
    expect(photos(target)).toEqual(photos(source.ctx));
    for (const name of readdirSync(target.attachmentsDir))
      expect(readFileSync(join(target.attachmentsDir, name)).subarray(0, 8).equals(SEALED_MAGIC)).toBe(true);
  });
});

describe('folder of the chosen stick', () => {
  it('a folder that went away (stick removed) is not_found and nothing is written', async () => {
    const gone = join(usb.path, 'stick');
    mkdirSync(gone);
    const handle = grantFolder(source.ctx, gone);
    usb.remove();
    const error = await refusal(source.ctx, 'backup.export', { folder: handle });
    expect([error.code, error.params.what]).toEqual(['not_found', 'backup_folder']);
  });
});

describe('a full backup as a job', () => {
  afterEach(async () => {
    await stopJobs(source.ctx);
  });

  it('runs in a worker with progress through copy and photos, and its result is the operation output', async () => {
    await logVisitWithPhotos(source.ctx);
    const { jobId } = await call<{ jobId: string }>(source.ctx, 'jobs.start', { kind: 'backup.export', input: { folder: grantFolder(source.ctx, usb.path) } });
    // The store is held meanwhile: a second backup waits its turn.
    expect((await refusal(source.ctx, 'backup.export', {})).code).toBe('busy');
    const seen: JobView[] = [];
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const view = await call<JobView>(source.ctx, 'jobs.get', { jobId });
      seen.push(view);
      if (view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = seen.at(-1)!;
    expect(done).toMatchObject({ status: 'done', percent: 100 });
    if (done.kind !== 'backup.export' || !done.result) throw new Error(`no result: ${JSON.stringify(done.error)}`);
    expect(done.result).toMatchObject({ kind: 'archive', location: 'folder', files: 4 });
    expect(readdirSync(usb.path)).toEqual([done.result.fileName]);
    // Percent never goes down.
    const percents = seen.map((v) => v.percent);
    expect(percents).toEqual([...percents].sort((x, y) => x - y));
    // And the backup restores on another computer.
    const target = freshComputer();
    await call(target, 'backup.restoreFile', { file: grantFile(target, join(usb.path, done.result.fileName)) });
    expect(records(target)).toBe(records(source.ctx));
  });
});
