import { join } from 'node:path';
import { AppError } from '@shared/errors.js';
import { flagArg, parseCommandArgs, stringArg, ArgumentError, type CliArgs, type CliOptions } from '../args.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT, printJson, printLines, printWrongArguments, Refusal, valueOf } from '../print.js';
import { toErrorShape } from '../../handlers/registry.js';
import { BUREAU_LINES, type CliBureauOperation } from './print.js';
import { lazyBureau } from '../../bureau/context.js';
import { DEFAULT_BUREAU_DB } from '../../bureau/database.js';
import type { BureauSettings } from '../../bureau/desk-settings.js';
import type { IngestFileResult } from '../../bureau/ingest.js';
import { langFromEnv } from '@shared/i18n/catalogue.js';
import { cliMessage, type CliMessageKey } from '@shared/i18n/cli-messages.js';
import { describeFailure, type Lang } from './messages.js';
import { createBureauRegistry } from '../../bureau/operations/index.js';

/**
 * `sponsor-desk bureau …`, wired into electron/cli/main.ts: a thin client of the bureau's registry. Each
 * command line is parsed (electron/cli/args.ts), turned into one `bureau.*` operation, dispatched, and its
 * result printed as lines (print.ts) or as JSON with --json; a refusal goes to stderr with exit code 1,
 * wrong arguments with exit code 2.
 */

export interface BureauCliDeps {
  /** The clock (tests stand at a fixed day). */
  now?: () => Date;
  env?: Record<string, string | undefined>;
  cwd?: () => string;
}

type Call = { name: CliBureauOperation; input: Record<string, unknown> };

/** The bureau's commands: those the catalogue has a usage line for (shared/i18n/cli-messages.ts). */
type BureauCommandName = CliMessageKey extends infer K ? (K extends `usage.bureau.${infer N}` ? N : never) : never;

interface Subcommand {
  options: CliOptions;
  /** Takes arguments besides its options (files, or an action and an officer). */
  positionals?: boolean;
  /** The operation a command line asks for; null when its arguments make none (wrong arguments). */
  route(a: CliArgs): Call | null;
}

const COMMON = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies CliOptions;

const strings = (...names: string[]): CliOptions => Object.fromEntries(names.map((name) => [name, { type: 'string' }]));
const call = (name: CliBureauOperation, input: Record<string, unknown> = {}): Call => ({ name, input });
const dates = (a: CliArgs) => ({ asOfMonth: stringArg(a, 'as-of'), referenceDay: stringArg(a, 'on') });
const KEY_ACTIONS = {
  pending: 'bureau.officers.pending',
  'accept-key': 'bureau.officers.acceptKey',
  'reject-key': 'bureau.officers.rejectKey',
  voided: 'bureau.officers.voided',
} as const;

function routeOfficers(a: CliArgs): Call | null {
  const action = a.positionals[0] ?? 'list';
  if (action === 'list') return call('bureau.officers.list');
  if (Object.hasOwn(KEY_ACTIONS, action)) {
    const input = { officer: a.positionals[1], fingerprint: stringArg(a, 'fingerprint'), replaceKey: flagArg(a, 'replace-key') };
    return call(KEY_ACTIONS[action as keyof typeof KEY_ACTIONS], input);
  }
  if (action !== 'add') return null;
  const [officer, keyFile, replaceKey] = [stringArg(a, 'officer'), stringArg(a, 'key'), flagArg(a, 'replace-key')];
  if (officer && keyFile) return call('bureau.officers.addKey', { officer, keyFile, replaceKey });
  return call('bureau.officers.add', {
    name: stringArg(a, 'name'),
    unit: stringArg(a, 'unit'),
    phone: stringArg(a, 'phone'),
    id: stringArg(a, 'id'),
    officer,
    keyFile,
    replaceKey,
  });
}

