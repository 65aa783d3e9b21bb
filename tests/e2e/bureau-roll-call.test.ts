/**
 * Issue 12, screen 3: the bureau desk's roll call (报送情况). Its rows are the officers `bureau.officers.list`
 * answers on the same database, with the last packet and assignment `bureau.officers.rollCall` answers; those who
 * have not sent a packet this reporting week come first and are counted. The demo district has no packets, so
 * two officers are given one here (this week and last week) and the first an assignment. English via the switch.
 * Screenshot in Chinese at 1440×900.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot } from '../helpers/preview-browser.js';

const FINGERPRINT = 'AB12-CD34-EF56-7890';
const NOW = new Date('2026-12-02T10:00:00+08:00'); // a Wednesday: the reporting week is 2026-11-30 … 2026-12-06

describe('the bureau desk: roll call, in the browser', () => {
  let b: BureauPreview;
  let officers: OperationOutput<'bureau.officers.list'>;
  let sentId: string;
  let lateId: string;

  const ask = async <T>(name: 'bureau.officers.list' | 'bureau.officers.rollCall'): Promise<T> => {
    const answer = await createBureauRegistry().dispatch(name, {}, b.ctx);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as T;
  };

  beforeAll(async () => {
    b = await openBureauPreview(NOW, { fixClock: true });
    const listed = await ask<OperationOutput<'bureau.officers.list'>>('bureau.officers.list');
    [sentId, lateId] = [listed[0]!.id, listed[1]!.id];
    const packet = b.ctx.db.prepare(
      `INSERT INTO received_packets (packet_id, officer_id, sequence, sha256, file_name, created_at, received_at, counts) VALUES (?, ?, ?, 'x', ?, ?, ?, '{}')`,
    );
    packet.run('p-sent-1', sentId, 1, 'w1.zip', '2026-11-23T01:00:00.000Z', '2026-11-23T02:00:00.000Z');
    packet.run('p-sent-2', sentId, 2, 'w2.zip', '2026-12-01T01:00:00.000Z', '2026-12-01T02:30:00.000Z'); // Tue 10:30 Beijing
    packet.run('p-late-1', lateId, 1, 'w1.zip', '2026-11-26T01:00:00.000Z', '2026-11-26T03:00:00.000Z'); // last week
    b.ctx.db
      .prepare(
        `INSERT INTO assignments (officer_id, sequence, packet_id, created_at, file_name, sha256, acknowledged_sequence, projects) VALUES (?, 1, 'a-1', ?, 'a.zip', 'y', 1, 9)`,
      )
      .run(sentId, '2026-11-24T01:00:00.000Z');
    b.ctx.db
      .prepare(
        `UPDATE officers SET public_key_pem = 'pem', key_fingerprint = ?, key_source = 'file', key_registered_at = ?, key_confirmed = 'file' WHERE id = ?`,
      )
      .run(FINGERPRINT, '2026-11-20T01:00:00.000Z', sentId);
    officers = await ask<OperationOutput<'bureau.officers.list'>>('bureau.officers.list');
    await b.page.locator('[data-testid=bureau-nav-inbox]').click();
    await b.page.waitForSelector('[data-testid=roll-call-row]');
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows every officer as bureau.officers.list answers, those who have not sent this week first', async () => {
    const reports = await ask<OperationOutput<'bureau.officers.rollCall'>>('bureau.officers.rollCall');
    expect(reports.find((r) => r.officerId === sentId)).toMatchObject({ lastPacketSequence: 2, acknowledgedSequence: 1 });
    const rows = b.page.locator('[data-testid=roll-call-row]');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-officer-id')));
    expect([...ids].sort()).toEqual(officers.map((o) => o.id).sort());
    const sent = await rows.locator('[data-testid=roll-call-sent]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sent')));
    expect(sent).toEqual([...Array(officers.length - 1).fill('false'), 'true']);
    expect(ids.at(-1)).toBe(sentId);
    expect(await b.page.locator('[data-testid=roll-call-not-sent]').innerText()).toContain(`本周未报送 ${officers.length - 1} 人`);
    // Each row says what the operations say, on the district's clock (Asia/Shanghai).
    for (const o of officers) {
      const row = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${o.id}"]`);
      const text = await row.innerText();
      expect(text).toContain(o.name);
      expect(text).toContain(o.unit);
      expect(text).toContain(String(o.projects));
    }
    const sentRow = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${sentId}"]`);
    expect(await sentRow.locator('[data-testid=roll-call-last-packet]').innerText()).toBe('第 2 号\n2026-12-01 10:30');
    expect(await sentRow.locator('[data-testid=roll-call-acknowledged]').innerText()).toBe('任务文件第 1 号 · 确认至第 1 号\n2026-11-24 09:00');
    expect(await sentRow.locator('[data-testid=roll-call-key]').innerText()).toBe(`已认可\n${FINGERPRINT}`);
    expect(officers.find((o) => o.id === sentId)!.keyFingerprint).toBe(FINGERPRINT);
    const lateRow = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${lateId}"]`);
    expect(await lateRow.locator('[data-testid=roll-call-last-packet]').innerText()).toBe('第 1 号\n2026-11-26 11:00');
    expect(await lateRow.locator('[data-testid=roll-call-sent]').innerText()).toBe('未报送');
    expect(b.pageErrors).toEqual([]);
    await b.page.mouse.move(0, 0);
    await screenshot(b.page, 'bureau-roll-call-zh');
  });

  it('speaks English after the switch', async () => {
    await b.page.locator('[data-testid=language-switch]').click();
    await b.page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await b.page.locator('[data-testid=roll-call-not-sent]').innerText()).toContain(`${officers.length - 1} not sent this week`);
    expect(await b.page.locator('[data-testid=bureau-roll-call-screen] h3').innerText()).toBe('Roll call');
    const sentRow = b.page.locator(`[data-testid=roll-call-row][data-officer-id="${sentId}"]`);
    expect(await sentRow.locator('[data-testid=roll-call-sent]').innerText()).toBe('Sent');
    expect(b.pageErrors).toEqual([]);
  });
});
