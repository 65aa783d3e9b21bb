import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

/**
 * A phone photo brought in as a file keeps its time and place (issue 13 point 9): the visit form reads the
 * EXIF in the browser, proposes the visit's date from it and shows the coordinates; the saved photo keeps them
 * and the visit card shows them as text (no map, nothing fetched).
 */

/** The visit form's date input (antd may put the test id on the input itself or on its wrapper). */
const dateInput = (page: Page) => page.locator('input[data-testid=visit-date], [data-testid=visit-date] input').first();

async function phonePhoto(): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) % 241;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: 'Phone', Model: 'P1' },
      IFD2: { DateTimeOriginal: '2026:11:21 15:42:10', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 51/1 3036/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 33/1 4500/100' },
    })
    .jpeg({ quality: 85 })
    .toBuffer();
}

describe('visit form: a phone photo proposes the date and shows where it was taken', () => {
  let s: PreviewSession;
  beforeAll(async () => {
    s = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
    await s.page.locator('[data-testid=project-link]', { hasText: '明湖动力电池二期项目（演示）' }).click();
    await s.page.getByRole('tab', { name: '走访记录' }).click();
    await s.page.waitForSelector('[data-testid=visits-tab]');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the date becomes the photo’s day and the coordinates are shown before anything is uploaded', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-log]').click();
    expect(await dateInput(page).inputValue()).toBe('2026-11-24');
    await page
      .locator('[data-testid=visit-photos-input]')
      .setInputFiles({ name: 'IMG_20261121_154210.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
    await page.locator('[data-testid=visit-date-from-photo]').waitFor();
    expect(await dateInput(page).inputValue()).toBe('2026-11-21');
    expect(await page.locator('[data-testid=visit-date-from-photo]').innerText()).toContain('日期已按照片的拍摄时间填为 2026-11-21');
    const line = await page.locator('[data-testid=visit-photo-exif-line]').innerText();
    expect(line).toContain('拍摄于 2026-11-21 15:42');
    expect(line).toContain('北纬 34.858433°，东经 117.562500°');
    await page.locator('[data-testid=visit-summary]').fill('现场查看二期厂房屋面施工');
    await page.locator('[data-testid=visit-drawer] .ant-drawer-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, 'visits-photo-place-zh');
  });

  it('saved: the visit has the photo’s day, the attachment its time and place, the card shows the coordinates', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-submit]').click();
    const card = page.locator('[data-testid=visit-card]', { hasText: '现场查看二期厂房屋面施工' });
    await card.waitFor();
    const visit = s.ctx.db.prepare("SELECT id, visited_on FROM visits WHERE summary = '现场查看二期厂房屋面施工'").get() as { id: string; visited_on: string };
    expect(visit.visited_on).toBe('2026-11-21');
    const photo = s.ctx.db.prepare('SELECT taken_at, latitude, longitude, width FROM attachments WHERE owner_id = ?').get(visit.id);
    expect(photo).toEqual({ taken_at: '2026-11-21T15:42:10+08:00', latitude: 34.858433, longitude: 117.5625, width: 2000 });
    expect(await card.locator('[data-testid=visit-photo-place]').innerText()).toContain('北纬 34.858433°，东经 117.562500°');
    expect(s.pageErrors).toEqual([]);
  });

  it('a date the officer set is not overwritten: the photo’s day is offered instead', async () => {
    const { page } = s;
    await page.locator('[data-testid=visit-log]').click();
    await dateInput(page).click();
    await dateInput(page).fill('2026-11-23');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=visit-photos-input]').setInputFiles({ name: 'IMG_2.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
    await page.locator('[data-testid=visit-date-photo-differs]').waitFor();
    expect(await dateInput(page).inputValue()).toBe('2026-11-23');
    await page.locator('[data-testid=visit-date-use-photo]').click();
    expect(await dateInput(page).inputValue()).toBe('2026-11-21');
  });
});
