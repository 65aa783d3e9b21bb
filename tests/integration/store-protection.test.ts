import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { runCli } from '../../electron/cli/main.js';
import { readWeeklyFile } from '../../electron/packets/index.js';
import { isSealed, readAttachmentFile, serveAttachment } from '../../electron/files/attachment-files.js';
import { backupsDir, verifyBackupFile } from '../../electron/handlers/backups.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { openDatabase } from '../../electron/store/database.js';
import { STORE_CIPHER, isEncryptedFile, openConnection } from '../../electron/store/driver.js';
import { thumbnailFileName } from '@shared/operations/visits.js';
import { createAppProtocolHandler } from '../../electron/main/protocol.js';
import { startPreviewServer } from '../../electron/preview/server.js';
import { bridgeCookie } from '../helpers/bridge-session.js';
import { FIXED_NOW, countRows, dumpDatabase, makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { useTempDir } from '../helpers/per-test.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment, type AssignmentShape } from './sync-fixtures.js';

/**
 * Data at rest: the store protected with a passphrase (SQLCipher 4 format through
 * better-sqlite3-multiple-ciphers), its backups and its photos, through the operations the app calls.
 */

const registry = createRegistry();
const PASS = '帮包 passphrase 1';
const NEW_PASS = 'another passphrase 2';
/** Text that is certainly in the database: a visit summary written by the test. */
const MARKER = 'PLAINTEXT-MARKER-现场查看主体施工';

async function call<T>(ctx: ServiceContext, name: string, input: unknown = {}): Promise<T> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok)
    throw Object.assign(new Error(`${name}: ${result.error.code}/${String(result.error.params.reason ?? '')}: ${result.error.message}`), {
      shape: result.error,
    });
  return result.value as T;
}

async function refusal(ctx: ServiceContext, name: string, input: unknown = {}) {
  const result = await registry.dispatch(name, input, ctx);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error;
}

async function pngOf(width: number, height: number, r = 200): Promise<string> {
  const data = await sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 40 } } })
    .png()
    .toBuffer();
  return data.toString('base64');
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Every file beside the database (database, WAL, backups, attachments), to show one does not contain a text. */
function allFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) out.push(...allFilesUnder(path));
    else out.push(path);
  }
  return out;
}

function containsText(path: string, text: string): boolean {
  return readFileSync(path).includes(Buffer.from(text, 'utf8'));
}

