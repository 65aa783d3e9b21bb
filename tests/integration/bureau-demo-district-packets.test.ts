/**
 * The demo district's officers at work (electron/demo/demo-packets.ts, officer-records.ts): their weekly packets,
 * signed by keys the bureau accepted, folded by the desk's own ingest. Their monthly figures take over from the
 * master list's 1–N月累计 without moving any district figure, the monthly chart climbs from January, and the
 * sponsor actions and milestones the overview counts come from the records, not from nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDistrictSummary } from '@shared/bureau/summary.js';
import type { InvestmentEntry, Visit } from '@shared/domain/index.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { dayInWeek, localDay, projectProgress, reportingWeek } from '@shared/rules/index.js';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { listFolded } from '../../electron/bureau/fold.js';
import { listBureauProjects, listOfficers } from '../../electron/bureau/repository.js';
import { summaryInput } from '../../electron/bureau/summary.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';

const NOW = new Date('2026-12-02T10:00:00+08:00'); // a Wednesday: the reporting week is 2026-11-30 … 2026-12-06
const ZONE = 'Asia/Shanghai';
const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-demo-packets-'));
let ctx: BureauContext;

const ask = async <N extends 'bureau.overview.months' | 'bureau.officers.rollCall' | 'bureau.summary'>(name: N) => {
  const answer = await createBureauRegistry().dispatch(name, {}, ctx);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as OperationOutput<N>;
};

beforeAll(async () => {
  await seedDemoDistrict(join(dir, 'demo.sqlite'), () => NOW);
  ctx = openBureau(join(dir, 'demo.sqlite'), () => NOW);
});
afterAll(() => {
  ctx?.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the demo district's weekly packets", () => {
  it("take over from the master list's figure without moving a single district figure", async () => {
    const summary = await ask('bureau.summary');
    // The same summary with no officer figure at all: the master list's 1–N月累计 alone (bureau-figure.ts).
    const masterOnly = computeDistrictSummary({ ...summaryInput(ctx), investment: [] });
    expect(summary.investment).toEqual(masterOnly.investment);
    expect(summary.byUnit.map((u) => u.investment)).toEqual(masterOnly.byUnit.map((u) => u.investment));
    expect(summary.byLeader.map((u) => u.investment)).toEqual(masterOnly.byLeader.map((u) => u.investment));
    expect([summary.investment.all.completionPct, summary.investment.all.aheadPoints]).toEqual([115.3, 23.6]);

    // Every project's own figures, January through November, replace the bureau's figure and add up to it.
    const entries = new Map<string, InvestmentEntry[]>();
    for (const e of listFolded<InvestmentEntry>(ctx.db, 'investment_entry')) entries.set(e.projectId, [...(entries.get(e.projectId) ?? []), e]);
    for (const p of listBureauProjects(ctx.db)) {
      const own = entries.get(p.id) ?? [];
      expect(new Set(own.map((e) => e.month))).toEqual(new Set(Array.from({ length: 11 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`)));
      const progress = projectProgress(p, own, '2026-11');
      expect(progress.bureauThroughMonth).toBeNull();
      expect(progress.completed).toBe(p.bureauCompleted!.amount);
    }
  });

  it('make the monthly chart climb from January to the as-of month', async () => {
    const { months, asOfMonth } = await ask('bureau.overview.months');
    expect(asOfMonth).toBe('2026-11');
    expect(months).toHaveLength(11);
    expect(months[0]!.completed).toBeGreaterThan(0);
    months.slice(1).forEach((m, i) => expect(m.completed).toBeGreaterThan(months[i]!.completed));
    const summary = await ask('bureau.summary');
    expect(months.at(-1)!.completed).toBe(summary.investment.all.completed);
  });

  it('give the overview its sponsor actions, statistics enrolments and production starts', async () => {
    const summary = await ask('bureau.summary');
    const visits = listFolded<Visit>(ctx.db, 'visit');
    expect(summary.sponsorActions.total).toBe(visits.length);
    expect(summary.sponsorActions.total).toBeGreaterThan(100);
    expect(summary.sponsorActions.projects).toBeGreaterThan(96 / 2); // on most projects
    for (const kind of ['siteVisits', 'meetings', 'calls', 'coordination'] as const) expect(summary.sponsorActions[kind]).toBeGreaterThan(0);
    expect(new Set(visits.map((v) => v.visitedOn.slice(0, 7))).size).toBeGreaterThanOrEqual(10); // over the months
    expect(visits.every((v) => v.visitedOn < '2026-12-02')).toBe(true);
    expect(summary.statisticsEnrolled).toBeGreaterThan(10);
    expect(summary.productionStarted).toBeGreaterThan(0);
    expect(summary.productionStarted).toBeLessThan(summary.statisticsEnrolled);
  });

  it('come from ten officers whose keys the bureau accepted, by key file or read back, and leave a roll call to chase', async () => {
    const officers = listOfficers(ctx.db);
    expect(officers).toHaveLength(10);
    expect(officers.every((o) => o.keyFingerprint !== null)).toBe(true);
    expect(officers.filter((o) => o.keyConfirmed === 'file')).toHaveLength(7);
    expect(officers.filter((o) => o.keyConfirmed === 'read_back')).toHaveLength(3);
    const packets = ctx.db.prepare('SELECT officer_id AS officerId, voided_at AS voidedAt FROM received_packets').all() as {
      officerId: string;
      voidedAt: string | null;
    }[];
    expect(packets.every((p) => p.voidedAt === null)).toBe(true);
    expect(new Set(packets.map((p) => p.officerId)).size).toBe(10);
    const waiting = ctx.db.prepare("SELECT count(*) AS n FROM pending_packets WHERE status = 'pending'").get() as { n: number };
    expect(waiting.n).toBe(0);

    const week = reportingWeek(NOW, ZONE);
    const calls = await ask('bureau.officers.rollCall');
    const sent = calls.filter((r) => dayInWeek(week, localDay(r.lastPacketAt!, ZONE)));
    expect(sent.length).toBeGreaterThan(0); // some have sent this week (Monday and Tuesday's officers) …
    expect(sent.length).toBeLessThan(10); // … and the others are the ones to call
    for (const r of calls) {
      expect(r.lastPacketAt! < NOW.toISOString()).toBe(true);
      expect(r.acknowledgedSequence).toBeGreaterThan(0); // the latest assignment acknowledged a packet
      expect(r.lastPacketSequence).toBeGreaterThan(r.acknowledgedSequence!);
    }
  });

  it('are the same on every new demo desk of the same day', async () => {
    const again = join(dir, 'again.sqlite');
    await seedDemoDistrict(again, () => NOW);
    const other = openBureau(again, () => NOW);
    try {
      for (const entity of ['investment_entry', 'visit', 'milestone_report'] as const) expect(listFolded(other.db, entity)).toEqual(listFolded(ctx.db, entity));
    } finally {
      other.db.close();
    }
  });
});
