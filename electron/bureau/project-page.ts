import type { Attachment } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import type { BureauAttachment, BureauProjectPage } from '@shared/operations/bureau-project.js';
import { deriveChecklistState, groupBy, isProblemOpen, isTaskOverdue, latestEntry, problemView } from '@shared/rules/index.js';
import { fromRow, selectSql } from '@shared/records/index.js';
import { summarize } from '../handlers/project-views.js';
import { fileKindOfMimeType } from '../packets/file-kind.js';
import type { BureauContext } from './context.js';
import { projectIdForCode } from './ids.js';
import { readProjectRecords } from './project-page-records.js';
import type { BureauProject } from './repository.js';
import { resolveSummaryDates, type SummaryOptions } from './summary.js';

/**
 * The bureau's project page (issue 12 screen 2): one project with everything the bureau has received for it,
 * assembled from one read of its records (project-page-records.ts) by the rules the officer's page and the
 * overview use (shared/rules): progress as of the overview's month, close-off state, problem state and
 * timelines. Nothing here writes.
 */

/** A project by id or code (the code's id first: master-list ids are derived from the code), archived ones too. */
function findProject(ctx: BureauContext, text: string): BureauProject | undefined {
  const byId = ctx.db.prepare(selectSql('project', 'bureau', 'WHERE id = ? OR id = ? OR code = ?', { state: true }));
  const row = byId.get(text, projectIdForCode(text), text) as Record<string, unknown> | undefined;
  return row ? fromRow<BureauProject>('project', row) : undefined;
}

/** The project the page is asked for; refused when the bureau does not hold it or the master list withdrew it. */
export function pageProject(ctx: BureauContext, codeOrId: string): BureauProject {
  const text = codeOrId.trim();
  const project = text === '' ? undefined : findProject(ctx, text);
  if (!project) throw new AppError('not_found', `no project ${text} in the bureau's master list`, { what: 'bureau_project', id: text });
  if (project.archivedAt !== null) {
    throw new AppError('invalid_input', `project ${project.code} was withdrawn from the master list`, {
      what: 'withdrawn_project',
      code: project.code,
      name: project.name,
    });
  }
  return project;
}

/** Where the preview's /files/ and the app:// protocol find a received file: `<sha256>.<ext>` (attachment-kinds.ts photoPath). */
export function storedFileName(attachment: Pick<Attachment, 'sha256' | 'mimeType'>): string | null {
  const kind = fileKindOfMimeType(attachment.mimeType);
  return kind && /^[0-9a-f]{64}$/.test(attachment.sha256) ? `${attachment.sha256}.${kind.ext}` : null;
}

/** One project's page, with figures as of the overview's month (`options`, as bureau.projects.list takes them). */
export function projectPage(ctx: BureauContext, codeOrId: string, options: SummaryOptions = {}): Omit<BureauProjectPage, 'lights'> {
  const { db } = ctx;
  const { asOfMonth, referenceDay } = resolveSummaryDates(ctx, options);
  const project = pageProject(ctx, codeOrId);
  const r = readProjectRecords(db, project.id);
  const officer = db
    .prepare(
      `SELECT o.id, o.name, o.unit, o.phone,
        (SELECT max(received_at) FROM received_packets p WHERE p.officer_id = o.id AND p.voided_at IS NULL) AS lastPacketAt
       FROM officers o WHERE o.id = ?`,
    )
    .get(project.officerId) as BureauProjectPage['officer'] | undefined;

  const files = groupBy(
    r.attachments.map(({ fileStored, ...a }): BureauAttachment => ({ ...a, storedName: fileStored ? storedFileName(a) : null })),
    (a) => a.ownerId,
  );
  const reportsOf = groupBy(r.milestoneReports, (m) => m.milestoneId);
  const eventsOfItem = groupBy(r.checklistEvents, (e) => e.itemId);
  const eventsOfProblem = groupBy(r.problemEvents, (e) => e.problemId);

  const checklist = r.checklist.map((item) => {
    const events = eventsOfItem.get(item.id) ?? [];
    const state = deriveChecklistState(events);
    return { ...item, events, ...state, overdue: isTaskOverdue(item, state, referenceDay), files: events.flatMap((e) => files.get(e.id) ?? []) };
  });
  const problems = r.problems.map((p) => ({
    ...problemView(p, eventsOfProblem.get(p.id) ?? [], referenceDay),
    projectCode: project.code,
    projectName: project.name,
    projectArchived: false,
    officerId: project.officerId,
    officerName: officer?.name ?? '',
  }));
  const lastVisitOn = r.visits[0]?.visitedOn ?? null;

  return {
    asOfMonth,
    referenceDay,
    project: summarize(project, {
      entries: r.investment,
      openProblems: problems.filter((p) => isProblemOpen(p.status)).length,
      overdueItems: checklist.filter((c) => c.overdue).length,
      lastVisitOn,
      today: referenceDay,
      asOfMonth,
    }),
    officer: officer ?? { id: project.officerId, name: '', unit: '', phone: '', lastPacketAt: null },
    milestones: r.milestones.map((m) => {
      const reports = reportsOf.get(m.id) ?? [];
      return { ...m, reports, reachedOn: latestEntry(reports)?.reachedOn ?? null };
    }),
    checklist,
    visits: r.visits.map((v) => ({ ...v, photos: files.get(v.id) ?? [] })),
    problems,
    investment: r.investment,
  };
}
