import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { writePublicKeyFile } from '../../electron/packets/keys.js';
import { isSealed } from '../../electron/files/attachment-files.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { AppError } from '@shared/errors.js';
import { FIXED_NOW, makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment, type AssignmentShape } from './sync-fixtures.js';

/**
 * Issue 9, point 8: files are the owner's alone. Everything the officer desk keeps in its data folder (the
 * store and its -wal/-shm, backups, photos, inbox, outbox) and everything the bureau desk keeps beside its
 * database is created 0600 in 0700 folders, checked with statSync().mode & 0o777 (the bits apply whoever runs
 * the test, root included). With a passphrase set, no byte in the officer's data folder shows their data.
 * POSIX only: on Windows the modes do not exist (private-files.ts is a no-op there).
 */

const posix = process.platform !== 'win32';
const registry = createRegistry();
const PASS = '帮包 口令 file modes';
const MARKER = 'PLAINTEXT-MARKER-现场查看基坑开挖';

// The usual umask (022: new files 0644) while these tests run, so the modes come from the code, not from a
// strict umask the machine happens to have; restored after.
let umaskBefore = 0;
beforeAll(() => {
  if (posix) umaskBefore = process.umask(0o022);
});
afterAll(() => {
  if (posix) process.umask(umaskBefore);
});

async function call<T = any>(ctx: ServiceContext, name: string, input: unknown = {}): Promise<T> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok)
    throw new Error(`${name}: ${result.error.code}/${String(result.error.params.what ?? result.error.params.reason ?? '')}: ${result.error.message}`);
  return result.value as T;
}

async function png(seed: number): Promise<string> {
  const data = await sharp({ create: { width: 64 + seed, height: 48, channels: 3, background: { r: (seed * 50) % 255, g: 90, b: 30 } } })
    .png()
    .toBuffer();
  return data.toString('base64');
}

/** Every file and folder under `root` (the root included), with its permission bits. */
function walk(root: string): { path: string; dir: boolean; mode: number }[] {
  const out = [{ path: root, dir: true, mode: statSync(root).mode & 0o777 }];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push({ path, dir: false, mode: statSync(path).mode & 0o777 });
  }
  return out;
}

/** The entries whose mode is not the private one (0700 folders, 0600 files), except those `allowed` names. */
function notPrivate(root: string, allowed: Record<string, number> = {}): string[] {
  return walk(root)
    .filter((e) => e.mode !== (allowed[relative(root, e.path)] ?? (e.dir ? 0o700 : 0o600)))
    .map((e) => `${relative(root, e.path) || '.'} ${e.mode.toString(8)}`);
}

/** Files under `root` whose bytes contain one of `texts`. */
function plainHits(root: string, texts: readonly string[]): string[] {
  const hits: string[] = [];
  for (const e of walk(root)) {
    if (e.dir) continue;
    const bytes = readFileSync(e.path);
    for (const text of texts) if (bytes.includes(Buffer.from(text, 'utf8'))) hits.push(`${relative(root, e.path)}: ${text}`);
  }
  return hits;
}

/** Hands a file to the store as the sync screen does (files.receive) and returns the inbox copy's path. */
async function receive(ctx: ServiceContext, inbox: string, file: string): Promise<string> {
  const before = new Set(existsSync(inbox) ? readdirSync(inbox) : []);
  await call(ctx, 'files.receive', { fileName: file.split('/').pop(), contentBase64: readFileSync(file).toString('base64') });
  const added = readdirSync(inbox).filter((n) => !before.has(n));
  expect(added).toHaveLength(1);
  return join(inbox, added[0]!);
}

