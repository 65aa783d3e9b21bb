import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, openProjectTab, screenshot, settle, type PreviewSession } from '../helpers/preview-browser.js';

/** A photo-like JPEG (a gradient), as a phone would produce. */
async function sitePhoto(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = 60 + (x * 150) / width;
      raw[i + 1] = 110 + (y * 100) / height;
      raw[i + 2] = 160 - (x * 80) / width;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const PROJECT_ID = '00000000-0000-4000-8000-00000000000a'; // 明湖动力电池二期项目（演示）

/** The visits tab: log a sponsor action with a photo, see it with its thumbnail, turn its finding into a problem. */
describe('visits: log a sponsor action with photos', () => {
  let s: PreviewSession;
  const visitRows = () =>
    s.ctx.db
      .prepare(
        'SELECT id, visited_on AS visitedOn, kind, participants, summary, findings, follow_ups AS followUps, recorded_by AS recordedBy FROM visits WHERE project_id = ? ORDER BY recorded_at DESC',
      )
      .all(PROJECT_ID) as {
      id: string;
      visitedOn: string;
      kind: string;
      participants: string;
      summary: string;
      findings: string;
      followUps: string;
      recordedBy: string;
    }[];
  let before = 0;

  beforeAll(async () => {
    s = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
    await openProjectTab(s.page, '明湖动力电池二期项目（演示）', '走访记录', 'visits-tab');
    before = visitRows().length;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists the sponsor actions newest first with kind, participants and who recorded them when', async () => {
    const { page } = s;
    const cards = page.locator('[data-testid=visit-card]');
    expect(await cards.count()).toBe(before);
    const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-visit-id')));
    expect(ids).toEqual(visitRows().map((v) => v.id));
    const first = await cards.first().innerText();
    expect(first).toMatch(/走访|会议|电话|协调会/);
    expect(first).toMatch(/演示用户 记录于 2026年11月\d+日 18:00/);
  });

  it('refuses a visit without a summary, in Chinese, keeping what was typed', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-log]').click();
    await page.locator('[data-testid=visit-participants]').fill('演示用户、王立新');
    await page.locator('[data-testid=visit-submit]').click();
    await page.getByText('请填写工作内容').waitFor();
    expect(await page.locator('[data-testid=visit-participants]').inputValue()).toBe('演示用户、王立新');
    expect(visitRows()).toHaveLength(before);
    await screenshot(page, 'visits-form-zh');
  });

  it('logs a coordination session with a photo: the list shows it with a thumbnail that loads; the store has visit, attachment and change-log rows', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-kind]').getByText('协调会').click();
    await page.locator('[data-testid=visit-summary]').fill('召开供电保障协调会，供电公司、施工单位参加');
    await page.locator('[data-testid=visit-findings]').fill('二期厂房施工临时用电容量仍不足，夜间施工受限');
    await page.locator('[data-testid=visit-follow-ups]').fill('供电公司 12 月 5 日前完成增容');
    await page
      .locator('[data-testid=visit-photos-input]')
      .setInputFiles({ name: '协调会现场.jpg', mimeType: 'image/jpeg', buffer: await sitePhoto(3200, 2400) });
    await page.locator('[data-testid=visit-photos-item]').waitFor();
    await page.locator('[data-testid=visit-summary]').focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=visit-drawer] .ant-drawer-content-wrapper, [data-testid=visit-drawer]').first().waitFor({ state: 'hidden' });
    await expect.poll(() => visitRows().length).toBe(before + 1);

    const [visit] = visitRows();
    expect(visit).toMatchObject({
      visitedOn: '2026-11-24',
      kind: 'coordination',
      participants: '演示用户、王立新',
      summary: '召开供电保障协调会，供电公司、施工单位参加',
      findings: '二期厂房施工临时用电容量仍不足，夜间施工受限',
      followUps: '供电公司 12 月 5 日前完成增容',
      recordedBy: '演示用户',
    });
    const photos = s.ctx.db
      .prepare("SELECT id, file_name AS fileName, width, height FROM attachments WHERE owner_kind = 'visit' AND owner_id = ?")
      .all(visit!.id) as { id: string; fileName: string; width: number; height: number }[];
    expect(photos).toHaveLength(1);
    expect([photos[0]!.width, photos[0]!.height]).toEqual([2000, 1500]);
    expect(existsSync(join(s.ctx.attachmentsDir, photos[0]!.fileName))).toBe(true);
    const changes = s.ctx.db.prepare('SELECT entity FROM change_log WHERE record_id IN (?, ?) ORDER BY seq').all(visit!.id, photos[0]!.id);
    expect(changes).toEqual([{ entity: 'visit' }, { entity: 'attachment' }]);

    const card = page.locator('[data-testid=visit-card]').first();
    expect(await card.getAttribute('data-visit-id')).toBe(visit!.id);
    expect(await card.innerText()).toContain('协调会');
    const thumb = card.locator('[data-testid=visit-photo] img');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
    expect(await thumb.getAttribute('src')).toContain(`${photos[0]!.id}.thumb.jpg`);
  });

  it('opens the full photo in the preview (click, or Enter on the focused thumbnail) and closes it with Esc', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-card]').first().locator('[data-testid=visit-photo] img').click();
    await page.locator('.ant-image-preview img').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview img').first().waitFor({ state: 'hidden' });
    await page.locator('[data-testid=visit-card]').first().locator('[data-testid=visit-photo]').focus();
    await page.keyboard.press('Enter');
    const full = page.locator('.ant-image-preview img').first();
    await full.waitFor();
    await expect.poll(() => full.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(2000);
    await page.keyboard.press('Escape');
    await full.waitFor({ state: 'hidden' });
    await settle(s.page);
    await screenshot(page, 'visits-zh');
  });

  it('turns the finding into a problem in one step: the raise form opens with the finding filled in', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-card]').first().locator('[data-testid=visit-to-problem]').click();
    const form = page.locator('[data-testid=raise-form]');
    await form.waitFor();
    expect(await form.locator('textarea').first().inputValue()).toBe('二期厂房施工临时用电容量仍不足，夜间施工受限');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(s.pageErrors).toEqual([]);
  });

  it('shows the visits in English', async () => {
    const { page } = s;
    await page.click('[data-testid=language-switch]');
    await page.getByRole('tab', { name: 'Visits' }).waitFor();
    const first = await page.locator('[data-testid=visit-card]').first().innerText();
    expect(first).toContain('Coordination session');
    expect(first).toMatch(/recorded by 演示用户, Nov 24, 2026, 10:00/);
    expect(await page.locator('[data-testid=visits-tab]').innerText()).not.toMatch(/记录于|转为问题|工作内容|发现的问题|后续跟进|记录帮包工作/); // UI labels; the records themselves stay in Chinese;
    await settle(s.page);
    await screenshot(page, 'visits-en');
    expect(s.pageErrors).toEqual([]);
  });
});
