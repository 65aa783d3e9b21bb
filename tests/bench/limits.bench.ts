import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/temp-store.js';
import type { BenchResult } from './types.js';

/**
 * Limits (issue 6, item 7): the largest realistic inputs, with time and peak memory.
 *   - the bureau with a 1,000-project district and 50,000 problems and 50,000 visits: ingest, summary, ledger export
 *     (in the long-job worker as the app and the CLI run it, and on the step's own thread for contrast);
 *   - an officer's store with 1,000 projects and 50,000 problems and visits: projects.list, problems.ledger;
 *   - a photo folder of 10 MB photos (400 MB; 2 GB with --full) and a weekly packet carrying 40 (90) of them,
 *     exported and read back as the bureau reads it;
 *   - a 200 MB packet written and read/verified, and read once more holding every entry, for contrast.
 * Each step runs in its own Node process (tests/bench/limits-cases.ts) so its peak resident set is its own.
 *   npm run bench -- limits            default (a few minutes)
 *   npm run bench -- limits --full     with the 2 GB photo folder
 */
const CASES = join(import.meta.dirname, 'limits-cases.ts');

const STEPS = [
  'bureau-setup',
  'bureau-ingest',
  'bureau-summary',
  'bureau-worker-bundle',
  'bureau-ledger',
  'bureau-ledger-in-process',
  'bureau-ledger-empty',
  'bureau-ledger-baselines',
  'officer-setup',
  'officer-projects',
  'officer-problems',
  'photos-setup',
  'photos-export',
  'photos-read',
  'packet-setup',
  'packet-write',
  'packet-read',
  'packet-read-held',
];

function runStep(step: string, folder: string, full: boolean): BenchResult[] {
  process.stderr.write(`  ${step} …\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', CASES, step, folder, ...(full ? ['--full'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${step} failed (exit ${child.status ?? child.signal})`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return (JSON.parse(line) as { results: BenchResult[] }).results;
}

export async function run(): Promise<BenchResult[]> {
  const full = process.argv.includes('--full');
  const dir = makeTempDir('sponsor-desk-bench-limits-');
  try {
    const results: BenchResult[] = [];
    for (const step of STEPS) results.push(...runStep(step, dir.path, full));
    return results;
  } finally {
    dir.remove();
  }
}
