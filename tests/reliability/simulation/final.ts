import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { photoPath } from '../../../electron/bureau/ingest.js';
import { ledgerDataFromStore } from '../../../electron/sync/ledger-rows.js';
import { writeLedgerWorkbook } from '../../../electron/sync/ledger-workbook.js';
import { readLedgerWorkbook } from '../../../electron/sync/ledger-read.js';
import { PROBLEM_STATUS_ZH } from '@shared/i18n/vocabulary.js';
import { Officer, type Attachment, type InvestmentEntry, type MilestoneReport, type Problem, type ProblemEvent, type Visit } from '@shared/domain/index.js';
import { DEFAULT_TIME_ZONE, deriveProblemState, lastReportedMonth, localDay as dayIn } from '@shared/rules/index.js';
import { CheckFailure, storeProblemStates } from './checks.js';
import type { BureauDriver, OfficerDriver } from './drivers.js';
import { OFFICER_ENTITIES, RECORD_FIELDS, type BureauModel, type OfficerModel, type Rec } from './model.js';
import type { SimProject } from './world.js';
import { LEDGER_ROW_KEY, wholeLedger } from '../../helpers/ledger-pages.js';

/**
 * The end of a run, after the quiet phase: the bureau holds the union of the officers' work with every
 * record exactly once, from its author; both sides derive the same state for every problem; the district
 * ledger workbook, re-read with @e965/xlsx, has exactly one row per record and matches each officer's own
 * ledger row for row; the district summary counts what the model counts; every photo is at the bureau.
 */

export interface FinalFigures {
  officerRecords: number;
  bureauOwnRecords: number;
  ledgerRows: Record<string, number>;
  officerLedgerRowsMatched: number;
  problemsCompared: number;
  problemsClosed: number;
  /** Steps that were no longer legal when the other side's events were merged in (kept, not applied). */
  eventsNotApplied: number;
  photosVerified: number;
  recordsCompared: number;
}

interface FinalInput {
  bureau: BureauDriver;
  stores: readonly OfficerDriver[];
  models: readonly OfficerModel[];
  bm: BureauModel;
  list: readonly SimProject[];
  everReassigned: ReadonlySet<string>;
  now: Date;
  dir: string;
  /** Earlier days to take the district summary on as well. */
  referenceDays?: readonly string[];
  /** Per officer, the records their restores undid (restores.ts): those the bureau received stay there. */
  undone?: ReadonlyMap<number, readonly Rec[]>;
}

const fail = (message: string): never => {
  throw new CheckFailure(`final: ${message}`);
};

function sameSet(what: string, got: Iterable<string>, want: Iterable<string>): number {
  const g = [...got];
  const w = new Set(want);
  const gs = new Set(g);
  if (g.length !== gs.size) fail(`${what}: ${g.length - gs.size} row(s) twice`);
  const missing = [...w].filter((x) => !gs.has(x));
  const extra = g.filter((x) => !w.has(x));
  if (missing.length > 0 || extra.length > 0)
    fail(`${what}: ${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${extra.length} unexpected (${extra.slice(0, 3).join(', ')})`);
  return g.length;
}

// The ledger's own reader: it finds the heading row below the title lines and reads dates as the text shown.
const readWorkbook = (data: Buffer): Record<string, Record<string, unknown>[]> => readLedgerWorkbook(data);

