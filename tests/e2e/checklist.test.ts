import sharp from 'sharp';
import { motionDone } from '../helpers/select-option.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, openProjectTab, screenshot, settle, type PreviewSession } from '../helpers/preview-browser.js';

/** The checklist tab: close off an overdue task with evidence, reopen it with a reason, see the whole history. */
describe('checklist: close off (销号) and reopen', () => {
  let s: PreviewSession;
  let itemId = '';
  let title = '';
  const row = () => s.page.locator(`[data-testid=checklist-row][data-item-id="${itemId}"]`);
  const events = () =>
    s.ctx.db
      .prepare(
        'SELECT action, note, effective_on AS effectiveOn, recorded_by AS recordedBy, attachment_id AS attachmentId FROM checklist_events WHERE item_id = ? ORDER BY recorded_at',
      )
      .all(itemId) as { action: string; note: string; effectiveOn: string; recordedBy: string; attachmentId: string | null }[];

  beforeAll(async () => {
    s = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
    await openProjectTab(s.page, '青檀精密结构件生产基地（演示）', '清单销号', 'checklist-tab');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('groups the tasks by the six life-cycle stages in order and highlights the overdue one in red with its days', async () => {
    const { page } = s;
    const stages = await page.locator('[data-testid=checklist-stage]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(stages).toEqual(['preliminary_approval', 'factor_guarantee', 'construction', 'statistics_enrolment', 'production_start', 'design_output']);
    const overdue = page.locator('[data-testid=checklist-row]:has([data-testid=status-overdue])').first();
    itemId = (await overdue.getAttribute('data-item-id'))!;
    title = await overdue.locator('[data-testid=checklist-title]').innerText();
    expect(await overdue.locator('[data-testid=status-overdue]').innerText()).toBe('逾期 10 天');
    expect(await overdue.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 240)');
    expect(await page.locator('[data-testid=checklist-row]:has([data-testid=status-closed])').count()).toBeGreaterThan(5);
    expect(events()).toEqual([]);
  });

  it('refuses a close-off without evidence, in Chinese, and stores nothing', async () => {
    const { page } = s;
    await row().locator('[data-testid=close-off]').click();
    await page.locator('[data-testid=close-off-note]').waitFor();
    await motionDone(page, '.ant-modal'); // a click while the dialog zooms in can land beside its button
    await page.locator('[data-testid=close-off-submit]').click();
    await page.getByText('请填写佐证说明').waitFor();
    expect(events()).toEqual([]);
    await screenshot(page, 'checklist-close-off-zh');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=close-off-form]').waitFor({ state: 'detached' });
  });

  it('closes the overdue task off by keyboard: evidence typed, Ctrl+Enter → 已销号 in the list and an event in the store', async () => {
    const { page } = s;
    await row().locator('[data-testid=close-off]').focus();
    await page.keyboard.press('Enter');
    const note = page.locator('[data-testid=close-off-note]');
    await note.waitFor();
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true); // the evidence field has the focus
    await page.keyboard.type('设备已进场，安装单位已确认');
    await page.keyboard.press('Control+Enter');
    await row().locator('[data-testid=status-closed]').waitFor();
    expect(await row().locator('[data-testid=status-closed]').innerText()).toBe('已销号');
    expect(await row().locator('[data-testid=closed-by]').innerText()).toContain('演示用户');
    expect(events()).toEqual([
      { action: 'close_off', note: '设备已进场，安装单位已确认', effectiveOn: '2026-11-24', recordedBy: '演示用户', attachmentId: null },
    ]);
    const change = s.ctx.db
      .prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'checklist_event' AND json_extract(payload, '$.itemId') = ?")
      .get(itemId) as { n: number };
    expect(change.n).toBe(1);
  });

  it('reopens it with a reason; the history shows both events with who and when', async () => {
    const { page } = s;
    await row().locator('[data-testid=reopen]').click();
    const reason = page.locator('[data-testid=reopen-reason]');
    await reason.waitFor();
    await reason.fill('复核发现设备型号与批复不符');
    await page.locator('[data-testid=reopen-submit]').click();
    await row().locator('[data-testid=status-overdue]').waitFor();
    expect(events().map((e) => [e.action, e.note])).toEqual([
      ['close_off', '设备已进场，安装单位已确认'],
      ['reopen', '复核发现设备型号与批复不符'],
    ]);

    await row().locator('.ant-table-row-expand-icon').click();
    const history = page.locator('[data-testid=checklist-history]');
    await history.waitFor();
    const shown = history.locator('[data-testid=checklist-event]');
    expect(await shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['close_off', 'reopen']);
    expect(await shown.nth(0).innerText()).toContain('佐证：设备已进场，安装单位已确认');
    expect(await shown.nth(1).innerText()).toContain('原因：复核发现设备型号与批复不符');
    expect(await shown.nth(1).innerText()).toMatch(/演示用户 记录于 2026年11月24日 10:00/);

    // For the screenshot: the finished stages folded away, the reopened (overdue again) task and its history in view.
    for (const stage of ['preliminary_approval', 'factor_guarantee']) await page.locator(`[data-testid=checklist-stage][data-stage=${stage}]`).click();
    await settle(s.page);
    await screenshot(page, 'checklist-zh');
  });

  it('closes it off again with a photo as evidence: the thumbnail loads, the file and its row are stored', async () => {
    const { page } = s;
    await row().locator('[data-testid=close-off]').click();
    await page.locator('[data-testid=close-off-note]').fill('整改完成，见现场照片');
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 200, g: 90, b: 30 } } })
      .jpeg()
      .toBuffer();
    await page.locator('[data-testid=close-off-attachment-input]').setInputFiles({ name: '整改照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid=close-off-attachment-item]').waitFor();
    await page.locator('[data-testid=close-off-submit]').click();
    await row().locator('[data-testid=status-closed]').waitFor();
    const img = row().locator('[data-testid=evidence-image] img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const last = events().at(-1)!;
    expect(last).toMatchObject({ action: 'close_off', note: '整改完成，见现场照片' });
    const attachment = s.ctx.db.prepare('SELECT owner_kind AS ownerKind, width, height FROM attachments WHERE id = ?').get(last.attachmentId);
    expect(attachment).toEqual({ ownerKind: 'checklist_event', width: 1600, height: 1200 });
    // The expanded history now has three events.
    expect(await page.locator('[data-testid=checklist-history] [data-testid=checklist-event]').count()).toBe(3);
    expect(s.pageErrors).toEqual([]);
  });

  it('shows the checklist in English', async () => {
    const { page } = s;
    await page.click('[data-testid=language-switch]');
    await page.getByRole('tab', { name: 'Checklist' }).waitFor();
    expect(await row().locator('[data-testid=status-closed]').innerText()).toBe('Closed off');
    const body = await page.locator('[data-testid=checklist-tab]').innerText();
    expect(body).toContain('Preliminary approvals');
    expect(body).toContain('Evidence: ');
    expect(body).not.toMatch(/销号|逾期/);
    await settle(s.page);
    await screenshot(page, 'checklist-en');
    expect(title.length).toBeGreaterThan(0);
    expect(s.pageErrors).toEqual([]);
  });
});
