import { mkdirSync, rmSync } from 'node:fs';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { readWeeklyFile } from '../../electron/packets/index.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { writeLedgerWorkbook } from '../../electron/sync/ledger-workbook.js';
import { weeklyContext } from '../../electron/sync/weekly-report.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { seedOfficerChanges } from '../helpers/seed-changes.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment, type AssignmentShape } from '../integration/sync-fixtures.js';
import { measure, result, timingOf } from './measure.js';
import type { BenchResult } from './types.js';

/**
 * File sync (issue 4): importing an assignment of 1,000 projects × 40 checklist items, and exporting a
 * weekly packet of 10,000 changes, each beside the plainest better-sqlite3 work on the same rows in the
 * same run (a ratio, not an absolute time).
 */
const NOW = new Date('2026-11-24T10:00:00');
const PROJECTS = 1000;
const ITEMS = 40;
const CHANGES = 10_000;

function openStore(dir: TempDir, name: string): ServiceContext {
  return openOfficerStore({ databasePath: dir.file(name), now: () => NOW });
}

/** The same rows as the assignment, inserted with prepared statements in one transaction: the floor. */
function rawInsertAssignment(ctx: ServiceContext, shape: AssignmentShape): void {
  const { db } = ctx;
  const project = db.prepare(
    `INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id, plan_year,
       annual_planned_investment, total_investment, location) VALUES (@id, @code, @name, @company, @level, @industry, @stage, @sponsoringLeader,
       @sponsoringUnit, @officerId, @planYear, @annualPlannedInvestment, @totalInvestment, @location)`,
  );
  const milestone = db.prepare(
    'INSERT INTO milestones (id, project_id, kind, title, planned_on, sort_order) VALUES (@id, @projectId, @kind, @title, @plannedOn, @sortOrder)',
  );
  const item = db.prepare(
    `INSERT INTO checklist_items (id, project_id, stage, title, due_on, sort_order, origin) VALUES (@id, @projectId, @stage, @title, @dueOn, @sortOrder, 'bureau')`,
  );
  db.transaction(() => {
    for (const p of shape.projects) project.run(p);
    for (const m of shape.milestones) milestone.run(m);
    for (const i of shape.checklistItems) item.run(i);
  })();
}

/** 10,000 officer records through the repositories (each with its change-log row). */
function seedChanges(ctx: ServiceContext, shape: AssignmentShape): void {
  seedOfficerChanges(
    ctx.db,
    shape.projects.map((p) => p.id),
    shape.officer.name,
    CHANGES,
  );
}

/** `a` and `b` run in turn `runs` times after one warm-up each: each one's wall and CPU times (ms). */
async function alternately(a: () => unknown, b: () => unknown, runs: number) {
  const times = { a: { wall: [] as number[], cpu: [] as number[] }, b: { wall: [] as number[], cpu: [] as number[] } };
  const once = async (fn: () => unknown, into: { wall: number[]; cpu: number[] } | null) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    into?.wall.push(wall);
    into?.cpu.push((used.user + used.system) / 1000);
  };
  await once(a, null);
  await once(b, null);
  for (let i = 0; i < runs; i++) {
    await once(a, times.a);
    await once(b, times.b);
  }
  return times;
}