export async function finalChecks(input: FinalInput): Promise<FinalFigures> {
  const { bureau, stores, models, bm, now } = input;
  const db = bureau.ctx.db;
  const today = dayIn(now, DEFAULT_TIME_ZONE);
  const asOf = lastReportedMonth(today);
  let compared = 0;

  // 1. The bureau's folded tables are the union of the officers' records, each exactly once, from its author
  //    (with the records an officer's restore undid after a packet had carried them to the bureau).
  const undoneHeld = new Map(
    models.map((m) => [m.officer.index, (input.undone?.get(m.officer.index) ?? []).filter((r) => bm.held.has(`${r.entity}:${r.id}`))]),
  );
  let officerRecords = 0;
  for (const entity of OFFICER_ENTITIES) {
    const spec = RECORD_FIELDS[entity];
    const rows = db.prepare(`SELECT id, officer_id AS officerId FROM ${spec.table} WHERE officer_id IS NOT NULL`).all() as { id: string; officerId: string }[];
    const want: string[] = [];
    for (const m of models) for (const r of [...m.records, ...undoneHeld.get(m.officer.index)!]) if (r.entity === entity) want.push(`${r.id}@${m.officer.id}`);
    officerRecords += want.length;
    compared += sameSet(
      `bureau ${spec.table} against the union of the officers' ${entity} records`,
      rows.map((r) => `${r.id}@${r.officerId}`),
      want,
    );
  }
  const bureauOwn = db
    .prepare('SELECT (SELECT count(*) FROM problems WHERE officer_id IS NULL) + (SELECT count(*) FROM problem_events WHERE officer_id IS NULL)')
    .pluck()
    .get() as number;
  if (bureauOwn !== bm.ownProblems.length + [...bm.held.values()].filter((h) => h.officerId === null && h.rec.entity === 'problem_event').length) {
    fail(`the bureau holds ${bureauOwn} records of its own, the model ${bm.ownProblems.length} problems and their events`);
  }

  // 2. Every problem: the officer's store and the bureau derive the same state from the same events.
  const derive = (p: Problem, events: ProblemEvent[]) => deriveProblemState(p.responsibleDepartment, events).status;
  const bureauStates = storeProblemStates(db, derive);
  let problemsCompared = 0;
  for (let i = 0; i < stores.length; i++) {
    const m = models[i]!;
    const states = storeProblemStates(stores[i]!.ctx.db, derive);
    const views = new Map(
      ((await wholeLedger((input) => stores[i]!.dispatch('problems.ledger', input))) as { id: string; status: string }[]).map((v) => [v.id, v.status]),
    );
    for (const [id, status] of states) {
      if (views.get(id) !== status) fail(`${m.officer.name}: problem ${id} is ${views.get(id)} in the ledger view, ${status} from the tables`);
      const problem = m.problems.get(id)!;
      if (!m.isActiveProject(problem.projectId)) continue; // a withdrawn project no longer receives the bureau's events
      if (bureauStates.get(id) !== status) fail(`${m.officer.name}: problem ${id} is ${status} in the store, ${bureauStates.get(id)} at the bureau`);
      if (bm.problemStatus(id) !== status) fail(`${m.officer.name}: problem ${id} is ${status}, the model derives ${bm.problemStatus(id)}`);
      problemsCompared += 1;
    }
  }
  for (const p of bm.heldOf<Problem>('problem')) {
    const project = bm.projects.get(p.projectId)!;
    if (project.archived) continue;
    const owner = models.find((m) => m.officer.id === project.project.officerId)!;
    if (!owner.problems.has(p.id)) fail(`problem ${p.id} on ${project.project.code} is at the bureau but not in ${owner.officer.name}'s store`);
  }
  const problemsClosed = [...bureauStates.values()].filter((s) => s === 'closed').length;
  const eventsNotApplied = bm
    .heldOf<Problem>('problem')
    .reduce((n, p) => n + deriveProblemState(p.responsibleDepartment, bm.problemEvents(p.id)).skippedEventIds.length, 0);

  // 3. The district ledger, re-read with @e965/xlsx: one row per record, nothing twice, nothing missing.
  const file = join(input.dir, 'district-ledger.xlsx');
  await bureau.exportLedger(file, today, asOf);
  const district = readWorkbook(readFileSync(file));
  const ledgerRows: Record<string, number> = {};
  const visits = bm.heldOf<Visit>('visit');
  ledgerRows['走访记录'] = sameSet(
    'district 走访记录',
    district['走访记录']!.map((r) => String(r['记录ID'])),
    visits.map((v) => v.id),
  );
  ledgerRows['销号记录'] = sameSet(
    'district 销号记录',
    district['销号记录']!.map((r) => String(r['记录ID'])),
    bm.heldOf<{ id: string }>('checklist_event').map((e) => e.id),
  );
  const problems = bm.heldOf<Problem>('problem');
  ledgerRows['问题台账'] = sameSet(
    'district 问题台账',
    district['问题台账']!.map((r) => String(r['问题ID'])),
    problems.map((p) => p.id),
  );
  for (const row of district['问题台账']!) {
    const want = PROBLEM_STATUS_ZH[bm.problemStatus(String(row['问题ID']))];
    if (row['当前状态'] !== want) fail(`district 问题台账 ${row['问题ID']}: ${row['当前状态']}, the model derives ${want}`);
  }
  ledgerRows['项目进度'] = sameSet(
    'district 项目进度',
    district['项目进度']!.map((r) => `${r['项目ID']}:${r['是否已撤回']}`),
    [...bm.projects].map(([id, p]) => `${id}:${p.archived ? '是' : '否'}`),
  );
  // 月度投资: one row per project and month, the month's figure being its latest entry, corrections counted.
  const entries = bm.heldOf<InvestmentEntry>('investment_entry');
  const byMonth = new Map<string, InvestmentEntry[]>();
  const code = new Map([...bm.projects].map(([id, p]) => [id, p.project.code]));
  for (const e of entries) {
    const k = `${code.get(e.projectId)}:${e.month}`;
    byMonth.set(k, [...(byMonth.get(k) ?? []), e]);
  }
  const figure = (list: InvestmentEntry[]) =>
    [...list].sort((a, b) => (a.recordedAt !== b.recordedAt ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.id < b.id ? -1 : 1)).at(-1)!;
  ledgerRows['月度投资'] = sameSet(
    'district 月度投资',
    district['月度投资']!.map((r) => `${r['项目编号']}:${r['月份']}`),
    byMonth.keys(),
  );
  for (const row of district['月度投资']!) {
    const list = byMonth.get(`${row['项目编号']}:${row['月份']}`)!;
    if (row['当月完成投资（万元）'] !== figure(list).amount || row['更正次数'] !== list.length - 1) {
      fail(
        `district 月度投资 ${row['项目编号']} ${row['月份']}: ${row['当月完成投资（万元）']} (${row['更正次数']} corrections), the model ${figure(list).amount} (${list.length - 1})`,
      );
    }
  }
  compared += Object.values(ledgerRows).reduce((a, b) => a + b, 0);

  // 4. Each officer's own ledger, row for row, where both sides hold the same facts.
  const keyOf = LEDGER_ROW_KEY;
  const districtIndex = Object.fromEntries(Object.entries(keyOf).map(([sheet, k]) => [sheet, new Map(district[sheet]!.map((r) => [k(r), r]))]));
  let officerLedgerRowsMatched = 0;
  for (let i = 0; i < stores.length; i++) {
    const m = models[i]!;
    if (!m.bound) continue;
    const store = stores[i]!;
    const officer = Officer.parse(JSON.parse((store.ctx.db.prepare("SELECT value FROM settings WHERE key = 'officer'").pluck().get() as string) ?? 'null'));
    const own = readWorkbook(await writeLedgerWorkbook(ledgerDataFromStore(store.ctx.db, now, officer)));
    // A project an undone record at the bureau touches differs on purpose (the bureau has it, the store no longer).
    const itemOf = new Map([...m.items].map(([id, x]) => [id, x.item.projectId]));
    const milestoneOf = new Map([...m.milestones].map(([id, x]) => [id, x.milestone.projectId]));
    const problemOf = (id: unknown) => m.problems.get(String(id))?.projectId ?? bm.problem(String(id))?.projectId;
    const touched = new Set(
      undoneHeld
        .get(m.officer.index)!
        .map(({ entity, record: r }) =>
          entity === 'checklist_event'
            ? itemOf.get(String(r.itemId))
            : entity === 'milestone_report'
              ? milestoneOf.get(String(r.milestoneId))
              : entity === 'problem_event'
                ? problemOf(r.problemId)
                : r.projectId,
        ),
    );
    const activeIds = new Set(
      m
        .activeProjects()
        .map((p) => p.id)
        .filter((id) => !touched.has(id)),
    );
    const stable = (projectId: string) => activeIds.has(projectId) && !input.everReassigned.has(projectId);
    const codeToId = new Map(m.activeProjects().map((p) => [p.code, p.id]));
    const itemProject = new Map([...m.items].map(([id, x]) => [id, x.item.projectId]));
    const problemProject = new Map([...m.problems].map(([id, p]) => [id, p.projectId]));
    const include: Record<string, (r: Record<string, unknown>) => boolean> = {
      项目进度: (r) => stable(String(r['项目ID'])),
      走访记录: () => true,
      销号记录: (r) => activeIds.has(itemProject.get(String(r['事项ID'])) ?? ''),
      问题台账: (r) => activeIds.has(problemProject.get(String(r['问题ID'])) ?? ''),
      月度投资: (r) => stable(codeToId.get(String(r['项目编号'])) ?? ''),
    };
    for (const [sheet, k] of Object.entries(keyOf)) {
      for (const row of own[sheet]!) {
        if (!include[sheet]!(row)) continue;
        const there = districtIndex[sheet]!.get(k(row));
        if (JSON.stringify(there) !== JSON.stringify(row)) {
          fail(
            `${m.officer.name}'s ledger ${sheet} row ${k(row)} differs from the district ledger:\n  officer  ${JSON.stringify(row)}\n  district ${JSON.stringify(there)}`,
          );
        }
        officerLedgerRowsMatched += 1;
      }
    }
  }
  compared += officerLedgerRowsMatched;

  // 5. The district summary counts what the model counts, on the last day and on earlier reference days
  //    ("up to the end of that day" meaning the day as the bureau's clock shows it).
  const year = Number(asOf.slice(0, 4));
  const counted = new Set([...bm.projects].filter(([, p]) => !p.archived && p.project.planYear === year).map(([id]) => id));
  const localDay = (at: string) => dayIn(at, DEFAULT_TIME_ZONE);
  const reports = bm.heldOf<MilestoneReport>('milestone_report');
  const milestonesOf = new Map<string, { id: string; kind: string }[]>();
  for (const [, m] of bm.milestones) milestonesOf.set(m.milestone.projectId, [...(milestonesOf.get(m.milestone.projectId) ?? []), m.milestone]);
  const reachedBy = (projectId: string, kind: string, day: string) =>
    (milestonesOf.get(projectId) ?? []).some((m) => {
      if (m.kind !== kind) return false;
      const latest = reports
        .filter((r) => r.milestoneId === m.id && localDay(r.recordedAt) <= day)
        .sort((a, b) => (a.recordedAt !== b.recordedAt ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.id < b.id ? -1 : 1))
        .at(-1);
      return latest !== undefined && latest.reachedOn <= day;
    });
  let completed = 0;
  for (const list of byMonth.values()) {
    const e = figure(list);
    if (counted.has(e.projectId) && e.month.startsWith(`${year}-`) && e.month <= asOf) completed += e.amount;
  }
  const summaryDays = [...new Set([today, ...(input.referenceDays ?? [])])].filter((d) => d.startsWith(`${year}-`) || d === today);
  for (const day of summaryDays) {
    const summary = await bureau.summary(day, asOf);
    const countedProblems = problems.filter((p) => counted.has(p.projectId) && p.raisedOn <= day);
    const statusOn = (p: Problem) =>
      deriveProblemState(
        p.responsibleDepartment,
        bm.problemEvents(p.id).filter((e) => localDay(e.at) <= day),
      ).status;
    const statuses = countedProblems.map((p) => ({ p, status: statusOn(p) }));
    const resolved = statuses.filter((x) => x.status === 'resolved' || x.status === 'closed').length;
    const closed = statuses.filter((x) => x.status === 'closed').length;
    const overdue = statuses.filter((x) => x.status !== 'resolved' && x.status !== 'closed' && x.p.dueOn !== null && x.p.dueOn < day).length;
    const actions = visits.filter((v) => counted.has(v.projectId) && v.visitedOn.startsWith(`${year}-`) && v.visitedOn <= day).length;
    const enrolled = [...counted].filter((id) => reachedBy(id, 'statistics_enrolment', day)).length;
    const started = [...counted].filter((id) => reachedBy(id, 'production_start', day)).length;
    const got = [
      summary.projectsByLevel.total,
      summary.sponsorActions.total,
      summary.problems.collected,
      summary.problems.resolved,
      summary.problems.closed,
      summary.problems.overdue,
      summary.statisticsEnrolled,
      summary.productionStarted,
    ];
    const want = [counted.size, actions, countedProblems.length, resolved, closed, overdue, enrolled, started];
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      fail(
        `summary on ${day}: projects/actions/problems collected/resolved/closed/overdue/enrolled/started ${JSON.stringify(got)}, the model ${JSON.stringify(want)}`,
      );
    }
    if (Math.abs(summary.investment.all.completed - completed) > 1e-6 * Math.max(1, completed))
      fail(`summary on ${day}: completed investment ${summary.investment.all.completed}, the model ${completed}`);
    compared += 1;
  }

  // 6. Every photo and every piece of evidence reached the bureau, byte for byte.
  let photosVerified = 0;
  const stored = new Map(
    (db.prepare('SELECT id, file_stored AS stored FROM attachments').all() as { id: string; stored: number }[]).map((r) => [r.id, r.stored]),
  );
  for (const a of bm.heldOf<Attachment>('attachment')) {
    const path = photoPath(bureau.ctx.filesDir, a);
    if (stored.get(a.id) !== 1 || !existsSync(path)) fail(`attachment ${a.id} (${a.fileName}) has no file at the bureau`);
    if (createHash('sha256').update(readFileSync(path)).digest('hex') !== a.sha256) fail(`attachment ${a.id}: the bureau's file does not match its SHA-256`);
    photosVerified += 1;
  }

  return {
    officerRecords,
    bureauOwnRecords: bureauOwn,
    ledgerRows,
    officerLedgerRowsMatched,
    problemsCompared,
    problemsClosed,
    eventsNotApplied,
    photosVerified,
    recordsCompared: compared,
  };
}
