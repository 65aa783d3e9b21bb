import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { buildDistrictLedgerData } from '../../electron/bureau/ledger.js';
import { getBureauProblem } from '../../electron/bureau/problems.js';
import { findOfficer, listBureauChecklistItems, listBureauMilestones, listConflicts, listFolded } from '../../electron/bureau/repository.js';
import { masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { DOCS_SAMPLES_CLOCK } from '../../electron/demo/sample-calendar.js';
import { generateSigningKeyPair, writePublicKeyFile, type KeyPairPem } from '../../electron/packets/keys.js';
import type { Officer } from '@shared/domain/index.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';

/**
 * Issue 9, points 1 and 9: a packet writes only its sender's projects (docs/bureau.md "Whose records a packet
 * may carry"), records dated after their packet are refused, the recorder shown is the signing officer, and a
 * problem step that is illegal in its problem's state is a warning and a kept conflict. Every attack is a
 * signed packet file (the sender's registered key) given to `bureau ingest`; a refusal leaves the database
 * exactly as it was.
 */

let dir: TempDir;
let db: string;
let clock: Date;
let li: Officer;
let zhang: Officer;
let liKeys: KeyPairPem;
let zhangKeys: KeyPairPem;
const rows = sampleRows(DOCS_SAMPLES_CLOCK);
const A_CODE = rows.find((r) => r.officerName === '李明')!.code as string;
const B_CODE = rows.find((r) => r.officerName === '张伟')!.code as string;
const A_PROJECT = projectIdForCode(A_CODE);
const B_PROJECT = projectIdForCode(B_CODE);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string; json: () => any }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now: () => clock, env: { LANG: 'en_US.UTF-8' }, cwd: () => dir.path }).run([...args, '--db', db], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), json: () => JSON.parse(out.join('\n')) };
}

function withDb<T>(fn: (ctx: ReturnType<typeof openBureau>) => T): T {
  const ctx = openBureau(db, () => clock);
  try {
    return fn(ctx);
  } finally {
    ctx.db.close();
  }
}

const dump = () => withDb((ctx) => dumpBureauDatabase(ctx.db));

