import type { StateCreator } from 'zustand';
import type { Attachment } from '@shared/domain';
import type { ChecklistItemView, OperationInput, VisitView } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';

/**
 * Field work on a project page: closing checklist items off, reopening them, logging sponsor actions. Each
 * write is stored at once; then whatever shows the project is refreshed (page, home list, ledger, this week).
 */
export interface FieldworkSlice {
  /** Evidence files of the open project's close-offs, by attachment id. */
  checklistAttachments: { projectId: string; byId: Record<string, Attachment> } | null;
  loadChecklistAttachments(projectId: string): Promise<void>;
  /** Throws the ApiError for the form to show; the form keeps what was typed. */
  closeOffItem(projectId: string, input: OperationInput<'checklist.closeOff'>): Promise<ChecklistItemView>;
  reopenItem(projectId: string, input: OperationInput<'checklist.reopen'>): Promise<ChecklistItemView>;
  logVisit(input: OperationInput<'visits.log'>): Promise<VisitView>;
}

export const createFieldworkSlice: StateCreator<DeskState, [], [], FieldworkSlice> = (set, get) => ({
  checklistAttachments: null,
  async loadChecklistAttachments(projectId) {
    try {
      const rows = await call('checklist.attachments', { projectId });
      set({ checklistAttachments: { projectId, byId: Object.fromEntries(rows.map((a) => [a.id, a])) } });
    } catch {
      // Evidence links are an extra: the checklist still shows without them.
      set({ checklistAttachments: { projectId, byId: {} } });
    }
  },
  async closeOffItem(projectId, input) {
    const view = await call('checklist.closeOff', input);
    await Promise.all([get().refreshAfterWrite(projectId), input.attachment ? get().loadChecklistAttachments(projectId) : null]);
    return view;
  },
  async reopenItem(projectId, input) {
    const view = await call('checklist.reopen', input);
    await get().refreshAfterWrite(projectId);
    return view;
  },
  async logVisit(input) {
    const view = await call('visits.log', input);
    await get().refreshAfterWrite(input.projectId);
    return view;
  },
});
