import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { LONG_WORK_LIMITS, runLongWork, setLongWorkEntry } from '../../electron/main/long-work.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { sampleBureau } from '../helpers/bureau.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * Long work runs in threads with a capped young generation (electron/main/long-work.ts, LONG_WORK_LIMITS):
 * without it V8 gives a thread up to 128 MB of young generation, most of the district ledger's peak above
 * +150 MB (issue 11). Real threads: one that reports its own heap, and the app's worker running the real
 * ledger export, which the synchronous `bureau.exportLedger` (the CLI's export) now runs too.
 */
const NOW = new Date('2026-11-27T10:00:00');
const dir = useTempDir('sponsor-desk-long-work-limits-');
const MB = 1024 * 1024;

describe('long-work threads', () => {
  it('start with LONG_WORK_LIMITS, and V8 keeps their young generation within it', async () => {
    // A worker that fills its young generation with short-lived objects, then reports the limits it runs under.
    const script = dir.file('heap-worker.mjs');
    writeFileSync(
      script,
      `import { parentPort, resourceLimits } from 'node:worker_threads';
       import { getHeapSpaceStatistics } from 'node:v8';
       let kept = [];
       for (let i = 0; i < 3e6; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 200000) kept = []; }
       const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
       parentPort.postMessage({ type: 'result', value: { limits: resourceLimits, youngBytes: young.space_size } });`,
    );
    const { limits, youngBytes } = await runLongWork<{ limits: { maxYoungGenerationSizeMb: number }; youngBytes: number }>('heap', null, {
      entry: { path: script, execArgv: [] },
    }).result;
    expect(LONG_WORK_LIMITS.maxYoungGenerationSizeMb).toBe(24);
    expect(limits.maxYoungGenerationSizeMb).toBe(24);
    // Two 8 MB semi-spaces; V8's default here is two of 64 MB, which the same loop fills.
    expect(youngBytes).toBeLessThanOrEqual(16 * MB);
    expect(youngBytes).toBeGreaterThan(0);
  });

  it('run the synchronous ledger export (the CLI) in the app worker, with the limits, and the workbook is whole', async () => {
    const ctx = sampleBureau(dir.file('bureau.sqlite'), () => NOW);
    // The app's worker entry, which first writes down the limits its thread has.
    setLongWorkEntry({ path: join(import.meta.dirname, '../helpers/limits-reporting-worker.ts'), execArgv: ['--import', 'tsx'] });
    try {
      const result = await createBureauRegistry().dispatch('bureau.exportLedger', { out: dir.file('ledger.xlsx') }, ctx);
      if (!result.ok) throw new Error(result.error.message);
      expect(JSON.parse(readFileSync(dir.file('worker-limits.json'), 'utf8'))).toMatchObject({ maxYoungGenerationSizeMb: 24 });
      const value = result.value as { file: string; sheets: Record<string, number> };
      expect(value.sheets).toMatchObject({ 项目进度: 30, 走访记录: 0, 问题台账: 0 });
      expect(readLedgerWorkbook(readFileSync(value.file))['项目进度']).toHaveLength(30);
    } finally {
      setLongWorkEntry(null);
      ctx.db.close();
    }
  });

  it('hand a refusal of the export in the worker back as the operation refusal it was', async () => {
    const ctx = sampleBureau(dir.file('bureau.sqlite'), () => NOW);
    try {
      // A file where the ledger's folder would be: the worker cannot write there.
      writeFileSync(dir.file('taken'), 'x');
      const result = await createBureauRegistry().dispatch('bureau.exportLedger', { out: dir.file('taken/ledger.xlsx') }, ctx);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      // The worker's AppError, code and params kept (refuseUnwritable), not an `internal` failure of the thread.
      expect(result.error).toMatchObject({ code: 'invalid_input', params: { what: 'output_folder', reason: 'EEXIST', folder: 'taken' } });
    } finally {
      ctx.db.close();
    }
  });
});
