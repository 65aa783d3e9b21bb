import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSimulation, SimulationFailure, type SimulationResult } from './simulation.js';

/**
 * `npm run reliability:simulate -- [--seed N | --seeds A,B,C | --seeds-from N --count K] [--weeks 52]
 * [--officers 14] [--trace] [--keep]`: the long form of the seeded simulation, by hand. A failing seed is
 * printed with its step and the command that replays it; exit code 1.
 */

export function describeRun(r: SimulationResult): string[] {
  const c = r.courier;
  const records = Object.values(r.records).reduce((a, b) => a + b, 0);
  return [
    `seed ${r.seed}: ${r.officers} officers × ${r.weeks} weeks (${r.mode}) — ok in ${(r.ms / 1000).toFixed(1)} s, ${r.steps} steps`,
    `  records written by officers: ${records} (${Object.entries(r.records)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}); bureau problems ${r.problems.bureau} with ${r.problems.bureauEvents} events`,
    `  files: ${c.sent} sent, ${c.lost} lost, ${c.duplicated} duplicated, ${c.delivered} delivered, ${c.reordered} out of order, ${c.renamed} renamed, longest delay ${c.maxDelayDays} days`,
    `  exports ${r.exports}, assignments ${r.assignments}; imports applied ${r.imports.applied}, already imported ${r.imports.alreadyImported}, stale ${r.imports.stale}, "withdraws most" confirmed ${r.imports.withdrawMostConfirmed}`,
    `  ingest: ${r.ingest.accepted} packets folded (${r.ingest.newRecords} new records, ${r.ingest.duplicateRecords} already held), ${r.ingest.duplicate} duplicate packets`,
    `  master list: ${r.masterImports} imports (${Object.entries(r.masterEdits)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    `  refusals as the model predicted: ${r.refusalsAsExpected}; quiet phase: ${r.quietRounds} round(s)`,
    `  restores: bureau ${r.restores.bureauRestores} of ${r.restores.bureauBackups} backups (${r.restores.packetsLostByBureau} folded packets lost and sent again, ${r.restores.acknowledgementsDown} acknowledgements went down, ${r.restores.bureauRecordsCarried} own problem records carried over), officers ${r.restores.officerRestores} of ${r.restores.officerBackups} backups (records undone: ${r.restores.undoneAtBureau} already at the bureau, kept; ${r.restores.undoneNeverSent} never sent), ${r.restores.refusedAfterRestore} late packets refused for a record a restore took away`,
    `  checks: ${r.checks} store-against-model comparisons, ${r.recordsChecked} records compared`,
    `  end: ${r.final.officerRecords} officer records at the bureau exactly once, ${r.final.bureauOwnRecords} bureau problem records, ${r.final.problemsCompared} problem states equal on both sides (${r.final.problemsClosed} closed, ${r.final.eventsNotApplied} concurrent steps not applied), ledger rows ${Object.entries(
      r.final.ledgerRows,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}, ${r.final.officerLedgerRowsMatched} officer ledger rows identical in the district ledger, ${r.final.photosVerified} photos verified`,
  ];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      seeds: { type: 'string' },
      'seeds-from': { type: 'string' },
      count: { type: 'string' },
      weeks: { type: 'string', default: '52' },
      officers: { type: 'string', default: '14' },
      trace: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('npm run reliability:simulate -- [--seed N | --seeds A,B,C | --seeds-from N --count K] [--weeks 52] [--officers 14] [--trace] [--keep]');
    return 0;
  }
  const weeks = Number(values.weeks);
  const officers = Number(values.officers);
  let seeds: number[];
  if (values.seed !== undefined) seeds = [Number(values.seed)];
  else if (values.seeds !== undefined) seeds = values.seeds.split(',').map(Number);
  else {
    const from = Number(values['seeds-from'] ?? '1');
    seeds = Array.from({ length: Number(values.count ?? '3') }, (_, i) => from + i);
  }
  if (seeds.some((s) => !Number.isInteger(s) || s < 0) || !Number.isInteger(weeks) || weeks < 1 || !Number.isInteger(officers) || officers < 1) {
    console.error('seeds, --weeks and --officers must be whole numbers');
    return 2;
  }
  const started = Date.now();
  const failed: number[] = [];
  const totals = { steps: 0, records: 0, checked: 0, lost: 0, duplicated: 0, reordered: 0, bureauRestores: 0, officerRestores: 0 };
  for (const seed of seeds) {
    // The stores fsync every commit; a RAM disk keeps the run about the logic, not the disk.
    const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `sponsor-desk-sim-${seed}-`));
    try {
      const r = await runSimulation({ seed, weeks, officers, dir, trace: values.trace ? (line) => console.log(line) : undefined });
      for (const line of describeRun(r)) console.log(line);
      totals.steps += r.steps;
      totals.records += Object.values(r.records).reduce((a, b) => a + b, 0);
      totals.checked += r.recordsChecked;
      totals.lost += r.courier.lost;
      totals.duplicated += r.courier.duplicated;
      totals.reordered += r.courier.reordered;
      totals.bureauRestores += r.restores.bureauRestores;
      totals.officerRestores += r.restores.officerRestores;
    } catch (error) {
      failed.push(seed);
      if (error instanceof SimulationFailure) {
        console.error(`\nFAILED ${error.message}`);
        console.error(`  replay: npm run reliability:simulate -- --seed ${seed} --weeks ${weeks} --officers ${officers} --trace`);
        console.error(`  files kept in ${dir}`);
      } else {
        console.error(`\nFAILED seed ${seed}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      continue;
    } finally {
      if (!values.keep && !failed.includes(seed)) rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `\n${seeds.length - failed.length}/${seeds.length} seeds passed (${weeks} weeks, ${officers} officers) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${totals.steps} steps, ${totals.records} records written, ${totals.checked} records compared, files lost ${totals.lost}, duplicated ${totals.duplicated}, out of order ${totals.reordered}, bureau restores ${totals.bureauRestores}, officer restores ${totals.officerRestores}; records lost 0, doubled 0 (every seed that passed checked both)`,
  );
  if (failed.length > 0) console.error(`failing seeds: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

if (process.argv[1] && /run\.[cm]?[tj]s$/.test(process.argv[1])) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
