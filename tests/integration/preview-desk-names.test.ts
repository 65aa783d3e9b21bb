import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUREAU_OPERATION_NAMES } from '@shared/operations/index.js';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { bridgeCookie, invokeOverBridge } from '../helpers/bridge-session.js';
import { dumpDatabase, makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';

interface Bridge {
  dir: TempDir;
  store: TempStore;
  preview: PreviewServer;
  cookie: string;
}

async function openBridge(): Promise<Bridge> {
  const dir = makeTempDir('sponsor-desk-preview-desk-');
  const store = openTempStore({ demo: true });
  mkdirSync(join(dir.path, 'static'));
  writeFileSync(join(dir.path, 'static', 'index.html'), '<!doctype html><title>t</title>'); // the page is not what is tested
  const preview = await startPreviewServer({
    registry: createRegistry(),
    ctx: store.ctx,
    staticDir: join(dir.path, 'static'),
    outboxDir: join(dir.path, 'outbox'),
  });
  return { dir, store, preview, cookie: await bridgeCookie(preview) };
}

/** The preview serves the officer's desk: the bureau's operations are in the one table, but not served here. */
describe("the preview bridge refuses the bureau desk's operations", () => {
  it('answers not_found for every bureau.* name and changes nothing; an officer operation is answered', async () => {
    const { dir, store, preview, cookie } = await openBridge();
    try {
      const before = dumpDatabase(store.db);
      for (const name of BUREAU_OPERATION_NAMES) {
        const { status, body } = await invokeOverBridge(preview, cookie, name, {});
        expect(status, name).toBe(200);
        expect(body, name).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
      expect(dumpDatabase(store.db)).toBe(before);
      expect((await invokeOverBridge(preview, cookie, 'app.info', {})).body).toMatchObject({ ok: true });
    } finally {
      await preview.close();
      store.close();
      dir.remove();
    }
  });
});
