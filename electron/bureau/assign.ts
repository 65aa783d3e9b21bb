import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Problem, ProblemEvent } from '@shared/domain/index.js';
import type { AssignmentPayloadInput } from '@shared/packets/assignment.js';
import { writeAssignmentFile } from '../packets/assignment-file.js';
import type { BureauContext } from './context.js';
import { loadBureauKeys } from './init.js';
import { resolveOfficer } from './officers.js';
import { acknowledgeableSequence, lastAssignmentNumber } from './acknowledgement.js';
import { recordAssignedProjects } from './authorize.js';
import {
  insertAssignment,
  listBureauChecklistItems,
  listBureauMilestones,
  listBureauProjects,
  listFolded,
  listOfficers,
  type BureauOfficer,
} from './repository.js';

export interface AssignResult {
  officerId: string;
  officerName: string;
  officerUnit: string;
  sequence: number;
  file: string;
  sha256: string;
  projects: number;
  milestones: number;
  checklistItems: number;
  problems: number;
  /** The highest weekly-packet sequence whose chain the bureau holds whole (acknowledgement.ts): what this assignment acknowledges. */
  acknowledgedWeeklySequence: number;
}

/** A file name that survives USB sticks and messaging apps: the officer's name, an id prefix and the sequence. */
export function assignmentFileName(officer: Pick<BureauOfficer, 'id' | 'name'>, sequence: number): string {
  const name = officer.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return `assignment-${name}-${officer.id.slice(0, 8)}-${String(sequence).padStart(4, '0')}.zip`;
}

/**
 * Builds the payload of one officer's assignment: their active projects with milestones and bureau checklist
 * items still in force, every problem on those projects with all its events, and the acknowledgement.
 */
export function buildAssignmentPayload(ctx: BureauContext, officer: BureauOfficer, note = ''): AssignmentPayloadInput {
  const { db } = ctx;
  const projects = listBureauProjects(db, { officerId: officer.id });
  const ids = new Set(projects.map((p) => p.id));
  const milestones = listBureauMilestones(db).filter((m) => ids.has(m.projectId) && m.withdrawnAt === null);
  const items = listBureauChecklistItems(db, { origin: 'bureau' }).filter((c) => ids.has(c.projectId) && c.withdrawnAt === null);
  const problems = listFolded<Problem>(db, 'problem').filter((p) => ids.has(p.projectId));
  const problemIds = new Set(problems.map((p) => p.id));
  const events = listFolded<ProblemEvent>(db, 'problem_event').filter((e) => problemIds.has(e.problemId));
  return {
    officer: { id: officer.id, name: officer.name, unit: officer.unit, phone: officer.phone },
    acknowledgedWeeklySequence: acknowledgeableSequence(db, officer.id),
    note,
    // The master list's facts; the bureau's figure only when the list gives one: a packet without it stays as it
    // was (readers treat absent as none).
    projects: projects.map(({ archivedAt: _a, checklistSource: _c, masterRow: _m, bureauCompleted, ...p }) => ({
      ...p,
      ...(bureauCompleted ? { bureauCompleted } : {}),
    })),
    milestones: milestones.map(({ withdrawnAt: _w, ...m }) => m),
    checklistItems: items.map(({ withdrawnAt: _w, ...c }) => ({ ...c, origin: 'bureau' as const })),
    problems,
    problemEvents: events,
  };
}

/**
 * Writes one signed assignment per officer into `outDir`, each with the next sequence for that officer.
 * Officers with active projects get one, and so does an officer who had assignments before and now has none
 * (so their store archives the withdrawn projects). Each file is written atomically, then recorded.
 */
export async function assignAll(ctx: BureauContext, options: { outDir: string; officer?: string; note?: string }): Promise<AssignResult[]> {
  const { keys, bureauName } = loadBureauKeys(ctx);
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const active = new Set(listBureauProjects(ctx.db).map((p) => p.officerId));
  const officers = options.officer
    ? [resolveOfficer(ctx, options.officer)]
    : listOfficers(ctx.db).filter((o) => active.has(o.id) || lastAssignmentNumber(ctx.db, o.id) > 0);
  const results: AssignResult[] = [];
  for (const officer of officers) {
    const payload = buildAssignmentPayload(ctx, officer, options.note ?? '');
    const sequence = lastAssignmentNumber(ctx.db, officer.id) + 1;
    const createdAt = ctx.now().toISOString();
    const file = join(outDir, assignmentFileName(officer, sequence));
    const written = await writeAssignmentFile(file, { payload, sequence, packetId: randomUUID(), createdAt, bureauName, keys });
    try {
      ctx.db.transaction(() => {
        insertAssignment(ctx.db, {
          officerId: officer.id,
          sequence,
          packetId: written.manifest.packetId,
          createdAt,
          fileName: file,
          sha256: written.fileSha256,
          acknowledgedSequence: payload.acknowledgedWeeklySequence,
          projects: payload.projects.length,
        });
        // What it handed over: ingest accepts an officer's records only on projects handed to them (authorize.ts).
        const projectIds = payload.projects.map((p) => p.id);
        recordAssignedProjects(ctx.db, officer.id, sequence, projectIds);
      })();
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
    results.push({
      officerId: officer.id,
      officerName: officer.name,
      officerUnit: officer.unit,
      sequence,
      file,
      sha256: written.fileSha256,
      projects: payload.projects.length,
      milestones: payload.milestones.length,
      checklistItems: payload.checklistItems.length,
      problems: payload.problems.length,
      acknowledgedWeeklySequence: payload.acknowledgedWeeklySequence,
    });
  }
  return results;
}
