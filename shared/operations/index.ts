import type { z } from 'zod';
import type { OperationResult } from '../errors.js';
import type { Desk } from '../records/catalogue.js';
import { appOperations } from './app.js';
import { combineOperationTables } from './define.js';
import { projectOperations } from './projects.js';
import { weekOperations } from './week.js';
import { reminderOperations } from './reminders.js';
import { settingsOperations } from './settings.js';
import { problemOperations } from './problems.js';
import { checklistOperations } from './checklist.js';
import { visitOperations } from './visits.js';
import { syncOperations } from './sync.js';
import { fileOperations } from './files.js';
import { storeOperations } from './store.js';
import { jobOperations } from './jobs.js';
import { backupArchiveOperations } from './backups.js';
import { bureauOperations } from './bureau.js';
import { bureauFilesOperations } from './bureau-files.js';
import { bureauJobsOperations } from './bureau-jobs.js';
import { bureauProjectOperations } from './bureau-project.js';
import { bureauInboxOperations } from './bureau-inbox.js';
import { bureauMasterOperations } from './bureau-master.js';
import { bureauReportsOperations } from './bureau-reports.js';
import { bureauSettingsOperations } from './bureau-settings.js';
import { bureauOverviewOperations } from './bureau-overview.js';
import { bureauBulletinOperations } from './bureau-bulletin.js';

/**
 * The one table of operations between the UI and the store, for both desks: `bureau.*` names are the
 * bureau desk's (served with a BureauContext), every other name the officer desk's. Each domain keeps its
 * entries in its own module; adding one here is the only way to make an operation exist.
 */
export const operations = combineOperationTables(
  appOperations,
  weekOperations,
  reminderOperations,
  settingsOperations,
  projectOperations,
  problemOperations,
  checklistOperations,
  visitOperations,
  syncOperations,
  fileOperations,
  storeOperations,
  jobOperations,
  backupArchiveOperations,
  bureauOperations,
  bureauFilesOperations,
  bureauJobsOperations,
  bureauProjectOperations,
  bureauInboxOperations,
  bureauMasterOperations,
  bureauReportsOperations,
  bureauSettingsOperations,
  bureauOverviewOperations,
  bureauBulletinOperations,
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

/** Which desk serves an operation: the bureau's names start with `bureau.`. */
export type BureauOperationName = Extract<OperationName, `bureau.${string}`>;
export type OfficerOperationName = Exclude<OperationName, BureauOperationName>;
export type DeskOperationName<D extends Desk> = D extends 'bureau' ? BureauOperationName : OfficerOperationName;

export const deskOf = (name: OperationName): Desk => (name.startsWith('bureau.') ? 'bureau' : 'officer');

export function isDeskOperationName<D extends Desk>(desk: D, name: unknown): name is DeskOperationName<D> {
  return isOperationName(name) && deskOf(name) === desk;
}

export const OFFICER_OPERATION_NAMES = OPERATION_NAMES.filter((n) => deskOf(n) === 'officer') as OfficerOperationName[];
export const BUREAU_OPERATION_NAMES = OPERATION_NAMES.filter((n) => deskOf(n) === 'bureau') as BureauOperationName[];

/** The API the preload exposes and the preview bridge imitates: one generic invoke. */
export interface SponsorDeskApi {
  invoke<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationResult<OperationOutput<N>>>;
}

/** One desk's view of the API: the bureau desk's client can name only `bureau.*` operations, the officer's only the others. */
export interface DeskApi<D extends Desk> {
  invoke<N extends DeskOperationName<D>>(name: N, input: OperationInput<N>): Promise<OperationResult<OperationOutput<N>>>;
}

export * from './views.js';
export * from './ledger-page.js';
export { defineOperations, combineOperationTables } from './define.js';
export type { Desk };
