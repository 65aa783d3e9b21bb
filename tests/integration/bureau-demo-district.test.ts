/**
 * The bureau desk's demo district (electron/demo/bureau-district.ts): built through the desk's own functions, its
 * summary gives the source year's figures at the end of November (DOMAIN.md test vectors), on any other day scaled
 * to the months elapsed, with the officers' packets of the weeks before (bureau-demo-district-packets.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBureau } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import type { InvestmentEntry } from '@shared/domain/index.js';
import { projectProgress } from '@shared/rules/index.js';
import { listFolded } from '../../electron/bureau/fold.js';
import { listBureauProjects } from '../../electron/bureau/repository.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { officerStatuses } from '../../electron/bureau/officers.js';
import { DEMO_BUREAU_NAME, isDemoDistrict, seedDemoDistrict } from '../../electron/demo/bureau-district.js';

const NOW = new Date('2026-12-02T10:00:00');
const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-demo-district-'));
const dbPath = join(dir, 'sponsor-desk-bureau.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo district', () => {
  it('is seeded once, on a new bureau database, and marked as demo data', async () => {
    expect(await seedDemoDistrict(dbPath, () => NOW)).toBe(true);
    expect(await seedDemoDistrict(dbPath, () => NOW)).toBe(false); // an existing desk is left alone
    const ctx = openBureau(dbPath, () => NOW);
    try {
      expect(isDemoDistrict(ctx)).toBe(true);
      const officers = officerStatuses(ctx);
      expect(officers).toHaveLength(10);
      expect(officers.reduce((s, o) => s + o.projects, 0)).toBe(96);
    } finally {
      ctx.db.close();
    }
  });

  it("gives the source year's figures for January–November", () => {
    const ctx = openBureau(dbPath, () => NOW);
    try {
      const s = districtSummary(ctx);
      expect(s.asOfMonth).toBe('2026-11');
      expect(s.projectsByLevel).toEqual({ total: 96, provincial: 8, municipal: 22, district: 66 });
      const figures = (g: keyof typeof s.investment) => [s.investment[g].projects, s.investment[g].completionPct, s.investment[g].aheadPoints];
      expect(figures('all')).toEqual([96, 115.3, 23.6]);
      expect(figures('provincialAndMunicipal')).toEqual([30, 112.6, 20.9]);
      expect(figures('district')).toEqual([66, 121, 29.3]);
      // Not every project on its own is ahead: the bureau has some to chase.
      expect(s.investment.all.projectsBehind).toBeGreaterThan(5);
      expect(s.problems).toMatchObject({ collected: 17, projects: 11, resolved: 11 });
      expect(s.problems.open).toBe(6);
      expect(s.problems.overdue).toBeGreaterThan(0);
      expect(s.byLeader).toHaveLength(12);
      expect(s.byUnit).toHaveLength(14);
    } finally {
      ctx.db.close();
    }
  });

  it('scales its figures to the months elapsed on another day, and its master list imports in January too', async () => {
    for (const [day, asOf, completion] of [
      ['2026-06-15T10:00:00', '2026-05', 52.4], // 115.3 × 5/11
      ['2027-01-05T10:00:00', '2026-12', 125.8], // the whole plan year: 115.3 × 12/11
    ] as const) {
      const path = join(dir, `${asOf}.sqlite`);
      const now = () => new Date(day);
      expect(await seedDemoDistrict(path, now)).toBe(true);
      const ctx = openBureau(path, now);
      try {
        const s = districtSummary(ctx);
        expect(s.asOfMonth).toBe(asOf);
        expect(s.investment.all.completionPct).toBe(completion);
        expect(s.problems.collected).toBe(17);
        // The officers' packets of the weeks before that day: their own figures in force on every project.
        const entries = listFolded<InvestmentEntry>(ctx.db, 'investment_entry');
        for (const p of listBureauProjects(ctx.db)) {
          expect(
            projectProgress(
              p,
              entries.filter((e) => e.projectId === p.id),
              asOf,
            ).bureauThroughMonth,
          ).toBeNull();
        }
        expect(s.sponsorActions.total).toBeGreaterThan(0);
        expect(s.statisticsEnrolled).toBeGreaterThan(0);
      } finally {
        ctx.db.close();
      }
    }
  });

  it('answers the same through the bureau registry, with the demo bureau name', async () => {
    const ctx = openBureau(dbPath, () => NOW);
    try {
      const registry = createBureauRegistry();
      const summary = await registry.dispatch('bureau.summary', {}, ctx);
      expect(summary).toEqual({ ok: true, value: districtSummary(ctx) });
      const settings = await registry.dispatch('bureau.settings.get', {}, ctx);
      expect(settings.ok && (settings.value as { bureauName: string }).bureauName).toBe(DEMO_BUREAU_NAME);
    } finally {
      ctx.db.close();
    }
  });
});
