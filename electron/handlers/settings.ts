import { z } from 'zod';
import { Officer } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { schemaVersion } from '../store/database.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';
import { SETTING } from './app.js';
import { backupsDir } from './backups.js';
import type { ServiceContext } from './context.js';
import { newId } from '../store/ids.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone, writeStoreTimeZone } from '../store/time-zone.js';

/** Set to 'assignment' by the assignment import when the bureau names the officer; then the identity is read-only. */
export const IDENTITY_SOURCE_SETTING = 'identitySource';

export function identitySource(ctx: ServiceContext): 'officer' | 'assignment' {
  return readSetting(ctx.db, IDENTITY_SOURCE_SETTING, z.string()) === 'assignment' ? 'assignment' : 'officer';
}

export const settingsHandlers: HandlerGroup<'settings.get' | 'settings.setOfficer' | 'settings.setTimeZone'> = {
  'settings.get': (_input, ctx) => ({
    officer: readSetting(ctx.db, SETTING.officer, Officer),
    identitySource: identitySource(ctx),
    databasePath: ctx.databasePath,
    attachmentsDir: ctx.attachmentsDir,
    backupsDir: backupsDir(ctx),
    schemaVersion: schemaVersion(ctx.db),
    timeZone: storeTimeZone(ctx.db),
  }),

  'settings.setOfficer': ({ name, unit, phone }, ctx) => {
    if (identitySource(ctx) === 'assignment') {
      throw new AppError('illegal_transition', 'the officer identity comes from the bureau’s assignment and cannot be edited here', { what: 'officer' });
    }
    const current = readSetting(ctx.db, SETTING.officer, Officer);
    const officer = Officer.parse({ id: current?.id ?? newId(), name, unit, phone });
    writeSetting(ctx.db, SETTING.officer, officer);
    return officer;
  },

  'settings.setTimeZone': ({ timeZone }, ctx) => {
    writeStoreTimeZone(ctx.db, timeZone);
    return { timeZone: storeTimeZone(ctx.db) };
  },
};
