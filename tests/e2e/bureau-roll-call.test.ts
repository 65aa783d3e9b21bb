/**
 * Issue 12, screen 3: the bureau desk's roll call (报送情况). Its rows are the officers `bureau.officers.list`
 * answers on the same database, with the last packet and assignment `bureau.officers.rollCall` answers; those who
 * have not sent a packet this reporting week come first and are counted. The demo district's officers send their
 * packets on their own day of the week (electron/demo/demo-packets.ts): on this Wednesday some have sent this
 * week's and some not yet. English via the switch. Screenshot in Chinese at 1440×900.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { dayInWeek, localDateTime, localDay, reportingWeek } from '@shared/rules/index.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot } from '../helpers/preview-browser.js';

const NOW = new Date('2026-12-02T10:00:00+08:00'); // a Wednesday: the reporting week is 2026-11-30 … 2026-12-06
const ZONE = 'Asia/Shanghai';

describe('the bureau desk: roll call, in the browser', () => {
  let b: BureauPreview;
  let officers: OperationOutput<'bureau.officers.list'>;
  let reports: OperationOutput<'bureau.officers.rollCall'>;
  let sentIds: string[];

  const ask = async <T>(name: 'bureau.officers.list' | 'bureau.officers.rollCall'): Promise<T> => {
    const answer = await createBureauRegistry().dispatch(name, {}, b.ctx);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as T;
  };

  beforeAll(async () => {
    b = await openBureauPreview(NOW, { fixClock: true });
    officers = await ask<OperationOutput<'bureau.officers.list'>>('bureau.officers.list');
    reports = await ask<OperationOutput<'bureau.officers.rollCall'>>('bureau.officers.rollCall');
    const week = reportingWeek(NOW, ZONE);
    sentIds = reports.filter((r) => r.lastPacketAt !== null && dayInWeek(week, localDay(r.lastPacketAt, ZONE))).map((r) => r.officerId);
    await b.page.locator('[data-testid=bureau-nav-inbox]').click();
    await b.page.waitForSelector('[data-testid=roll-call-row]');
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows every officer as bureau.officers.list answers, those who have not sent this week first', async () => {
    expect(sentIds.length).toBeGreaterThan(0);
    expect(sentIds.length).toBeLessThan(officers.length);
    const notSent = officers.length - sentIds.length;
    const rows = b.page.locator('[data-testid=roll-call-row]');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-officer-id')));
    expect([...ids].sort()).toEqual(officers.map((o) => o.id).sort());
    const sent = await rows.locator('[data-testid=roll-call-sent]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sent')));
    expect(sent).toEqual([...Array(notSent).fill('false'), ...Array(sentIds.length).fill('true')]);
    expect([...ids.slice(notSent)].sort()).toEqual([...sentIds].sort());
    expect(await b.page.locator('[data-testid=roll-call-not-sent]').innerText()).toContain(`本周未报送 ${notSent} 人`);
    // Each row says what the operations say, on the district's clock (Asia/Shanghai).
    for (const o of officers) {
      const row = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${o.id}"]`);
      const text = await row.innerText();
      expect(text).toContain(o.name);
      expect(text).toContain(o.unit);
      expect(text).toContain(String(o.projects));
    }
    // Each officer's last packet, the last assignment and what it acknowledged, and the key in force.
    for (const o of officers) {
      const r = reports.find((x) => x.officerId === o.id)!;
      const row = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${o.id}"]`);
      expect(await row.locator('[data-testid=roll-call-last-packet]').innerText()).toBe(
        `第 ${r.lastPacketSequence} 号\n${localDateTime(r.lastPacketAt!, ZONE)}`,
      );
      expect(await row.locator('[data-testid=roll-call-acknowledged]').innerText()).toBe(
        `任务文件第 ${o.lastAssignmentSequence} 号 · 确认至第 ${r.acknowledgedSequence} 号\n${localDateTime(r.lastAssignmentAt!, ZONE)}`,
      );
      expect(await row.locator('[data-testid=roll-call-key]').innerText()).toBe(`已认可\n${o.keyFingerprint}`);
      expect(await row.locator('[data-testid=roll-call-sent]').innerText()).toBe(sentIds.includes(o.id) ? '已报送' : '未报送');
    }
    expect(b.pageErrors).toEqual([]);
    await b.page.mouse.move(0, 0);
    await screenshot(b.page, 'bureau-roll-call-zh');
  });

  it('speaks English after the switch', async () => {
    await b.page.locator('[data-testid=language-switch]').click();
    await b.page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await b.page.locator('[data-testid=roll-call-not-sent]').innerText()).toContain(`${officers.length - sentIds.length} not sent this week`);
    expect(await b.page.locator('[data-testid=bureau-roll-call-screen] h3').innerText()).toBe('Roll call');
    const sentRow = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${sentIds[0]}"]`);
    expect(await sentRow.locator('[data-testid=roll-call-sent]').innerText()).toBe('Sent');
    expect(b.pageErrors).toEqual([]);
  });
});
