import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openOfficerStore } from '../app/open-store.js';
import { restrictUmask } from '../store/private-files.js';
import { createRegistry } from '../handlers/index.js';
import { scheduleIntegrityChecks } from '../jobs/integrity-schedule.js';
import { previewBanner } from './banner.js';
import { startPreviewServer } from './server.js';

/**
 * `npm run preview [-- --outbox DIR]`: the app in a browser on this machine. The store defaults to
 * .tmp/preview/ in the checkout (SPONSOR_DESK_DB to choose another file); a new store gets the demo dataset.
 * Weekly packets exported from the page are written to the outbox (default .tmp/preview-outbox, outside the
 * store's folder: a protected store writes no packet into its data folder, kept-copies.ts) and offered
 * as a download; the page itself never names a folder. The printed address carries a one-time secret: open
 * it once, in the browser you use (see electron/preview/session.ts).
 */
restrictUmask(); // the store, its copies and the packets are the owner's alone (private-files.ts)
const root = resolve(import.meta.dirname, '../..');
const databasePath = process.env.SPONSOR_DESK_DB ?? join(root, '.tmp', 'preview', 'sponsor-desk.sqlite');
const port = process.env.PORT ? Number(process.env.PORT) : 0;
const { values } = parseArgs({ options: { outbox: { type: 'string' } }, strict: true });
const outboxDir = resolve(values.outbox ?? join(root, '.tmp', 'preview-outbox'));

const ctx = openOfficerStore({ databasePath, seedDemoWhenEmpty: process.env.SPONSOR_DESK_NO_DEMO !== '1' });
const integrity = scheduleIntegrityChecks(ctx); // in a worker, after start (docs/reliability.md)
const preview = await startPreviewServer({ registry: createRegistry(), ctx, staticDir: join(root, 'dist', 'renderer'), port, outboxDir });
process.stdout.write(previewBanner({ openUrl: preview.openUrl, databasePath, outboxDir: preview.outboxDir, tty: process.stdout.isTTY === true }));

const stop = () => {
  void Promise.all([preview.close(), integrity.stop()]).then(() => {
    ctx.db.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
