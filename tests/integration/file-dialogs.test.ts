import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileChooser, dialogOptions, type OpenDialogOptionsLike } from '../../electron/main/file-dialogs.js';
import { configureFileAccess } from '../../electron/files/file-handles.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeOfficer, writeAssignment } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';

/**
 * The desktop's way in for files: the main process shows a native dialog (here Electron's `dialog` is a
 * recording stand-in) and the page gets a handle to the answer, never the path.
 */
describe('native file dialogs hand the page handles', () => {
  const registry = createRegistry();
  let store: TempStore;
  let answers: (string | null)[];
  let shown: { window: unknown; options: OpenDialogOptionsLike }[];

  beforeEach(() => {
    store = openTempStore();
    answers = [];
    shown = [];
    const window = { id: 'app window' };
    configureFileAccess(store.ctx, {
      chooser: createFileChooser(
        {
          showOpenDialog: async (w, options) => {
            shown.push({ window: w, options });
            const answer = answers.shift() ?? null;
            return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
          },
        },
        () => window,
        () => 'en',
      ),
    });
  });
  afterEach(() => store.close());

  it('asks for a .zip file or a folder, in the language of the app', () => {
    expect(dialogOptions('assignment', 'zh-CN')).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['zip'] }] });
    expect(dialogOptions('exportFolder', 'en')).toMatchObject({
      title: 'Choose the folder for the weekly packet',
      properties: ['openDirectory', 'createDirectory'],
    });
  });

  it('an assignment chosen in the dialog previews and a folder chosen there receives the packet; the page sees names only', async () => {
    const shape = makeAssignment(makeOfficer(), { projects: 2, items: 1 });
    const bureau = await applyFirstAssignment(store, shape);
    const next = await writeAssignment(store.dir.path, bureau, makeAssignment(shape.officer, { projects: 3, items: 1 }), 2, { fileName: 'next.zip' });
    const usb = store.dir.folder('usb');

    answers.push(next);
    const file = await registry.dispatch('files.choose', { purpose: 'assignment' }, store.ctx);
    expect(file).toMatchObject({ ok: true, value: { name: 'next.zip' } });
    expect(JSON.stringify(file)).not.toContain(store.dir.path);
    expect(shown[0]).toMatchObject({ window: { id: 'app window' }, options: { title: 'Choose the assignment file from the bureau' } });
    const handle = (file as { value: { handle: string } }).value.handle;
    expect(await registry.dispatch('sync.previewAssignment', { file: handle }, store.ctx)).toMatchObject({ ok: true, value: { sequence: 2 } });

    answers.push(usb);
    const folder = (await registry.dispatch('files.choose', { purpose: 'exportFolder' }, store.ctx)) as { ok: true; value: { handle: string } };
    expect((await registry.dispatch('sync.exportPacket', { folder: folder.value.handle }, store.ctx)).ok).toBe(true);
    expect(readdirSync(usb)).toHaveLength(1);
    // A folder's handle is no file's.
    expect(await registry.dispatch('sync.previewAssignment', { file: folder.value.handle }, store.ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a cancelled dialog answers null and grants nothing', async () => {
    expect(await registry.dispatch('files.choose', { purpose: 'exportFolder' }, store.ctx)).toEqual({ ok: true, value: null });
  });
});
