/**
 * The crash harness, long form, by hand:
 *   npm run reliability:crash -- [--seed N] [--runs N] [--checkpoint-runs N] [--parallel N] [--only K] [--keep] [--json] [--no-bundle] [--protect]
 * Kills a child doing import → backup → export → ingest with SIGKILL `runs` times (first at named
 * checkpoints, then at seeded random moments) and checks every run folder. `--only K` replays run K of the
 * same plan (same seed and runs) alone; `--keep` keeps the run folders; `--protect` runs the variant with a
 * passphrase-protected store and a passphrase change as a fifth step. Exit code 1 when any run failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashes } from './crash-engine.js';
import { seededRunOptions } from './run-options.js';

const { values } = parseArgs({
  options: {
    ...seededRunOptions('300'),
    'checkpoint-runs': { type: 'string' },
    parallel: { type: 'string', default: '2' },
    'no-bundle': { type: 'boolean', default: false },
    protect: { type: 'boolean', default: false },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const seed = num(values.seed)!;
const runs = num(values.runs)!;
const only = num(values.only);
const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-crash-'));
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const report = await runCrashes({
    seed,
    runs,
    checkpointRuns: num(values['checkpoint-runs']),
    parallel: num(values.parallel),
    only,
    dir,
    bundle: !values['no-bundle'],
    keepRuns: values.keep,
    protect: values.protect,
    log,
  });
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ ...report, failures: report.failures.map((f) => ({ index: f.index, plan: f.plan, step: f.run.step, lastCheckpoint: f.run.checkpoints.at(-1), problems: f.check.problems })) }, null, 2)}\n`,
    );
  else {
    const out = (s: string) => process.stdout.write(`${s}\n`);
    out(
      `seed ${report.seed}: ${report.runs} runs in ${(report.ms / 1000).toFixed(1)} s — ${report.killedAtCheckpoint} killed at checkpoints, ${report.killedAtRandom} at random moments, ${report.finished} finished first; ${report.failures.length} failed`,
    );
    out(
      `clean run: ${report.cleanRun.checkpoints} checkpoints, ${report.cleanRun.workMs} ms of work (${Object.entries(report.cleanRun.stepMs)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')})`,
    );
    out(`step when killed: ${JSON.stringify(report.steps)}`);
    out(`officer store after the kill: ${JSON.stringify(report.officerStates)}`);
    out(`bureau after the kill: ${JSON.stringify(report.bureauStates)}`);
    if (values.protect)
      out(
        `store opened with the old / new passphrase: ${JSON.stringify(report.storeKeys)}; backups: ${JSON.stringify(report.backupKeys)}; runs with the store changed and a backup still under the old passphrase: ${report.oldKeyBackupsAfterChange}`,
      );
    out(
      `backups verified ${report.backupsVerified}, packets verified ${report.packetsVerified} (${report.packetsWithoutHistory} not yet in the export history), temp files left ${report.leftovers}`,
    );
    for (const f of report.failures)
      out(
        `\nFAILED run ${f.index} (${JSON.stringify(f.plan)}, step ${f.run.step}, last checkpoint ${f.run.checkpoints.at(-1)})\n  ${f.check.problems.join('\n  ')}`,
      );
  }
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  if (values.keep) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
