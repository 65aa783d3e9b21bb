/**
 * `npm run bench`: runs every tests/bench/*.bench.ts module in sequence and prints a table of its results.
 *   npm run bench                 all benchmarks, as a table
 *   npm run bench -- --json       the same as JSON on stdout (progress goes to stderr)
 *   npm run bench -- home-screen  only modules whose file name contains "home-screen"
 * Performance is measured here, never in the test suites.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const filters = args.filter((a) => !a.startsWith('--'));

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

interface ModuleReport {
  module: string;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

const reports: ModuleReport[] = [];
for (const file of files) {
  const module = file.replace(/\.bench\.ts$/, '');
  log(`running ${module} …`);
  const start = performance.now();
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
    const results = await mod.run();
    reports.push({ module, seconds: (performance.now() - start) / 1000, results });
  } catch (error) {
    reports.push({
      module,
      seconds: (performance.now() - start) / 1000,
      results: [],
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '' : Number.isInteger(n) ? String(n) : n < 1 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(1));

if (json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, modules: reports }, null, 2)}\n`);
} else {
  const rows = [['module', 'benchmark', 'value', 'unit', 'baseline', 'ratio', 'note']];
  for (const r of reports) {
    if (r.error) rows.push([r.module, 'FAILED', '', '', '', '', r.error.split('\n')[0]!]);
    for (const x of r.results)
      rows.push([r.module, x.name, fmt(x.value), x.unit, fmt(x.baseline), x.ratio === undefined ? '' : `${fmt(x.ratio)}×`, x.note ?? '']);
  }
  // Width by code points is close enough for the mostly-ASCII table.
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => [...row[c]!].length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 2 || c === 4 || c === 5 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  log('');
  log(line(rows[0]!));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) log(line(row));
  log('');
  log(`node ${process.version} on ${process.platform}-${process.arch}; ${reports.map((r) => `${r.module} ${r.seconds.toFixed(1)} s`).join(', ')}`);
}

const failed = reports.filter((r) => r.error);
for (const r of failed) process.stderr.write(`\n${r.module} failed:\n${r.error}\n`);
if (files.length === 0) process.stderr.write(`no benchmark matched ${filters.join(' ')}\n`);
process.exitCode = failed.length > 0 || files.length === 0 ? 1 : 0;
