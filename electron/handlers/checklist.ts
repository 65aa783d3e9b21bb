import type { ChecklistEvent, ChecklistItem } from '@shared/domain/index.js';
import { Officer } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import type { ChecklistItemView } from '@shared/operations/index.js';
import { deriveChecklistState, latestEntry, localDay, momentAfter } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { getChecklistItem, insertChecklistEvent, listChecklistEvents } from '../store/repositories/checklist.js';
import { getProject } from '../store/repositories/projects.js';
import { readSetting } from '../store/repositories/settings.js';
import { insertAttachment, listAttachments } from '../store/repositories/visits.js';
import type { ServiceContext } from './context.js';
import { newId } from '../store/ids.js';
import { attachmentRow, prepareEvidence, storeFilesThen } from '../files/photo-store.js';
import { checklistViews } from './project-views.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

/** The officer named in settings, who every officer record is recorded by; refused when none is set. */
export function requireOfficer(ctx: ServiceContext): Officer {
  const officer = readSetting(ctx.db, 'officer', Officer);
  if (!officer) {
    throw new AppError('invalid_input', 'no sponsor officer is set: enter your name in Settings before recording anything', { reason: 'officer_missing' });
  }
  return officer;
}

/** A day an officer says something happened on: not after today; for checklist events not before the plan year. */
export function assertNotFuture(day: string, today: string, field: string): void {
  if (day > today)
    throw new AppError('invalid_input', `${field} ${day} is in the future (today is ${today})`, { reason: 'future_date', field, date: day, today });
}

interface ItemState {
  item: ChecklistItem;
  events: ChecklistEvent[];
  closedOffOn: string | null;
}

/**
 * Loads an item and checks it can take an event dated `effectiveOn`: it exists, it and its project are not
 * withdrawn, it is closed off (a reopening) or not (a close-off), and the day is neither in the future nor
 * before the plan year.
 */
function loadItem(db: SqliteDatabase, itemId: string, action: ChecklistEvent['action'], effectiveOn: string, today: string): ItemState {
  const item = getChecklistItem(db, itemId);
  if (!item) throw new AppError('not_found', `checklist item ${itemId} not found`, { what: 'checklist_item', id: itemId });
  const project = getProject(db, item.projectId);
  if (!project) throw new AppError('not_found', `project ${item.projectId} not found`, { what: 'project', id: item.projectId });
  if (item.withdrawnAt !== null) {
    throw new AppError('invalid_input', `checklist item ${itemId} was withdrawn by the bureau`, { reason: 'item_withdrawn', id: itemId });
  }
  if (project.archivedAt !== null) {
    throw new AppError('invalid_input', `project ${project.id} was withdrawn by the bureau`, { reason: 'project_withdrawn', id: project.id });
  }
  const events = listChecklistEvents(db, item.projectId).filter((e) => e.itemId === itemId);
  const { closedOff, closedOffOn } = deriveChecklistState(events);
  if (action === 'close_off' && closedOff) {
    throw new AppError('illegal_transition', `checklist item ${itemId} is already closed off`, { reason: 'already_closed', id: itemId });
  }
  if (action === 'reopen' && !closedOff) {
    throw new AppError('illegal_transition', `checklist item ${itemId} is not closed off`, { reason: 'not_closed', id: itemId });
  }
  assertNotFuture(effectiveOn, today, 'effectiveOn');
  if (effectiveOn < `${project.planYear}-01-01`) {
    throw new AppError('invalid_input', `effectiveOn ${effectiveOn} is before the plan year ${project.planYear} began`, {
      reason: 'before_plan_year',
      field: 'effectiveOn',
      date: effectiveOn,
      planYear: project.planYear,
    });
  }
  return { item, events, closedOffOn };
}

/** Writes the officer's event on the item, entered never before its latest one (a slow clock). */
function recordEvent(
  ctx: ServiceContext,
  state: ItemState,
  officer: Officer,
  fields: Pick<ChecklistEvent, 'action' | 'effectiveOn' | 'note' | 'attachmentId'>,
) {
  const recordedAt = momentAfter(ctx.now(), latestEntry(state.events)?.recordedAt);
  const event: ChecklistEvent = { id: newId(), itemId: state.item.id, ...fields, recordedAt, recordedBy: officer.name };
  insertChecklistEvent(ctx.db, event);
  return event;
}

function viewOf(ctx: ServiceContext, item: ChecklistItem): ChecklistItemView {
  const view = checklistViews(ctx.db, item.projectId, localDay(ctx.now(), storeTimeZone(ctx.db))).find((v) => v.id === item.id);
  if (!view) throw new AppError('internal', `checklist item ${item.id} vanished`);
  return view;
}

type ChecklistOps = 'checklist.closeOff' | 'checklist.reopen' | 'checklist.attachments';

export const checklistHandlers: HandlerGroup<ChecklistOps> = {
  'checklist.closeOff': async (input, ctx) => {
    const officer = requireOfficer(ctx);
    const today = localDay(ctx.now(), storeTimeZone(ctx.db));
    const check = () => loadItem(ctx.db, input.itemId, 'close_off', input.effectiveOn, today);
    check(); // refuse cheaply before any file is processed
    const file = input.attachment ? await prepareEvidence(input.attachment) : null;
    const item = storeFilesThen(ctx, file ? [file] : [], () =>
      ctx.db.transaction(() => {
        const state = check(); // again, inside the transaction: another call may have closed it meanwhile
        const fields = { action: 'close_off', effectiveOn: input.effectiveOn, note: input.note, attachmentId: file?.id ?? null } as const;
        const event = recordEvent(ctx, state, officer, fields);
        if (file) insertAttachment(ctx.db, attachmentRow(file, { ownerKind: 'checklist_event', ownerId: event.id }, event.recordedAt));
        return state.item;
      })(),
    );
    return viewOf(ctx, item);
  },

  'checklist.reopen': (input, ctx) => {
    const officer = requireOfficer(ctx);
    const today = localDay(ctx.now(), storeTimeZone(ctx.db));
    const item = ctx.db.transaction(() => {
      const state = loadItem(ctx.db, input.itemId, 'reopen', input.effectiveOn, today);
      if (state.closedOffOn && input.effectiveOn < state.closedOffOn) {
        throw new AppError('invalid_input', `effectiveOn ${input.effectiveOn} is before the close-off on ${state.closedOffOn}`, {
          reason: 'before_close_off',
          field: 'effectiveOn',
          date: input.effectiveOn,
          closedOffOn: state.closedOffOn,
        });
      }
      recordEvent(ctx, state, officer, { action: 'reopen', effectiveOn: input.effectiveOn, note: input.reason, attachmentId: null });
      return state.item;
    })();
    return viewOf(ctx, item);
  },

  'checklist.attachments': ({ projectId }, ctx) => {
    if (!getProject(ctx.db, projectId)) throw new AppError('not_found', `project ${projectId} not found`, { what: 'project', id: projectId });
    const sql = `SELECT e.id FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id
                 WHERE i.project_id = ? AND e.attachment_id IS NOT NULL`;
    const eventIds = ctx.db.prepare(sql).pluck().all(projectId) as string[];
    return listAttachments(ctx.db, 'checklist_event', eventIds);
  },
};
