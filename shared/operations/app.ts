import { z } from 'zod';
import { IsoDate, Language, Officer } from '../domain/index.js';
import { defineOperations } from './define.js';

export const appOperations = defineOperations({
  /** What the shell needs at start: who, which language, which store. */
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      databasePath: z.string(),
      today: IsoDate,
      /** The district's IANA time zone (the store's setting): `today` is its calendar day; times are shown in it. */
      timeZone: z.string(),
      officer: Officer.nullable(),
      language: Language,
      demo: z.boolean(),
      /**
       * The store's last full integrity check (run in the background after start, then daily): when and
       * whether it passed, with SQLite's findings when not. Null: not checked yet.
       */
      integrity: z.object({ checkedAt: z.string(), ok: z.boolean(), findings: z.array(z.string()) }).nullable(),
    }),
  },
  'settings.setLanguage': { input: z.object({ language: Language }), output: z.object({ language: Language }), changes: ['language'] },
});