describe('a protected store', () => {
  let dir: TempDir;
  let ctx: ServiceContext;
  let shape: AssignmentShape;
  let bureau: ReturnType<typeof makeBureau>;
  let t = FIXED_NOW.getTime();
  const clock = () => new Date((t += 1000));
  const dbPath = () => join(dir.path, 'officer', 'sponsor-desk.sqlite');

  beforeEach(async () => {
    dir = makeTempDir();
    ctx = openOfficerStore({ databasePath: dbPath(), now: clock });
    bureau = makeBureau(dir.path);
    trustBureau(ctx.db, bureau);
    shape = makeAssignment(makeOfficer('王芳'), { projects: 2, items: 2 });
    await applyAssignment(ctx, await writeAssignment(dir.path, bureau, shape, 1));
    await call(ctx, 'visits.log', {
      projectId: shape.projects[0]!.id,
      visitedOn: '2026-11-20',
      kind: 'site_visit',
      summary: MARKER,
      photos: [
        { fileName: 'a.png', mimeType: 'image/png', dataBase64: await pngOf(640, 480) },
        { fileName: 'b.png', mimeType: 'image/png', dataBase64: await pngOf(320, 240, 30) },
      ],
    });
  });
  afterEach(() => {
    if (ctx.db.open) ctx.db.close();
    dir.remove();
  });

  const attachments = () =>
    ctx.db.prepare('SELECT id, file_name AS fileName, sha256 FROM attachments ORDER BY file_name').all() as { id: string; fileName: string; sha256: string }[];

  it('starts unprotected; protecting encrypts the database (SQLCipher 4 defaults), its backups and its photos', async () => {
    expect(await call(ctx, 'store.lockState')).toEqual({ locked: false, protected: false });
    const plainPhoto = readFileSync(join(ctx.attachmentsDir, attachments()[0]!.fileName));
    const backupsBefore = readdirSync(backupsDir(ctx));
    expect(backupsBefore.length).toBe(1); // the pre-import backup
    expect(containsText(dbPath(), MARKER) || containsText(`${dbPath()}-wal`, MARKER)).toBe(true);

    const result = await call<{ protected: boolean; backupsRekeyed: number; filesChanged: number }>(ctx, 'store.setPassphrase', { passphrase: PASS });
    expect(result).toMatchObject({ locked: false, protected: true, backupsRekeyed: 1, backupsLeft: 0, filesChanged: 4 }); // 2 photos + 2 thumbnails
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');

    // Nothing beside the database holds the text or a photo in the clear.
    for (const file of allFilesUnder(join(dir.path, 'officer'))) {
      expect(containsText(file, MARKER), file).toBe(false);
      expect(readFileSync(file).includes(plainPhoto.subarray(0, 64)), file).toBe(false);
    }
    expect(isEncryptedFile(dbPath())).toBe(true);
    for (const name of readdirSync(ctx.attachmentsDir)) expect(isSealed(readFileSync(join(ctx.attachmentsDir, name))), name).toBe(true);

    // Another SQLite build without the key: "file is not a database"; the same with the key and SQLCipher 4 settings reads it.
    expect(() => new Database(dbPath(), { readonly: true }).prepare('SELECT * FROM visits').all()).toThrow(/not a database/);
    const other = openConnection(dbPath(), { readonly: true, passphrase: PASS });
    expect(other.pragma('cipher', { simple: true })).toBe(STORE_CIPHER.cipher);
    expect(Number(other.pragma('kdf_iter', { simple: true }))).toBe(256_000);
    expect(countRows(other, 'visits')).toBe(1);
    other.close();

    // The photos still read as before, hashes of the plain bytes unchanged.
    for (const a of attachments()) {
      const data = readAttachmentFile(ctx, a.fileName)!;
      expect(sha256(data)).toBe(a.sha256);
    }
    expect(readAttachmentFile(ctx, attachments()[0]!.fileName)!.equals(plainPhoto)).toBe(true);
  });

  it('reopens locked: every operation but lockState/unlock is store_locked; a wrong passphrase is refused and nothing changes; the right one unlocks', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    const dumpBefore = dumpDatabase(ctx.db);
    ctx.db.close();
    const bytesBefore = readFileSync(dbPath());
    const filesBefore = readdirSync(join(dir.path, 'officer')).sort();

    ctx = openOfficerStore({ databasePath: dbPath(), now: clock, seedDemoWhenEmpty: true });
    expect(ctx.locked).toBe(true);
    expect(await call(ctx, 'store.lockState')).toEqual({ locked: true, protected: true });
    for (const name of ['app.info', 'projects.list', 'backup.create', 'settings.get', 'store.setPassphrase']) {
      const error = await refusal(ctx, name, name === 'store.setPassphrase' ? { passphrase: NEW_PASS } : {});
      expect(error.code, name).toBe('store_locked');
    }
    expect(serveAttachment(ctx, 'x.jpg').status).toBe(423);

    const wrong = await refusal(ctx, 'store.unlock', { passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ code: 'store_locked', params: { reason: 'wrong_passphrase' } });
    expect(ctx.locked).toBe(true);
    expect(readFileSync(dbPath()).equals(bytesBefore)).toBe(true);
    expect(readdirSync(join(dir.path, 'officer')).sort()).toEqual(filesBefore);

    expect(await call(ctx, 'store.unlock', { passphrase: PASS })).toEqual({ locked: false, protected: true });
    expect(dumpDatabase(ctx.db)).toBe(dumpBefore);
    const info = await call<{ officer: { name: string } }>(ctx, 'app.info');
    expect(info.officer.name).toBe('王芳');
  });

  it('changing the passphrase keeps every record and re-keys the backups; the old passphrase opens nothing', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    await call(ctx, 'backup.create');
    const dump = dumpDatabase(ctx.db);

    const wrong = await refusal(ctx, 'store.changePassphrase', { current: 'wrong passphrase', passphrase: NEW_PASS });
    expect(wrong).toMatchObject({ code: 'store_locked', params: { reason: 'wrong_passphrase' } });
    expect(dumpDatabase(ctx.db)).toBe(dump);

    const result = await call(ctx, 'store.changePassphrase', { current: PASS, passphrase: NEW_PASS });
    expect(result).toMatchObject({ protected: true, backupsRekeyed: 2, backupsLeft: 0, filesChanged: 0 });
    expect(dumpDatabase(ctx.db)).toBe(dump);
    ctx.db.close();

    expect(() => openDatabase(dbPath(), { passphrase: PASS })).toThrow(/passphrase is wrong/);
    ctx = openOfficerStore({ databasePath: dbPath(), now: clock, passphrase: NEW_PASS });
    expect(dumpDatabase(ctx.db)).toBe(dump);
    for (const name of readdirSync(backupsDir(ctx))) {
      const path = join(backupsDir(ctx), name);
      expect(() => verifyBackupFile(path, PASS), name).toThrow();
      expect(verifyBackupFile(path, NEW_PASS), name).toBeGreaterThan(0);
    }
    // Photos kept their data key: they open without being rewritten.
    for (const a of attachments()) expect(sha256(readAttachmentFile(ctx, a.fileName)!)).toBe(a.sha256);
  });

  it('removing protection decrypts the database, its backups and its photos (a machine with full-disk encryption)', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    await call(ctx, 'backup.create');
    const dump = dumpDatabase(ctx.db);
    expect((await refusal(ctx, 'store.removePassphrase', { current: 'nope nope' })).params.reason).toBe('wrong_passphrase');

    const result = await call(ctx, 'store.removePassphrase', { current: PASS });
    expect(result).toMatchObject({ locked: false, protected: false, backupsRekeyed: 2, filesChanged: 4 });
    // Only the data key is gone from the settings (it protects nothing now).
    expect(
      dumpDatabase(ctx.db)
        .split('\n')
        .filter((l) => !l.includes('attachment_keys')),
    ).toEqual(
      dump
        .split('\n')
        .filter((l) => !l.includes('attachment_keys'))
        .map((l) => l.replace(/^table settings \((\d+) rows\)$/, (_m, n) => `table settings (${Number(n) - 1} rows)`)),
    );
    ctx.db.close();

    const plain = new Database(dbPath(), { readonly: true });
    expect(countRows(plain, 'visits')).toBe(1);
    plain.close();
    for (const name of readdirSync(join(dir.path, 'officer', 'attachments'))) {
      expect(isSealed(readFileSync(join(dir.path, 'officer', 'attachments', name))), name).toBe(false);
    }
    for (const name of readdirSync(join(dir.path, 'officer', 'backups'))) {
      const backup = new Database(join(dir.path, 'officer', 'backups', name), { readonly: true });
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      backup.close();
    }
    ctx = openOfficerStore({ databasePath: dbPath(), now: clock });
    expect(ctx.locked).toBeFalsy();
    for (const a of attachments()) {
      const data = readFileSync(join(ctx.attachmentsDir, a.fileName));
      expect(sha256(data)).toBe(a.sha256);
      await sharp(data).metadata();
    }
  });

  it('backup and restore of a protected store: the backup is encrypted with the same key, verified with it, and restores', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    const created = await call<{ fileName: string }>(ctx, 'backup.create');
    const path = join(backupsDir(ctx), created.fileName);
    expect(isEncryptedFile(path)).toBe(true);
    expect(containsText(path, MARKER)).toBe(false);
    expect(verifyBackupFile(path, PASS)).toBeGreaterThan(0);
    expect(() => verifyBackupFile(path)).toThrow(/protected/);
    expect(() => verifyBackupFile(path, 'some other passphrase')).toThrow(/another passphrase/);

    const dumpAtBackup = dumpDatabase(ctx.db);
    await call(ctx, 'visits.log', {
      projectId: shape.projects[1]!.id,
      visitedOn: '2026-11-21',
      kind: 'call',
      summary: 'after the backup',
      photos: [{ fileName: 'c.png', mimeType: 'image/png', dataBase64: await pngOf(200, 100, 90) }],
    });
    expect(countRows(ctx.db, 'visits')).toBe(2);

    const restored = await call<{ keptAside: { fileName: string } }>(ctx, 'backup.restore', { backupFileName: created.fileName });
    expect(await call(ctx, 'store.lockState')).toEqual({ locked: false, protected: true });
    expect(dumpDatabase(ctx.db)).toBe(dumpAtBackup);
    expect(isEncryptedFile(dbPath())).toBe(true);
    expect(isEncryptedFile(join(backupsDir(ctx), restored.keptAside.fileName))).toBe(true);
    // The photo written after the backup is still sealed and its key still known (the ring travels on).
    for (const name of readdirSync(ctx.attachmentsDir)) expect(readAttachmentFile(ctx, name), name).not.toBeNull();

    // And back: the kept-aside copy restores the later visit.
    await call(ctx, 'backup.restore', { backupFileName: restored.keptAside.fileName });
    expect(countRows(ctx.db, 'visits')).toBe(2);
    ctx.db.close();
    ctx = openOfficerStore({ databasePath: dbPath(), now: clock });
    expect(ctx.locked).toBe(true);
    await call(ctx, 'store.unlock', { passphrase: PASS });
    expect(countRows(ctx.db, 'visits')).toBe(2);
  });

  it('an assignment import on a protected store writes its pre-import backup encrypted', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    const file = await writeAssignment(dir.path, bureau, shape, 2);
    const before = countRows(ctx.db, 'visits');
    const result = await applyAssignment(ctx, file);
    expect(result.applied).toBe(true);
    const backup = result.backupPath!;
    expect(existsSync(backup)).toBe(true);
    expect(isEncryptedFile(backup)).toBe(true);
    expect(containsText(backup, MARKER)).toBe(false);
    const copy = openConnection(backup, { readonly: true, passphrase: PASS });
    expect(countRows(copy, 'visits')).toBe(before);
    copy.close();
    expect(verifyBackupFile(backup, PASS)).toBeGreaterThan(0);
  });

  it('new photos of a protected store are sealed; the preview bridge and the app:// protocol serve them decrypted through one function; the weekly packet carries them decrypted and verified', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    const png = await pngOf(300, 200, 10);
    await call(ctx, 'visits.log', {
      projectId: shape.projects[1]!.id,
      visitedOn: '2026-11-22',
      kind: 'site_visit',
      summary: 'sealed photo',
      photos: [{ fileName: 'd.png', mimeType: 'image/png', dataBase64: png }],
    });
    const newest = ctx.db
      .prepare("SELECT a.id, a.file_name AS fileName, a.sha256 FROM attachments a JOIN visits v ON v.id = a.owner_id WHERE v.summary = 'sealed photo'")
      .get() as { id: string; fileName: string; sha256: string };
    const stored = readFileSync(join(ctx.attachmentsDir, newest.fileName));
    expect(isSealed(stored)).toBe(true);
    expect(stored.includes(Buffer.from(png, 'base64').subarray(0, 32))).toBe(false);
    expect(isSealed(readFileSync(join(ctx.attachmentsDir, thumbnailFileName(newest))))).toBe(true);
    const plain = Buffer.from(png, 'base64');
    expect(sha256(plain)).toBe(newest.sha256); // small upright PNG kept as it came: the hash of the plain bytes

    // app:// protocol
    const handler = createAppProtocolHandler({ rendererRoot: dir.path, serveAttachment: (name) => serveAttachment(ctx, name) });
    const res = await handler(new Request(`app://sponsor-desk/files/${newest.fileName}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(plain)).toBe(true);
    expect((await handler(new Request('app://sponsor-desk/files/..%2Fsponsor-desk.sqlite'))).status).toBe(404);
    expect((await handler(new Request('app://sponsor-desk/files/nothing.jpg'))).status).toBe(404);

    // preview bridge
    const staticDir = join(dir.path, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<html><head><meta name="sponsor-desk-transport" content="electron" /></head></html>');
    const preview = await startPreviewServer({ registry, ctx, staticDir });
    try {
      const cookie = await bridgeCookie(preview);
      const served = await fetch(`${preview.url}files/${newest.fileName}`, { headers: { cookie } });
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(plain)).toBe(true);
      const thumb = await fetch(`${preview.url}files/${thumbnailFileName(newest)}`, { headers: { cookie } });
      expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('jpeg');
    } finally {
      await preview.close();
    }

    // the weekly packet: decrypted photos whose hashes are the recorded ones
    const out = join(dir.path, 'outbox');
    mkdirSync(out);
    const key = await call<{ publicKeyPem: string }>(ctx, 'sync.officerKey');
    const exported = await exportWeeklyPacket(ctx, { outDir: out });
    expect(exported.missingPhotos).toBe(0);
    const opened = await readWeeklyFile(exported.filePath, { resolveOfficerKey: () => key.publicKeyPem });
    expect(opened.photos.size).toBe(attachments().length);
    for (const a of attachments()) {
      const bytes = opened.photos.get(a.id)!;
      expect(sha256(bytes), a.fileName).toBe(a.sha256);
      expect(isSealed(bytes)).toBe(false);
    }
  });

  it('a sealed photo changed on disk is reported damaged by the export, never sent', async () => {
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    const first = attachments()[0]!;
    const path = join(ctx.attachmentsDir, first.fileName);
    const sealed = readFileSync(path);
    sealed[sealed.length - 20] = sealed[sealed.length - 20]! ^ 1;
    writeFileSync(path, sealed);
    expect(() => readAttachmentFile(ctx, first.fileName)).toThrow(/damaged/);
    expect(serveAttachment(ctx, first.fileName).status).toBe(500);
    const out = join(dir.path, 'outbox');
    mkdirSync(out);
    const exported = await exportWeeklyPacket(ctx, { outDir: out });
    expect(exported.missingPhotos).toBe(1);
    expect(exported.warnings.join('\n')).toMatch(/photo_damaged/);
  });

  it('refuses what makes no sense: protecting twice, changing an unprotected store, a short passphrase', async () => {
    expect((await refusal(ctx, 'store.changePassphrase', { current: 'whatever1', passphrase: NEW_PASS })).params.reason).toBe('not_protected');
    expect((await refusal(ctx, 'store.setPassphrase', { passphrase: 'short' })).code).toBe('invalid_input');
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    expect((await refusal(ctx, 'store.setPassphrase', { passphrase: NEW_PASS })).params.reason).toBe('already_protected');
    expect(await call(ctx, 'store.unlock', { passphrase: 'anything at all' })).toEqual({ locked: false, protected: true });
  });
});

describe('the command line on a protected store', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    delete process.env.SPONSOR_DESK_PASSPHRASE;
    dir.remove();
  });

  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io = { out: (t: string) => void (stdout += `${t}\n`), err: (t: string) => void (stderr += `${t}\n`) };
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  }

  it('needs SPONSOR_DESK_PASSPHRASE: without it store_locked, with a wrong one wrong_passphrase, with the right one it works', async () => {
    const path = dir.file('store.sqlite');
    const ctx = openOfficerStore({ databasePath: path, now: () => FIXED_NOW });
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    ctx.db.close();
    const bytes = readFileSync(path);

    const locked = await cli(['sync-status', '--db', path, '--json']);
    expect(locked.code).toBe(1);
    expect(JSON.parse(locked.stderr).error).toMatchObject({ code: 'store_locked', params: { reason: 'locked' } });
    process.env.SPONSOR_DESK_PASSPHRASE = 'not it at all';
    const wrong = await cli(['sync-status', '--db', path, '--json']);
    expect(JSON.parse(wrong.stderr).error).toMatchObject({ code: 'store_locked', params: { reason: 'wrong_passphrase' } });
    expect(readFileSync(path).equals(bytes)).toBe(true);
    process.env.SPONSOR_DESK_PASSPHRASE = PASS;
    const ok = await cli(['sync-status', '--db', path, '--json']);
    expect(ok.code).toBe(0);
  });
});

describe('the driver', () => {
  const dir = useTempDir();

  it('creates a new store protected from the first byte when given a passphrase, and opens plain files as before', () => {
    const path = dir.file('new.sqlite');
    const db = openDatabase(path, { passphrase: PASS });
    db.prepare("INSERT INTO settings (key, value) VALUES ('probe', ?)").run(JSON.stringify(MARKER));
    db.close();
    expect(isEncryptedFile(path)).toBe(true);
    expect(containsText(path, MARKER)).toBe(false);
    expect(() => openDatabase(path)).toThrow();
    const again = openDatabase(path, { passphrase: PASS });
    expect(again.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: JSON.stringify(MARKER) });
    again.close();

    const plainPath = dir.file('plain.sqlite');
    openDatabase(plainPath).close();
    expect(isEncryptedFile(plainPath)).toBe(false);
    expect(() => openDatabase(plainPath, { passphrase: PASS })).toThrow(/not protected/);
  });
});
