/**
 * Issue 12, screen 3, in Chromium: two officers' real signed weekly packets and a file that is not one are
 * uploaded into the inbox, previewed (nothing written: the database dumps the same), folded as a job with its
 * progress seen, then the receipt (exported into the outbox and downloadable), the roll call updated (both
 * officers sent this week), the conflict listed with both versions. Screenshots in both languages at 1440×900
 * and 1366×768.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '@shared/domain/index.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { reportingWeek } from '@shared/rules/index.js';
import { highestReceivedSequence, listOfficers } from '../../electron/bureau/repository.js';
import { demoOfficerKeys } from '../../electron/demo/demo-officer-keys.js';
import { inboxWeek } from '../helpers/bureau-inbox-packets.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot, screenshotBothSizes } from '../helpers/preview-browser.js';

const NOW = new Date('2026-12-02T10:00:00+08:00'); // a Wednesday: the reporting week is 2026-11-30 … 2026-12-06

describe('the bureau desk: inbox, in the browser', () => {
  let b: BureauPreview;
  let dir: string;
  let files: string[];
  let officers: Officer[];
  let visitId: string;
  /** Each officer's last packet number before this week's, and the packets the demo district holds. */
  let last: number[];
  let packetsBefore: number;

  beforeAll(async () => {
    b = await openBureauPreview(NOW, { fixClock: true });
    dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-inbox-'));
    // Two officers of the demo district who have not sent this week's packet yet, signing with the keys the bureau
    // holds for them (electron/demo/demo-officer-keys.ts), numbered after their last packet; a week of work each.
    const monday = new Date(`${reportingWeek(NOW, 'Asia/Shanghai').from}T00:00:00+08:00`).toISOString();
    const sentThisWeek = b.ctx.db.prepare('SELECT 1 FROM received_packets WHERE officer_id = ? AND received_at >= ?');
    officers = listOfficers(b.ctx.db)
      .filter((o) => sentThisWeek.get(o.id, monday) === undefined)
      .slice(0, 2)
      .map((o) => ({ id: o.id, name: o.name, unit: o.unit, phone: o.phone }));
    const keys = officers.map((o) => demoOfficerKeys(o.id));
    last = officers.map((o) => highestReceivedSequence(b.ctx.db, o.id));
    packetsBefore = (b.ctx.db.prepare('SELECT count(*) AS n FROM received_packets').get() as { n: number }).n;
    const first = await inboxWeek(b.ctx, join(dir, 'in'), officers[0]!, keys[0]!, {
      sequence: last[0]! + 1,
      day: '2026-12-01',
      photo: true,
      fileName: 'weekly-1.zip',
    });
    visitId = first.visit.record.id;
    const changed = { ...first.visit, record: { ...first.visit.record, summary: '复查：主体结构已封顶' } };
    const second = await inboxWeek(b.ctx, join(dir, 'in'), officers[0]!, keys[0]!, {
      sequence: last[0]! + 2,
      day: '2026-12-02',
      visit: changed,
      fileName: 'weekly-2.zip',
    });
    const other = await inboxWeek(b.ctx, join(dir, 'in'), officers[1]!, keys[1]!, {
      sequence: last[1]! + 1,
      day: '2026-12-01',
      photo: true,
      fileName: 'weekly-b.zip',
    });
    writeFileSync(join(dir, 'in', '本周情况.zip'), '这不是工作包，是一段文字');
    files = [first.file, other.file, second.file, join(dir, 'in', '本周情况.zip')];
    await b.page.locator('[data-testid=bureau-nav-inbox]').click();
    await b.page.waitForSelector('[data-testid=roll-call-row]');
  });
  afterAll(async () => {
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('previews the uploaded packets, writing nothing, then folds them as a job with progress; the roll call and conflicts follow', async () => {
    const { page } = b;
    const sent = () => page.locator('[data-testid=roll-call-sent][data-sent=true]').count();
    const sentBefore = await sent();
    expect(sentBefore).toBeGreaterThan(0); // the demo's own: some officers have sent this week, these two not

    await page.setInputFiles('[data-testid=inbox-file-input]', files);
    await page.waitForSelector('[data-testid=inbox-preview-table] [data-testid=inbox-file-row]');
    const before = dumpBureauDatabase(b.ctx.db);
    const rows = page.locator('[data-testid=inbox-preview-table] [data-testid=inbox-file-row]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['accepted', 'accepted', 'accepted', 'refused']);
    expect(await rows.nth(0).innerText()).toContain(officers[0]!.name);
    expect(await rows.nth(2).innerText()).toContain('冲突 1 条');
    expect(await rows.nth(2).innerText()).toContain('两个版本都保留，以先收到的为准');
    const refused = await rows.nth(3).innerText();
    expect(refused).toContain('本周情况.zip');
    expect(refused).toContain('拒收');
    expect(refused).toContain('不是工作包：不是 zip 压缩包');
    expect(refused).toContain('此文件未作任何改动。');
    // The preview wrote nothing.
    expect(dumpBureauDatabase(b.ctx.db)).toEqual(before);
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-inbox-preview-zh');

    // The fold runs as a job; its progress is seen on the way (polled every 150 ms), recorded by the page itself.
    await page.evaluate(() => {
      const seen: number[] = ((window as unknown as { percents: number[] }).percents = []);
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=inbox-progress]');
        if (bar) seen.push(Number(bar.getAttribute('data-percent')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-percent'] });
    });
    // The button counts what will count; the refused file still gets its line in the receipt.
    expect(await page.locator('[data-testid=inbox-fold]').innerText()).toBe('汇入 3 个工作包');
    await page.locator('[data-testid=inbox-fold]').click();
    await page.waitForSelector('[data-testid=inbox-receipt]');
    const percents = await page.evaluate(() => (window as unknown as { percents: number[] }).percents);
    expect(percents.length).toBeGreaterThan(0);
    expect(percents).toEqual([...percents].sort((x, y) => x - y));
    expect(b.operationsCalled).toContain('bureau.jobs.start');
    expect(b.operationsCalled).toContain('bureau.jobs.get');
    expect(await page.locator('[data-testid=inbox-fold-done]').innerText()).toContain('已汇入 3 个，重复 0 个，待认可 0 个，拒收 1 个');
    const receipt = page.locator('[data-testid=inbox-receipt-table] [data-testid=inbox-file-row]');
    expect(await receipt.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['accepted', 'accepted', 'accepted', 'refused']);
    expect(await receipt.nth(0).innerText()).toContain('已汇入');
    expect(b.ctx.db.prepare('SELECT count(*) AS n FROM received_packets').get()).toEqual({ n: packetsBefore + 3 });

    // The roll call refreshed by the fold's changes: both officers have sent this week.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=roll-call-sent][data-sent=true]').length === n, sentBefore + 2);
    const row = page.locator(`[data-testid=roll-call-row][data-officer-id="${officers[0]!.id}"]`);
    expect(await row.locator('[data-testid=roll-call-last-packet]').innerText()).toContain(`第 ${last[0]! + 2} 号`);

    // The conflict, with both versions.
    const conflict = page.locator(`[data-testid=conflict-row][data-record-id="${visitId}"]`);
    await conflict.waitFor();
    await conflict.click();
    const versions = page.locator('[data-testid=conflict-versions]');
    await versions.waitFor();
    const differing = await versions.locator('tr[data-differs=true]').first().innerText();
    expect(differing).toContain('走访情况');
    expect(differing).toContain('现场查看主体施工进度');
    expect(differing).toContain('复查：主体结构已封顶');
    await page.locator('[data-testid=inbox-conflicts]').evaluate((e) => e.scrollIntoView());
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-inbox-conflicts-zh');

    // The receipt exported into the outbox and offered as a download.
    await page.locator('[data-testid=inbox-export]').click();
    await page.waitForSelector('[data-testid=inbox-receipt-saved]');
    const href = await page.locator('[data-testid=inbox-receipt-download]').getAttribute('href');
    const html = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(html).toContain('工作包接收回执');
    expect(html).toContain('高新区经济发展局重点项目办（演示）');
    expect(html).toContain('本周情况.zip');
    expect(html).toContain('不是工作包');
    // One packet's receipt, to hand back to its officer: named by officer and number, only its line.
    await page.locator('[data-testid=inbox-receipt-table] [data-testid=inbox-export-one]').first().click();
    const firstNo = `第${last[0]! + 1}号`;
    await page.waitForFunction((no) => document.querySelector('[data-testid=inbox-receipt-saved]')?.textContent?.includes(no), firstNo);
    expect(await page.locator('[data-testid=inbox-receipt-saved]').innerText()).toContain(`工作包接收回执-${officers[0]!.name}-${firstNo}-`);
    const one = await page.evaluate(async (url) => (await fetch(url!)).text(), await page.locator('[data-testid=inbox-receipt-download]').getAttribute('href'));
    expect(one).toContain('weekly-1.zip');
    expect(one).not.toContain('本周情况.zip');
    // On paper only the receipt shows.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=inbox-receipt-print]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=inbox-drop]').evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden');
    await page.emulateMedia({ media: 'screen' });
    expect(b.pageErrors).toEqual([]);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await screenshotBothSizes(page, 'bureau-inbox-zh');
  });

  it('speaks English after the switch', async () => {
    const { page } = b;
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('[data-testid=bureau-inbox-screen] h3').first().innerText()).toBe('Inbox');
    const rows = page.locator('[data-testid=inbox-receipt-table] [data-testid=inbox-file-row]');
    expect(await rows.nth(3).innerText()).toContain('Not a weekly packet');
    expect(await rows.nth(0).innerText()).toContain('Folded');
    expect(await rows.nth(0).innerText()).toContain('4 new, 0 duplicate, 0 conflicting records, 1 photo.');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-inbox-en');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'bureau-inbox-en-1366');
    expect(b.pageErrors).toEqual([]);
  });

  it('takes dropped files too: the same packet dropped again is a duplicate that changes nothing', async () => {
    const { page } = b;
    const before = dumpBureauDatabase(b.ctx.db);
    const base64 = readFileSync(files[0]!).toString('base64');
    await page.locator('[data-testid=inbox-drop]').evaluate((zone, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'weekly-1 (again).zip', { type: 'application/zip' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, base64);
    const row = page.locator('[data-testid=inbox-preview-table] [data-testid=inbox-file-row]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().getAttribute('data-status')).toBe('duplicate');
    expect(await row.first().innerText()).toContain('This packet was folded before; it does not count twice and changes nothing.');
    expect(await page.locator('[data-testid=inbox-fold]').isDisabled()).toBe(true);
    expect(dumpBureauDatabase(b.ctx.db)).toEqual(before);
    await page.locator('[data-testid=inbox-clear]').click();
    expect(b.pageErrors).toEqual([]);
  });
});