/** The sample master list with some projects handed to other officers. */
async function importList(name: string, handOver: Record<string, string> = {}): Promise<void> {
  const list = rows.map((r) => {
    const to = handOver[r.code as string];
    if (!to) return r;
    const donor = rows.find((x) => x.officerName === to)!;
    return { ...r, officerName: donor.officerName, officerUnit: donor.officerUnit, officerPhone: donor.officerPhone };
  });
  writeFileSync(dir.file(name), masterListWorkbook(list));
  const r = await cli(['import-master', dir.file(name), '--year', '2026']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}

async function registerKey(officer: Officer, keys: KeyPairPem): Promise<void> {
  const file = dir.file(`${officer.id}.pub`);
  writePublicKeyFile(file, keys.publicKeyPem);
  const r = await cli(['officers', 'add', '--officer', officer.id, '--key', file]);
  expect(r.code, r.err).toBe(0);
}

async function ingest(file: string): Promise<{ code: number; result: any }> {
  const r = await cli(['ingest', file, '--json']);
  return { code: r.code, result: r.json().result[0] };
}

/** `bureau ingest` in words (English). */
async function ingestInWords(file: string): Promise<string> {
  const r = await cli(['ingest', file]);
  return r.out + r.err;
}

let serial = 0;
function packet(
  officer: Officer,
  keys: KeyPairPem,
  changes: FixtureChange[],
  opts: { createdAt: string; applied?: number; sequence?: number },
): Promise<string> {
  serial += 1;
  return writeWeeklyPacket(dir.path, {
    officer,
    keys,
    sequence: opts.sequence ?? serial,
    changes,
    createdAt: opts.createdAt,
    mutate: (p) => {
      p.appliedAssignmentSequence = opts.applied ?? 1;
    },
  });
}

const visit = (projectId: string, at: string, by: string, day = at.slice(0, 10)): FixtureChange => ({
  entity: 'visit',
  record: {
    id: randomUUID(),
    projectId,
    visitedOn: day,
    kind: 'site_visit',
    participants: by,
    summary: '现场查看施工进度',
    findings: '',
    followUps: '',
    recordedAt: at,
    recordedBy: by,
  },
});
const figure = (projectId: string, month: string, amount: number, at: string, by: string): FixtureChange => ({
  entity: 'investment_entry',
  record: { id: randomUUID(), projectId, month, amount, recordedAt: at, recordedBy: by },
});

beforeEach(async () => {
  dir = makeTempDir('sponsor-desk-bureau-authorization-');
  db = dir.file('bureau.sqlite');
  clock = new Date('2026-03-02T01:00:00.000Z');
  expect((await cli(['init', '--name', '经发局'])).code).toBe(0);
  await importList('master-1.xlsx');
  [li, zhang] = withDb((ctx) =>
    [findOfficer(ctx.db, '李明', '区经济发展局')!, findOfficer(ctx.db, '张伟', rows.find((r) => r.officerName === '张伟')!.officerUnit as string)!].map(
      (o) => ({ id: o.id, name: o.name, unit: o.unit, phone: o.phone }),
    ),
  ) as [Officer, Officer];
  liKeys = generateSigningKeyPair();
  zhangKeys = generateSigningKeyPair();
  await registerKey(li, liKeys);
  await registerKey(zhang, zhangKeys);
  expect((await cli(['assign', '--out', dir.file('assign-1')])).code).toBe(0);
});

afterEach(() => dir.remove());

describe("a packet writes only its sender's projects", () => {
  it("officer A's packet carrying a figure, a milestone, a visit and a close-off on B's project is refused whole, naming the record and the project", async () => {
    const [milestone, item] = withDb((ctx) => [listBureauMilestones(ctx.db, B_PROJECT)[0]!, listBureauChecklistItems(ctx.db, { projectId: B_PROJECT })[0]!]);
    const at = '2026-03-04T02:00:00.000Z';
    const spoofedVisit = visit(B_PROJECT, at, '张伟');
    const file = await packet(
      li,
      liKeys,
      [
        visit(A_PROJECT, at, '李明'), // an honest record in the same packet does not save it
        spoofedVisit,
        {
          entity: 'milestone_report',
          record: { id: randomUUID(), milestoneId: milestone.id, reachedOn: '2026-03-03', note: '', recordedAt: at, recordedBy: '张伟' },
        },
        {
          entity: 'checklist_event',
          record: {
            id: randomUUID(),
            itemId: item.id,
            action: 'close_off',
            effectiveOn: '2026-03-03',
            note: '',
            attachmentId: null,
            recordedAt: at,
            recordedBy: '张伟',
          },
        },
        figure(B_PROJECT, '2026-02', 999_999, at, '张伟'),
      ],
      { createdAt: '2026-03-05T08:00:00.000Z' },
    );
    const before = dump();
    const r = await ingest(file);
    expect(r.code).toBe(1);
    expect(r.result.status).toBe('refused');
    expect(r.result.error.params).toMatchObject({ reason: 'not_sender_project', entity: 'visit', id: spoofedVisit.record.id, project: B_CODE });
    expect(r.result.error.message).toContain(spoofedVisit.record.id);
    expect(r.result.error.message).toContain(B_CODE);
    expect(await ingestInWords(file)).toMatch(new RegExp(`REFUSED.*${spoofedVisit.record.id}.*${B_CODE}`));
    expect(dump()).toEqual(before);
  });

  // Each kind of record alone, so no earlier record in the packet takes the blame.
  const kinds: [string, () => FixtureChange[]][] = [
    ['an investment figure', () => [figure(B_PROJECT, '2026-02', 999_999, '2026-03-04T02:00:00.000Z', '张伟')]],
    [
      'a milestone report',
      () => [
        {
          entity: 'milestone_report',
          record: {
            id: randomUUID(),
            milestoneId: withDb((ctx) => listBureauMilestones(ctx.db, B_PROJECT)[0]!.id),
            reachedOn: '2026-03-03',
            note: '',
            recordedAt: '2026-03-04T02:00:00.000Z',
            recordedBy: '李明',
          },
        },
      ],
    ],
    [
      'a close-off',
      () => [
        {
          entity: 'checklist_event',
          record: {
            id: randomUUID(),
            itemId: withDb((ctx) => listBureauChecklistItems(ctx.db, { projectId: B_PROJECT })[0]!.id),
            action: 'close_off',
            effectiveOn: '2026-03-03',
            note: '',
            attachmentId: null,
            recordedAt: '2026-03-04T02:00:00.000Z',
            recordedBy: '李明',
          },
        },
      ],
    ],
    [
      'a problem',
      () => [
        {
          entity: 'problem',
          record: {
            id: randomUUID(),
            projectId: B_PROJECT,
            category: 'land',
            description: '用地指标不足',
            responsibleDepartment: '',
            coordinatingLeader: '',
            dueOn: null,
            origin: 'officer',
            raisedOn: '2026-03-03',
            raisedBy: '李明',
            recordedAt: '2026-03-04T02:00:00.000Z',
          },
        },
      ],
    ],
    [
      'a checklist item of its own',
      () => [
        {
          entity: 'checklist_item',
          record: {
            id: randomUUID(),
            projectId: B_PROJECT,
            stage: 'construction',
            title: '塔吊检查',
            dueOn: '2026-04-01',
            sortOrder: 9,
            origin: 'officer',
            withdrawnAt: null,
          },
        },
      ],
    ],
  ];
  for (const [what, make] of kinds) {
    it(`${what} on B's project from A is refused`, async () => {
      const changes = make();
      const file = await packet(li, liKeys, changes, { createdAt: '2026-03-05T08:00:00.000Z' });
      const before = dump();
      const r = await ingest(file);
      expect(r.result.status).toBe('refused');
      expect(r.result.error.params).toMatchObject({ reason: 'not_sender_project', id: changes[0]!.record.id, project: B_CODE });
      expect(dump()).toEqual(before);
    });
  }

  it("a step on a problem of B's project (B's own problem) from A is refused", async () => {
    const problemId = randomUUID();
    const raised = await packet(
      zhang,
      zhangKeys,
      [
        {
          entity: 'problem',
          record: {
            id: problemId,
            projectId: B_PROJECT,
            category: 'capital',
            description: '资金缺口',
            responsibleDepartment: '',
            coordinatingLeader: '',
            dueOn: null,
            origin: 'officer',
            raisedOn: '2026-03-03',
            raisedBy: '张伟',
            recordedAt: '2026-03-03T02:00:00.000Z',
          },
        },
      ],
      { createdAt: '2026-03-03T08:00:00.000Z' },
    );
    expect((await ingest(raised)).result.status).toBe('accepted');
    const step = {
      entity: 'problem_event' as const,
      record: {
        id: randomUUID(),
        problemId,
        action: 'dispatch',
        at: '2026-03-04T02:00:00.000Z',
        by: '李明',
        origin: 'officer',
        note: '',
        department: '财政局',
        resolution: null,
      },
    };
    const file = await packet(li, liKeys, [step], { createdAt: '2026-03-05T08:00:00.000Z' });
    const before = dump();
    const r = await ingest(file);
    expect(r.result.error.params).toMatchObject({ reason: 'not_sender_project', entity: 'problem_event', id: step.record.id, project: B_CODE });
    expect(dump()).toEqual(before);
  });
});

describe('a handover keeps the old officer’s earlier records', () => {
  it("A's records before its app let go are accepted, later ones refused; B's records from before the handover are accepted", async () => {
    // Week 1: A works on its project.
    const early = visit(A_PROJECT, '2026-03-04T02:00:00.000Z', '李明');
    expect((await ingest(await packet(li, liKeys, [early], { createdAt: '2026-03-05T08:00:00.000Z', applied: 1 }))).result.status).toBe('accepted');

    // The new master list hands the project to B; the next assignments say so.
    clock = new Date('2026-03-09T01:00:00.000Z');
    await importList('master-2.xlsx', { [A_CODE]: '张伟' });
    expect((await cli(['assign', '--out', dir.file('assign-2')])).code).toBe(0);

    // A's file had not reached A yet: what A recorded meanwhile still counts (a note says the project moved).
    const meanwhile = figure(A_PROJECT, '2026-02', 1200, '2026-03-10T02:00:00.000Z', '李明');
    const r2 = await ingestInWords(await packet(li, liKeys, [early, meanwhile], { createdAt: '2026-03-10T08:00:00.000Z', applied: 1 }));
    expect(r2).toContain('folded');
    expect(r2).toContain(`records made before project ${A_CODE} was handed over`);

    // A applies assignment 2 (no longer listing the project) and says so in its next packet.
    const r3 = await ingest(await packet(li, liKeys, [early, meanwhile], { createdAt: '2026-03-12T08:00:00.000Z', applied: 2 }));
    expect(r3.result.status).toBe('accepted');

    // Anything new from A on the project after that moment is refused, the whole packet with it.
    const late = visit(A_PROJECT, '2026-03-15T02:00:00.000Z', '李明');
    const file = await packet(li, liKeys, [early, meanwhile, late], { createdAt: '2026-03-16T08:00:00.000Z', applied: 2 });
    const before = dump();
    const r4 = await ingest(file);
    expect(r4.result.status).toBe('refused');
    expect(r4.result.error.params).toMatchObject({ reason: 'not_sender_project', entity: 'visit', id: late.record.id, project: A_CODE });
    expect(dump()).toEqual(before);

    // B, the new officer, may send the project's figures for months before the handover (and before the desk).
    const january = figure(A_PROJECT, '2026-01', 800, '2026-02-01T02:00:00.000Z', '张伟');
    const r5 = await ingest(
      await packet(zhang, zhangKeys, [january, visit(A_PROJECT, '2026-03-16T02:00:00.000Z', '张伟')], { createdAt: '2026-03-16T09:00:00.000Z', applied: 2 }),
    );
    expect(r5.result.status).toBe('accepted');
    expect(r5.result.newRecords).toBe(2);
    expect(
      withDb((ctx) =>
        listFolded<{ id: string }>(ctx.db, 'investment_entry')
          .map((e) => e.id)
          .sort(),
      ),
    ).toEqual([meanwhile.record.id, january.record.id].sort());
  });

  it('an officer never handed a project cannot write to it, even with records dated long ago', async () => {
    const file = await packet(li, liKeys, [figure(B_PROJECT, '2026-01', 50, '2025-12-01T02:00:00.000Z', '李明')], { createdAt: '2026-03-05T08:00:00.000Z' });
    const before = dump();
    const r = await ingest(file);
    expect(r.result.error.params).toMatchObject({ reason: 'not_sender_project', project: B_CODE });
    expect(r.result.error.message).toContain('no assignment ever handed it to them');
    expect(dump()).toEqual(before);
  });
});

describe('the recorder is the signing officer', () => {
  it('a record naming another officer as its recorder is shown with the sender’s name in the ledger and the problem list', async () => {
    const at = '2026-03-04T02:00:00.000Z';
    const problemId = randomUUID();
    const file = await packet(
      li,
      liKeys,
      [
        visit(A_PROJECT, at, '张伟'),
        figure(A_PROJECT, '2026-02', 300, at, '张伟'),
        {
          entity: 'problem',
          record: {
            id: problemId,
            projectId: A_PROJECT,
            category: 'land',
            description: '用地指标不足',
            responsibleDepartment: '',
            coordinatingLeader: '',
            dueOn: null,
            origin: 'officer',
            raisedOn: '2026-03-04',
            raisedBy: '张伟',
            recordedAt: at,
          },
        },
      ],
      { createdAt: '2026-03-05T08:00:00.000Z' },
    );
    expect((await ingest(file)).result.status).toBe('accepted');
    const ledger = withDb((ctx) => buildDistrictLedgerData(ctx, { asOfMonth: '2026-02', referenceDay: '2026-03-05' }));
    expect(ledger.visits.map((v) => v.recordedBy)).toEqual(['李明']);
    expect(ledger.investment.map((i) => i.recordedBy)).toEqual(['李明']);
    expect(ledger.problems.map((p) => p.raisedBy)).toEqual(['李明']);
    expect(withDb((ctx) => getBureauProblem(ctx, problemId).raisedBy)).toBe('李明');
    const list = await cli(['problems', 'list']);
    expect(list.out).toContain('by 李明');
    expect(list.out).not.toContain('张伟');
  });
});

describe('nothing dated after its packet', () => {
  const cases: [string, (at: string) => FixtureChange, string][] = [
    ['a figure for a month in 2099', (at) => figure(A_PROJECT, '2099-12', 999_999, at, '李明'), 'month'],
    ['a figure recorded in 2099', () => figure(A_PROJECT, '2026-02', 10, '2099-01-01T00:00:00.000Z', '李明'), 'recordedAt'],
    ['a visit two days after the packet', (at) => visit(A_PROJECT, at, '李明', '2026-03-07'), 'visitedOn'],
    [
      'a problem step in 2099',
      () => ({
        entity: 'problem_event',
        record: {
          id: randomUUID(),
          problemId: randomUUID(),
          action: 'note',
          at: '2099-01-01T00:00:00.000Z',
          by: '李明',
          origin: 'officer',
          note: 'x',
          department: null,
          resolution: null,
        },
      }),
      'at',
    ],
  ];
  for (const [what, make, field] of cases) {
    it(`${what} is refused`, async () => {
      const change = make('2026-03-04T02:00:00.000Z');
      const changes: FixtureChange[] =
        change.entity === 'problem_event'
          ? [
              {
                entity: 'problem',
                record: {
                  id: String(change.record.problemId),
                  projectId: A_PROJECT,
                  category: 'land',
                  description: '用地',
                  responsibleDepartment: '',
                  coordinatingLeader: '',
                  dueOn: null,
                  origin: 'officer',
                  raisedOn: '2026-03-04',
                  raisedBy: '李明',
                  recordedAt: '2026-03-04T02:00:00.000Z',
                },
              },
              change,
            ]
          : [change];
      const file = await packet(li, liKeys, changes, { createdAt: '2026-03-05T08:00:00.000Z' });
      const before = dump();
      const r = await ingest(file);
      expect(r.result.status).toBe('refused');
      expect(r.result.error.params).toMatchObject({ reason: 'future_date', id: change.record.id, field });
      expect(dump()).toEqual(before);
    });
  }

  it('a day of clock slack is allowed', async () => {
    const file = await packet(
      li,
      liKeys,
      [visit(A_PROJECT, '2026-03-06T01:00:00.000Z', '李明', '2026-03-06'), figure(A_PROJECT, '2026-03', 5, '2026-03-05T09:00:00.000Z', '李明')],
      { createdAt: '2026-03-05T08:00:00.000Z' },
    );
    expect((await ingest(file)).result.status).toBe('accepted');
  });
});

describe('a problem step illegal in its state', () => {
  it('is folded into the history, not applied, named in the receipt and kept as a conflict', async () => {
    const problemId = randomUUID();
    const resolve = {
      entity: 'problem_event' as const,
      record: {
        id: randomUUID(),
        problemId,
        action: 'resolve',
        at: '2026-03-04T03:00:00.000Z',
        by: '李明',
        origin: 'officer',
        note: '',
        department: null,
        resolution: '已解决',
      },
    };
    const changes: FixtureChange[] = [
      {
        entity: 'problem',
        record: {
          id: problemId,
          projectId: A_PROJECT,
          category: 'land',
          description: '用地指标不足',
          responsibleDepartment: '',
          coordinatingLeader: '',
          dueOn: null,
          origin: 'officer',
          raisedOn: '2026-03-04',
          raisedBy: '李明',
          recordedAt: '2026-03-04T02:00:00.000Z',
        },
      },
      resolve,
    ];
    const r = await ingest(await packet(li, liKeys, changes, { createdAt: '2026-03-05T08:00:00.000Z' }));
    expect(r.result.status).toBe('accepted');
    expect(r.result.warnings).toContainEqual({
      code: 'problem_step_illegal',
      params: { id: resolve.record.id, problem: problemId, action: 'resolve', status: 'raised' },
    });
    expect(r.result.conflicts).toBe(0); // not a second version of a record: counted apart
    const conflicts = withDb((ctx) => listConflicts(ctx.db));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'illegal_step',
      entity: 'problem_event',
      recordId: resolve.record.id,
      officerId: li.id,
      existing: { problemId, status: 'raised' },
      incoming: expect.objectContaining({ action: 'resolve' }),
    });
    const view = withDb((ctx) => getBureauProblem(ctx, problemId));
    expect(view.status).toBe('raised');
    expect(view.skippedEventIds).toEqual([resolve.record.id]);

    // In words, in Chinese too.
    const zh = await createBureauCommand({ now: () => clock, env: { LANG: 'zh_CN.UTF-8' }, cwd: () => dir.path });
    const out: string[] = [];
    const file2 = await packet(
      li,
      liKeys,
      [...changes, { entity: 'problem_event', record: { ...resolve.record, id: randomUUID(), at: '2026-03-04T04:00:00.000Z' } }],
      { createdAt: '2026-03-05T09:00:00.000Z' },
    );
    expect(await zh.run(['ingest', file2, '--db', db], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(0);
    expect(out.join('\n')).toContain('“化解”步骤在当时状态（已收集）下不合规');
    // The step already reported is not reported or kept twice.
    expect(out.join('\n').match(/不合规/g)).toHaveLength(1);
    expect(withDb((ctx) => listConflicts(ctx.db))).toHaveLength(2);
  });
});