function routeProblems(a: CliArgs): Call | null {
  const action = a.positionals[0] ?? 'list';
  if (a.positionals.length > 1) return null;
  const v = (name: string) => stringArg(a, name);
  if (action === 'list') {
    const origin = v('origin');
    if (origin !== undefined && origin !== 'bureau' && origin !== 'officer') return null;
    return call('bureau.problems.list', { project: v('project'), openOnly: flagArg(a, 'open'), origin });
  }
  if (action === 'raise') {
    const [project, category, description] = [v('project'), v('category'), v('description')];
    if (project === undefined || category === undefined || description === undefined) return null;
    const raise = { responsibleDepartment: v('department'), coordinatingLeader: v('leader'), dueOn: v('due') ?? null, raisedBy: v('by') };
    return call('bureau.problems.raise', { project, category, description, ...raise });
  }
  if (action === 'act') {
    const [problem, step] = [v('problem'), v('action')];
    if (problem === undefined || step === undefined) return null;
    return call('bureau.problems.act', { problem, action: step, note: v('note'), department: v('department'), resolution: v('resolution'), by: v('by') });
  }
  return null;
}

const SUBCOMMANDS: Record<BureauCommandName, Subcommand> = {
  init: { options: { name: { type: 'string' } }, route: (a) => call('bureau.init', { name: stringArg(a, 'name') }) },
  'import-master': {
    options: { year: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'allow-withdraw-most': { type: 'boolean', default: false } },
    positionals: true,
    route: (a) => {
      if (a.positionals.length !== 1) return null;
      const year = stringArg(a, 'year');
      if (year !== undefined && !/^\d{4}$/.test(year)) throw new AppError('invalid_input', `--year must be a year YYYY, not "${year}"`, { what: 'year' });
      const flags = { dryRun: flagArg(a, 'dry-run'), allowWithdrawMost: flagArg(a, 'allow-withdraw-most') };
      return call('bureau.importMaster', { file: a.positionals[0], year: year ? Number(year) : undefined, ...flags });
    },
  },
  officers: {
    options: { ...strings('name', 'unit', 'phone', 'id', 'officer', 'key', 'fingerprint'), 'replace-key': { type: 'boolean', default: false } },
    positionals: true,
    route: routeOfficers,
  },
  assign: {
    options: { out: { type: 'string' }, officer: { type: 'string' }, note: { type: 'string' } },
    route: (a) =>
      stringArg(a, 'out') === undefined
        ? null
        : call('bureau.assign', { out: stringArg(a, 'out'), officer: stringArg(a, 'officer'), note: stringArg(a, 'note') }),
  },
  ingest: {
    options: { 'require-registered-keys': { type: 'boolean', default: false } },
    positionals: true,
    route: (a) =>
      a.positionals.length === 0 ? null : call('bureau.ingest', { paths: a.positionals, requireRegisteredKeys: flagArg(a, 'require-registered-keys') }),
  },
  summary: { options: { 'as-of': { type: 'string' }, on: { type: 'string' } }, route: (a) => call('bureau.summary', dates(a)) },
  problems: {
    options: {
      ...strings('project', 'origin', 'category', 'description', 'department', 'leader', 'due', 'by', 'problem', 'action', 'note', 'resolution'),
      open: { type: 'boolean', default: false },
    },
    positionals: true,
    route: routeProblems,
  },
  settings: {
    options: { 'time-zone': { type: 'string' } },
    route: (a) => {
      const timeZone = stringArg(a, 'time-zone');
      return timeZone === undefined ? call('bureau.settings.get') : call('bureau.settings.set', { timeZone });
    },
  },
  backup: {
    options: { out: { type: 'string' } },
    route: (a) => (stringArg(a, 'out') === undefined ? null : call('bureau.backup', { out: stringArg(a, 'out') })),
  },
  restore: { options: {}, positionals: true, route: (a) => (a.positionals.length !== 1 ? null : call('bureau.restore', { file: a.positionals[0] })) },
  'export-ledger': {
    options: { out: { type: 'string' }, 'as-of': { type: 'string' }, on: { type: 'string' } },
    route: (a) => (stringArg(a, 'out') === undefined ? null : call('bureau.exportLedger', { out: stringArg(a, 'out'), ...dates(a) })),
  },
  'export-summary': {
    options: { out: { type: 'string' }, 'as-of': { type: 'string' }, on: { type: 'string' } },
    route: (a) => (stringArg(a, 'out') === undefined ? null : call('bureau.exportSummary', { out: stringArg(a, 'out'), ...dates(a) })),
  },
  // The drafted monthly bulletin as drafted (an edited one is the screen's): .html printable A4, .xlsx the workbook.
  bulletin: {
    options: { out: { type: 'string' }, 'as-of': { type: 'string' }, on: { type: 'string' } },
    route: (a) => (stringArg(a, 'out') === undefined ? null : call('bureau.bulletin.export', { out: stringArg(a, 'out'), ...dates(a) })),
  },
};

