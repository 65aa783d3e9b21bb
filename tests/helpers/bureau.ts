import type { Officer } from '@shared/domain/index.js';
import { join } from 'node:path';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { initBureau } from '../../electron/bureau/init.js';
import { addOfficer } from '../../electron/bureau/officers.js';
import { findOfficer } from '../../electron/bureau/repository.js';
import { writePublicKeyFile, type KeyPairPem } from '../../electron/packets/keys.js';
import type { TempDir } from './temp-store.js';

const SAMPLE_MASTER_LIST = join(import.meta.dirname, '../../docs/samples/master-list.xlsx');

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

/** A new bureau at `path` that has imported the sample master list (30 projects, four officers) for 2026. */
export function sampleBureau(path: string, now: () => Date): BureauContext {
  const ctx = newBureau(path, now);
  importMasterList(ctx, SAMPLE_MASTER_LIST, { defaultYear: 2026 });
  return ctx;
}

/** Registers the officer's key from a key file written into `dir`, as `officers add --officer … --key FILE` does. */
export function registerOfficerKey(ctx: BureauContext, officer: Officer, keys: KeyPairPem, dir: TempDir): void {
  writePublicKeyFile(dir.file(`${officer.id}.pub`), keys.publicKeyPem);
  addOfficer(ctx, { officer: officer.id, keyFile: dir.file(`${officer.id}.pub`) });
}
