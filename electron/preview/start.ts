import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openOfficerStore } from '../app/open-store.js';
import { lazyBureau } from '../bureau/context.js';
import { initBureau } from '../bureau/init.js';
import { createBureauRegistry } from '../bureau/operations/index.js';
import { seedDemoDistrict } from '../demo/bureau-district.js';
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
 *
 * `npm run preview -- --bureau`: the bureau desk instead, on .tmp/preview-bureau/sponsor-desk-bureau.sqlite
 * (SPONSOR_DESK_DB likewise); a new bureau database is set up with the demo district (electron/demo/bureau-district.ts).
 * `--choose` shows the desktop app's first-start choice of desk (the preview serves one desk per start).
 */
restrictUmask(); // the store, its copies and the packets are the owner's alone (private-files.ts)
const root = resolve(import.meta.dirname, '../..');
const port = process.env.PORT ? Number(process.env.PORT) : 0;
const { values } = parseArgs({
  options: { outbox: { type: 'string' }, bureau: { type: 'boolean', default: false }, choose: { type: 'boolean', default: false } },
  strict: true,
});
const staticDir = join(root, 'dist', 'renderer');
const tty = process.stdout.isTTY === true;
// `--choose`: the first start's desk choice screen; its cards then say to restart with or without --bureau.
const pageDesk = values.choose ? ('choose' as const) : undefined;

let stop: () => void;
if (values.bureau) {
  const databasePath = resolve(process.env.SPONSOR_DESK_DB ?? join(root, '.tmp', 'preview-bureau', 'sponsor-desk-bureau.sqlite'));
  // Only when there is no bureau database there yet; SPONSOR_DESK_NO_DEMO=1 sets up an empty desk instead.
  if (process.env.SPONSOR_DESK_NO_DEMO === '1') initBureau(databasePath, { now: () => new Date() });
  else await seedDemoDistrict(databasePath);
  const ctx = lazyBureau(databasePath);
  const outboxDir = values.outbox === undefined ? undefined : resolve(values.outbox);
  const preview = await startPreviewServer({ desk: 'bureau', registry: createBureauRegistry(), ctx, staticDir, port, pageDesk, outboxDir });
  process.stdout.write(previewBanner({ openUrl: preview.openUrl, databasePath, desk: 'bureau', tty }));
  stop = () => void preview.close().then(() => (ctx.close(), process.exit(0)));
} else {
  const databasePath = process.env.SPONSOR_DESK_DB ?? join(root, '.tmp', 'preview', 'sponsor-desk.sqlite');
  const outboxDir = resolve(values.outbox ?? join(root, '.tmp', 'preview-outbox'));
  const ctx = openOfficerStore({ databasePath, seedDemoWhenEmpty: process.env.SPONSOR_DESK_NO_DEMO !== '1' });
  const integrity = scheduleIntegrityChecks(ctx); // in a worker, after start (docs/reliability.md)
  const preview = await startPreviewServer({ registry: createRegistry(), ctx, staticDir, port, outboxDir, pageDesk });
  process.stdout.write(previewBanner({ openUrl: preview.openUrl, databasePath, outboxDir: preview.outboxDir, tty }));
  stop = () => {
    void Promise.all([preview.close(), integrity.stop()]).then(() => {
      ctx.db.close();
      process.exit(0);
    });
  };
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
