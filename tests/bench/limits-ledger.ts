import { existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { initBureau } from '../../electron/bureau/init.js';
import { buildDistrictLedgerData, exportDistrictLedger, type LedgerExportResult } from '../../electron/bureau/ledger.js';
import { runBureauJobToEnd } from '../../electron/bureau/long-jobs.js';
import { setLongWorkEntry } from '../../electron/main/long-work.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { writeLedgerWorkbookFile } from '../../electron/sync/ledger-workbook.js';
import { mark, mb, timed } from './limits-measure.js';
import type { BenchResult } from './types.js';

/**
 * The steps of tests/bench/limits.bench.ts that read the district's bureau database (written by bureau-setup
 * and bureau-ingest): the summary, and the ledger export as the app runs it (in the long-job worker with its
 * heap limits: the desk's job and `bureau export-ledger` alike), beside the same export on the step's own
 * thread with Node's default heap, the same job on an empty district (what starting the worker costs), and the
 * raw baselines (issue 11). The worker runs bundled, as in the app (`bureau-worker-bundle` writes the bundle):
 * from source it would load its code through tsx, about 80 MB and 0.5 s more than the app's worker.
 */
export function readingSteps(path: (...p: string[]) => string, now: Date): Record<string, () => Promise<BenchResult[]>> {
  /** One timed read of the bureau's database `db`: its time (named `name`, noted by `note`) and the peak memory. */
  async function onBureau<T>(
    name: string,
    memoryLabel: string,
    work: (ctx: BureauContext) => Promise<T> | T,
    note: (value: T) => string,
    db = path('bureau.sqlite'),
  ): Promise<BenchResult[]> {
    const ctx = openBureau(db, () => now);
    const base = mark();
    const start = performance.now();
    const value = await work(ctx);
    const took = timed(name, start, note(value));
    ctx.db.close();
    return [took, base.peak(memoryLabel)];
  }

  const sheets = (ledger: LedgerExportResult) =>
    `${Object.entries(ledger.sheets)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; ${mb(statSync(ledger.file).size)} MB`;

  /** `bureau.exportLedger` as the CLI and the desk's job run it: in a worker (electron/main/long-work.ts, LONG_WORK_LIMITS), bundled. */
  const inWorker = (ctx: BureauContext, out: string) => {
    setLongWorkEntry({ path: path('worker', 'long-work.cjs'), execArgv: [] });
    return runBureauJobToEnd(ctx, 'bureau.exportLedger', { out, asOfMonth: '2026-10' });
  };

  return {
    'bureau-worker-bundle': () => bundleWorker(path('worker')),
    'bureau-summary': () =>
      onBureau(
        'bureau summary of the district',
        'bureau summary',
        (ctx) => districtSummary(ctx, { asOfMonth: '2026-10' }),
        (summary) => `${summary.projectsByLevel.total} projects`,
      ),
    'bureau-ledger': () =>
      onBureau(
        'bureau district ledger export (XLSX), in the long-job worker as the app and the CLI run it',
        'bureau ledger export in the worker',
        (ctx) => inWorker(ctx, path('ledger.xlsx')),
        (ledger) => `${sheets(ledger)}; from the call to the result, the worker's start included`,
      ),
    'bureau-ledger-in-process': () =>
      onBureau(
        'bureau district ledger export (XLSX) on the calling thread, default heap (for contrast)',
        'bureau ledger export in process',
        (ctx) => exportDistrictLedger(ctx, path('ledger-in-process.xlsx'), { asOfMonth: '2026-10' }),
        sheets,
      ),
    'bureau-ledger-empty': () => {
      initBureau(path('empty', 'bureau.sqlite'), { now: () => now });
      return onBureau(
        'bureau ledger baseline: the same worker job on an empty district (starting the worker)',
        'bureau ledger export of an empty district in the worker',
        (ctx) => inWorker(ctx, path('empty', 'ledger.xlsx')),
        sheets,
        path('empty', 'bureau.sqlite'),
      );
    },
    'bureau-ledger-baselines': () => ledgerBaselines(path, now),
  };
}

/**
 * The ledger export's baselines in the same run (issue 11): a raw select of the rows it reads (every visit,
 * problem and problem event), and the workbook writer alone writing the rows built beforehand.
 */
async function ledgerBaselines(path: (...p: string[]) => string, now: Date): Promise<BenchResult[]> {
  const ctx = openBureau(path('bureau.sqlite'), () => now);
  let start = performance.now();
  const raw = ['visits', 'problems', 'problem_events'].map((table) => ctx.db.prepare(`SELECT * FROM ${table}`).all().length);
  const select = timed('bureau ledger baseline: raw SELECT * of visits, problems, problem_events', start, `${raw.join(' + ')} rows`);
  const dates = { asOfMonth: '2026-10', referenceDay: '2026-11-24' };
  const data = buildDistrictLedgerData(ctx, dates);
  start = performance.now();
  const bytes = await writeLedgerWorkbookFile(data, path('ledger-alone.xlsx'), { createdAt: now });
  const writer = timed('bureau ledger baseline: the workbook writer alone, rows built beforehand', start, `${mb(bytes)} MB`);
  ctx.db.close();
  return [select, writer];
}

/**
 * The long-job worker bundled into `dir` as build/build-electron.mjs bundles it for the app (CommonJS for Node 22,
 * the SQLite driver and sharp left to node_modules, which `dir` links to).
 */
async function bundleWorker(dir: string): Promise<BenchResult[]> {
  const root = join(import.meta.dirname, '../..');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  await build({
    entryPoints: [join(root, 'electron/main/workers/long-work.ts')],
    outfile: join(dir, 'long-work.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    absWorkingDir: root,
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'sharp'],
    define: { 'import.meta.dirname': '__dirname', 'import.meta.resolve': 'require.resolve' },
  });
  return [];
}
