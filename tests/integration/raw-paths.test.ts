import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationResult } from '@shared/errors.js';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { grantFile, grantFolder } from '../../electron/files/file-handles.js';
import { bridgeCookie, invokeOverBridge } from '../helpers/bridge-session.js';
import { folderTree } from '../helpers/file-tree.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeOfficer, writeAssignment } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';

/**
 * Issue 9, point 7: no operation takes a filesystem path from the page. Every input that names a file or a
 * folder is a handle the store's side handed out; a raw path is refused by the input schema, before any
 * service sees it, over the registry and over the preview bridge alike, and nothing is read or written.
 */

const registry = createRegistry();

describe('operations never take a raw path from the page', () => {
  let store: TempStore;
  let target: string;
  let assignment: string;
  let preview: PreviewServer;
  let cookie: string;

  beforeAll(async () => {
    store = openTempStore();
    const shape = makeAssignment(makeOfficer(), { projects: 2, items: 1 });
    const bureau = await applyFirstAssignment(store, shape);
    // A real next assignment and a real folder: what a raw path would reach if it were let through.
    assignment = await writeAssignment(store.dir.path, bureau, makeAssignment(shape.officer, { projects: 3, items: 1 }), 2, { fileName: 'next.zip' });
    target = store.dir.folder('usb-stick');
    const staticDir = store.dir.folder('static');
    (await import('node:fs')).writeFileSync(join(staticDir, 'index.html'), '<html></html>');
    preview = await startPreviewServer({ registry, ctx: store.ctx, staticDir });
    cookie = await bridgeCookie(preview);
  });
  afterAll(async () => {
    await preview.close();
    store.close();
  });

  const RAW = () => ['/etc/passwd', '/root/x', '../../etc/passwd', '..\\..\\x', 'C:\\Windows\\win.ini', 'file:///etc/passwd', '~/x', target, assignment];

  /** Each input of the table that names a file or folder, filled with `raw`. */
  const attacks = (raw: string): [string, unknown][] => [
    ['sync.previewAssignment', { file: raw }],
    ['sync.applyAssignment', { file: raw, allowWithdrawMost: true }],
    ['sync.exportPacket', { folder: raw }],
    ['jobs.start', { kind: 'sync.applyAssignment', input: { file: raw } }],
    ['jobs.start', { kind: 'sync.exportPacket', input: { folder: raw } }],
    ['backup.restore', { backupFileName: raw }],
    // The old field names: refused as unknown keys, not ignored into a default folder.
    ['sync.previewAssignment', { filePath: raw }],
    ['sync.applyAssignment', { filePath: raw }],
    ['sync.exportPacket', { outDir: raw }],
    ['jobs.start', { kind: 'sync.exportPacket', input: { outDir: raw } }],
  ];

  async function expectAllRefused(call: (name: string, input: unknown) => Promise<OperationResult<unknown>>): Promise<number> {
    const before = dumpDatabase(store.db);
    const files = folderTree(store.dir.path);
    let refused = 0;
    for (const raw of RAW()) {
      for (const [name, input] of attacks(raw)) {
        const result = await call(name, input);
        const shown = `${name} ${JSON.stringify(input)}`;
        expect(result.ok, shown).toBe(false);
        if (result.ok) continue;
        // backup.restore takes a plain name: the one raw value that is a plain name is no backup there.
        const expected = name === 'backup.restore' && !/[\\/]/.test(raw) && raw !== '..' ? ['invalid_input', 'not_found'] : ['invalid_input'];
        expect(expected, `${shown}: ${result.error.code} ${result.error.message}`).toContain(result.error.code);
        refused += 1;
      }
    }
    expect(dumpDatabase(store.db)).toBe(before);
    expect(folderTree(store.dir.path)).toEqual(files);
    expect(readdirSync(target)).toEqual([]);
    return refused;
  }

  it('refuses every path-taking input given a raw path, through the registry, with nothing read or written', async () => {
    const refused = await expectAllRefused((name, input) => registry.dispatch(name, input, store.ctx));
    expect(refused).toBe(RAW().length * attacks('x').length);
  });

  it('refuses the same through the preview bridge', async () => {
    await expectAllRefused(async (name, input) => {
      const { status, body } = await invokeOverBridge(preview, cookie, name, input);
      expect(status).toBe(200);
      return body as OperationResult<unknown>;
    });
  });

  it('names the field in the refusal', async () => {
    const result = await registry.dispatch('sync.exportPacket', { folder: '/root' }, store.ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', params: { path: 'folder' } } });
  });

  it('refuses a well-formed handle that was never handed out, and a file handle where a folder is wanted', async () => {
    const before = dumpDatabase(store.db);
    const forged = `h_${'A'.repeat(32)}`;
    expect(await registry.dispatch('sync.previewAssignment', { file: forged }, store.ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found', params: { what: 'file_handle' } },
    });
    expect(await registry.dispatch('jobs.start', { kind: 'sync.exportPacket', input: { folder: forged } }, store.ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const fileHandle = grantFile(store.ctx, assignment);
    expect(await registry.dispatch('sync.exportPacket', { folder: fileHandle }, store.ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', params: { what: 'file_handle_kind' } },
    });
    expect(dumpDatabase(store.db)).toBe(before);
    expect(readdirSync(target)).toEqual([]);
  });

  it('the same operations work with handles from the store side (the test can fail)', async () => {
    const file = grantFile(store.ctx, assignment);
    const previewed = await registry.dispatch('sync.previewAssignment', { file }, store.ctx);
    expect(previewed).toMatchObject({ ok: true, value: { status: 'ready', sequence: 2 } });
    const exported = await registry.dispatch('sync.exportPacket', { folder: grantFolder(store.ctx, target) }, store.ctx);
    expect(exported.ok).toBe(true);
    expect(readdirSync(target)).toHaveLength(1);
  });

  it('files.choose has no dialog outside the desktop: refused, nothing granted', async () => {
    expect(await registry.dispatch('files.choose', { purpose: 'assignment' }, store.ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found', params: { what: 'file_dialog' } },
    });
  });
});
