import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, type PreviewSession } from '../helpers/preview-browser.js';

/**
 * The audit trail in the window: every officer record shows who recorded it and when, on the record it
 * concerns: milestone reports on the overview, visits, the problem timeline (close-offs and monthly figures:
 * checklist.test.ts and investment.test.ts).
 * Counted against the database of the demo dataset.
 */
describe('who and when, on every record', () => {
  let s: PreviewSession;
  let projectId = '';
  let projectName = '';
  const count = (sql: string) => (s.ctx.db.prepare(sql).get(projectId) as { n: number }).n;
  const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

  beforeAll(async () => {
    s = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
    // The demo project with the most milestone reports and visits.
    const row = s.ctx.db
      .prepare(
        `SELECT p.id, p.name FROM projects p
         ORDER BY (SELECT count(*) FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id WHERE m.project_id = p.id) DESC,
                  (SELECT count(*) FROM visits v WHERE v.project_id = p.id) DESC, p.code LIMIT 1`,
      )
      .get() as { id: string; name: string };
    projectId = row.id;
    projectName = row.name;
    await s.page.waitForSelector('[data-testid=project-link]', { timeout: 30_000 });
    await s.page.locator('[data-testid=project-link]', { hasText: projectName }).first().click();
    await s.page.waitForSelector('[data-testid=project-title]');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('milestone reports: reached on, by whom, recorded when', async () => {
    const reports = count('SELECT count(*) AS n FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id WHERE m.project_id = ?');
    expect(reports).toBeGreaterThan(0);
    const texts = await s.page.locator('[data-testid=milestone-reports]').allInnerTexts();
    expect(occurrences(texts.join('\n'), '记录于')).toBe(reports);
    const by = s.ctx.db.prepare('SELECT DISTINCT recorded_by AS by FROM milestone_reports').all() as { by: string }[];
    for (const { by: name } of by) expect(texts.join('\n')).toContain(name);
  });

  it('visits: each says who recorded it and when', async () => {
    await s.page.getByRole('tab', { name: '走访记录' }).click();
    const visits = count('SELECT count(*) AS n FROM visits WHERE project_id = ?');
    expect(visits).toBeGreaterThan(0);
    const recorded = s.page.locator('[data-testid=visit-recorded]');
    await expect.poll(() => recorded.count()).toBe(visits);
    for (const text of await recorded.allInnerTexts()) expect(text).toMatch(/^\S+ 记录于 \d{4}年/);
  });

  it('problems: the raising and every event of the timeline carry who and when', async () => {
    await s.page.getByRole('tab', { name: '问题' }).click();
    const problems = count('SELECT count(*) AS n FROM problems WHERE project_id = ?');
    if (problems === 0) return;
    await s.page.waitForSelector('[data-testid=problem-timeline]');
    const events = await s.page.locator('[data-testid=timeline-event]').allInnerTexts();
    const total = problems + count('SELECT count(*) AS n FROM problem_events e JOIN problems p ON p.id = e.problem_id WHERE p.project_id = ?');
    expect(events.length).toBe(total);
    for (const e of events) expect(e).toMatch(/ · /);
  });

  // Close-offs and reopenings (checklist history), and monthly figures with their correction history, are
  // asserted with who and when in tests/e2e/checklist.test.ts and tests/e2e/investment.test.ts.
  it('no page error on the way', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
