/**
 * Issue 12 with issue 9 point 7: on the bureau desk's screens no operation takes a filesystem path. A page
 * (the preview bridge here; the desktop window is served the same way by desk-session.ts) hands the desk
 * uploads or dialog answers as handles, and a raw path is refused before anything is read or written. What it
 * has the desk write goes to the outbox, downloaded through the bridge, and received photos are served by name.
 * The command line still names paths (tests/integration/bureau-cli.test.ts).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyBureau } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { bureauDialogOptions, createBureauFileChooser, type OpenDialogOptionsLike } from '../../electron/main/file-dialogs.js';
import { servePage } from '../../electron/bureau/page-files.js';
import { startPreviewServer, type BureauPreviewServer } from '../../electron/preview/server.js';
import { bridgeCookie, invokeOverBridge } from '../helpers/bridge-session.js';
import { folderTree } from '../helpers/file-tree.js';
import { dumpDatabase, makeTempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00');
const INDEX = '<!doctype html><head></head><title>t</title>';

describe('the bureau desk takes handles, never paths, from a page', () => {
  const dir = makeTempDir('sponsor-desk-bureau-page-files-');
  const deskDir = join(dir.path, 'desk');
  const outbox = join(dir.path, 'outbox');
  const dbPath = join(deskDir, 'sponsor-desk-bureau.sqlite');
  const ctx = lazyBureau(dbPath, () => NOW);
  let preview: BureauPreviewServer;
  let cookie: string;
  const call = async (name: string, input: unknown): Promise<unknown> => (await invokeOverBridge(preview as never, cookie, name, input)).body;
  const upload = async (fileName: string, bytes: Buffer) => {
    const answer = (await call('bureau.files.receive', { fileName, contentBase64: bytes.toString('base64') })) as { ok: true; value: { file: string } };
    expect(answer.ok).toBe(true);
    return answer.value.file;
  };

  beforeAll(async () => {
    mkdirSync(join(dir.path, 'static'));
    writeFileSync(join(dir.path, 'static', 'index.html'), INDEX);
    mkdirSync(outbox);
    await seedDemoDistrict(dbPath, () => NOW);
    preview = await startPreviewServer({ desk: 'bureau', registry: createBureauRegistry(), ctx, staticDir: join(dir.path, 'static'), outboxDir: outbox });
    cookie = await bridgeCookie(preview as never);
  });
  afterAll(async () => {
    await preview.close();
    ctx.close();
    dir.remove();
  });

  it('refuses every raw path with raw_path (or a handle never handed out), and nothing is read or written', async () => {
    const master = join(dir.path, 'master.xlsx');
    writeFileSync(master, masterListWorkbook(sampleRows(NOW)));
    const raws = ['/etc/passwd', '../../etc/passwd', 'C:\\Windows\\win.ini', master, deskDir, 'h_short'];
    const attacks = (raw: string): [string, unknown][] => [
      ['bureau.importMaster', { file: raw }],
      ['bureau.importMaster', { file: raw, dryRun: true }],
      ['bureau.ingest', { paths: [raw] }],
      ['bureau.assign', { out: raw }],
      ['bureau.assign', { folder: raw }],
      ['bureau.exportLedger', { out: join(raw, 'x.xlsx') }],
      ['bureau.exportLedger', { folder: raw }],
      ['bureau.backup', { out: join(raw, 'b.sqlite') }],
      ['bureau.backup', { folder: raw }],
      ['bureau.restore', { file: raw }],
      ['bureau.officers.add', { name: '王五', unit: '经发局', keyFile: raw }],
      ['bureau.officers.addKey', { officer: '王五', keyFile: raw }],
    ];
    const before = dumpDatabase(ctx.db);
    const files = folderTree(dir.path);
    let refused = 0;
    for (const raw of raws) {
      for (const [name, input] of attacks(raw)) {
        const answer = (await call(name, input)) as { ok: boolean; error?: { params: Record<string, string> } };
        expect(answer.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
        expect(['raw_path', undefined]).toContain(answer.error!.params.reason);
        expect(['file_handle', 'name', 'officer']).toContain(answer.error!.params.what ?? 'file_handle');
        refused++;
      }
    }
    expect(refused).toBe(raws.length * 12);
    expect(dumpDatabase(ctx.db)).toEqual(before);
    expect(folderTree(dir.path)).toEqual(files);
  });

  it('imports an uploaded master list by its handle; a handle to a folder where a file is wanted is refused', async () => {
    const handle = await upload('项目清单.xlsx', masterListWorkbook(sampleRows(NOW)));
    const preview1 = (await call('bureau.importMaster', { file: handle, dryRun: true, allowWithdrawMost: true })) as {
      ok: true;
      value: { applied: boolean; rows: number };
    };
    expect(preview1, JSON.stringify(preview1)).toMatchObject({ ok: true });
    expect(preview1.value.applied).toBe(false);
    expect(preview1.value.rows).toBeGreaterThan(0);
    // The upload is kept in the desk's inbox, 0600, under a dated unique name.
    const inbox = join(deskDir, 'inbox');
    const [kept] = readdirSync(inbox);
    expect(kept).toMatch(/^2026-12-02-[0-9a-z]{8}-项目清单\.xlsx$/);
    expect(statSync(join(inbox, kept!)).mode & 0o777).toBe(0o600);
  });

  it('writes the ledger into the outbox when the page names no folder, and the bridge offers it as a download', async () => {
    const answer = (await call('bureau.exportLedger', {})) as { ok: true; value: { file: string; bytes: number } };
    expect(answer.ok).toBe(true);
    expect(answer.value.file).toBe(join(outbox, '重点项目台账-2026-11.xlsx'));
    const res = await fetch(`${preview.url}outbox/${encodeURIComponent('重点项目台账-2026-11.xlsx')}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(answer.value.file))).toBe(true);
    // A second export never replaces the first.
    const again = (await call('bureau.exportLedger', {})) as { ok: true; value: { file: string } };
    expect(again.value.file).toBe(join(outbox, '重点项目台账-2026-11 (2).xlsx'));
    // Nothing outside the outbox, and nothing without the session.
    for (const path of ['outbox/..%2Fdesk%2Fsponsor-desk-bureau.sqlite', 'outbox/', 'files/..%2F..%2Fdesk%2Fbureau.key', 'packets/x', 'backups/x']) {
      expect((await fetch(`${preview.url}${path}`, { headers: { cookie } })).status, path).toBe(404);
    }
    expect((await fetch(`${preview.url}outbox/${encodeURIComponent('重点项目台账-2026-11.xlsx')}`)).status).toBe(401);
  });

  it('serves a received photo by its SHA-256 name from the files folder', async () => {
    const sha = 'ab'.repeat(32);
    mkdirSync(join(ctx.filesDir, 'ab'), { recursive: true });
    writeFileSync(join(ctx.filesDir, 'ab', `${sha}.jpg`), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const res = await fetch(`${preview.url}files/${sha}.jpg`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${preview.url}files/${sha}.exe`, { headers: { cookie } })).status).toBe(404);
  });

  it("answers bureau.files.choose with the desktop dialog's handles, several packets at once; refused where there is none", async () => {
    expect(((await call('bureau.files.choose', { purpose: 'packets' })) as { ok: boolean; error: { params: { what: string } } }).error.params.what).toBe(
      'file_dialog',
    );
    const shown: OpenDialogOptionsLike[] = [];
    const other = lazyBureau(dbPath, () => NOW);
    const picked = [join(dir.path, 'a.zip'), join(dir.path, 'b.zip')];
    servePage(other, {
      chooser: createBureauFileChooser(
        { showOpenDialog: async (_w, options) => (shown.push(options), { canceled: false, filePaths: picked }) },
        () => null,
        () => 'zh-CN',
      ),
    });
    const answer = await createBureauRegistry().dispatch('bureau.files.choose', { purpose: 'packets' }, other);
    other.close();
    expect(answer.ok).toBe(true);
    const chosen = (answer as { value: { chosen: { handle: string; name: string }[] } }).value.chosen;
    expect(chosen.map((c) => c.name)).toEqual(['a.zip', 'b.zip']);
    expect(chosen.every((c) => /^h_[A-Za-z0-9_-]{32}$/.test(c.handle))).toBe(true);
    expect(shown[0]).toEqual(bureauDialogOptions('packets', 'zh-CN'));
    expect(shown[0]!.properties).toContain('multiSelections');
    expect(bureauDialogOptions('outputFolder', 'en').properties).toEqual(['openDirectory', 'createDirectory']);
  });
});
