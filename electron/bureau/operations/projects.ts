import { computeDistrictSummary } from '@shared/bureau/summary.js';
import type { BureauProjectRow } from '@shared/operations/bureau.js';
import { projectSearchKey } from '../../handlers/search-key-memo.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { bureauLightThresholds, compactLights, districtLights } from '../lights.js';
import { listOfficers } from '../repository.js';
import { summaryInput, type SummaryOptions } from '../summary.js';
import { lastPackets } from './roll-call.js';

/**
 * The bureau's project table: each active project of the plan year with the overview's own figures for it.
 * No formula is said again here: the district summary is computed once with every project as its own
 * sponsoring unit, so each "unit" row is one project measured exactly as the overview measures a group
 * (investment, problems open and overdue on the reference day), and its traffic lights by the shared rule (lights.ts).
 */
export function listProjectRows(ctx: BureauContext, options: SummaryOptions) {
  const input = summaryInput(ctx, options);
  const perProject = computeDistrictSummary({ ...input, projects: input.projects.map((p) => ({ ...p, sponsoringUnit: p.id })) });
  const figures = new Map(perProject.byUnit.map((row) => [row.name, row]));
  const officers = new Map(listOfficers(ctx.db).map((o) => [o.id, o.name]));
  const lastPacket = lastPackets(ctx);
  // The lights from the records the summary input already holds: no second read, no statement per project.
  const lights = districtLights(input, bureauLightThresholds(ctx));
  const rows: BureauProjectRow[] = input.projects
    .filter((p) => figures.has(p.id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((p) => {
      const { investment, problems } = figures.get(p.id)!;
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        company: p.company,
        level: p.level,
        stage: p.stage,
        sponsoringLeader: p.sponsoringLeader,
        sponsoringUnit: p.sponsoringUnit,
        officerId: p.officerId,
        officerName: officers.get(p.officerId) ?? '',
        searchKey: projectSearchKey(p.name, p.company, p.code),
        planned: investment.planned,
        completed: investment.completed,
        completionPct: investment.completionPct,
        aheadPoints: investment.aheadPoints,
        openProblems: problems.open,
        overdueProblems: problems.overdue,
        lastPacketAt: lastPacket.get(p.officerId)?.at ?? null,
        lights: compactLights(lights.get(p.id)!),
      };
    });
  const { asOfMonth, referenceDay, elapsedMonths, timeProportionalPct } = perProject;
  return { asOfMonth, referenceDay, elapsedMonths, timeProportionalPct, rows };
}

/** The district's projects, as the bureau's project table (项目库) shows them. */
export const projectHandlers: HandlerGroup<'bureau.projects.list'> = { 'bureau.projects.list': (dates, ctx) => listProjectRows(ctx, dates) };
