import { Language, Officer } from '@shared/domain/index.js';
import { z } from 'zod';
import { schemaVersion } from '../store/database.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';
import { reportingDay } from './project-views.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';
import { integrityStatus } from '../jobs/integrity-schedule.js';

export const SETTING = { officer: 'officer', language: 'language', demo: 'demo' } as const;

export const appHandlers: HandlerGroup<'app.info' | 'settings.setLanguage'> = {
  'app.info': (_input, ctx) => ({
    version: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    databasePath: ctx.databasePath,
    today: reportingDay(ctx.now(), storeTimeZone(ctx.db)).today,
    timeZone: storeTimeZone(ctx.db),
    officer: readSetting(ctx.db, SETTING.officer, Officer),
    language: readSetting(ctx.db, SETTING.language, Language) ?? 'zh-CN',
    demo: readSetting(ctx.db, SETTING.demo, z.boolean()) ?? false,
    integrity: integrityStatus(ctx),
  }),

  'settings.setLanguage': ({ language }, ctx) => {
    writeSetting(ctx.db, SETTING.language, language);
    return { language };
  },
};
