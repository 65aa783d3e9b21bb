import { z } from 'zod';
import { Attachment, InvestmentEntry } from '../domain/index.js';
import { BureauLights, BureauProblemView } from './bureau.js';
import { defineOperations, texts } from './define.js';
import { ChecklistItemView, MilestoneView, ProjectSummary, VisitView } from './views.js';

/**
 * The bureau desk's project page (项目页, issue 12 screen 2): everything the bureau has received for one project,
 * in one answer. The records keep the shapes the officer's project page shows (shared/operations/views.ts), so
 * the same read-only components draw them; what only the bureau knows is added beside them.
 */

/**
 * A photo or evidence file as the bureau holds it. `storedName`: the name under which the preview's /files/ and
 * the app:// protocol serve the received file (`<sha256>.<ext>`), null while its file has not arrived (a packet
 * may carry the record before the bytes). `fileName` stays the name the officer gave it.
 */
export const BureauAttachment = Attachment.extend({ storedName: z.string().nullable() });
export type BureauAttachment = z.infer<typeof BureauAttachment>;

export const BureauProjectPage = z.object({
  ...texts('asOfMonth', 'referenceDay'),
  /** The project with the overview's figures for it (the project table's row, measured the same way). */
  project: ProjectSummary,
  /** Its sponsor officer as the bureau registered them, and when their last packet (not voided) arrived. */
  officer: z.object({ ...texts('id', 'name', 'unit', 'phone'), lastPacketAt: z.string().nullable() }),
  /** The wall chart (挂图作战): the plan's milestones in force, each with the officer's reports. */
  milestones: z.array(MilestoneView),
  /** The checklist (清单) with close-offs (销号); `files`: the evidence files of its events. */
  checklist: z.array(ChecklistItemView.extend({ files: z.array(BureauAttachment) })),
  /** Sponsor actions (帮包工作), newest first, with their photos. */
  visits: z.array(VisitView.extend({ photos: z.array(BureauAttachment) })),
  /** Problems of both origins with their merged timelines, newest first. */
  problems: z.array(BureauProblemView),
  /** Every monthly figure received, corrections included (the latest entry of a month is in force). */
  investment: z.array(InvestmentEntry),
  /** Its traffic lights (红黄绿灯), as its row in the project table has them; null when the month's plan year is not the project's. */
  lights: BureauLights.nullable(),
});
export type BureauProjectPage = z.infer<typeof BureauProjectPage>;

export const bureauProjectOperations = defineOperations({
  /**
   * One project's page by code (GX-2026-001) or id; figures as of the overview's month. Refused (not_found, what
   * bureau_project) for a project the bureau does not hold, and (invalid_input, what withdrawn_project) for one the
   * master list withdrew.
   */
  'bureau.projects.get': {
    input: z.object({ project: z.string(), asOfMonth: z.string().optional(), referenceDay: z.string().optional() }),
    output: BureauProjectPage,
  },
});
