import { randomUUID } from 'node:crypto';
import { validateMasterList } from '@shared/bureau/master-list.js';
import { localDay } from '@shared/rules/index.js';
import { AppError } from '@shared/errors.js';
import { Project, type ChecklistItem } from '@shared/domain/index.js';
import type { OperationOutput } from '@shared/operations/index.js';
import type { BureauContext } from './context.js';
import { checklistItemIdFor, milestoneIdFor, projectIdForCode } from './ids.js';
import { readMasterListFile } from './master-file.js';
import { MasterListInvalidError } from './master-errors.js';
import { bureauTimeZone } from './time-zone.js';
import {
  findOfficer,
  getBureauProject,
  insertMasterImport,
  insertOfficer,
  insertProjectRevision,
  listBureauChecklistItems,
  listBureauMilestones,
  listBureauProjects,
  updateOfficerPhone,
  upsertBureauChecklistItem,
  upsertBureauMilestone,
  upsertBureauProject,
  type BureauMilestone,
  type BureauProject,
} from './repository.js';

/** The tests import it from here. */
export { MasterListInvalidError };

/**
 * Fields compared between imports, in the project schema's order; a change to any of them is recorded in
 * project_revisions (the archive stamp and the completed figure are compared apart, after them).
 */
const PROJECT_FIELDS = [
  ...Object.keys(Project.shape).filter((f) => !['id', 'archivedAt', 'bureauCompleted'].includes(f)),
  'checklistSource',
] as (keyof BureauProject)[];

/** The outcome of an import (or of a dry run, `applied` false), project by project with the fields that changed. */
export type MasterImportResult = OperationOutput<'bureau.importMaster'>;
export type ProjectChange = MasterImportResult['projects'][number]['change'];

export interface ImportMasterOptions {
  defaultYear: number;
  /** Report what would change without writing anything. */
  dryRun?: boolean;
  /** Accept a list that withdraws more than half of the active projects (normally a wrong file). */
  allowWithdrawMost?: boolean;
  /** A job's progress (electron/bureau/long-jobs.ts): the file read, its rows compared, the projects written. */
  onProgress?: (p: { phase: 'read' | 'compare' | 'write'; done: number; total: number }) => void;
}

/** The values project_revisions compares: the fields, and the milestones and checklist each as one text. */
const valuesOf = (p: BureauProject, ms: readonly BureauMilestone[], cs: readonly ChecklistItem[]): Record<string, unknown> => ({
  ...Object.fromEntries(PROJECT_FIELDS.map((f) => [f, p[f]])),
  archivedAt: p.archivedAt,
  // One text, so a changed figure or month is a change in the history like any other field.
  bureauCompleted: p.bureauCompleted ? `${p.bureauCompleted.throughMonth}:${p.bureauCompleted.amount}` : null,
  milestones: ms.map((m) => `${m.title}:${m.plannedOn}`).join(';'),
  checklist: cs.map((i) => `${i.stage}:${i.title}:${i.dueOn}`).join(';'),
});

/** The records of `old` that `current` no longer names. */
function notIn<T extends { id: string }>(old: readonly T[], current: readonly { id: string }[]): T[] {
  const ids = new Set(current.map((c) => c.id));
  return old.filter((o) => !ids.has(o.id));
}

/**
 * What importing the list would do, written nowhere: every row validated (any problem → MasterListInvalidError),
 * the officers it creates, each project's change with its old and new values, and how many active projects it
 * withdraws (`active`: the active projects before it; the screen's preview warns when it is most of them).
 */
