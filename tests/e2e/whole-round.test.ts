/**
 * Issue 12's capstone: the whole round through the two desks' screens only (no CLI), in one Chromium. The bureau
 * leaves its demo and hands out bureau.pub; imports a master list of three officers and writes their assignments;
 * two officer desks leave their demo, pin the bureau's key, import their assignment, record investment, a visit and
 * a problem, and export their weekly packet; the bureau folds the packets (each waits until the officer's key is
 * accepted with the fingerprint read from the officer's screen), sees the third officer has not reported, dispatches
 * the officer's problem and sends it back in the next assignment, which the officer imports and sees; the overview,
 * the project table, the officer's home screen, the ledger and the printable summary all say the same figures.
 * The databases are only read, to check. Each page's clock starts at the stores' moment (a Wednesday in December of
 * the plan year) and runs on, so "this week" and the months reported are fixed. Screenshots whole-round-*.png of
 * the key moments; on a failure, each page's screen in /tmp/whole-round-failed-*.png.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { progressFigures } from '@shared/rules/index.js';
import { getBureauProblem, listBureauProblems } from '../../electron/bureau/problems.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot, toastsGone } from '../helpers/preview-browser.js';
import { OfficerDesk, startClock } from '../helpers/round-officer.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { readSheetXml } from '../helpers/xlsx-xml.js';

// A Wednesday of the plan year: the reporting week is 30 November … 6 December; January–November is reported.
const NOW = new Date('2026-12-02T10:00:00+08:00');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The sample list without its fourth officer: 李明 (6 projects), 张伟 and 王芳 (8 each). 王芳 sends nothing.
const ROWS = sampleRows(NOW).filter((r) => r.officerName !== '赵磊');
const LI = { name: '李明', project: '纵贯线新能源配套项目', code: 'GX-2026-004', investment: { '2026-10': 3000, '2026-11': 2600 } };
const ZHANG = { name: '张伟', project: '产业邻里中心项目', code: 'GX-2026-010', investment: { '2026-11': 9000 } };
const VISIT = '现场走访：厂房主体封顶，设备基础施工';
const PROBLEM = '配套变电站用地指标未落实，影响设备调试';

const sum = (amounts: Record<string, number>) => Object.values(amounts).reduce((a, b) => a + b, 0);
const planOf = (code: string) => Number(ROWS.find((r) => r.code === code)!.annualPlannedInvestment);
const projectsOf = (name: string) => ROWS.filter((r) => r.officerName === name).length;

describe('the whole round: bureau and officer desks, through their screens only', () => {
  let b: BureauPreview;
  let bureau: Page;
  let li: OfficerDesk;
  let zhang: OfficerDesk;
  const files = makeTempDir('sponsor-desk-e2e-whole-round-');
  const saved: { bureauPub?: string; assignments: Record<string, string>; packets: Record<string, string>; fingerprints: Record<string, string> } = {
    assignments: {},
    packets: {},
    fingerprints: {},
  };
  const started = Date.now();
  const timings: string[] = [];
  const lap = (step: string) => timings.push(`${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const download = async (page: Page, click: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = files.file(file.suggestedFilename());
    await file.saveAs(path);
    return path;
  };
  const nav = async (screen: string, shown: string) => {
    await bureau.locator(`[data-testid=bureau-nav-${screen}]`).click();
    await bureau.locator(`[data-testid=${shown}]`).first().waitFor({ timeout: 30_000 });
  };
  /** The settings drawer, on its first section (本局, the office and its key) unless told. */
  const openSettings = async (tab?: string) => {
    if (!(await bureau.locator('[data-testid=bureau-settings]').isVisible())) await bureau.locator('[data-testid=bureau-settings-open]').click();
    if (tab) await bureau.locator(`[data-testid=bureau-settings-${tab}]`).click();
  };
  const closeSettings = async () => {
    await bureau.locator('.ant-drawer-close').click();
    await bureau.locator('[data-testid=bureau-settings]').waitFor({ state: 'detached' });
  };
  const packetsIn = () => (b.ctx.db.prepare('SELECT count(*) AS n FROM received_packets').get() as { n: number }).n;
  const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
  const shot = async (page: Page, name: string) => {
    await page.mouse.move(0, 0);
    await toastsGone(page);
    await screenshot(page, `whole-round-${name}`);
  };
  /** The assignments panel: writes for the ticked officers (none ticked: all) and downloads the named ones. */
  const writeAssignments = async (tick: string[], fetch: string[]) => {
    await nav('master', 'bureau-master-screen');
    await bureau.locator('[data-testid=master-tab-assign]').click();
    await expect.poll(() => bureau.locator('[data-testid=assignee-row]').count()).toBe(3);
    for (const name of tick) await bureau.locator(`[data-testid=assignee-row][data-officer-name="${name}"] .ant-checkbox-input`).check();
    await bureau.locator('[data-testid=master-assign-write]').click();
    await bureau.locator('[data-testid=master-assign-written]').waitFor();
    for (const name of fetch)
      saved.assignments[name] = await download(bureau, () => bureau.locator('[data-testid=master-assignment-download]', { hasText: name }).click());
  };

  beforeAll(async () => {
    b = await openBureauPreview(NOW);
    bureau = b.page;
    await startClock(bureau, NOW);
    await bureau.locator('[data-testid=bureau-desk]').waitFor();
    const browser = bureau.context().browser()!;
    [li, zhang] = [await OfficerDesk.open(browser, NOW, files.path), await OfficerDesk.open(browser, NOW, files.path)];
    lap('desks open');
  }, 120_000);
  afterEach(async (t) => {
    if (t.task.result?.state !== 'fail') return;
    for (const [name, page] of [
      ['bureau', bureau],
      ['li', li?.page],
      ['zhang', zhang?.page],
    ] as const)
      await page?.screenshot({ path: join(tmpdir(), `whole-round-failed-${name}.png`) }).catch(() => undefined);
  });
  afterAll(async () => {
    await li?.close();
    await zhang?.close();
    await b?.close();
    files.remove();
    console.log(`whole round timings:\n  ${timings.join('\n  ')}`);
  });

  it('1. the bureau leaves its demo and hands out bureau.pub', async () => {
    await bureau.locator('[data-testid=leave-demo]').click();
    await bureau.locator('[data-testid=leave-demo-ok]').click();
    await bureau.locator('[data-testid=empty-desk]').waitFor();
    expect((b.ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n).toBe(0);
    await bureau.locator('.ant-notification-notice-close').click();
    await openSettings();
    await bureau.locator('[data-testid=bureau-key-give]').click();
    await bureau.locator('[data-testid=bureau-key-given]').waitFor();
    saved.bureauPub = await download(bureau, () => bureau.locator('[data-testid=bureau-key-given] a').click());
    expect(readFileSync(saved.bureauPub, 'utf8')).toBe(readFileSync(b.ctx.publicKeyPath, 'utf8'));
    await closeSettings();
    expect(b.pageErrors).toEqual([]);
    lap('1 demo left, key handed out');
  });

  it('2. the bureau imports the master list and writes the assignments', async () => {
    await bureau.locator('[data-testid=empty-desk-import]').click();
    await bureau.locator('[data-testid=bureau-master-screen]').waitFor();
    await bureau
      .locator('[data-testid=master-upload] input[type=file]')
      .setInputFiles({ name: '2026年重点项目清单.xlsx', mimeType: XLSX_TYPE, buffer: masterListWorkbook(ROWS) });
    await bureau.locator('[data-testid=master-preview]').waitFor();
    expect(await text(bureau, '[data-testid=master-count-added]')).toContain(String(ROWS.length));
    expect(await text(bureau, '[data-testid=master-count-officers]')).toContain('3');
    await bureau.locator('[data-testid=master-apply]').click();
    await bureau.locator('[data-testid=master-applied]').waitFor({ timeout: 30_000 });
    expect(await text(bureau, '[data-testid=master-applied]')).toContain(`新增 ${ROWS.length}`);
    await writeAssignments([], [LI.name, ZHANG.name]);
    expect(await text(bureau, '[data-testid=master-assign-written]')).toContain('已生成 3 份任务文件');
    await shot(bureau, 'assignments');
    expect(b.pageErrors).toEqual([]);
    lap('2 master list imported, assignments written');
  });

  it('3. each officer desk imports its assignment, records its week and exports its packet', async () => {
    for (const [desk, who] of [
      [li, LI],
      [zhang, ZHANG],
    ] as const) {
      await desk.leaveDemoAndPinKey(saved.bureauPub!);
      await desk.importAssignment(saved.assignments[who.name]!, (preview) => expect(preview).toContain(who.project), projectsOf(who.name));
      expect(await text(desk.page, '[data-testid=officer-name]')).toContain(who.name);
      await desk.recordInvestment(who.project, who.investment);
    }
    await li.logVisit(LI.project, VISIT);
    await li.raiseProblem(LI.project, PROBLEM, '区自然资源局', '2026-11-30');
    saved.packets[LI.name] = await li.exportPacket('本周走访纵贯线项目，上报变电站用地问题。');
    await shot(li.page, 'officer-packet');
    saved.packets[ZHANG.name] = await zhang.exportPacket('本周报送产业邻里中心项目投资。');
    // The desk's key signs its first packet: from then on its screen shows the fingerprint to read out.
    saved.fingerprints[LI.name] = await li.fingerprint();
    saved.fingerprints[ZHANG.name] = await zhang.fingerprint();
    expect(saved.fingerprints[LI.name]).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3,}$/);
    expect(li.s.pageErrors).toEqual([]);
    expect(zhang.s.pageErrors).toEqual([]);
    lap('3 officers: assignment imported, week recorded, packet exported');
  });

  it('4. the bureau folds the packets once each officer key is accepted by its fingerprint; the third officer has not reported', async () => {
    // 收件箱: both packets picked at once, previewed (nothing written), folded as a job: each waits for its officer's key.
    await nav('inbox', 'bureau-inbox-screen');
    await bureau.locator('[data-testid=inbox-file-input]').setInputFiles(Object.values(saved.packets));
    const previewed = bureau.locator('[data-testid=inbox-preview-table] [data-testid=inbox-file-row]');
    await expect.poll(() => previewed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['pending', 'pending']);
    expect(packetsIn()).toBe(0);
    await bureau.locator('[data-testid=inbox-fold]').click();
    await bureau.locator('[data-testid=inbox-fold-done]').waitFor({ timeout: 30_000 });
    expect(await text(bureau, '[data-testid=inbox-fold-done]')).toContain('待认可 2 个');
    // The receipt names each packet's key by the same fingerprint the officer's own screen shows.
    for (const name of [LI.name, ZHANG.name]) {
      const row = bureau.locator('[data-testid=inbox-receipt] [data-testid=inbox-file-row]', { hasText: name });
      expect(await row.locator('[data-testid=inbox-note]').innerText()).toContain(saved.fingerprints[name]!);
    }
    expect(packetsIn()).toBe(0);
    await shot(bureau, 'inbox-pending');

    // An officer's first packet waits for the key read back on the phone: typed as the officer's screen shows it.
    for (const name of [LI.name, ZHANG.name]) {
      await openSettings('officers');
      const row = bureau.locator('[data-testid=officer-keys] tr', { hasText: name });
      await row.locator('[data-testid=accept-key-open]').click();
      await bureau.locator('[data-testid=accept-key-typed]').fill(saved.fingerprints[name]!);
      await bureau.locator('[data-testid=accept-key-ok]').click();
      await bureau.locator('[data-testid=accept-key]').waitFor({ state: 'detached' });
      await row.getByText('已认可（电话核对）').waitFor();
    }
    await closeSettings();
    expect(packetsIn()).toBe(2);
    expect(listBureauProblems(b.ctx).map((p) => p.description)).toContain(PROBLEM);

    await nav('inbox', 'roll-call-row');
    await bureau.evaluate(() => window.scrollTo(0, 0));
    const sent = (name: string) => bureau.locator('[data-testid=roll-call-row]', { hasText: name }).locator('[data-testid=roll-call-sent]');
    await expect.poll(() => sent(LI.name).getAttribute('data-sent')).toBe('true');
    expect(await sent(ZHANG.name).getAttribute('data-sent')).toBe('true');
    expect(await sent('王芳').getAttribute('data-sent')).toBe('false');
    expect(await text(bureau, '[data-testid=roll-call-not-sent]')).toContain('本周未报送 1 人');
    await shot(bureau, 'roll-call');
    expect(b.pageErrors).toEqual([]);
    lap('4 packets folded, roll call');
  });

  it('5. the bureau dispatches the officer’s problem; the next assignment carries the step to the officer', async () => {
    const problem = listBureauProblems(b.ctx).find((p) => p.description === PROBLEM)!;
    await nav('problems', 'bureau-problem-row');
    const row = bureau.locator(`[data-testid=bureau-problem-row][data-problem-id="${problem.id}"]`);
    await row.locator('[data-testid=problem-step-open]').click();
    expect(await text(bureau, '[data-testid=problem-step-action]')).toContain('交办');
    await bureau.locator('[data-testid=problem-step-department]').fill('区发展和改革局');
    await bureau.locator('[data-testid=problem-step-note]').fill('请会同自然资源局三日内提出用地方案');
    await bureau.locator('[data-testid=problem-step-submit]').click();
    await bureau.locator('[data-testid=problem-step-action]').waitFor({ state: 'detached' });
    expect(getBureauProblem(b.ctx, problem.id).events.at(-1)).toMatchObject({ action: 'dispatch', department: '区发展和改革局', origin: 'bureau' });
    await bureau.waitForFunction(
      (id) => document.querySelector(`[data-problem-id="${id}"] [data-testid=problem-status]`)?.textContent === '已交办',
      problem.id,
    );

    await writeAssignments([LI.name], [LI.name]);
    // The next assignment acknowledges the packet the bureau folded, and carries the bureau's step.
    await li.importAssignment(saved.assignments[LI.name]!, (preview) => expect(preview).toContain('局里确认已收到第 1 号及以前的工作包'), projectsOf(LI.name));
    expect(await li.page.locator('[data-testid=sync-screen]').innerText()).toContain('已确认');
    await li.openTab(LI.project, /问题/, 'problems-tab');
    const card = li.problemCard(PROBLEM);
    await expect.poll(() => card.locator('[data-testid=problem-status]').getAttribute('data-status')).toBe('dispatched');
    expect(await card.locator('[data-testid=problem-department]').innerText()).toBe('区发展和改革局');
    expect(await card.locator('[data-testid=problem-timeline]').innerText()).toContain('请会同自然资源局三日内提出用地方案');
    await shot(li.page, 'officer-sees-step');
    expect(li.s.pageErrors).toEqual([]);
    lap('5 problem dispatched, step back at the officer');
  });

  it('6. the overview, the project table, the officer’s home, the ledger and the summary say the same figures', async () => {
    // From the master list's plans and the officers' recorded investment, by the shared rules (January–November).
    const recorded = new Map([LI, ZHANG].map((o) => [o.code, sum(o.investment)]));
    const figures = (levels: string[]) => {
      const rows = ROWS.filter((r) => levels.includes(String(r.level)));
      const planned = rows.reduce((a, r) => a + Number(r.annualPlannedInvestment), 0);
      return {
        projects: rows.length,
        ...progressFigures(
          rows.reduce((a, r) => a + (recorded.get(String(r.code)) ?? 0), 0),
          planned,
          11,
        ),
      };
    };
    const groups = { all: figures(['省级', '市级', '区级']), provincialAndMunicipal: figures(['省级', '市级']), district: figures(['区级']) };
    const own = progressFigures(sum(LI.investment), planOf(LI.code), 11);
    const s = districtSummary(b.ctx);
    for (const [group, f] of Object.entries(groups))
      expect(s.investment[group as keyof typeof groups], group).toMatchObject({
        projects: f.projects,
        completionPct: f.completionPct,
        aheadPoints: f.aheadPoints,
      });
    expect(s.sponsorActions).toMatchObject({ total: 1, siteVisits: 1, projects: 1 });
    expect(s.problems).toMatchObject({ collected: 1, open: 1, overdue: 1, projects: 1 });

    // 全区总览: the three groups' completion and points ahead (−: behind), the projects, actions and problems.
    await nav('overview', 'bureau-group-all');
    const pct = (n: number | null) => `${n!.toFixed(1)}%`;
    const signed = (n: number | null) => `${n! >= 0 ? '+' : '−'}${Math.abs(n!).toFixed(1)}`;
    await expect.poll(() => text(bureau, '[data-testid=bureau-group-all] [data-testid=group-completion]')).toBe(pct(groups.all.completionPct));
    for (const [group, f] of Object.entries(groups)) {
      expect(await text(bureau, `[data-testid=bureau-group-${group}] [data-testid=group-completion]`), group).toBe(pct(f.completionPct));
      expect(await text(bureau, `[data-testid=bureau-group-${group}] [data-testid=group-ahead]`), group).toBe(signed(f.aheadPoints));
      expect(await text(bureau, `[data-testid=bureau-group-${group}] [data-testid=group-projects]`), group).toBe(String(f.projects));
    }
    expect(await text(bureau, '[data-testid=bureau-sentence]')).toContain(
      `共有重点项目 ${ROWS.length} 个，1-11月完成年度计划投资的 ${pct(groups.all.completionPct)}`,
    );
    // Every project is behind the schedule in December with at most one month's figures: none ahead.
    expect(await text(bureau, '[data-testid=bureau-group-all] [data-testid=group-projects-behind]')).toBe(String(ROWS.length));
    expect(await text(bureau, '[data-testid=projects-total]')).toBe(String(ROWS.length));
    expect(await text(bureau, '[data-testid=actions-total]')).toBe('1');
    for (const k of ['collected', 'open', 'overdue'] as const) expect(await text(bureau, `[data-testid=problems-${k}]`)).toBe('1');
    await shot(bureau, 'overview');

    // 项目库: the officer's project as the officer's own home screen shows it.
    await nav('projects', 'bureau-project-row');
    const row = bureau.locator(`[data-testid=bureau-project-row][data-code="${LI.code}"]`);
    expect(await row.locator('[data-testid=completion]').innerText()).toBe(pct(own.completionPct));
    expect(await row.innerText()).toContain(signed(own.aheadPoints));
    expect(await row.innerText()).toContain(sum(LI.investment).toLocaleString('zh-CN'));
    await li.page.click('[data-testid=nav-home]');
    const home = li.page.locator('[data-testid=project-row]', { hasText: LI.project });
    expect(await home.locator('[data-testid=completion]').innerText()).toBe(pct(own.completionPct));
    expect(await home.innerText()).toContain(`落后 ${Math.abs(own.aheadPoints!).toFixed(1)} 个百分点`);

    await nav('reports', 'report-ledger');
    await bureau.locator('[data-testid=export-ledger]').click();
    await bureau.locator('[data-testid=report-outcome-ledger][data-outcome=written]').waitFor({ timeout: 60_000 });
    const ledger = await readSheetXml(
      readFileSync(await download(bureau, () => bureau.locator('[data-testid=exported-ledger] [data-testid=exported-link]').first().click())),
    );
    const rowOf = (sheet: string, code: string) => {
      const cells = ledger.get(sheet)?.cells ?? [];
      const at = cells.find((c) => c.text === code)?.ref.replace(/^[A-Z]+/, '');
      return cells.filter((c) => c.ref.replace(/^[A-Z]+/, '') === at);
    };
    expect(rowOf('项目进度', LI.code).map((c) => c.value)).toContain(String(sum(LI.investment)));
    expect([...(ledger.get('走访记录')?.cells ?? [])].some((c) => c.text === VISIT)).toBe(true);

    await bureau.locator('[data-testid=export-summary]').click();
    await bureau.locator('[data-testid=report-outcome-summary][data-outcome=written]').waitFor({ timeout: 60_000 });
    const summary = readFileSync(
      await download(bureau, () => bureau.locator('[data-testid=exported-summary] [data-testid=exported-link]').first().click()),
      'utf8',
    );
    expect(summary).toContain(`共有重点项目 ${ROWS.length} 个，1-11月完成年度计划投资的 ${pct(groups.all.completionPct)}`);
    await shot(bureau, 'reports');
    expect(b.pageErrors).toEqual([]);
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    lap('6 figures checked, ledger and summary exported');
  });
});
