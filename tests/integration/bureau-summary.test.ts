import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SUMMARY_SCHEMA_PATH } from '../../build/gen-packet-schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BureauContext } from '../../electron/bureau/context.js';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestFiles } from '../../electron/bureau/ingest.js';
import { findOfficer } from '../../electron/bureau/repository.js';
import { masterListWorkbook } from '../../electron/demo/bureau-samples.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { generateSigningKeyPair, writePublicKeyFile } from '../../electron/packets/keys.js';
import { addOfficer } from '../../electron/bureau/officers.js';
import { progressFigures } from '@shared/rules/index.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import {
  AS_OF,
  EXPECTED,
  FIXTURE_OFFICERS,
  FIXTURE_YEAR,
  fixtureChanges,
  fixtureProjects,
  fixtureRows,
  LEADERS,
  REFERENCE_DAY,
  UNITS,
} from '../fixtures/bureau/district-2025.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { newBureau } from '../helpers/bureau.js';

/**
 * The press conference's table, reproduced from data: 96 projects (30 provincial/municipal), 12 leaders,
 * 14 units, January–November figures folded through the normal ingest path (signed weekly packets, two per
 * officer, in shuffled order), then the district summary as of 2025-11.
 */
const NOW = new Date('2026-01-10T09:00:00');

let dir: TempDir;
let ctx: BureauContext;
const projects = fixtureProjects();

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-bureau-summary-');
  ctx = newBureau(dir.file('bureau.sqlite'), () => NOW);
  writeFileSync(dir.file('master-2025.xlsx'), masterListWorkbook(fixtureRows(projects)));
  const imported = importMasterList(ctx, dir.file('master-2025.xlsx'), { defaultYear: FIXTURE_YEAR });
  expect(imported.added).toBe(96);

  const changes = fixtureChanges(projects);
  const files: string[] = [];
  for (const [i, o] of FIXTURE_OFFICERS.entries()) {
    const registered = findOfficer(ctx.db, o.name, o.unit)!;
    const officer = { id: registered.id, name: o.name, unit: o.unit, phone: '' };
    const keys = generateSigningKeyPair();
    // The officer's key handed over as a file: the bureau folds only packets from accepted keys (docs/bureau.md).
    writePublicKeyFile(dir.file(`${registered.id}.pub`), keys.publicKeyPem);
    addOfficer(ctx, { officer: registered.id, keyFile: dir.file(`${registered.id}.pub`) });
    const all = changes[i]!;
    // Packet 1 carries the first half; packet 2 everything the bureau has not acknowledged (all of it).
    // Written on the day the figures are read: no record is dated after its packet (docs/bureau.md).
    const createdAt = NOW.toISOString();
    files.push(await writeWeeklyPacket(dir.path, { officer, keys, sequence: 1, changes: all.slice(0, Math.ceil(all.length / 2)), createdAt }));
    files.push(await writeWeeklyPacket(dir.path, { officer, keys, sequence: 2, changes: all, createdAt }));
  }
  const shuffled = files
    .map((f, i) => ({ f, k: (i * 7) % files.length }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.f);
  const results = await ingestFiles(ctx, shuffled);
  expect(results.map((r) => r.error?.message ?? r.status)).toEqual(shuffled.map(() => 'accepted'));
});

afterAll(() => {
  ctx?.db.close();
  dir?.remove();
});

