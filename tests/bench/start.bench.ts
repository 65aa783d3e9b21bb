import { statSync } from 'node:fs';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { Database } from '../../electron/store/driver.js';
import { runIntegrityCheck } from '../../electron/store/integrity-check.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { seedLargePortfolio } from './large-portfolio.js';
import { once, result, type Timing } from './measure.js';
import type { BenchResult } from './types.js';

/**
 * App start (issue 11): opening a large officer store (about 70–80 MB with migration 008's indexes) until it
 * is ready to serve — the pragmas, the schema read, migrations, folder modes, protection settling — beside the
 * rawest open there is
 * (better-sqlite3 open + SELECT 1) in the same run. Also the old open (the same plus the quick_check it ran
 * inline) and the full integrity check that now runs in a worker after start.
 */
const NOW = new Date('2026-11-24T10:00:00');

/** Times `open` (not the close after it) `runs` times after one warm-up. */
function timeOpens(open: () => { close(): void }, runs: number): Timing {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const handle = open();
    const ms = performance.now() - start;
    handle.close();
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)!, runs };
}

export async function run(): Promise<BenchResult[]> {
  const dir = makeTempDir('sponsor-desk-bench-start-');
  try {
    const databasePath = dir.file('store.db');
    const seeded = await once(() => {
      const ctx = openOfficerStore({ databasePath, now: () => NOW });
      const counts = seedLargePortfolio(ctx.db, { projects: 1000, problems: 15_000, visits: 15_000, now: NOW });
      ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      ctx.db.close();
      return counts;
    });
    const mb = statSync(databasePath).size / 2 ** 20;
    process.stderr.write(`  seeded a ${mb.toFixed(1)} MB store in ${(seeded.ms / 1000).toFixed(1)} s\n`);

    const raw = timeOpens(() => {
      const db = new Database(databasePath);
      db.prepare('SELECT 1').get();
      return db;
    }, 7);
    const open = timeOpens(() => {
      const ctx = openOfficerStore({ databasePath, now: () => NOW });
      return ctx.db;
    }, 7);
    const oldOpen = timeOpens(() => {
      const ctx = openOfficerStore({ databasePath, now: () => NOW });
      ctx.db.pragma('quick_check'); // what opening did inline before
      return ctx.db;
    }, 5);
    const check = await once(() => runIntegrityCheck({ databasePath, passphrase: null }));
    if (!check.value.ok) throw new Error(`the bench store failed its check: ${check.value.findings.join('; ')}`);

    const size = `${mb.toFixed(1)} MB store: ${seeded.value.projects} projects, ${seeded.value.problems} problems, ${seeded.value.visits} visits`;
    return [
      result('raw open + SELECT 1 (baseline)', raw, { note: size }),
      result('open the officer store → ready', open, { baseline: raw.median, note: 'pragmas, schema read, migrations, folder modes; no inline check' }),
      result('the old open (same + inline quick_check)', oldOpen, { baseline: raw.median, note: 'for comparison: what start-up cost before' }),
      result('full integrity_check (now in a worker after start)', check.ms, { note: 'off the serving thread; once a day (jobs/integrity-schedule.ts)' }),
    ];
  } finally {
    dir.remove();
  }
}