export function planMasterImport(ctx: BureauContext, filePath: string, options: Pick<ImportMasterOptions, 'defaultYear' | 'onProgress'>) {
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: 'read', done: 0, total: 1 });
  const file = readMasterListFile(filePath);
  // "Not in the future" is this month on the district's calendar (the desk's time zone).
  const currentMonth = localDay(ctx.now(), bureauTimeZone(ctx.db)).slice(0, 7);
  const validation = validateMasterList(file.sheet, { defaultYear: options.defaultYear, currentMonth });
  if (validation.issues.length > 0) throw new MasterListInvalidError(validation.issues);
  progress({ phase: 'compare', done: 0, total: validation.rows.length });
  const { db } = ctx;
  const now = ctx.now().toISOString();
  const importId = randomUUID();

  // Officers: matched by name and unit; new ones get a fresh id.
  const officersCreated: { id: string; name: string; unit: string; phone: string }[] = [];
  const officerIdOf = new Map<string, string>();
  const phoneUpdates = new Map<string, string>();
  for (const row of validation.rows) {
    const key = `${row.officerName}\u0000${row.officerUnit}`;
    if (officerIdOf.has(key)) {
      const created = officersCreated.find((o) => o.id === officerIdOf.get(key));
      if (created && !created.phone) created.phone = row.officerPhone;
      continue;
    }
    const existing = findOfficer(db, row.officerName, row.officerUnit);
    if (existing) {
      officerIdOf.set(key, existing.id);
      if (!existing.phone && row.officerPhone) phoneUpdates.set(existing.id, row.officerPhone);
    } else {
      const officer = { id: randomUUID(), name: row.officerName, unit: row.officerUnit, phone: row.officerPhone };
      officersCreated.push(officer);
      officerIdOf.set(key, officer.id);
    }
  }

  const plans = validation.rows.map((row) => {
    const id = projectIdForCode(row.code);
    const before = getBureauProject(db, id);
    const project: BureauProject = {
      id,
      code: row.code,
      name: row.name,
      company: row.company,
      level: row.level,
      industry: row.industry,
      stage: row.stage,
      sponsoringLeader: row.sponsoringLeader,
      sponsoringUnit: row.sponsoringUnit,
      officerId: officerIdOf.get(`${row.officerName}\u0000${row.officerUnit}`)!,
      planYear: row.planYear,
      annualPlannedInvestment: row.annualPlannedInvestment,
      totalInvestment: row.totalInvestment,
      location: row.location,
      archivedAt: null,
      checklistSource: row.checklistSource,
      masterRow: row.rowNumber,
      bureauCompleted: row.completedToDate,
    };
    const milestones: BureauMilestone[] = row.milestones.map((m, i) => ({
      ...m,
      id: milestoneIdFor(row.code, m.kind, m.title),
      projectId: id,
      sortOrder: i,
      withdrawnAt: null,
    }));
    const items: ChecklistItem[] = row.checklist.map((c, i) => ({
      ...c,
      id: checklistItemIdFor(row.code, c.stage, c.title),
      projectId: id,
      sortOrder: i,
      origin: 'bureau',
      withdrawnAt: null,
    }));
    const oldMilestones = before ? listBureauMilestones(db, id).filter((m) => m.withdrawnAt === null) : [];
    const oldItems = before ? listBureauChecklistItems(db, { projectId: id, origin: 'bureau' }).filter((c) => c.withdrawnAt === null) : [];
    const newAll = valuesOf(project, milestones, items);
    const oldAll = before ? valuesOf(before, oldMilestones, oldItems) : null;
    const fields = Object.keys(newAll).filter((f) => !oldAll || oldAll[f] !== newAll[f]);
    const change: ProjectChange = !before ? 'added' : before.archivedAt !== null ? 'restored' : fields.length > 0 ? 'updated' : 'unchanged';
    const pick = (values: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, values[f]]));
    return {
      project,
      // What the list no longer names is withdrawn, not deleted.
      milestones: [...milestones, ...notIn(oldMilestones, milestones).map((m) => ({ ...m, withdrawnAt: now }))],
      items: [...items, ...notIn(oldItems, items).map((c) => ({ ...c, withdrawnAt: now }))],
      change,
      fields,
      oldValues: oldAll ? pick(oldAll) : {},
      newValues: pick(newAll),
    };
  });

  progress({ phase: 'compare', done: plans.length, total: plans.length });
  const active = listBureauProjects(db);
  const unlisted = notIn(
    active,
    plans.map((p) => p.project),
  );
  const withdrawals = unlisted.map((p) => ({
    project: { ...p, archivedAt: now },
    milestones: [],
    items: [],
    change: 'withdrawn' as const,
    fields: ['archivedAt'],
    oldValues: { archivedAt: null },
    newValues: { archivedAt: now },
  }));
  const changes = [...plans, ...withdrawals];
  return { file, validation, importId, now, officersCreated, phoneUpdates, changes, active: active.length };
}

