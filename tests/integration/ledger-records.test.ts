import { computeDistrictSummary } from '@shared/bureau/summary.js';
import type { Attachment, Problem, ProblemEvent, Visit } from '@shared/domain/index.js';
import { deriveProblemState, groupBy, isProblemOpen, problemLedgerRow, visitLedgerRow } from '@shared/rules/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BureauContext } from '../../electron/bureau/context.js';
import { buildDistrictLedgerData, projectCounts } from '../../electron/bureau/ledger.js';
import { sortByText, textGroups } from '../../electron/bureau/ledger-order.js';
import { figureRecords, ledgerPlaces } from '../../electron/bureau/ledger-records.js';
import { actOnBureauProblem, raiseBureauProblem } from '../../electron/bureau/problems.js';
import { withSigningRecorder } from '../../electron/bureau/recorders.js';
import { listBureauProjects, listFolded } from '../../electron/bureau/repository.js';
import { districtSummary, summaryInput, type SummaryRecords } from '../../electron/bureau/summary.js';
import { AS_OF, REFERENCE_DAY } from '../fixtures/bureau/district-2025.js';
import { sourceYearBureau } from '../helpers/source-year-bureau.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * The district ledger reads its records a project at a time and the summary's fields alone (ledger-records.ts,
 * issue 11), so that the export never holds every record. The same figures and the same rows, in the same
 * order, as from every record at once: compared here with the old way of making them, over the source year's
 * 96 projects as ingested from signed packets, plus problems the bureau raised and moved along.
 */
const NOW = new Date('2026-01-10T09:00:00');
const DAYS = [
  { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY },
  // Early in the year: most problems, steps and visits are not yet known on that day.
  { asOfMonth: '2025-03', referenceDay: '2025-04-02' },
];

let dir: TempDir;
let ctx: BureauContext;

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-ledger-records-');
  ({ ctx } = await sourceYearBureau(dir, NOW));
  let clock = new Date('2025-05-06T09:00:00+08:00');
  ctx.now = () => clock;
  const [first, second] = listBureauProjects(ctx.db);
  for (const project of [first!, second!, first!]) {
    const problem = raiseBureauProblem(ctx, { project: project.code, category: 'land', description: '用地指标不足' });
    clock = new Date(clock.getTime() + 86_400_000);
    actOnBureauProblem(ctx, { problem: problem.id, action: 'dispatch', department: '区自然资源局' });
    clock = new Date(clock.getTime() + 86_400_000);
    actOnBureauProblem(ctx, { problem: problem.id, action: 'resolve', resolution: '调剂指标' });
  }
  ctx.now = () => NOW;
  // Names written in records that are not their signing officer's (a sender's claim): the ledger shows the signer's.
  ctx.db.exec(
    "UPDATE visits SET recorded_by = '冒名' WHERE rowid % 7 = 0; UPDATE problems SET raised_by = '冒名' WHERE officer_id IS NOT NULL AND rowid % 2 = 0",
  );
}, 120_000);
afterAll(() => {
  ctx.db.close();
  dir.remove();
});

/** The ledger's visit and problem rows and the projects' counts as they were made before: from every record, sorted at once. */
function fromEveryRecord(dates: { referenceDay: string }) {
  const { db } = ctx;
  const byId = new Map(listBureauProjects(db, { includeArchived: true }).map((p) => [p.id, p]));
  const codeOf = (r: { projectId: string }) => byId.get(r.projectId)?.code ?? '';
  const visits = withSigningRecorder(db, 'visit', listFolded<Visit>(db, 'visit'));
  const problems = withSigningRecorder(db, 'problem', listFolded<Problem>(db, 'problem'));
  const steps = groupBy(listFolded<ProblemEvent>(db, 'problem_event'), (e) => e.problemId);
  const photos = groupBy(
    listFolded<Attachment>(db, 'attachment').filter((a) => a.ownerKind === 'visit'),
    (a) => a.ownerId,
  );
  const open = problems.filter((p) => isProblemOpen(deriveProblemState(p.responsibleDepartment, steps.get(p.id) ?? []).status));
  return {
    visits: sortByText(
      visits.map((v) => ({ projectCode: codeOf(v), visitedOn: v.visitedOn, recordedAt: v.recordedAt, id: v.id, v })),
      'projectCode',
      'visitedOn',
      'recordedAt',
      'id',
    ).map(({ v }) => visitLedgerRow(v, byId.get(v.projectId), photos.get(v.id)?.length ?? 0)),
    problems: sortByText(
      problems.map((p) => ({ projectCode: codeOf(p), raisedOn: p.raisedOn, id: p.id, p })),
      'projectCode',
      'raisedOn',
      'id',
    ).map(({ p }) => problemLedgerRow(p, steps.get(p.id) ?? [], byId.get(p.projectId), dates.referenceDay)),
    openProblems: new Map([...groupBy(open, (p) => p.projectId)].map(([id, own]) => [id, own.length])),
  };
}

describe('the district ledger read a project at a time', () => {
  it.each(DAYS)('has the summary of every record from the fields it reads (as of $asOfMonth, on $referenceDay)', (dates) => {
    const light = computeDistrictSummary(summaryInput(ctx, dates, figureRecords(ctx.db) as unknown as SummaryRecords));
    const whole = districtSummary(ctx, dates);
    expect(whole.problems.collected).toBeGreaterThan(0);
    expect(whole.sponsorActions.total).toBeGreaterThan(0);
    expect(light).toEqual(whole);
  });

  it.each(DAYS)('makes the rows of every record, in the order of all of them sorted at once (on $referenceDay)', (dates) => {
    const streamed = buildDistrictLedgerData(ctx, dates);
    const expected = fromEveryRecord(dates);
    expect(streamed.visits.length).toBeGreaterThan(60);
    expect(streamed.problems.length).toBeGreaterThan(3);
    expect(streamed.visits.some((v) => v.recordedBy === '冒名')).toBe(false);
    expect(streamed.visits).toEqual(expected.visits);
    expect(streamed.problems).toEqual(expected.problems);
    // The projects' counts over every problem and visit, from the same fields.
    const counts = projectCounts(figureRecords(ctx.db));
    expect(counts.openProblems).toEqual(expected.openProblems);
    for (const row of streamed.projects) {
      const own = expected.visits.filter((v) => v.projectCode === row.code).map((v) => v.visitedOn);
      expect(row.lastVisitOn).toBe(own.length === 0 ? null : own.sort().at(-1));
      expect(row.openProblems).toBe(expected.openProblems.get(row.id) ?? 0);
    }
  });

  it('keeps together the codes the collator holds equal, in the collator order, and the records of no project with the code ""', () => {
    // U+200B (zero width space) is ignored by the collator: "GX-1" and "GX\u200B-1" are one place, as sortByText ranks them.
    const projects = [
      { id: 'p3', code: 'GX-2' },
      { id: 'p1', code: 'GX-1' },
      { id: 'p2', code: 'GX\u200B-1' },
      { id: 'p4', code: 'gx-1' },
    ];
    expect(textGroups(['b', 'a\u200B', 'a', 'B'], (s) => s)).toEqual([['a\u200B', 'a'], ['b'], ['B']]);
    expect(ledgerPlaces(projects)).toEqual([
      { projectIds: [], orphans: true },
      { projectIds: ['p4'], orphans: false },
      { projectIds: ['p1', 'p2'], orphans: false },
      { projectIds: ['p3'], orphans: false },
    ]);
  });
});
