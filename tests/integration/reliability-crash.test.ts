import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashes, type CrashReport } from '../reliability/crash-engine.js';

/**
 * Issue 6, item 3, the bounded CI form: a child process importing an assignment, writing a backup, exporting
 * a weekly packet and ingesting three packets at the bureau is killed with SIGKILL at every named checkpoint
 * (each rename, fsync, transaction body and commit, backup step) and at seeded random moments, CI_RUNS times
 * in all. After each kill both databases open with integrity_check ok and are exactly in a state a clean run
 * passes through (the import wholly applied or wholly absent, each packet wholly folded or not at all);
 * backups, the packet and the bureau's photos are whole under their final names or absent. The long form is
 * `npm run reliability:crash`; its figures are in docs/reliability.md.
 */
const SEED = 1;
const CI_RUNS = 150;

const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crashes (SIGKILL, seeded, bounded)', () => {
  let report: CrashReport;

  it(`${CI_RUNS} runs killed at every checkpoint and at random moments leave every store whole`, async () => {
    report = await runCrashes({ seed: SEED, runs: CI_RUNS, dir, parallel: 2, log: (line) => process.stderr.write(`${line}\n`) });
    process.stderr.write(
      `crash seed ${SEED}: ${report.runs} runs in ${(report.ms / 1000).toFixed(1)} s; officer ${JSON.stringify(report.officerStates)}; bureau ${JSON.stringify(report.bureauStates)}; ` +
        `backups ${report.backupsVerified}, packets ${report.packetsVerified} (${report.packetsWithoutHistory} not yet in history), temp files ${report.leftovers}\n`,
    );
    const failures = report.failures.map(
      (f) => `run ${f.index} ${JSON.stringify(f.plan)} (${f.run.step}, ${f.run.checkpoints.at(-1)}): ${f.check.problems.join('; ')}`,
    );
    expect(failures).toEqual([]);
    expect(report.runs).toBe(CI_RUNS);
  }, 300_000);

  it('at least 100 runs were really killed, at every checkpoint and in every step, and every outcome was reached', () => {
    expect(report.killedAtCheckpoint + report.killedAtRandom).toBeGreaterThanOrEqual(100);
    expect(report.killedAtCheckpoint).toBe(report.cleanRun.checkpoints);
    for (const step of ['import', 'backup', 'export', 'ingest']) expect(report.steps[step] ?? 0, step).toBeGreaterThan(0);
    // Before, applied and exported; the bureau with 0, 1, 2 and 3 packets folded.
    expect(Object.keys(report.officerStates).sort()).toEqual(['before', 'exported', 'imported']);
    expect(Object.keys(report.bureauStates).sort()).toEqual(['0 packets folded', '1 packets folded', '2 packets folded', '3 packets folded']);
    expect(report.backupsVerified).toBeGreaterThan(0);
    expect(report.packetsVerified).toBeGreaterThan(0);
  });
});
