import { z } from 'zod';
import { Attachment, IsoDate, RecordId, RequiredText } from '../domain/index.js';
import { defineOperations } from './define.js';
import { ChecklistItemView } from './views.js';
import { uploadOf } from './visits.js';

/** Evidence of a close-off may be a photo or scan (image) or a PDF. */
const EvidenceUpload = uploadOf(/^(image\/[a-z0-9.+-]+|application\/pdf)$/, 'evidence must be an image or a PDF');

export const checklistOperations = defineOperations({
  /**
   * Closes a task off (销号): an event with the day it was done, the evidence and optionally a file. The day
   * may not be in the future nor before the plan year; a closed, withdrawn or unknown item is refused.
   */
  'checklist.closeOff': {
    input: z.object({ itemId: RecordId, effectiveOn: IsoDate, note: RequiredText(2000), attachment: EvidenceUpload.optional() }),
    output: ChecklistItemView,
    changes: ['checklist'],
  },
  /** Reopens a closed task with a reason: a new event; the close-off stays in the history. */
  'checklist.reopen': {
    input: z.object({ itemId: RecordId, effectiveOn: IsoDate, reason: RequiredText(2000) }),
    output: ChecklistItemView,
    changes: ['checklist'],
  },
  /** The evidence files of a project's close-offs (the rows; the files are served beside the database). */
  'checklist.attachments': { input: z.object({ projectId: RecordId }), output: z.array(Attachment) },
});
