import { join } from 'node:path';
import type { OperationOutput } from '@shared/operations/index.js';
import { isDemoDistrict } from '../demo/bureau-district.js';
import { writePublicKeyFile } from '../packets/keys.js';
import type { SqliteDatabase } from '../store/database.js';
import type { BureauContext } from './context.js';
import { DEFAULT_BUREAU_NAME, SETTING } from './context.js';
import { signingKey } from './init.js';
import { outputPath } from './page-files.js';
import { listBureauProjects, listOfficers, readBureauSetting } from './repository.js';
import { bureauTimeZone, setBureauTimeZone } from './time-zone.js';

/** `sponsor-desk bureau settings [--time-zone ZONE]`: the bureau's name and the district's IANA time zone. */
export type BureauSettings = OperationOutput<'bureau.settings.get'>;

export const bureauName = (db: SqliteDatabase): string => (readBureauSetting(db, SETTING.name) as string | null) ?? DEFAULT_BUREAU_NAME;

export function bureauSettings(ctx: BureauContext, change: { timeZone?: string }): BureauSettings {
  const before = bureauTimeZone(ctx.db);
  const timeZone = change.timeZone === undefined ? before : setBureauTimeZone(ctx.db, change.timeZone);
  return { bureauName: bureauName(ctx.db), timeZone, changed: timeZone !== before };
}

/** Where kept-aside databases and keys go (a restore's replaced desk, the demo left). */
export const bureauBackupsDir = (ctx: Pick<BureauContext, 'dir'>) => join(ctx.dir, 'backups');

/** The desk as the settings screen and the shell show it (`bureau.desk.about`). */
export function deskAbout(ctx: BureauContext): OperationOutput<'bureau.desk.about'> {
  return {
    bureauName: bureauName(ctx.db),
    timeZone: bureauTimeZone(ctx.db),
    dbPath: ctx.dbPath,
    publicKeyPath: ctx.publicKeyPath,
    backupsDir: bureauBackupsDir(ctx),
    fingerprint: (readBureauSetting(ctx.db, SETTING.keyFingerprint) as string | null) ?? null,
    demo: isDemoDistrict(ctx),
    projects: listBureauProjects(ctx.db).length,
    officers: listOfficers(ctx.db).length,
  };
}

/**
 * Writes the public half of the signing key (checked against the fingerprint recorded at init) as bureau.pub
 * into a chosen folder or the outbox (`bureau.key.give`), for the clerk to hand to officers with their first
 * assignment; the officer reads its fingerprint back by phone before pinning it.
 */
export function giveBureauKey(ctx: BureauContext, input: { folder?: string }): OperationOutput<'bureau.key.give'> {
  const { keys, fingerprint } = signingKey(ctx.db, ctx.privateKeyPath);
  const file = outputPath(ctx, input, 'bureau.pub', 'a folder for bureau.pub');
  writePublicKeyFile(file, keys.publicKeyPem);
  return { file, fingerprint };
}