export type MasterImportPlan = ReturnType<typeof planMasterImport>;

/** The outcome an import answers, counted from its plan (`applied` false: a dry run, no import id). */
export function masterImportSummary(plan: MasterImportPlan, applied: boolean): MasterImportResult {
  const { file, validation, officersCreated, changes } = plan;
  const count = (c: ProjectChange) => changes.filter((p) => p.change === c).length;
  return {
    applied,
    importId: applied ? plan.importId : null,
    fileName: file.fileName,
    encoding: file.encoding,
    rows: validation.rows.length,
    added: count('added'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    withdrawn: count('withdrawn'),
    restored: count('restored'),
    officersCreated: officersCreated.map(({ id, name, unit }) => ({ id, name, unit })),
    ignoredColumns: validation.ignoredColumns,
    projects: changes.map((p) => ({ code: p.project.code, name: p.project.name, change: p.change, fields: p.fields })),
  };
}

/** Whether withdrawing `withdrawn` of `active` projects is most of them (normally a wrong file: asked for explicitly). */
export const withdrawsMost = (withdrawn: number, active: number) => withdrawn > 0 && withdrawn * 2 > active;

/**
 * Imports the master list: validates every row (any problem → MasterListInvalidError, nothing written),
 * then in one transaction creates new officers, adds and updates projects with their milestones and
 * checklist items (ids derived from the code, so re-imports match), records each project's old and new
 * values in project_revisions, and withdraws (archives) active projects the list no longer names.
 */
export function importMasterList(ctx: BureauContext, filePath: string, options: ImportMasterOptions): MasterImportResult {
  const plan = planMasterImport(ctx, filePath, options);
  const { file, importId, now, officersCreated, phoneUpdates, changes, active } = plan;
  const withdrawnCount = changes.filter((p) => p.change === 'withdrawn').length;
  if (withdrawsMost(withdrawnCount, active) && !options.allowWithdrawMost) {
    throw new AppError(
      'import_withdraws_most',
      `this list would withdraw ${withdrawnCount} of the ${active} active projects; nothing was imported. If that is intended, run again with --allow-withdraw-most`,
      { withdrawn: withdrawnCount, active },
    );
  }
  const { db } = ctx;
  const progress = options.onProgress ?? (() => undefined);
  const result = masterImportSummary(plan, !options.dryRun);
  if (options.dryRun) return result;

  db.transaction(() => {
    const { fileName, rows, added, updated, unchanged, withdrawn, restored } = result;
    insertMasterImport(db, { id: importId, fileName, sha256: file.sha256, importedAt: now, rows, added, updated, unchanged, withdrawn, restored });
    for (const o of officersCreated) insertOfficer(db, { ...o, createdAt: now });
    for (const [id, phone] of phoneUpdates) updateOfficerPhone(db, id, phone);
    for (const [i, { project, milestones, items, change, oldValues, newValues }] of changes.entries()) {
      if (i % 50 === 0) progress({ phase: 'write', done: i, total: changes.length });
      upsertBureauProject(db, project);
      if (change === 'unchanged') continue;
      for (const m of milestones) upsertBureauMilestone(db, m);
      for (const c of items) upsertBureauChecklistItem(db, c);
      insertProjectRevision(db, { projectId: project.id, importId, change, oldValues, newValues, changedAt: now });
    }
  })();
  progress({ phase: 'write', done: changes.length, total: changes.length });
  return result;
}
