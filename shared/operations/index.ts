import type { z } from 'zod';
import type { OperationResult } from '../errors.js';
import { appOperations } from './app.js';
import { combineOperationTables } from './define.js';
import { projectOperations } from './projects.js';
import { weekOperations } from './week.js';
import { reminderOperations } from './reminders.js';
import { settingsOperations } from './settings.js';
import { problemOperations } from './problems.js';
import { investmentOperations } from './investment.js';
import { milestoneOperations } from './milestones.js';
import { checklistOperations } from './checklist.js';
import { visitOperations } from './visits.js';
import { syncOperations } from './sync.js';
import { fileOperations } from './files.js';
import { storeOperations } from './store.js';
import { jobOperations } from './jobs.js';
import { backupArchiveOperations } from './backups.js';

/**
 * The one table of operations between the UI and the store. Each domain keeps its entries in its own
 * module; adding one here is the only way to make an operation exist.
 */
export const operations = combineOperationTables(
  appOperations,
  weekOperations,
  reminderOperations,
  settingsOperations,
  projectOperations,
  problemOperations,
  investmentOperations,
  milestoneOperations,
  checklistOperations,
  visitOperations,
  syncOperations,
  fileOperations,
  storeOperations,
  jobOperations,
  backupArchiveOperations,
);

export type Operations = typeof operations;
export type OperationName = keyof Operations & string;
/** What a caller may send (defaults not yet applied). */
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
/** What a handler receives after validation. */
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}

/** The API the preload exposes and the preview bridge imitates: one generic invoke. */
export interface SponsorDeskApi {
  invoke<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationResult<OperationOutput<N>>>;
}

export * from './views.js';
export * from './ledger-page.js';
export { defineOperations, combineOperationTables } from './define.js';
