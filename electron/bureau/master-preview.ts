import { basename } from 'node:path';
import type { OperationOutput } from '@shared/operations/index.js';
import type { BureauContext } from './context.js';
import { masterImportSummary, planMasterImport, withdrawsMost, type MasterImportPlan } from './import-master.js';
import { MasterListInvalidError } from './master-errors.js';
import { listBureauProjects, listOfficers } from './repository.js';

/**
 * The screen's preview of a master list import (bureau.master.preview): what `bureau.importMaster` with dryRun
 * would answer, plus what the screen shows around it. Wrong rows come back as data (row, column, code), not as a
 * refusal, so the screen lists every one of them in a table; each updated project carries its fields' values
 * before and after; a list that would withdraw most active projects is previewed too, flagged for a confirmation.
 */
export type MasterPreview = OperationOutput<'bureau.master.preview'>;

/** A compared value as the clerk reads it: numbers as written, nothing as an empty text, the officer by name. */
function shown(field: string, value: unknown, officerNames: Map<string, string>): string {
  if (value === null || value === undefined) return '';
  if (field === 'officerId') return officerNames.get(String(value)) ?? String(value);
  return String(value);
}

function updatesOf(ctx: BureauContext, plan: MasterImportPlan): MasterPreview['updates'] {
  const officerNames = new Map(listOfficers(ctx.db).map((o) => [o.id, `${o.name}（${o.unit}）`]));
  for (const o of plan.officersCreated) officerNames.set(o.id, `${o.name}（${o.unit}）`);
  return plan.changes
    .filter((c) => c.change === 'updated' || c.change === 'restored')
    .map((c) => {
      const [before, after] = [c.oldValues, c.newValues] as Record<string, unknown>[];
      return {
        code: c.project.code,
        name: c.project.name,
        fields: c.fields.map((field) => ({ field, before: shown(field, before![field], officerNames), after: shown(field, after![field], officerNames) })),
      };
    });
}

export function previewMasterList(ctx: BureauContext, filePath: string, defaultYear: number): MasterPreview {
  let plan: MasterImportPlan;
  try {
    plan = planMasterImport(ctx, filePath, { defaultYear });
  } catch (error) {
    // The rows' (and the file's own) problems, every one: the screen's table of what to fix. Nothing was read into the desk.
    if (!(error instanceof MasterListInvalidError)) throw error;
    const active = listBureauProjects(ctx.db).length;
    return { fileName: basename(filePath), issues: error.masterIssues, summary: null, updates: [], active, withdrawsMost: false };
  }
  const summary = masterImportSummary(plan, false);
  return {
    fileName: summary.fileName,
    issues: [],
    summary,
    updates: updatesOf(ctx, plan),
    active: plan.active,
    withdrawsMost: withdrawsMost(summary.withdrawn, plan.active),
  };
}
