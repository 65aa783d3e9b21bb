import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChecklistItemView } from '@shared/operations/index.js';
import { thumbnailFileName } from '@shared/operations/visits.js';
import { checklistHandlers } from '../../electron/handlers/checklist.js';
import { checklistViews } from '../../electron/handlers/project-views.js';
import { OperationRegistry } from '../../electron/handlers/registry.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { countRows, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { refusedWithNothingWritten } from '../helpers/operations.js';

/** The checklist operations through a registry (input validated as over a transport), on a real demo store. */
let store: TempStore;
const registry = new OperationRegistry().register(checklistHandlers);
const TODAY = '2026-11-24'; // FIXED_NOW of the temp store
const DEMO_PROJECT = '00000000-0000-4000-8000-00000000000b'; // 青檀 (construction stage, one task overdue)

beforeEach(() => {
  store = openTempStore({ demo: true });
});
afterEach(() => store.close());

const call = (name: string, input: unknown) => registry.dispatch(name, input, store.ctx);

function items(): ChecklistItemView[] {
  return checklistViews(store.db, DEMO_PROJECT, TODAY);
}
const overdueOpenItem = () => items().find((i) => i.overdue)!;
const closedItem = () => items().find((i) => i.closedOff)!;
const attachmentFiles = () => readdirSync(store.ctx.attachmentsDir).sort();

async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
}

/** A refused call: the right code (and reason), nothing written, no file left behind. */
async function expectRefused(name: string, input: unknown, code: string, reason?: string) {
  const filesBefore = attachmentFiles();
  const refusal = await refusedWithNothingWritten(store.ctx, name, input, code);
  if (reason) expect(refusal.params.reason).toBe(reason);
  expect(attachmentFiles()).toEqual(filesBefore);
}

