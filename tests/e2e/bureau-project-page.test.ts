/**
 * Issue 12, screen 2: the bureau's project page in Chromium through the bureau preview. The demo district with a
 * real weekly packet folded in; Enter on a row of the project table opens the project's page, which shows what
 * bureau.projects.get answers (the figures of the table's row, the wall chart, the close-off with its evidence
 * file, the visit's photos served from the bureau's files, the problems' timelines, the corrected month); a
 * problem step taken on the page refreshes it; the way back finds the table as it was left; a withdrawn project
 * is refused in Chinese. Screenshots in both languages at 1440×900 and 1366×768.
 */
import { chooseOption } from '../helpers/select-option.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestmentEntry, MilestoneReport, Officer } from '@shared/domain/index.js';
import type { BureauProblemView, BureauProjectRow } from '@shared/operations/bureau.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { listFolded } from '../../electron/bureau/fold.js';
import { getOfficer, listBureauMilestones } from '../../electron/bureau/repository.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { foldProjectWeek, type FoldedWeek } from '../helpers/bureau-project-week.js';
import { screenshot, toastsGone } from '../helpers/preview-browser.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');
const registry = createBureauRegistry();

describe('the bureau desk: a project’s page, in the browser', () => {
  let b: BureauPreview;
  let dir: TempDir;
  let row: BureauProjectRow;
  let officer: Officer;
  let week: FoldedWeek;
  const page = () => b.page;
  const text = (selector: string) => b.page.locator(selector).first().innerText();
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const answer = await registry.dispatch(name, input, b.ctx);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as T;
  };

  beforeAll(async () => {
    // The page's clock runs (a fixed one stops antd's closing animations); its days come from the desk's answer.
    b = await openBureauPreview(NOW);
    dir = makeTempDir('sponsor-desk-e2e-bureau-project-');
    const problem = (await call<BureauProblemView[]>('bureau.problems.list', {}))[0]!;
    const { id, name, unit, phone } = getOfficer(b.ctx.db, problem.officerId)!;
    officer = { id, name, unit, phone };
    week = await foldProjectWeek(b.ctx, dir, officer, problem.projectId, '2026-11-30');
    row = (await call<{ rows: BureauProjectRow[] }>('bureau.projects.list', {})).rows.find((r) => r.id === problem.projectId)!;
    await page().locator('[data-testid=bureau-nav-projects]').click();
    await page().waitForSelector('[data-testid=bureau-project-row]');
  });
  afterAll(async () => {
    await b?.close();
    dir?.remove();
  });

  it('opens from the table with Enter on a row, with the row’s figures', async () => {
    // A filter and a search the way back must keep.
    await chooseOption(page(), 'filter-levels', { provincial: '省级', municipal: '市级', district: '区级' }[row.level]);
    await page().keyboard.press('Escape');
    await page().locator('[data-testid=project-search]').fill(row.code);
    await page().waitForFunction(() => document.querySelectorAll('[data-testid=bureau-project-row]').length === 1);
    await page().locator(`[data-testid=bureau-project-row][data-code="${row.code}"]`).focus();
    const before = b.operationsCalled.length;
    await page().keyboard.press('Enter');
    await page().waitForSelector('[data-testid=bureau-project-title]');
    // One operation answers the whole page.
    expect(b.operationsCalled.slice(before)).toEqual(['bureau.projects.get']);
    expect(await text('[data-testid=bureau-project-title]')).toBe(row.name);
    expect(await text('[data-testid=bureau-project-completion]')).toBe(row.completionPct === null ? '—' : `${row.completionPct.toFixed(1)}%`);
    expect(await text('[data-testid=bureau-project-facts]')).toContain(`${officer.name}（${officer.unit}）`);
    // The wall chart: every milestone, the one the officer reported reached, today among them.
    const milestones = page().locator('[data-testid=bureau-milestone]');
    expect(await milestones.count()).toBeGreaterThan(1);
    // Reached: the milestones the store holds a report on (the demo officer's and the folded week's).
    const reports = listFolded<MilestoneReport>(b.ctx.db, 'milestone_report');
    const reached = listBureauMilestones(b.ctx.db, row.id).filter((m) => m.withdrawnAt === null && reports.some((r) => r.milestoneId === m.id));
    expect(reached.map((m) => m.id)).toContain(week.ids.milestone);
    expect(await page().locator('[data-testid=bureau-milestone][data-reached=true]').count()).toBe(reached.length);
    await expect.poll(() => page().locator('[data-testid=bureau-today-marker]').count()).toBe(1);
    expect(await text('[data-testid=bureau-project-read-only]')).toContain('只读');
    await page().mouse.move(0, 0);
    await screenshot(page(), 'bureau-project-zh');
  });

  it('shows the close-off with its evidence file and the visit’s photos, served from the bureau’s files', async () => {
    await page().locator('[data-testid=bureau-project-tab-checklist]').click();
    const closed = page().locator('[data-testid=bureau-checklist-row][data-closed=true]');
    await closed.waitFor();
    expect(await closed.innerText()).toContain('批复已取得，扫描件归档');
    expect(await closed.innerText()).toContain(officer.name);
    const loaded = (selector: string) =>
      page()
        .locator(selector)
        .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth));
    await expect.poll(() => loaded('[data-testid=checklist-evidence-files] img')).toEqual([640]);

    await page().locator('[data-testid=bureau-project-tab-visits]').click();
    await page().waitForSelector('[data-testid=bureau-visit]');
    expect(await text('[data-testid=bureau-visit]')).toContain('现场查看主体施工进度');
    await expect.poll(() => loaded('[data-testid=bureau-visit-photos] img')).toEqual([640, 640]);
    await page().mouse.move(0, 0);
    await screenshot(page(), 'bureau-project-visits-zh');
  });

  it('keeps every monthly figure: the corrected one struck through under the one in force', async () => {
    await page().locator('[data-testid=bureau-project-tab-investment]').click();
    const month = page().locator(`[data-testid=investment-month][data-month="${week.corrected.month}"]`);
    await month.waitFor();
    const entries = month.locator('[data-testid=investment-entry]');
    // Every figure of the month the store holds: the demo officer's, then the week's and its correction.
    const held = listFolded<InvestmentEntry>(b.ctx.db, 'investment_entry', 'WHERE project_id = ? AND month = ?', row.id, week.corrected.month);
    expect(await entries.count()).toBe(held.length);
    expect(await entries.first().innerText()).toContain('1,350.5');
    expect(await entries.nth(1).locator('del').count()).toBe(1);
  });

  it('a problem step taken on the page shows on its timeline at once', async () => {
    await page().locator('[data-testid=bureau-project-tab-problems]').click();
    const card = page().locator(`[data-testid=bureau-project-problem][data-problem-id="${week.ids.problem}"]`);
    await card.waitFor();
    expect(await card.locator('[data-testid=timeline-event]').count()).toBe(2); // raised, dispatched
    await card.locator('[data-testid=bureau-project-problem-step]').click();
    await page().locator('[data-testid=problem-step-note]').fill('局里已督促供电中心本周内完成增容');
    await chooseOption(page(), 'problem-step-action', '协调推进');
    await page().locator('[data-testid=problem-step-submit]').click();
    await expect.poll(() => card.locator('[data-testid=timeline-event]').count()).toBe(3);
    expect(await card.locator('[data-testid=timeline-event]').last().innerText()).toContain('局里已督促供电中心本周内完成增容');
  });

  it('the way back finds the table as it was left', async () => {
    await page().locator('[data-testid=bureau-project-back]').click();
    await page().waitForSelector('[data-testid=bureau-project-row]');
    expect(await page().locator('[data-testid=project-search]').inputValue()).toBe(row.code);
    expect(await page().locator('[data-testid=bureau-project-row]').count()).toBe(1);
    expect(await text('[data-testid=project-count]')).toMatch(/^显示 1 \/ \d+ 个项目$/);
  });

  it('a project withdrawn meanwhile is refused in Chinese, with the way back', async () => {
    b.ctx.db.prepare('UPDATE projects SET archived_at = ? WHERE id = ?').run('2026-12-01T00:00:00.000Z', row.id);
    try {
      await page().locator(`[data-testid=bureau-project-row][data-code="${row.code}"]`).click();
      const refused = page().locator('[data-testid=bureau-project-page] [role=alert]');
      await refused.waitFor();
      expect(await refused.innerText()).toContain(`项目 ${row.code}（${row.name}）已从项目清单中移出，不再显示项目页。`);
      expect(await page().locator('[data-testid=bureau-project-title]').count()).toBe(0);
      // Back on the table, loaded again: the withdrawn project is no longer among the district's projects.
      await page().locator('[data-testid=bureau-project-back]').click();
      await page().waitForFunction(() => document.querySelector('[data-testid=project-count]')?.textContent?.startsWith('显示 0 /'));
    } finally {
      b.ctx.db.prepare('UPDATE projects SET archived_at = NULL WHERE id = ?').run(row.id);
    }
    // Restored in the master list: the table, opened again, has it back.
    await page().locator('[data-testid=bureau-nav-overview]').click();
    await page().locator('[data-testid=bureau-nav-projects]').click();
    await page().waitForSelector(`[data-testid=bureau-project-row][data-code="${row.code}"]`);
  });

  it('in English, and calls only bureau operations', async () => {
    await page().locator(`[data-testid=bureau-project-row][data-code="${row.code}"]`).click();
    await page().waitForSelector('[data-testid=bureau-project-title]');
    await page().locator('[data-testid=language-switch]').click();
    await page().waitForFunction(() => document.querySelector('[data-testid=bureau-project-back]')?.textContent?.includes('Back to all projects'));
    expect(await text('[data-testid=bureau-project-tab-wall]')).toBe('Wall chart');
    await toastsGone(page()); // the step's "recorded" from before
    await page().mouse.move(0, 0);
    await screenshot(page(), 'bureau-project-en');
    await page().setViewportSize({ width: 1366, height: 768 });
    await screenshot(page(), 'bureau-project-en-1366');
    await page().locator('[data-testid=bureau-project-tab-problems]').click();
    const card = page().locator(`[data-testid=bureau-project-problem][data-problem-id="${week.ids.problem}"]`);
    expect(await card.locator('[data-testid=problem-status]').innerText()).toBe('In progress');
    await page().locator('[data-testid=language-switch]').click();
    await page().locator('[data-testid=bureau-project-tab-wall]').click();
    await page().mouse.move(0, 0);
    await screenshot(page(), 'bureau-project-zh-1366');
    await page().setViewportSize({ width: 1440, height: 900 });
    expect(b.operationsCalled).toContain('bureau.projects.get');
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
