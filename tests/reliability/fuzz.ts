/**
 * The fuzzer, long form, by hand:
 *   npm run reliability:fuzz -- [--seed N] [--runs N] [--only K] [--json] [--keep]
 * Builds a small real world in a temp folder, then runs `runs` seeded mutants (cases 0 … runs−1) of the
 * assignment, the weekly packet and the master lists through the real import paths. `--only K` replays
 * case K of seed N alone, exactly. Exit code 1 when any case failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { outcomeLabel, runFuzz } from './fuzz-engine.js';
import { seededRunOptions } from './run-options.js';

const { values } = parseArgs({
  options: { ...seededRunOptions('10000'), 'fail-fast': { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false } },
});
const seed = Number(values.seed);
const runs = Number(values.runs);
const only = values.only === undefined ? undefined : Number(values.only);
if (!Number.isInteger(seed) || !Number.isInteger(runs) || (only !== undefined && !Number.isInteger(only))) {
  process.stderr.write('usage: fuzz.ts [--seed N] [--runs N] [--only K] [--json] [--keep] [--fail-fast]\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-fuzz-'));
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const report = await runFuzz({ seed, runs, only, dir, log, failFast: values['fail-fast'] });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const out = (s: string) => process.stdout.write(`${s}\n`);
    out(
      `seed ${report.seed}: ${report.runs} cases in ${(report.ms / 1000).toFixed(1)} s — ${report.accepted} accepted, ${report.refused} refused, ${report.failures.length} failed`,
    );
    for (const [target, outcomes] of Object.entries(report.byOutcome)) {
      out(`\n${target}`);
      for (const [label, n] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) out(`  ${String(n).padStart(6)}  ${label}`);
    }
    out('\nby kind (accepted / refused / failed)');
    for (const [target, kinds] of Object.entries(report.byKindOutcome)) {
      out(
        `  ${target}: ${Object.entries(kinds)
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([k, t]) => `${k} ${t.accepted}/${t.refused}/${t.failed}`)
          .join(', ')}`,
      );
    }
    if (values.markdown) {
      // Tables for docs/reliability.md.
      const targets = ['assignment', 'weekly', 'master-xlsx', 'master-csv'].filter((t) => report.byOutcome[t]);
      out('\n| outcome | ' + targets.join(' | ') + ' |');
      out('| --- |' + targets.map(() => ' ---: |').join(''));
      const labels = [...new Set(targets.flatMap((t) => Object.keys(report.byOutcome[t]!)))].sort();
      for (const l of labels) out(`| ${l} | ${targets.map((t) => report.byOutcome[t]![l] ?? '').join(' | ')} |`);
      out('\n| mutation kind | ' + targets.join(' | ') + ' |');
      out('| --- |' + targets.map(() => ' --- |').join(''));
      const kinds = [...new Set(targets.flatMap((t) => Object.keys(report.byKindOutcome[t]!)))].sort();
      for (const k of kinds) {
        out(
          `| ${k} | ${targets
            .map((t) => {
              const x = report.byKindOutcome[t]![k];
              return x ? `${x.accepted} / ${x.refused}${x.failed ? ` / **${x.failed} failed**` : ''}` : '';
            })
            .join(' | ')} |`,
        );
      }
    }
    out(`\nslowest: ${report.slowest.map((s) => `#${s.index} ${s.target}/${s.kind} ${s.ms} ms`).join('; ')}`);
    for (const c of report.cases) {
      out(`\ncase ${c.index} [${c.target} ${c.kind}] ${c.detail} (${c.bytes} bytes, ${Math.round(c.ms)} ms)`);
      for (const o of c.outcomes) out(`  ${o.call}: ${outcomeLabel(o.outcome)} (${Math.round(o.ms)} ms)`);
    }
    for (const f of report.failures) {
      out(`\nFAILED case ${f.index} [${f.target} ${f.kind}] ${f.detail}`);
      for (const o of f.outcomes)
        out(`  ${o.call}: ${outcomeLabel(o.outcome)} (${Math.round(o.ms)} ms)${o.outcome.kind === 'failure' ? `\n    ${o.outcome.message}` : ''}`);
      for (const x of f.failures) out(`  ${x}`);
    }
  }
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  if (values.keep) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