const usageLine = (lang: Lang, sub: BureauCommandName) => cliMessage(lang, `usage.bureau.${sub}`);

function usage(io: CliIo, lang: Lang): void {
  io.out(cliMessage(lang, 'bureau.usageHeader'));
  for (const sub of Object.keys(SUBCOMMANDS) as BureauCommandName[]) io.out(`  ${usageLine(lang, sub)}`);
  io.out(cliMessage(lang, 'bureau.usageFooter', { db: DEFAULT_BUREAU_DB }));
}

export function createBureauCommand(deps: BureauCliDeps = {}): CliCommand {
  const now = deps.now ?? (() => new Date());
  const env = deps.env ?? process.env;
  const cwd = deps.cwd ?? (() => process.cwd());
  const registry = createBureauRegistry();

  return {
    name: 'bureau',
    async run(args, io) {
      const [sub, ...rest] = args;
      const langArg = rest[rest.indexOf('--lang') + 1];
      const lang: Lang = rest.includes('--lang') && (langArg === 'zh' || langArg === 'en') ? langArg : langFromEnv(env);
      if (!sub || sub === 'help' || sub === '--help' || sub === '-h') {
        usage(io, lang);
        return sub ? EXIT.ok : EXIT.usage;
      }
      if (!Object.hasOwn(SUBCOMMANDS, sub)) {
        io.err(cliMessage(lang, 'bureau.unknownCommand', { name: sub }));
        usage(io, lang);
        return EXIT.usage;
      }
      const name = sub as BureauCommandName;
      const spec = SUBCOMMANDS[name];
      const wrong = (what: string) => printWrongArguments(io, lang, `sponsor-desk bureau ${sub}`, what, `  ${usageLine(lang, name)}`);
      let parsed: CliArgs;
      try {
        parsed = parseCommandArgs(rest, { ...COMMON, ...spec.options }, spec.positionals ?? false);
      } catch (error) {
        if (error instanceof ArgumentError) return wrong(error.text(lang));
        throw error;
      }
      if (flagArg(parsed, 'help')) {
        io.out(usageLine(lang, name));
        return EXIT.ok;
      }
      const json = flagArg(parsed, 'json');
      const desk = lazyBureau(stringArg(parsed, 'db') ?? join(cwd(), DEFAULT_BUREAU_DB), now);
      try {
        const op = spec.route(parsed);
        if (!op) return wrong(cliMessage(lang, 'bureau.wrongArguments'));
        const result = valueOf(await registry.dispatch(op.name, op.input, desk));
        // Lines show times in the desk's time zone; init and restore work on the files, with no desk open to ask.
        const filesOnly = op.name === 'bureau.init' || op.name === 'bureau.restore';
        const zone = json || filesOnly ? '' : valueOf<BureauSettings>(await registry.dispatch('bureau.settings.get', {}, desk)).timeZone;
        const failed = op.name === 'bureau.ingest' && (result as IngestFileResult[]).some((r) => r.status === 'refused');
        if (json) printJson(io, { ok: !failed, command: sub, result });
        else printLines(io, BUREAU_LINES[op.name](result as never, { lang, zone, input: op.input }));
        return failed ? EXIT.failed : EXIT.ok;
      } catch (error) {
        const shape = error instanceof Refusal ? error.shape : toErrorShape(error);
        if (json) printJson(io, { ok: false, command: sub, error: shape });
        for (const line of describeFailure(shape, lang)) io.err(line);
        return EXIT.failed;
      } finally {
        desk.close();
      }
    },
  };
}

export const bureauCommand: CliCommand = createBureauCommand();
