import type { StateCreator } from 'zustand';
import type { Attachment } from '@shared/domain';
import type { ChecklistItemView, OperationInput, VisitView } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';
import { loadView, requestCounter, type Views } from '../views';

/**
 * Field work on a project page: closing checklist items off, reopening them, logging sponsor actions. Each
 * write is stored at once; then the views that read what it changed are refreshed (store/views.ts).
 */
export interface FieldworkSlice {
  /** Evidence files of the open project's close-offs, by attachment id. */
  checklistAttachments: { projectId: string; byId: Record<string, Attachment> } | null;
  loadChecklistAttachments(projectId: string): Promise<void>;
  /** Throws the ApiError for the form to show; the form keeps what was typed. */
  closeOffItem(input: OperationInput<'checklist.closeOff'>): Promise<ChecklistItemView>;
  reopenItem(input: OperationInput<'checklist.reopen'>): Promise<ChecklistItemView>;
  logVisit(input: OperationInput<'visits.log'>): Promise<VisitView>;
}

const attachmentsRequest = requestCounter();

export const fieldworkViews = {
  checklistAttachments: {
    reads: ['checklist'],
    loaded: (s) => s.checklistAttachments !== null,
    reload: (s) => s.loadChecklistAttachments(s.checklistAttachments!.projectId),
  },
} satisfies Views;

export const createFieldworkSlice: StateCreator<DeskState, [], [], FieldworkSlice> = (set) => ({
  checklistAttachments: null,
  loadChecklistAttachments: (projectId) =>
    loadView(
      attachmentsRequest,
      () => call('checklist.attachments', { projectId }),
      (rows) => set({ checklistAttachments: { projectId, byId: Object.fromEntries(rows.map((a) => [a.id, a])) } }),
      // Evidence links are an extra: the checklist still shows without them.
      () => set({ checklistAttachments: { projectId, byId: {} } }),
    ),
  closeOffItem: (input) => call('checklist.closeOff', input),
  reopenItem: (input) => call('checklist.reopen', input),
  logVisit: (input) => call('visits.log', input),
});