describe('checklist.closeOff', () => {
  it('closes off an overdue item: one event by the officer, one change-log row, the item no longer overdue', async () => {
    const item = overdueOpenItem();
    expect(item).toBeDefined();
    const seq = (store.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
    const result = await call('checklist.closeOff', { itemId: item.id, effectiveOn: '2026-11-20', note: '  施工许可证已取得，编号 371234  ' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const view = result.value as ChecklistItemView;
    expect(view).toMatchObject({
      id: item.id,
      closedOff: true,
      closedOffOn: '2026-11-20',
      closedOffBy: '演示用户',
      evidence: '施工许可证已取得，编号 371234',
      overdue: false,
    });
    expect(view.events.at(-1)).toMatchObject({ action: 'close_off', attachmentId: null, recordedBy: '演示用户', recordedAt: store.ctx.now().toISOString() });

    const rows = store.db.prepare('SELECT * FROM checklist_events WHERE item_id = ?').all(item.id) as { id: string; note: string }[];
    expect(rows).toHaveLength(1);
    const changes = changesAfter(store.db, seq);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'checklist_event', recordId: rows[0]!.id });
    expect(changes[0]!.payload).toMatchObject({ itemId: item.id, action: 'close_off', effectiveOn: '2026-11-20', recordedBy: '演示用户' });
  });

  it('accepts today and the first day of the plan year', async () => {
    const [a, b] = items().filter((i) => !i.closedOff);
    expect((await call('checklist.closeOff', { itemId: a!.id, effectiveOn: TODAY, note: '已办结' })).ok).toBe(true);
    expect((await call('checklist.closeOff', { itemId: b!.id, effectiveOn: '2026-01-01', note: '已办结' })).ok).toBe(true);
  });

  it('stores a PDF as evidence beside the database, with its hash, and lists it', async () => {
    const item = overdueOpenItem();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const seq = (store.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
    const result = await call('checklist.closeOff', {
      itemId: item.id,
      effectiveOn: '2026-11-21',
      note: '批复文件见附件',
      attachment: { fileName: '../../批复.pdf', mimeType: 'application/pdf', dataBase64: pdf.toString('base64') },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = (result.value as ChecklistItemView).events.at(-1)!;
    expect(event.attachmentId).not.toBeNull();

    const listed = await call('checklist.attachments', { projectId: DEMO_PROJECT });
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const [attachment] = listed.value as { id: string; fileName: string; sha256: string; bytes: number; ownerId: string; mimeType: string }[];
    expect(attachment).toMatchObject({
      id: event.attachmentId,
      ownerId: event.id,
      fileName: `${event.attachmentId}.pdf`,
      mimeType: 'application/pdf',
      bytes: pdf.length,
    });
    const stored = readFileSync(join(store.ctx.attachmentsDir, attachment!.fileName));
    expect(stored.equals(pdf)).toBe(true);
    expect(attachment!.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(attachmentFiles()).toEqual([attachment!.fileName]); // named by id, never by the sender's name; no temp files left
    expect(
      changesAfter(store.db, seq)
        .map((c) => c.entity)
        .sort(),
    ).toEqual(['attachment', 'checklist_event']);
  });

  it('stores an image as evidence, downscaled, with a thumbnail', async () => {
    const item = overdueOpenItem();
    const result = await call('checklist.closeOff', {
      itemId: item.id,
      effectiveOn: '2026-11-21',
      note: '现场照片',
      attachment: { fileName: 'site.jpg', mimeType: 'image/jpeg', dataBase64: (await jpeg(2400, 1200)).toString('base64') },
    });
    expect(result.ok).toBe(true);
    const row = store.db.prepare('SELECT id, file_name AS fileName, width, height FROM attachments').get() as {
      id: string;
      fileName: string;
      width: number;
      height: number;
    };
    expect(row).toMatchObject({ width: 2000, height: 1000 });
    expect(existsSync(join(store.ctx.attachmentsDir, row.fileName))).toBe(true);
    expect(existsSync(join(store.ctx.attachmentsDir, thumbnailFileName(row)))).toBe(true);
  });
});

describe('checklist.reopen', () => {
  it('reopens with a reason as a new event; the history keeps both, the item is overdue again', async () => {
    const item = overdueOpenItem();
    await call('checklist.closeOff', { itemId: item.id, effectiveOn: '2026-11-20', note: '已取得' });
    const seq = (store.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
    const result = await call('checklist.reopen', { itemId: item.id, effectiveOn: TODAY, reason: '许可证信息有误，需重新办理' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const view = result.value as ChecklistItemView;
    expect(view.closedOff).toBe(false);
    expect(view.overdue).toBe(true);
    expect(view.events.map((e) => [e.action, e.note, e.recordedBy])).toEqual([
      ['close_off', '已取得', '演示用户'],
      ['reopen', '许可证信息有误，需重新办理', '演示用户'],
    ]);
    expect(countRows(store.db, 'checklist_events', 'item_id = ?', item.id)).toBe(2);
    expect(changesAfter(store.db, seq).map((c) => c.entity)).toEqual(['checklist_event']);
  });

  it('keeps the order of events recorded in the same millisecond (the clock stands still in tests)', async () => {
    const item = overdueOpenItem();
    for (let round = 0; round < 5; round++) {
      expect((await call('checklist.closeOff', { itemId: item.id, effectiveOn: TODAY, note: `第${round}次` })).ok).toBe(true);
      expect((await call('checklist.reopen', { itemId: item.id, effectiveOn: TODAY, reason: `原因${round}` })).ok).toBe(true);
    }
    const last = await call('checklist.closeOff', { itemId: item.id, effectiveOn: TODAY, note: '最终' });
    expect(last.ok && (last.value as ChecklistItemView).closedOff).toBe(true);
    expect(items().find((i) => i.id === item.id)!.events).toHaveLength(11);
  });

  it('reopens a close-off of the demo data (recorded long ago)', async () => {
    const item = closedItem();
    expect((await call('checklist.reopen', { itemId: item.id, effectiveOn: TODAY, reason: '复核发现资料缺失' })).ok).toBe(true);
  });
});

describe('refusals leave the store and the attachments folder unchanged', () => {
  const pdf = (text: string) => ({ fileName: 'a.pdf', mimeType: 'application/pdf', dataBase64: Buffer.from(text).toString('base64') });

  it('closing an item already closed off → illegal_transition', async () => {
    const item = closedItem();
    await expectRefused('checklist.closeOff', { itemId: item.id, effectiveOn: TODAY, note: '再次销号' }, 'illegal_transition', 'already_closed');
  });

  it('reopening an open item → illegal_transition', async () => {
    await expectRefused('checklist.reopen', { itemId: overdueOpenItem().id, effectiveOn: TODAY, reason: '原因' }, 'illegal_transition', 'not_closed');
  });

  it('a date in the future → invalid_input', async () => {
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: '2026-11-25', note: '已办结' }, 'invalid_input', 'future_date');
    await expectRefused('checklist.reopen', { itemId: closedItem().id, effectiveOn: '2027-01-01', reason: '原因' }, 'invalid_input', 'future_date');
  });

  it('a date before the plan year began → invalid_input', async () => {
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: '2025-12-31', note: '已办结' }, 'invalid_input', 'before_plan_year');
  });

  it('a reopening dated before the close-off → invalid_input', async () => {
    const item = overdueOpenItem();
    await call('checklist.closeOff', { itemId: item.id, effectiveOn: '2026-11-20', note: '已办结' });
    await expectRefused('checklist.reopen', { itemId: item.id, effectiveOn: '2026-11-19', reason: '原因' }, 'invalid_input', 'before_close_off');
  });

  it('no date, a date that does not exist, a badly formed date → invalid_input', async () => {
    const itemId = overdueOpenItem().id;
    for (const effectiveOn of [undefined, '2026-02-30', '2026/11/20', '']) {
      await expectRefused('checklist.closeOff', { itemId, effectiveOn, note: '已办结' }, 'invalid_input');
    }
  });

  it('empty or blank evidence, or an empty reason → invalid_input', async () => {
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: TODAY, note: '' }, 'invalid_input');
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: TODAY, note: ' \n\t ' }, 'invalid_input');
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: TODAY }, 'invalid_input');
    await expectRefused('checklist.reopen', { itemId: closedItem().id, effectiveOn: TODAY, reason: '   ' }, 'invalid_input');
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: TODAY, note: 'x'.repeat(2001) }, 'invalid_input');
  });

  it('an unknown item → not_found; a malformed id → invalid_input', async () => {
    await expectRefused('checklist.closeOff', { itemId: '00000000-0000-4000-8000-999999999999', effectiveOn: TODAY, note: '已办结' }, 'not_found');
    await expectRefused('checklist.reopen', { itemId: '00000000-0000-4000-8000-999999999999', effectiveOn: TODAY, reason: '原因' }, 'not_found');
    await expectRefused('checklist.closeOff', { itemId: 'item-1', effectiveOn: TODAY, note: '已办结' }, 'invalid_input');
    await expectRefused('checklist.attachments', { projectId: '00000000-0000-4000-8000-999999999999' }, 'not_found');
  });

  it('an item or project the bureau withdrew → invalid_input', async () => {
    const item = overdueOpenItem();
    store.db.prepare('UPDATE checklist_items SET withdrawn_at = ? WHERE id = ?').run('2026-11-01T00:00:00.000Z', item.id);
    await expectRefused('checklist.closeOff', { itemId: item.id, effectiveOn: TODAY, note: '已办结' }, 'invalid_input', 'item_withdrawn');
    const other = items().find((i) => !i.closedOff && i.withdrawnAt === null)!;
    store.db.prepare('UPDATE projects SET archived_at = ? WHERE id = ?').run('2026-11-01T00:00:00.000Z', DEMO_PROJECT);
    await expectRefused('checklist.closeOff', { itemId: other.id, effectiveOn: TODAY, note: '已办结' }, 'invalid_input', 'project_withdrawn');
  });

  it('no sponsor officer in settings → invalid_input (officer_missing)', async () => {
    store.db.prepare("DELETE FROM settings WHERE key = 'officer'").run();
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: TODAY, note: '已办结' }, 'invalid_input', 'officer_missing');
    await expectRefused('checklist.reopen', { itemId: closedItem().id, effectiveOn: TODAY, reason: '原因' }, 'invalid_input', 'officer_missing');
  });

  it('attachments: not an image, not a PDF, a disallowed type, not base64, too large, empty → invalid_input', async () => {
    const base = { itemId: overdueOpenItem().id, effectiveOn: TODAY, note: '已办结' };
    const text = Buffer.from('this is not a photo at all').toString('base64');
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 0x25).toString('base64');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>').toString('base64');
    // Each attachment, and the reason the refusal gives where it names one.
    const cases: [object, string?][] = [
      [{ fileName: 'a.jpg', mimeType: 'image/jpeg', dataBase64: text }, 'not_an_image'],
      [pdf('<html>not a pdf</html>'), 'not_a_pdf'],
      [{ fileName: 'a.txt', mimeType: 'text/plain', dataBase64: text }],
      [{ fileName: 'a.pdf', mimeType: 'application/pdf', dataBase64: '%%%not base64%%%' }],
      [{ fileName: 'a.pdf', mimeType: 'application/pdf', dataBase64: '' }],
      [{ fileName: 'big.pdf', mimeType: 'application/pdf', dataBase64: huge }],
      [{ fileName: 'a.svg', mimeType: 'image/svg+xml', dataBase64: svg }, 'not_an_image'],
    ];
    for (const [attachment, reason] of cases) await expectRefused('checklist.closeOff', { ...base, attachment }, 'invalid_input', reason);
  });

  it('a close-off whose transaction fails leaves no event, no attachment row and no file', async () => {
    store.db.exec(`CREATE TRIGGER refuse_attachments BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
    const attachment = pdf('%PDF-1.4\n%%EOF\n');
    await expectRefused('checklist.closeOff', { itemId: overdueOpenItem().id, effectiveOn: TODAY, note: '已办结', attachment }, 'internal');
  });
});