describe('bureau summary: the source year', () => {
  it('the fixture has 96 projects, 30 provincial or municipal, 12 leaders and 14 units', () => {
    expect(projects).toHaveLength(96);
    expect(projects.filter((p) => p.level !== 'district')).toHaveLength(30);
    expect(new Set(projects.map((p) => p.leader)).size).toBe(12);
    expect(new Set(projects.map((p) => p.unit)).size).toBe(14);
  });

  it('reproduces 115.3% / +23.6, 112.6% / +20.9 and 121% / +29.3 for January–November', () => {
    const s = districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY });
    expect(s.elapsedMonths).toBe(11);
    expect(s.timeProportionalPct).toBe(91.7);
    expect(s.projectsByLevel).toEqual({ total: 96, provincial: 10, municipal: 20, district: 66 });
    expect(s.investment.all).toMatchObject({ projects: 96, planned: 1_400_000, completed: 1_614_200, completionPct: 115.3, aheadPoints: 23.6 });
    expect(s.investment.provincialAndMunicipal).toMatchObject({
      projects: 30,
      planned: 950_000,
      completed: 1_069_700,
      completionPct: 112.6,
      aheadPoints: 20.9,
    });
    expect(s.investment.district).toMatchObject({ projects: 66, planned: 450_000, completed: 544_500, completionPct: 121, aheadPoints: 29.3 });
  });

  it('counts problems, sponsor actions, statistics enrolment and production start as of the reference day', () => {
    const s = districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY });
    expect(s.problems).toEqual(EXPECTED.problems);
    expect(s.sponsorActions.total).toBe(EXPECTED.sponsorActions);
    expect(s.sponsorActions.siteVisits + s.sponsorActions.meetings + s.sponsorActions.calls + s.sponsorActions.coordination).toBe(63);
    expect(s.statisticsEnrolled).toBe(EXPECTED.statisticsEnrolled);
    expect(s.productionStarted).toBe(EXPECTED.productionStarted);
  });

  it("gives each sponsoring unit and leader their projects' figures", () => {
    const s = districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY });
    expect(s.byUnit.map((u) => u.name).sort()).toEqual([...UNITS].sort());
    expect(s.byLeader.map((l) => l.name).sort()).toEqual([...LEADERS].sort());
    for (const row of [
      ...s.byUnit.map((r) => ({ r, own: projects.filter((p) => p.unit === r.name) })),
      ...s.byLeader.map((r) => ({ r, own: projects.filter((p) => p.leader === r.name) })),
    ]) {
      const planned = row.own.reduce((n, p) => n + p.plan, 0);
      const completed = row.own.reduce((n, p) => n + p.completed, 0);
      const expected = progressFigures(completed, planned, 11);
      expect(row.r.investment).toMatchObject({
        projects: row.own.length,
        planned,
        completed,
        completionPct: expected.completionPct,
        aheadPoints: expected.aheadPoints,
      });
    }
    expect(s.byUnit.reduce((n, u) => n + u.problems.collected, 0)).toBe(17);
    expect(s.byLeader.reduce((n, u) => n + u.sponsorActions, 0)).toBe(63);
  });

  it('an earlier as-of month and reference day give the figures of that moment', () => {
    const s = districtSummary(ctx, { asOfMonth: '2025-06', referenceDay: '2025-06-30' });
    expect(s.elapsedMonths).toBe(6);
    expect(s.timeProportionalPct).toBe(50);
    expect(s.problems.collected).toBeLessThan(17);
    expect(s.productionStarted).toBe(0);
    expect(s.statisticsEnrolled).toBe(21); // the correction to 2026 was recorded on 2025-07-01; it still governs
  });

  it('prints the table through the CLI, in Chinese and as JSON', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const cmd = createBureauCommand({ now: () => NOW, env: { LANG: 'zh_CN.UTF-8' } });
    expect(await cmd.run(['summary', '--db', ctx.dbPath, '--as-of', AS_OF, '--on', REFERENCE_DAY], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('完成年度计划的 115.3%，超序时进度 +23.6 个百分点');
    expect(text).toContain('完成年度计划的 112.6%，超序时进度 +20.9 个百分点');
    expect(text).toContain('完成年度计划的 121.0%，超序时进度 +29.3 个百分点');
    expect(text).toContain('收集 17 个，来自 11 个项目');
    out.length = 0;
    expect(await cmd.run(['summary', '--db', ctx.dbPath, '--as-of', AS_OF, '--on', REFERENCE_DAY, '--json'], io)).toBe(0);
    const parsed = JSON.parse(out.join('\n')) as { ok: boolean; result: { investment: { all: { completionPct: number } } } };
    expect(parsed.ok).toBe(true);
    expect(parsed.result.investment.all.completionPct).toBe(115.3);
    expect(err).toEqual([]);
  });

  it('prints JSON that satisfies the published docs/summary.schema.json, and the schema rejects a changed shape', async () => {
    const out: string[] = [];
    const cmd = createBureauCommand({ now: () => NOW, env: {} });
    const io = { out: (t: string) => out.push(t), err: () => undefined };
    expect(await cmd.run(['summary', '--db', ctx.dbPath, '--as-of', AS_OF, '--on', REFERENCE_DAY, '--json'], io)).toBe(0);
    const result = (JSON.parse(out.join('\n')) as { result: Record<string, unknown> }).result;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SUMMARY_SCHEMA_PATH, 'utf8')) as object);
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    // The schema is not vacuous: a renamed field or a string where a figure belongs is refused.
    const { problems, ...renamed } = result;
    expect(validate({ ...renamed, problemFigures: problems })).toBe(false);
    expect(validate({ ...result, timeProportionalPct: '91.7' })).toBe(false);
  });
});
