import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { acknowledgeableSequence, lastAssignmentNumber } from './acknowledgement.js';
import { assignAll, type AssignResult } from './assign.js';
import type { BureauContext } from './context.js';
import { resolveOfficer } from './officers.js';
import { listBureauProjects, listOfficers } from './repository.js';

/**
 * The screen's assignments (bureau.master.assign): for the officers the clerk ticked, or every officer with
 * something to hand over. Every chosen officer is checked before any file is written, so a refusal writes nothing.
 */

/** Per officer, active projects and what their last and their next assignment acknowledge (the screen's table). */
export function assignees(ctx: BureauContext): OperationOutput<'bureau.master.assignees'> {
  const projects = new Map<string, number>();
  for (const p of listBureauProjects(ctx.db)) projects.set(p.officerId, (projects.get(p.officerId) ?? 0) + 1);
  const last = ctx.db.prepare('SELECT acknowledged_sequence AS n FROM assignments WHERE officer_id = ? ORDER BY sequence DESC LIMIT 1');
  return listOfficers(ctx.db).map((o) => ({
    officerId: o.id,
    lastAcknowledged: (last.get(o.id) as { n: number } | undefined)?.n ?? null,
    acknowledges: acknowledgeableSequence(ctx.db, o.id),
    activeProjects: projects.get(o.id) ?? 0,
  }));
}

export async function assignChosen(ctx: BureauContext, outDir: () => string, officerRefs: readonly string[], note?: string): Promise<AssignResult[]> {
  const active = new Set(listBureauProjects(ctx.db).map((p) => p.officerId));
  // An officer with no project now and none handed over before would get an empty file: nothing to withdraw, nothing to do.
  const hasWork = (id: string) => active.has(id) || lastAssignmentNumber(ctx.db, id) > 0;
  if (officerRefs.length === 0) {
    if (!listOfficers(ctx.db).some((o) => hasWork(o.id))) {
      throw new AppError('invalid_input', 'no officer has projects: import the master list first', { what: 'assign_no_projects' });
    }
    return assignAll(ctx, { outDir: outDir(), note });
  }
  const chosen = [...new Map(officerRefs.map((ref) => resolveOfficer(ctx, ref)).map((o) => [o.id, o])).values()];
  const idle = chosen.filter((o) => !hasWork(o.id));
  if (idle.length > 0) {
    const names = idle.map((o) => o.name).join('、');
    throw new AppError('invalid_input', `${names}: no projects to hand over; nothing was written`, { what: 'assign_officer_idle', officers: names });
  }
  const dir = outDir();
  const results: AssignResult[] = [];
  for (const officer of chosen) results.push(...(await assignAll(ctx, { outDir: dir, officer: officer.id, note })));
  return results;
}