describe.runIf(posix)("the officer desk: files are the owner's alone", () => {
  let dir: TempDir;
  let ctx: ServiceContext;
  let shape: AssignmentShape;
  let bureau: ReturnType<typeof makeBureau>;
  let t = FIXED_NOW.getTime();
  const clock = () => new Date((t += 60_000));
  const dataDir = () => join(dir.path, 'officer');
  const dbPath = () => join(dataDir(), 'sponsor-desk.sqlite');

  beforeEach(() => {
    dir = makeTempDir('sponsor-desk-modes-');
    ctx = openOfficerStore({ databasePath: dbPath(), now: clock });
    bureau = makeBureau(dir.path);
    trustBureau(ctx.db, bureau);
    shape = makeAssignment(makeOfficer('王芳'), { projects: 2, items: 2 });
  });
  afterEach(() => {
    if (ctx.db.open) ctx.db.close();
    dir.remove();
  });

  it("a protected store with imports, exports, backups and photos: every file 0600, every folder 0700, and no plain byte of the officer's data", async () => {
    const { inboxDir, outboxDir } = await call<{ inboxDir: string; outboxDir: string }>(ctx, 'files.locations');
    // Before protection: an assignment through the inbox, a visit with a photo, a packet in the outbox, a backup.
    const inbox1 = await receive(ctx, inboxDir, await writeAssignment(dir.path, bureau, shape, 1));
    expect((await applyAssignment(ctx, inbox1)).applied).toBe(true);
    const projectId = shape.projects[0]!.id;
    await call(ctx, 'visits.log', {
      projectId,
      visitedOn: '2026-11-20',
      kind: 'site_visit',
      summary: MARKER,
      photos: [{ fileName: 'a.png', mimeType: 'image/png', dataBase64: await png(1) }],
    });
    const plainPacket = await exportWeeklyPacket(ctx, { outDir: join(dataDir(), 'outbox') });
    await call(ctx, 'backup.create');

    const result = await call<{ protected: boolean; filesChanged: number }>(ctx, 'store.setPassphrase', { passphrase: PASS });
    expect(result.protected).toBe(true);
    // What the inbox and outbox held is sealed with the data key, like the photos.
    expect(isSealed(readFileSync(inbox1))).toBe(true);
    expect(isSealed(readFileSync(plainPacket.filePath))).toBe(true);

    // After protection: a second assignment received, previewed and applied from its sealed inbox copy.
    const inbox2 = await receive(ctx, inboxDir, await writeAssignment(dir.path, bureau, { ...shape, note: '第二份任务书' }, 2));
    expect(isSealed(readFileSync(inbox2))).toBe(true);
    expect((await previewAssignment(ctx, inbox2)).sequence).toBe(2);
    expect((await applyAssignment(ctx, inbox2)).applied).toBe(true);
    await call(ctx, 'visits.log', {
      projectId,
      visitedOn: '2026-11-21',
      kind: 'site_visit',
      summary: `${MARKER}-2`,
      photos: [{ fileName: 'b.png', mimeType: 'image/png', dataBase64: await png(2) }],
    });
    await call(ctx, 'backup.create');

    // A weekly packet is a deliverable: never written into a protected store's data folder, written where the officer chose.
    const outboxBefore = readdirSync(outboxDir).sort();
    const refused = await exportWeeklyPacket(ctx, { outDir: outboxDir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('invalid_input');
    expect((refused as AppError).params.what).toBe('protected_data_folder');
    expect(readdirSync(outboxDir).sort()).toEqual(outboxBefore);
    const chosen = join(dir.path, 'usb');
    mkdirSync(chosen);
    const delivered = await exportWeeklyPacket(ctx, { outDir: chosen });
    expect(existsSync(delivered.filePath)).toBe(true);
    expect(statSync(delivered.filePath).mode & 0o777).toBe(0o600);

    // The store is open: its -wal and -shm are there to be checked too.
    for (const suffix of ['-wal', '-shm']) expect(existsSync(dbPath() + suffix), suffix).toBe(true);
    const entries = walk(dataDir()).map((e) => relative(dataDir(), e.path));
    for (const folder of ['attachments', 'backups', 'inbox', 'outbox']) expect(entries).toContain(folder);
    expect(readdirSync(join(dataDir(), 'backups')).length).toBeGreaterThanOrEqual(3); // two by hand, one before the first import
    expect(readdirSync(join(dataDir(), 'attachments')).length).toBe(4); // two photos, two thumbnails

    expect(notPrivate(dataDir())).toEqual([]);
    const secret = ensureOfficerKey(ctx.db, clock()).privateKeyPem.split('\n')[1]!;
    const texts = [shape.projects[0]!.name, shape.projects[1]!.name, MARKER, 'SQLite format 3', secret, '王芳'];
    expect(plainHits(dataDir(), texts)).toEqual([]);
    // The packet the officer chose to write elsewhere is a plain zip to send on (a deliverable, not a copy at rest).
    expect(readFileSync(delivered.filePath).subarray(0, 2).toString('latin1')).toBe('PK');

    ctx.db.close();
    expect(notPrivate(dataDir())).toEqual([]);
    expect(plainHits(dataDir(), texts)).toEqual([]);
  });

  it("the check finds plain data: an unprotected store shows the project and SQLite's header (the control)", async () => {
    const { inboxDir } = await call<{ inboxDir: string }>(ctx, 'files.locations');
    const inbox = await receive(ctx, inboxDir, await writeAssignment(dir.path, bureau, shape, 1));
    await applyAssignment(ctx, inbox);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const hits = plainHits(dataDir(), [shape.projects[0]!.name, 'SQLite format 3']);
    expect(hits).toContain('sponsor-desk.sqlite: SQLite format 3');
    expect(hits).toContain(`sponsor-desk.sqlite: ${shape.projects[0]!.name}`);
    expect(notPrivate(dataDir())).toEqual([]);
  });

  it('removing the passphrase opens the inbox and outbox copies again, and they still import', async () => {
    const { inboxDir } = await call<{ inboxDir: string }>(ctx, 'files.locations');
    const inbox = await receive(ctx, inboxDir, await writeAssignment(dir.path, bureau, shape, 1));
    await call(ctx, 'store.setPassphrase', { passphrase: PASS });
    expect(isSealed(readFileSync(inbox))).toBe(true);
    await call(ctx, 'store.removePassphrase', { current: PASS });
    expect(isSealed(readFileSync(inbox))).toBe(false);
    expect((await applyAssignment(ctx, inbox)).applied).toBe(true);
    expect(statSync(inbox).mode & 0o777).toBe(0o600);
  });

  it('a store an older version left readable by others (0644 files, 0755 folders) is made private when it is opened', async () => {
    await applyAssignment(ctx, await writeAssignment(dir.path, bureau, shape, 1));
    await call(ctx, 'visits.log', {
      projectId: shape.projects[0]!.id,
      visitedOn: '2026-11-20',
      kind: 'site_visit',
      summary: MARKER,
      photos: [{ fileName: 'a.png', mimeType: 'image/png', dataBase64: await png(3) }],
    });
    ctx.db.close();
    for (const e of walk(dataDir())) chmodSync(e.path, e.dir ? 0o755 : 0o644);
    ctx = openOfficerStore({ databasePath: dbPath(), now: clock });
    await call(ctx, 'files.locations');
    // The data folder existed before this open: it keeps its mode (it may be a folder the user shares); all inside is private.
    expect(notPrivate(dataDir(), { '': 0o755 })).toEqual([]);
    expect(statSync(dbPath()).mode & 0o777).toBe(0o600);
    expect(statSync(`${dbPath()}-wal`).mode & 0o777).toBe(0o600);
  });
});

describe.runIf(posix)("the bureau desk: files are the owner's alone", () => {
  let dir: TempDir;
  afterEach(() => dir.remove());

  it('init and ingest: the database, its -wal/-shm, bureau.key, the received photos and the archived pending packets are 0600 in 0700 folders; bureau.pub may be read by others', async () => {
    dir = makeTempDir('sponsor-desk-modes-bureau-');
    const desk = dir.file('desk');
    const db = join(desk, 'bureau.sqlite');
    const now = () => new Date('2026-11-20T10:00:00');
    const bureau = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await createBureauCommand({ now, env: {} }).run([...args, '--db', db, '--json'], { out: (x) => out.push(x), err: (x) => err.push(x) });
      if (code !== 0) throw new Error(`bureau ${args.join(' ')}: ${err.join('\n')}`);
      return JSON.parse(out.join('\n')).result;
    };
    await bureau(['init']);
    expect(notPrivate(desk, { 'bureau.pub': 0o644 })).toEqual([]);

    await bureau(['import-master', join(import.meta.dirname, '../../docs/samples/master-list.xlsx')]);
    const assignments = (await bureau(['assign', '--out', dir.file('assign')])) as { officerName: string; officerId: string; file: string }[];
    /** One officer's week: imports their assignment, logs a visit with a photo, exports; returns the packet and the public key file. */
    const officerWeek = async (assignment: { officerName: string; file: string }, n: number) => {
      const officer = openOfficerStore({ databasePath: dir.file(`officer-${n}/store.sqlite`), now });
      try {
        await call(officer, 'sync.trustBureauKey', { keyPem: readFileSync(join(desk, 'bureau.pub'), 'utf8') });
        expect((await applyAssignment(officer, assignment.file)).applied).toBe(true);
        const projects = await call<{ id: string }[]>(officer, 'projects.list', { includeArchived: false });
        await call(officer, 'visits.log', {
          projectId: projects[0]!.id,
          visitedOn: '2026-11-19',
          kind: 'site_visit',
          summary: MARKER,
          photos: [{ fileName: 'p.png', mimeType: 'image/png', dataBase64: await png(4 + n) }],
        });
        const pub = dir.file(`officer-${n}.pub`);
        writePublicKeyFile(pub, ensureOfficerKey(officer.db, now()).publicKeyPem);
        mkdirSync(dir.file(`usb-${n}`));
        return { packet: (await exportWeeklyPacket(officer, { outDir: dir.file(`usb-${n}`) })).filePath, pub };
      } finally {
        officer.db.close();
      }
    };
    // A packet from a registered key is folded (its photo kept); one from a key nobody accepted yet is kept aside, archived.
    const first = await officerWeek(assignments[0]!, 1);
    await bureau(['officers', 'add', '--officer', assignments[0]!.officerName, '--key', first.pub]);
    await bureau(['ingest', first.packet]);
    const second = await officerWeek(assignments[1]!, 2);
    await createBureauCommand({ now, env: {} }).run(['ingest', second.packet, '--db', db], { out: () => undefined, err: () => undefined });
    const kept = walk(desk)
      .filter((e) => !e.dir && dirname(e.path) !== desk)
      .map((e) => relative(desk, e.path));
    expect(
      kept.some((f) => /^bureau-files\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/.test(f)),
      kept.join(' '),
    ).toBe(true); // the folded photo
    expect(
      kept.some((f) => /^bureau-files\/pending\/.+\.zip$/.test(f)),
      kept.join(' '),
    ).toBe(true); // the archived packet
    expect(notPrivate(desk, { 'bureau.pub': 0o644 })).toEqual([]);
    // Open, the database has its -wal and -shm: 0600 too.
    const open = openBureau(db, now);
    try {
      expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true);
      expect(notPrivate(desk, { 'bureau.pub': 0o644 })).toEqual([]);
    } finally {
      open.db.close();
    }
  });
});
