import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFuzzer, outcomeLabel, runFuzz, type FuzzReport } from '../reliability/fuzz-engine.js';

/**
 * Issue 6, item 2, the bounded CI form: seed 1, the first CI_CASES mutants of assignment files, weekly packets
 * and master lists (xlsx, csv) through the real import paths. Every one refused with a clear AppError or
 * accepted as valid, none longer than 5 s, the receiver's dump unchanged after every refusal. The long form
 * (≥ 10,000 per seed) is `npm run reliability:fuzz`; its figures are in docs/reliability.md.
 */
const SEED = 1;
const CI_CASES = 1500;

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sponsor-desk-fuzz-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('fuzzed files (seeded, bounded)', () => {
  let report: FuzzReport;

  it(`${CI_CASES} mutants: each refused clearly or accepted, no crash, no hang, nothing written on refusal`, async () => {
    report = await runFuzz({ seed: SEED, runs: CI_CASES, dir: tempDir(), log: (line) => process.stderr.write(`${line}\n`) });
    const summary = Object.entries(report.byOutcome)
      .map(
        ([t, o]) =>
          `${t}: ${Object.entries(o)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
      )
      .join('\n');
    process.stderr.write(`fuzz seed ${SEED}: ${report.runs} cases in ${(report.ms / 1000).toFixed(1)} s\n${summary}\n`);
    const failures = report.failures.map((f) => `case ${f.index} [${f.target} ${f.kind}] ${f.detail}: ${f.failures.join('; ')}`);
    expect(failures).toEqual([]);
    expect(report.runs).toBe(CI_CASES);
    expect(report.accepted + report.refused).toBe(CI_CASES);
  }, 240_000);

  it('the mutants reach every import path and every layer of the file', () => {
    expect(Object.keys(report.byKind).sort()).toEqual(['assignment', 'master-csv', 'master-xlsx', 'weekly']);
    const kinds = new Set(Object.values(report.byKind).flatMap((k) => Object.keys(k)));
    for (const k of [
      'bit-flip',
      'truncate',
      'entry-swap',
      'unsafe-name',
      'symlink',
      'zip-bomb',
      'huge-declared-size',
      'wrong-key',
      'manifest-edit',
      'payload-deep-json',
      'payload-wrong-type',
      'payload-huge-array',
      'payload-negative',
      'payload-bad-date',
      'cell-edit',
      'overlap-bomb',
    ]) {
      expect(kinds, k).toContain(k);
    }
    // Refusals come from every stage: the zip, the signature, the manifest, the payload schema, the receiver's rules.
    const labels = Object.values(report.byOutcome).flatMap((o) => Object.keys(o));
    for (const l of [
      'refused packet_invalid/not_a_zip',
      'refused packet_invalid/unsafe_entry',
      'refused packet_signature/signature_bad',
      'refused packet_invalid/manifest_invalid',
      'refused packet_invalid/payload_invalid',
      'refused master_list_invalid/rows',
      'refused master_list_invalid/damaged',
      'refused master_list_invalid/encoding',
    ]) {
      expect(labels, l).toContain(l);
    }
    expect(labels.some((l) => l.startsWith('accepted'))).toBe(true);
    // "No file hangs either program" (issue 9, point 5): zips whose entries share bytes reach both readers and are refused.
    for (const target of ['master-xlsx', 'weekly']) expect(report.byKindOutcome[target]?.['overlap-bomb']?.refused ?? 0, target).toBeGreaterThan(0);
  });

  it('--only K replays case K exactly: the same mutant and the same outcome', async () => {
    const fuzzer = await createFuzzer({ seed: SEED, dir: tempDir() });
    try {
      for (const index of [3, 17, 42]) {
        const again = await fuzzer.runCase(index);
        const single = await runFuzz({ seed: SEED, runs: 0, only: index, dir: tempDir() });
        expect(single.cases).toHaveLength(1);
        const first = single.cases[0]!;
        expect([first.target, first.kind, first.detail, first.bytes]).toEqual([again.target, again.kind, again.detail, again.bytes]);
        expect(first.outcomes.map((o) => outcomeLabel(o.outcome))).toEqual(again.outcomes.map((o) => outcomeLabel(o.outcome)));
      }
    } finally {
      fuzzer.close();
    }
  }, 120_000);
});
