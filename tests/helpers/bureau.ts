import type { Officer } from '@shared/domain/index.js';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { initBureau } from '../../electron/bureau/init.js';
import { findOfficer } from '../../electron/bureau/repository.js';

/** The bureau's tables of records that officers send (what a weekly packet folds into). */
export const OFFICER_RECORD_TABLES = [
  'visits',
  'attachments',
  'checklist_events',
  'checklist_items',
  'milestone_reports',
  'problems',
  'problem_events',
  'investment_entries',
] as const;

/** A bureau database made at `path` as `bureau init` makes it (named `name` when given), then opened. */
export function newBureau(path: string, now: () => Date, name?: string): BureauContext {
  initBureau(path, name === undefined ? { now } : { name, now });
  return openBureau(path, now);
}

/** An officer the bureau registered from its master list (`name` of `unit`), as the Officer record packets carry. */
export function registeredOfficer(ctx: BureauContext, name: string, unit: string): Officer {
  const o = findOfficer(ctx.db, name, unit);
  if (!o) throw new Error(`no officer ${name} of ${unit} in the bureau`);
  return { id: o.id, name: o.name, unit: o.unit, phone: o.phone };
}
