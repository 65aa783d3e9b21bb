/**
 * Issue 12: the bureau desk's district problem ledger (问题台账) on bureau.problems.list / .act. Every problem of
 * the demo district with its state in the vocabulary's words; filters (open only, origin, state); a dispatch
 * and a verify-and-close step taken through the dialog, each recorded in the bureau database with who and when,
 * and the list refreshed after each; a problem raised by the bureau; opened from an overview figure on exactly the
 * problems behind it. Screenshots in both languages at 1440×900 and 1366×768.
 */
import { chooseOption } from '../helpers/select-option.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_STATUS_WORDS } from '@shared/i18n/vocabulary.js';
import { getBureauProblem, listBureauProblems } from '../../electron/bureau/problems.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot } from '../helpers/preview-browser.js';

const NOW = new Date('2026-12-02T10:00:00');

describe('the bureau desk: the district problem ledger, in the browser', () => {
  let b: BureauPreview;
  const text = (selector: string) => b.page.locator(selector).first().innerText();
  const count = (want: string) => b.page.waitForFunction((w) => document.querySelector('[data-testid=problem-count]')?.textContent === w, want);
  const countLine = (rows: { status: string; overdue: boolean }[]) =>
    `共 ${rows.length} 个问题 · 未办结 ${rows.filter((p) => p.status !== 'closed').length} 个 · 逾期 ${rows.filter((p) => p.overdue).length} 个`;

  // The page's clock is fixed, so the earlier steps' "recorded" toasts never time out: not part of the screen.
  const dropToasts = () => b.page.evaluate(() => document.querySelectorAll<HTMLElement>('.ant-message').forEach((n) => (n.style.display = 'none')));

  beforeAll(async () => {
    b = await openBureauPreview(NOW, { fixClock: true }); // overdue days are counted to the desk's today
    await b.page.locator('[data-testid=bureau-nav-problems]').click();
    await b.page.waitForSelector('[data-testid=bureau-problem-row]');
  });
  afterAll(async () => {
    await b?.close();
  });

  it('lists every problem of the district as bureau.problems.list answers it', async () => {
    const all = listBureauProblems(b.ctx);
    expect(all).toHaveLength(17);
    await count(countLine(all));
    const ids = await b.page.locator('[data-testid=bureau-problem-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem-id')));
    expect(ids).toEqual(all.slice(0, ids.length).map((p) => p.id));
    const states = await b.page.locator('[data-testid=problem-status]').allInnerTexts();
    expect(states).toEqual(all.slice(0, ids.length).map((p) => PROBLEM_STATUS_WORDS[p.status].zh));
    // Overdue days are counted to the district's today.
    const overdue = all.find((p) => p.overdue)!;
    const row = b.page.locator(`[data-testid=bureau-problem-row][data-problem-id="${overdue.id}"]`);
    if (await row.count()) expect(await row.locator('[data-testid=overdue-days]').innerText()).toMatch(/^\d+ 天$/);
    await b.page.mouse.move(0, 0);
    await screenshot(b.page, 'bureau-problems-zh');
  });

  it('filters: open only, by origin, by state', async () => {
    const all = listBureauProblems(b.ctx);
    await b.page.locator('[data-testid=filter-open-only]').click();
    await count(countLine(listBureauProblems(b.ctx, { openOnly: true })));
    await b.page.locator('[data-testid=filter-open-only]').click();
    await b.page.locator('[data-testid=filter-origin]').getByText('责任人上报').click();
    await count(countLine(listBureauProblems(b.ctx, { origin: 'officer' })));
    await b.page.locator('[data-testid=filter-origin]').getByText('全部来源').click();
    await count(countLine(all));
    await chooseOption(b.page, 'filter-status', PROBLEM_STATUS_WORDS.raised.zh);
    await b.page.keyboard.press('Escape');
    await count(countLine(all.filter((p) => p.status === 'raised')));
  });

  it('dispatches a problem to a department through the dialog, recorded with who and when', async () => {
    const raised = listBureauProblems(b.ctx).find((p) => p.status === 'raised')!;
    await b.page.locator(`[data-testid=bureau-problem-row][data-problem-id="${raised.id}"] [data-testid=problem-step-open]`).click();
    await b.page.waitForSelector('[data-testid=problem-step-action]');
    expect(await text('[data-testid=problem-step-action]')).toContain('交办');
    await b.page.locator('[data-testid=problem-step-department]').fill('区工业和信息化局');
    await b.page.locator('[data-testid=problem-step-note]').fill('请一周内反馈');
    await b.page.locator('[data-testid=problem-step-submit]').click();
    await b.page.waitForSelector('[data-testid=problem-step-action]', { state: 'detached' });
    const after = getBureauProblem(b.ctx, raised.id);
    expect(after.status).toBe('dispatched');
    expect(after.currentDepartment).toBe('区工业和信息化局');
    const step = after.events.at(-1)!;
    expect(step).toMatchObject({ action: 'dispatch', department: '区工业和信息化局', note: '请一周内反馈', origin: 'bureau' });
    expect(step.by).toContain('（演示）'); // the bureau's name
    expect(step.at.slice(0, 10)).toBe('2026-12-02');
    // The list refreshed: the problem is no longer "raised", so the state filter leaves it out.
    await count(countLine([]));
    await chooseOption(b.page, 'filter-status', PROBLEM_STATUS_WORDS.raised.zh); // unpicked
    await b.page.keyboard.press('Escape');
    await count(countLine(listBureauProblems(b.ctx)));
    expect(await b.page.locator(`[data-testid=bureau-problem-row][data-problem-id="${raised.id}"] [data-testid=problem-status]`).innerText()).toBe(
      PROBLEM_STATUS_WORDS.dispatched.zh,
    );
  });

  it('verifies and closes a resolved problem through the dialog', async () => {
    const resolved = listBureauProblems(b.ctx).find((p) => p.status === 'resolved')!;
    const row = b.page.locator(`[data-testid=bureau-problem-row][data-problem-id="${resolved.id}"]`);
    await row.scrollIntoViewIfNeeded();
    await row.locator('[data-testid=problem-step-open]').click();
    await b.page.waitForSelector('[data-testid=problem-step-action]');
    await chooseOption(b.page, 'problem-step-action', '核实办结');
    await b.page.locator('[data-testid=problem-step-submit]').click();
    await b.page.waitForSelector('[data-testid=problem-step-action]', { state: 'detached' });
    const after = getBureauProblem(b.ctx, resolved.id);
    expect(after.status).toBe('closed');
    expect(after.events.at(-1)).toMatchObject({ action: 'verify_close', origin: 'bureau' });
    await b.page.waitForFunction(({ id, word }) => document.querySelector(`[data-problem-id="${id}"] [data-testid=problem-status]`)?.textContent === word, {
      id: resolved.id,
      word: PROBLEM_STATUS_WORDS.closed.zh,
    });
  });

  it('raises a problem on a project, which the list shows at once', async () => {
    const before = listBureauProblems(b.ctx);
    await b.page.locator('[data-testid=raise-problem]').click();
    await b.page.locator('[data-testid=raise-project]').click();
    await b.page.keyboard.type('DEMO-2026-050');
    await b.page.locator('.ant-select-item-option', { hasText: 'DEMO-2026-050' }).click();
    await chooseOption(b.page, 'raise-category', '审批堵点');
    await b.page.locator('[data-testid=raise-description]').fill('施工许可待联合审查');
    await b.page.locator('[data-testid=raise-department]').fill('区行政审批服务局');
    await b.page.locator('[data-testid=raise-submit]').click();
    await b.page.waitForSelector('[data-testid=raise-problem-form]', { state: 'detached' });
    const after = listBureauProblems(b.ctx);
    expect(after).toHaveLength(before.length + 1);
    const raised = after.find((p) => !before.some((q) => q.id === p.id))!;
    expect(raised).toMatchObject({
      projectCode: 'DEMO-2026-050',
      category: 'approval',
      origin: 'bureau',
      status: 'raised',
      responsibleDepartment: '区行政审批服务局',
    });
    expect(raised.coordinatingLeader).not.toBe(''); // the project's sponsoring leader
    await count(countLine(after));
    await b.page.waitForSelector(`[data-testid=bureau-problem-row][data-problem-id="${raised.id}"]`);
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('opens from an overview figure on exactly the problems behind it; states filter within them; closing the tag shows all', async () => {
    const all = listBureauProblems(b.ctx);
    const open = all.filter((p) => p.status !== 'resolved' && p.status !== 'closed');
    expect(open.length).toBe(districtSummary(b.ctx).problems.open);
    await b.page.locator('[data-testid=bureau-nav-overview]').click();
    await b.page.locator('[data-testid=problems-open]').click();
    await b.page.waitForSelector('[data-testid=problem-scope]');
    await count(countLine(open));
    expect(await text('[data-testid=problem-scope]')).toBe(`来自总览：全部重点项目 · 未化解的问题（${open.length}）`);
    const ids = await b.page.locator('[data-testid=bureau-problem-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem-id')));
    expect(ids).toEqual(open.map((p) => p.id));
    await b.page.mouse.move(0, 0);
    await dropToasts();
    await screenshot(b.page, 'bureau-problems-scope-zh');
    // A state picked narrows within the figure's problems.
    await chooseOption(b.page, 'filter-status', PROBLEM_STATUS_WORDS.in_progress.zh);
    await b.page.keyboard.press('Escape');
    await count(countLine(open.filter((p) => p.status === 'in_progress')));
    await chooseOption(b.page, 'filter-status', PROBLEM_STATUS_WORDS.in_progress.zh);
    await b.page.keyboard.press('Escape');
    await b.page.locator('[data-testid=problem-scope] .ant-tag-close-icon').click();
    await count(countLine(all));
    expect(await b.page.locator('[data-testid=problem-scope]').count()).toBe(0);
  });

  it('fits 1440×900 and 1366×768 in both languages', async () => {
    for (const language of ['zh', 'en'] as const) {
      if (language === 'en') {
        await b.page.locator('[data-testid=language-switch]').click();
        await b.page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-problems]')?.textContent === 'Problem ledger');
      }
      for (const [width, height] of [
        [1440, 900],
        [1366, 768],
      ] as const) {
        await b.page.setViewportSize({ width, height });
        await b.page.waitForTimeout(300);
        const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${language} ${width}`).toBeLessThanOrEqual(0);
        await b.page.mouse.move(0, 0);
        await dropToasts();
        await screenshot(b.page, `bureau-problems-${language}-${width}`);
      }
    }
    await b.page.locator('[data-testid=language-switch]').click();
    await b.page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-problems]')?.textContent === '问题台账');
    await b.page.setViewportSize({ width: 1440, height: 900 });
  });
});
