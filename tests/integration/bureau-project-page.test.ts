/**
 * Issue 12, screen 2: the bureau's project page (`bureau.projects.get`) on real bureau databases: the demo district
 * with a real weekly packet folded into it. The page answers in one operation with what the bureau holds (the wall
 * chart, close-offs with evidence, visits with photos, problems with timelines, every monthly figure with its
 * correction), measured as the project table and the problem ledger measure it; an unknown or withdrawn project is
 * refused in Chinese and changes nothing; every statement searches an index at 1,000 projects; the received photos
 * come through the app:// protocol when the bureau desk is open.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestmentEntry, MilestoneReport, Officer, Visit } from '@shared/domain/index.js';
import type { BureauProblemView, BureauProjectRow } from '@shared/operations/bureau.js';
import type { BureauProjectPage } from '@shared/operations/bureau-project.js';
import { DeskSession } from '../../electron/app/desk-session.js';
import { deskDatabases } from '../../electron/app/desk-choice.js';
import { bureauPaths, openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { listFolded } from '../../electron/bureau/fold.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { photoPath } from '../../electron/bureau/attachment-kinds.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { projectPage } from '../../electron/bureau/project-page.js';
import { serveBureauFile } from '../../electron/bureau/project-page-files.js';
import { getOfficer, listBureauMilestones, listBureauChecklistItems } from '../../electron/bureau/repository.js';
import { masterListCsv } from '../../electron/demo/bureau-samples.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { createAppProtocolHandler } from '../../electron/main/protocol.js';
import { errorMessage, translator } from '../../renderer/src/i18n/index.js';
import { districtMasterRows } from '../bench/district-master.js';
import { foldProjectWeek, sitePhoto, type FoldedWeek } from '../helpers/bureau-project-week.js';
import { newBureau } from '../helpers/bureau.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');
const registry = createBureauRegistry();

async function call<T>(ctx: BureauContext, name: string, input: unknown): Promise<T> {
  const answer = await registry.dispatch(name, input, ctx);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

async function refusal(ctx: BureauContext, input: unknown) {
  const answer = await registry.dispatch('bureau.projects.get', input, ctx);
  if (answer.ok) throw new Error('expected a refusal');
  return answer.error;
}

describe('the bureau project page on the demo district with a folded week', () => {
  let dir: TempDir;
  let ctx: BureauContext;
  let code: string;
  let officer: Officer;
  let week: FoldedWeek;
  let page: BureauProjectPage;

  beforeAll(async () => {
    dir = makeTempDir('sponsor-desk-bureau-project-page-');
    await seedDemoDistrict(dir.file('bureau.sqlite'), () => NOW);
    ctx = openBureau(dir.file('bureau.sqlite'), () => NOW);
    // A project the bureau already tracks a problem on, so the page has both origins.
    const problems = await call<BureauProblemView[]>(ctx, 'bureau.problems.list', {});
    code = problems[0]!.projectCode;
    const { id, name, unit, phone } = getOfficer(ctx.db, problems[0]!.officerId)!;
    officer = { id, name, unit, phone };
    week = await foldProjectWeek(ctx, dir, officer, problems[0]!.projectId, '2026-11-30');
    page = await call<BureauProjectPage>(ctx, 'bureau.projects.get', { project: code });
  });
  afterAll(() => {
    ctx?.db.close();
    dir?.remove();
  });

  it('measures the project as the project table does, as of the same month', async () => {
    const list = await call<{ asOfMonth: string; rows: BureauProjectRow[] }>(ctx, 'bureau.projects.list', {});
    const row = list.rows.find((r) => r.code === code)!;
    expect(page.asOfMonth).toBe(list.asOfMonth);
    expect(page.project).toMatchObject({ code, name: row.name, level: row.level, sponsoringLeader: row.sponsoringLeader, officerId: officer.id });
    expect(page.project.progress).toMatchObject({
      completed: row.completed,
      planned: row.planned,
      completionPct: row.completionPct,
      aheadPoints: row.aheadPoints,
    });
    expect(page.project.openProblems).toBe(row.openProblems);
    expect(page.officer).toMatchObject({ id: officer.id, name: officer.name, unit: officer.unit });
    expect(page.officer.lastPacketAt).toBe(row.lastPacketAt);
    expect(page.officer.lastPacketAt).not.toBeNull();
    // The month of another as-of is another figure: the picker's month reaches the page.
    const earlier = await call<BureauProjectPage>(ctx, 'bureau.projects.get', { project: code, asOfMonth: '2026-06' });
    expect(earlier.asOfMonth).toBe('2026-06');
    expect(earlier.project.progress.asOfMonth).toBe('2026-06');
  });

  it('shows the wall chart: every milestone in force with the officer’s report', () => {
    const held = listBureauMilestones(ctx.db, page.project.id).filter((m) => m.withdrawnAt === null);
    expect(page.milestones.map((m) => m.id)).toEqual(held.map((m) => m.id));
    // Each with every report the bureau holds on it (the demo officer's earlier ones too), reached as the latest says.
    const reports = listFolded<MilestoneReport>(ctx.db, 'milestone_report').sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    for (const m of page.milestones) {
      const own = reports.filter((r) => r.milestoneId === m.id);
      expect(m.reports.map((r) => r.id).sort()).toEqual(own.map((r) => r.id).sort());
      expect(m.reachedOn).toBe(own.at(-1)?.reachedOn ?? null);
    }
    const reached = page.milestones.find((m) => m.id === week.ids.milestone)!;
    expect(reached.reachedOn).toBe(reached.plannedOn);
    expect(page.milestones.some((m) => m.reachedOn === null)).toBe(true); // not every milestone is reached yet
  });

  it('shows the checklist with the close-off, who closed it off, its evidence and the evidence file', () => {
    expect(page.checklist.map((c) => c.id)).toEqual(listBureauChecklistItems(ctx.db, { projectId: page.project.id }).map((c) => c.id));
    const closed = page.checklist.find((c) => c.id === week.ids.item)!;
    expect(closed).toMatchObject({ closedOff: true, closedOffOn: '2026-11-30', closedOffBy: officer.name, evidence: '批复已取得，扫描件归档', overdue: false });
    expect(closed.files.map((f) => f.id)).toEqual([week.ids.evidence]);
    expect(closed.files[0]!.storedName).toMatch(/^[0-9a-f]{64}\.jpg$/);
    expect(page.checklist.filter((c) => c.closedOff)).toHaveLength(1);
  });

  it('shows the visit with its photos, each served by its stored name', () => {
    // Every visit the bureau holds on the project (the demo officer's earlier ones too), the week's among them.
    const held = listFolded<Visit>(ctx.db, 'visit', 'WHERE project_id = ?', page.project.id);
    expect(page.visits.map((v) => v.id).sort()).toEqual(held.map((v) => v.id).sort());
    const visit = page.visits.find((v) => v.id === week.ids.visit)!;
    expect(visit).toMatchObject({ summary: '现场查看主体施工进度', recordedBy: officer.name });
    expect(visit.photos.map((p) => p.id).sort()).toEqual([...week.ids.photos].sort());
    for (const photo of visit.photos) {
      const served = serveBureauFile(ctx, photo.storedName!);
      expect(served).toMatchObject({ status: 200, contentType: 'image/jpeg' });
      expect(Buffer.from(served.body as Uint8Array).equals(week.photos.get(photo.id)!)).toBe(true);
    }
  });

  it('says a photo whose bytes have not arrived has no stored name, rather than pointing at nothing', async () => {
    const [first] = week.ids.photos;
    ctx.db.prepare('UPDATE attachments SET file_stored = 0 WHERE id = ?').run(first);
    try {
      const again = await call<BureauProjectPage>(ctx, 'bureau.projects.get', { project: code });
      const photos = again.visits.find((v) => v.id === week.ids.visit)!.photos;
      expect(photos.find((p) => p.id === first)!.storedName).toBeNull();
      expect(photos.filter((p) => p.storedName !== null)).toHaveLength(1);
    } finally {
      ctx.db.prepare('UPDATE attachments SET file_stored = 1 WHERE id = ?').run(first);
    }
  });

  it('shows the problems of both origins with the timelines the problem ledger shows', async () => {
    const ledger = await call<BureauProblemView[]>(ctx, 'bureau.problems.list', { project: code });
    expect(page.problems.map((p) => p.id).sort()).toEqual(ledger.map((p) => p.id).sort());
    for (const p of page.problems) {
      const same = ledger.find((l) => l.id === p.id)!;
      expect(p).toMatchObject({ status: same.status, overdue: same.overdue, raisedBy: same.raisedBy, projectCode: code, officerName: officer.name });
      expect(p.events.map((e) => e.id)).toEqual(same.events.map((e) => e.id));
    }
    expect(new Set(page.problems.map((p) => p.origin))).toEqual(new Set(['bureau', 'officer']));
    expect(page.problems.find((p) => p.id === week.ids.problem)).toMatchObject({ status: 'dispatched', currentDepartment: '区供电中心' });
  });

  it('keeps every monthly figure received: a correction is kept beside the figure it replaced', () => {
    const month = page.investment.filter((e) => e.month === week.corrected.month);
    // The demo officer's figure of the month came first; the week's figure and its correction after it.
    const held = listFolded<InvestmentEntry>(ctx.db, 'investment_entry', 'WHERE project_id = ? AND month = ?', page.project.id, week.corrected.month);
    expect(month.map((e) => e.id).sort()).toEqual(held.map((e) => e.id).sort());
    expect(month.map((e) => e.amount).slice(-2)).toEqual([week.corrected.first, week.corrected.inForce]);
  });

  it('finds the project by id as well as by code, and answers the same', async () => {
    expect(await call(ctx, 'bureau.projects.get', { project: page.project.id })).toEqual(page);
    expect(await call(ctx, 'bureau.projects.get', { project: ` ${code} ` })).toEqual(page);
  });

  it('refuses an unknown project and a withdrawn one in Chinese, and changes nothing', async () => {
    const before = dumpBureauDatabase(ctx.db);
    const zh = translator('zh-CN');
    const unknown = await refusal(ctx, { project: 'GX-2099-999' });
    expect(unknown).toMatchObject({ code: 'not_found', params: { what: 'bureau_project', id: 'GX-2099-999' } });
    expect(errorMessage(zh, unknown)).toBe('项目库中没有代码或编号为“GX-2099-999”的项目。请回到项目库，从表中重新选择项目。');
    expect(errorMessage(zh, await refusal(ctx, { project: '' }))).toContain('请回到项目库');

    ctx.db.prepare('UPDATE projects SET archived_at = ? WHERE code = ?').run('2026-11-01T00:00:00.000Z', code);
    const withdrawn = await refusal(ctx, { project: code });
    expect(withdrawn).toMatchObject({ code: 'invalid_input', params: { what: 'withdrawn_project', code } });
    expect(errorMessage(zh, withdrawn)).toBe(
      `项目 ${code}（${page.project.name}）已从项目清单中移出，不再显示项目页。如需查看，请在“项目清单与任务下发”中重新导入包含该项目的清单。`,
    );
    ctx.db.prepare('UPDATE projects SET archived_at = NULL WHERE code = ?').run(code);
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
    expect(errorMessage(translator('en'), unknown)).toContain('GX-2099-999');
  });
});

describe('the bureau project page at district scale', () => {
  let dir: TempDir;
  let ctx: BureauContext;

  beforeAll(() => {
    dir = makeTempDir('sponsor-desk-bureau-project-page-scale-');
    ctx = newBureau(dir.file('bureau.sqlite'), () => NOW);
    writeFileSync(dir.file('master.csv'), masterListCsv(districtMasterRows(20, 50)));
    importMasterList(ctx, dir.file('master.csv'), { defaultYear: 2026 });
  });
  afterAll(() => {
    ctx?.db.close();
    dir?.remove();
  });

  it('answers with a fixed set of statements, each searching an index (1,000 projects)', () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const prepare = ctx.db.prepare.bind(ctx.db);
    const spy = Object.create(ctx.db) as typeof ctx.db;
    spy.prepare = ((sql: string) => {
      const statement = prepare(sql);
      const record =
        (run: (...p: unknown[]) => unknown) =>
        (...params: unknown[]) => (statements.push({ sql, params }), run(...params));
      return Object.assign(Object.create(statement), { all: record(statement.all.bind(statement)), get: record(statement.get.bind(statement)) });
    }) as typeof ctx.db.prepare;
    const answer = projectPage({ ...ctx, db: spy }, 'GX-2026-0500');
    expect(answer.project.code).toBe('GX-2026-0500');
    expect(answer.milestones).toHaveLength(4);
    const count = statements.length;
    // The same statements for any project (none per milestone, item or problem).
    statements.length = 0;
    projectPage({ ...ctx, db: spy }, 'GX-2026-0001');
    expect(statements.length).toBe(count);
    expect(count).toBeGreaterThan(8);
    expect(count).toBeLessThan(20);
    for (const { sql, params } of statements) {
      const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      const scans = plan.filter((line) => /^SCAN (?!CONSTANT)/.test(line) && !/USING (COVERING )?INDEX/.test(line));
      expect(scans, `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});

describe('the received photos through the app:// protocol', () => {
  it('are served from the bureau’s files while the bureau desk is open, and nothing else is', async () => {
    const dir = makeTempDir('sponsor-desk-bureau-protocol-');
    const desks = new DeskSession({ dataDir: dir.path, seedDemo: false, now: () => NOW });
    try {
      await desks.start();
      const handler = createAppProtocolHandler({ rendererRoot: dir.path, serveAttachment: (name) => desks.serveFile(name) });
      const get = (name: string) => handler(new Request(`app://sponsor-desk/files/${name}`));
      expect((await get('x.jpg')).status).toBe(423); // no desk open yet
      await desks.choose('bureau');
      const bytes = await sitePhoto(90);
      const photo = { sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: 'image/jpeg' };
      const target = photoPath(bureauPaths(deskDatabases(dir.path).bureau).filesDir, photo);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      const res = await get(`${photo.sha256}.jpg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      for (const bad of [
        `${photo.sha256}.exe`,
        `${photo.sha256.slice(0, 2)}%2F${photo.sha256}.jpg`,
        '..%2Fsponsor-desk-bureau.sqlite',
        'bureau.key',
        `${'0'.repeat(64)}.jpg`,
      ]) {
        expect((await get(bad)).status, bad).toBe(404);
      }
    } finally {
      await desks.close();
      dir.remove();
    }
  });
});