export async function run(): Promise<BenchResult[]> {
  const dir = makeTempDir('sponsor-desk-bench-sync-');
  try {
    const bureau = makeBureau(dir.path);
    const officer = makeOfficer();
    const big = makeAssignment(officer, { projects: PROJECTS, items: ITEMS });
    const file = await writeAssignment(dir.path, bureau, big, 1, { fileName: 'big-assignment.zip' });
    const rows = `${big.projects.length} projects, ${big.milestones.length} milestones, ${big.checklistItems.length} checklist items`;

    let counter = 0;
    const fresh = () => {
      const ctx = openStore(dir, `import-${++counter}.db`);
      trustBureau(ctx.db, bureau);
      return ctx;
    };
    const cleanup = (ctx: ServiceContext) => {
      ctx.db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(ctx.databasePath + suffix, { force: true });
      rmSync(dir.file('backups'), { recursive: true, force: true });
    };

    // Each timed run gets a fresh store; opening it is outside the timing.
    const timeOnFresh = async (work: (ctx: ServiceContext) => unknown, runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        const ctx = fresh();
        const start = performance.now();
        await work(ctx);
        const ms = performance.now() - start;
        cleanup(ctx);
        if (i > 0) times.push(ms); // the first is warm-up
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)!, runs };
    };

    const rawImport = await timeOnFresh((ctx) => rawInsertAssignment(ctx, big), 3);
    const preview = await timeOnFresh((ctx) => previewAssignment(ctx, file), 3);
    const apply = await timeOnFresh((ctx) => applyAssignment(ctx, file), 3);

    // Export: a store with a small assignment and 10,000 officer changes.
    const ctx = openStore(dir, 'export.db');
    try {
      trustBureau(ctx.db, bureau);
      const small = makeAssignment(officer, { projects: 20, items: 5 });
      await applyAssignment(ctx, await writeAssignment(dir.path, bureau, small, 1));
      seedChanges(ctx, small);
      const key = ensureOfficerKey(ctx.db, NOW);
      const rawSelect = ctx.db.prepare('SELECT seq, entity, record_id, recorded_at, payload FROM change_log WHERE seq > ? ORDER BY seq');
      const raw = await measure(() => rawSelect.all(0).map((r) => JSON.parse((r as { payload: string }).payload)), { runs: 10, warmup: 2 });
      // The workbook writer the export uses, writing the same ledger rows alone (issue 11's baseline): the rows are
      // built outside the timing, so this is the XLSX writing only.
      const ledgerRows = weeklyContext(ctx.db, NOW).ledger;
      const ledgerCounts = `${ledgerRows.projects.length} projects, ${ledgerRows.visits.length} visits, ${ledgerRows.problems.length} problems, ${ledgerRows.investment.length} investment rows, ${ledgerRows.closeOffs.length} close-offs`;
      const writeWorkbook = () => writeLedgerWorkbook(ledgerRows, { createdAt: NOW, author: 'bench', title: 'bench 帮包台账', whose: '帮包责任人：bench' });
      const out = dir.file('out');
      mkdirSync(out);
      let last = '';
      let changeCount = 0;
      let bytes = 0;
      const exportOnce = async () => {
        const r = await exportWeeklyPacket(ctx, { outDir: out });
        last = r.filePath;
        changeCount = r.changeCount;
        bytes = r.bytes;
      };
      // The export and its baseline taken in turn, so that the machine's load falls on both alike; wall and CPU time.
      const pair = await alternately(exportOnce, writeWorkbook, 7);
      const [exported, workbookAlone] = [timingOf(pair.a.wall), timingOf(pair.b.wall)];
      const [exportCpu, workbookCpu] = [timingOf(pair.a.cpu), timingOf(pair.b.cpu)];
      const read = await measure(() => readWeeklyFile(last, { resolveOfficerKey: () => key.publicKeyPem }), { runs: 3, warmup: 1 });
      return [
        result('raw INSERT of the assignment rows (baseline)', rawImport, { note: rows }),
        result('preview assignment (verify + diff)', preview, { baseline: rawImport.median, note: rows }),
        result('apply assignment (verify + backup + one transaction)', apply, { baseline: rawImport.median, note: rows }),
        result('raw SELECT + JSON.parse of the change log (baseline)', raw, { note: `${changeCount} changes` }),
        result('export weekly packet (changes, ledger.xlsx, report, sign, fsync)', exported, {
          baseline: raw.median,
          note: `${changeCount} changes, ${(bytes / 2 ** 20).toFixed(1)} MiB file`,
        }),
        result('ledger.xlsx written alone by the same workbook writer (baseline)', workbookAlone, { note: ledgerCounts }),
        result('export weekly packet ÷ the workbook writer alone', exported, { baseline: workbookAlone.median, note: 'issue 11 target: ≤ 1.5×' }),
        result('the same ratio in CPU time (user + system, all threads)', exportCpu, { baseline: workbookCpu.median, note: 'less sensitive to the load' }),
        result('read + verify that packet (what the bureau does first)', read, { baseline: raw.median }),
      ];
    } finally {
      ctx.db.close();
    }
  } finally {
    dir.remove();
  }
}
