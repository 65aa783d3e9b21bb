import { z } from 'zod';
import { ChecklistItem, Milestone, Officer, Problem, ProblemEvent, Project, Text } from '../domain/index.js';

/** Entry names of an assignment packet. */
export const ASSIGNMENT_PAYLOAD_PATH = 'assignment.json';

/**
 * A project as assigned: every field bureau-owned. Being listed means assigned; absence means withdrawn.
 * `bureauCompleted` (optional, added within format version 1): the bureau's investment completed to date,
 * which the officer's progress counts until the officer's own monthly figures take over (docs/packets.md §3).
 */
export const AssignedProject = Project.omit({ archivedAt: true });
export type AssignedProject = z.infer<typeof AssignedProject>;

/** A bureau checklist item (清单). Being listed means active; absence (for a listed project) means withdrawn. */
export const AssignedChecklistItem = ChecklistItem.omit({ withdrawnAt: true }).extend({ origin: z.literal('bureau') });
export type AssignedChecklistItem = z.infer<typeof AssignedChecklistItem>;

/**
 * `assignment.json`: what the bureau sends one officer. The assignment's own sequence is the manifest's
 * `sequence`. Readers ignore fields they do not know (zod strips them), so fields may be added within
 * format version 1; nothing is ever removed or changes meaning without a new format version.
 */
export const AssignmentPayload = z
  .object({
    officer: Officer,
    /** The highest weekly-packet sequence the bureau has received from this officer (0: none yet). */
    acknowledgedWeeklySequence: z.number().int().nonnegative(),
    /** A note from the bureau shown with the preview. */
    note: Text(2000).default(''),
    projects: z.array(AssignedProject).max(10_000),
    milestones: z.array(Milestone).max(200_000),
    checklistItems: z.array(AssignedChecklistItem).max(1_000_000),
    /** Problems the bureau tracks for these projects, whoever raised them. */
    problems: z.array(Problem).max(100_000),
    /** Their events: the bureau's, and officer events the bureau already has (duplicates are ignored). */
    problemEvents: z.array(ProblemEvent).max(1_000_000),
  })
  .superRefine((a, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const projectIds = new Set<string>();
    const codes = new Set<string>();
    a.projects.forEach((p, i) => {
      if (p.officerId !== a.officer.id) issue(['projects', i, 'officerId'], `project ${p.code} is assigned to another officer`);
      if (projectIds.has(p.id)) issue(['projects', i, 'id'], `project id ${p.id} listed twice`);
      if (codes.has(p.code)) issue(['projects', i, 'code'], `project code ${p.code} listed twice`);
      projectIds.add(p.id);
      codes.add(p.code);
    });
    const unique = <T extends { id: string }>(rows: readonly T[], key: string, parent: (r: T) => string, parents: Set<string>, parentName: string) => {
      const ids = new Set<string>();
      rows.forEach((r, i) => {
        if (ids.has(r.id)) issue([key, i, 'id'], `id ${r.id} listed twice`);
        ids.add(r.id);
        if (!parents.has(parent(r))) issue([key, i], `refers to a ${parentName} not in this assignment`);
      });
      return ids;
    };
    unique(a.milestones, 'milestones', (m) => m.projectId, projectIds, 'project');
    unique(a.checklistItems, 'checklistItems', (c) => c.projectId, projectIds, 'project');
    const problemIds = unique(a.problems, 'problems', (p) => p.projectId, projectIds, 'project');
    unique(a.problemEvents, 'problemEvents', (e) => e.problemId, problemIds, 'problem');
  });
export type AssignmentPayload = z.infer<typeof AssignmentPayload>;
export type AssignmentPayloadInput = z.input<typeof AssignmentPayload>;
