import { join } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { BureauOperationName } from '@shared/operations/index.js';
import { flagArg, parseCommandArgs, stringArg, ArgumentError, type CliArgs, type CliOptions } from '../cli/args.js';
import type { CliCommand, CliIo } from '../cli/command.js';
import { EXIT, printJson, printLines, printWrongArguments, Refusal, valueOf } from '../cli/print.js';
import { toErrorShape } from '../services/registry.js';
import { BUREAU_LINES } from './cli-print.js';
import { lazyBureau } from './context.js';
import { DEFAULT_BUREAU_DB } from './database.js';
import type { BureauSettings } from './desk-settings.js';
import type { IngestFileResult } from './ingest.js';
import { langFromEnv } from '@shared/i18n/catalogue.js';
import { describeFailure, type Lang } from './messages.js';
import { createBureauRegistry } from './operations/index.js';

/**
 * `sponsor-desk bureau …`, wired into electron/cli/main.ts: a thin client of the bureau's registry. Each
 * command line is parsed (electron/cli/args.ts), turned into one `bureau.*` operation, dispatched, and its
 * result printed as lines (cli-print.ts) or as JSON with --json; a refusal goes to stderr with exit code 1,
 * wrong arguments with exit code 2.
 */

export interface BureauCliDeps {
  /** The clock (tests stand at a fixed day). */
  now?: () => Date;
  env?: Record<string, string | undefined>;
  cwd?: () => string;
}

type Call = { name: BureauOperationName; input: Record<string, unknown> };

interface Subcommand {
  options: CliOptions;
  positionals: boolean;
  usage: { zh: string; en: string };
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
const call = (name: BureauOperationName, input: Record<string, unknown> = {}): Call => ({ name, input });
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

const SUBCOMMANDS: Record<string, Subcommand> = {
  init: {
    options: { name: { type: 'string' } },
    positionals: false,
    usage: { zh: 'init [--name 局名称]  建立经发局数据库和签名密钥', en: 'init [--name NAME]  create the bureau database and signing key' },
    route: (a) => call('bureau.init', { name: stringArg(a, 'name') }),
  },
  'import-master': {
    options: { year: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'allow-withdraw-most': { type: 'boolean', default: false } },
    positionals: true,
    usage: {
      zh: 'import-master 文件.xlsx|文件.csv [--year YYYY] [--dry-run] [--allow-withdraw-most]  导入重点项目清单',
      en: 'import-master FILE.xlsx|FILE.csv [--year YYYY] [--dry-run] [--allow-withdraw-most]  import the master list',
    },
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
    usage: {
      zh: 'officers list | officers add --name 姓名 --unit 单位 [--phone 电话] [--id UUID] [--key 公钥文件] | officers add --officer ID|姓名 --key 公钥文件 [--replace-key] | officers pending [ID|姓名] | officers accept-key ID|姓名 --fingerprint 指纹 [--replace-key] | officers reject-key ID|姓名 --fingerprint 指纹 | officers voided [ID|姓名]',
      en: 'officers list | officers add --name NAME --unit UNIT [--phone P] [--id UUID] [--key KEYFILE] | officers add --officer ID|NAME --key KEYFILE [--replace-key] | officers pending [ID|NAME] | officers accept-key ID|NAME --fingerprint FP [--replace-key] | officers reject-key ID|NAME --fingerprint FP | officers voided [ID|NAME]',
    },
    route: routeOfficers,
  },
  assign: {
    options: { out: { type: 'string' }, officer: { type: 'string' }, note: { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'assign --out 目录 [--officer ID|姓名] [--note 附言]  为每名责任人生成签名的任务包',
      en: 'assign --out DIR [--officer ID|NAME] [--note TEXT]  write one signed assignment per officer',
    },
    route: (a) =>
      stringArg(a, 'out') === undefined
        ? null
        : call('bureau.assign', { out: stringArg(a, 'out'), officer: stringArg(a, 'officer'), note: stringArg(a, 'note') }),
  },
  ingest: {
    options: { 'require-registered-keys': { type: 'boolean', default: false } },
    positionals: true,
    usage: {
      zh: 'ingest 文件…|目录 [--require-registered-keys]  校验并汇入责任人的周报数据包（未确认公钥的数据包列入待确认清单；加此选项则直接拒收）',
      en: 'ingest FILE…|DIR [--require-registered-keys]  verify and fold weekly packets (a key not accepted yet: held as pending; with the option: refused)',
    },
    route: (a) =>
      a.positionals.length === 0 ? null : call('bureau.ingest', { paths: a.positionals, requireRegisteredKeys: flagArg(a, 'require-registered-keys') }),
  },
  summary: {
    options: { 'as-of': { type: 'string' }, on: { type: 'string' } },
    positionals: false,
    usage: { zh: 'summary [--as-of YYYY-MM] [--on YYYY-MM-DD]  全区重点项目汇总', en: 'summary [--as-of YYYY-MM] [--on YYYY-MM-DD]  district figures' },
    route: (a) => call('bureau.summary', dates(a)),
  },
  problems: {
    options: {
      ...strings('project', 'origin', 'category', 'description', 'department', 'leader', 'due', 'by', 'problem', 'action', 'note', 'resolution'),
      open: { type: 'boolean', default: false },
    },
    positionals: true,
    usage: {
      zh: 'problems list [--project 编码] [--open] [--origin bureau|officer] | problems raise --project 编码 --category 类别 --description 描述 [--department 责任部门] [--leader 协调领导] [--due YYYY-MM-DD] [--by 提出人] | problems act --problem ID --action dispatch|coordinate|resolve|verify_close|reopen|note [--department 部门] [--resolution 化解措施] [--note 说明] [--by 办理人]  问题交办、协调、核实办结',
      en: 'problems list [--project CODE] [--open] [--origin bureau|officer] | problems raise --project CODE --category CATEGORY --description TEXT [--department DEPT] [--leader NAME] [--due YYYY-MM-DD] [--by NAME] | problems act --problem ID --action dispatch|coordinate|resolve|verify_close|reopen|note [--department DEPT] [--resolution TEXT] [--note TEXT] [--by NAME]  the bureau side of the problem loop',
    },
    route: routeProblems,
  },
  settings: {
    options: { 'time-zone': { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'settings [--time-zone 时区]  查看设置；设置本区时区（IANA 名称，默认 Asia/Shanghai），日期统计和显示的时间均按此时区',
      en: 'settings [--time-zone ZONE]  show the settings; set the district time zone (IANA name, default Asia/Shanghai): every day is counted and every time shown in it',
    },
    route: (a) => {
      const timeZone = stringArg(a, 'time-zone');
      return timeZone === undefined ? call('bureau.settings.get') : call('bureau.settings.set', { timeZone });
    },
  },
  backup: {
    options: { out: { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'backup --out 文件  备份数据库和签名密钥（校验后写入，不覆盖已有文件）',
      en: 'backup --out FILE  back up the database and the signing key (verified; never overwrites)',
    },
    route: (a) => (stringArg(a, 'out') === undefined ? null : call('bureau.backup', { out: stringArg(a, 'out') })),
  },
  restore: {
    options: {},
    positionals: true,
    usage: { zh: 'restore 备份文件  从备份恢复（原数据库另存到 backups/）', en: 'restore FILE  restore a backup (the current database is kept in backups/)' },
    route: (a) => (a.positionals.length !== 1 ? null : call('bureau.restore', { file: a.positionals[0] })),
  },
  'export-ledger': {
    options: { out: { type: 'string' }, 'as-of': { type: 'string' }, on: { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'export-ledger --out 文件.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  导出全区台账',
      en: 'export-ledger --out FILE.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  write the district ledger',
    },
    route: (a) => (stringArg(a, 'out') === undefined ? null : call('bureau.exportLedger', { out: stringArg(a, 'out'), ...dates(a) })),
  },
};

function usage(io: CliIo, lang: Lang): void {
  io.out(
    lang === 'zh'
      ? '用法：sponsor-desk bureau <命令> [--db 数据库路径] [--json] [--lang zh|en]\n'
      : 'Usage: sponsor-desk bureau <command> [--db PATH] [--json] [--lang zh|en]\n',
  );
  for (const spec of Object.values(SUBCOMMANDS)) io.out(`  ${spec.usage[lang]}`);
  io.out(
    lang === 'zh'
      ? `\n默认数据库为当前目录下的 ${DEFAULT_BUREAU_DB}；说明见 docs/bureau.md。`
      : `\nThe database defaults to ${DEFAULT_BUREAU_DB} in the current folder; see docs/bureau.md.`,
  );
}

export function createBureauCommand(deps: BureauCliDeps = {}): CliCommand {
  const now = deps.now ?? (() => new Date());
  const env = deps.env ?? process.env;
  const cwd = deps.cwd ?? (() => process.cwd());
  const registry = createBureauRegistry();

  return {
    name: 'bureau',
    summary: 'the bureau desk: master list, assignments, weekly packets, district ledger',
    async run(args, io) {
      const [sub, ...rest] = args;
      const langArg = rest[rest.indexOf('--lang') + 1];
      const lang: Lang = rest.includes('--lang') && (langArg === 'zh' || langArg === 'en') ? langArg : langFromEnv(env);
      if (!sub || sub === 'help' || sub === '--help' || sub === '-h') {
        usage(io, lang);
        return sub ? EXIT.ok : EXIT.usage;
      }
      const spec = SUBCOMMANDS[sub];
      if (!spec) {
        io.err(lang === 'zh' ? `sponsor-desk bureau：没有“${sub}”这个命令` : `sponsor-desk bureau: unknown command "${sub}"`);
        usage(io, lang);
        return EXIT.usage;
      }
      const wrong = (what: string) => printWrongArguments(io, lang, `sponsor-desk bureau ${sub}`, what, `  ${spec.usage[lang]}`);
      let parsed: CliArgs;
      try {
        parsed = parseCommandArgs(rest, { ...COMMON, ...spec.options }, spec.positionals);
      } catch (error) {
        if (error instanceof ArgumentError) return wrong(error.text(lang));
        throw error;
      }
      if (flagArg(parsed, 'help')) {
        io.out(spec.usage[lang]);
        return EXIT.ok;
      }
      const json = flagArg(parsed, 'json');
      const desk = lazyBureau(stringArg(parsed, 'db') ?? join(cwd(), DEFAULT_BUREAU_DB), now);
      try {
        const op = spec.route(parsed);
        if (!op) return wrong(lang === 'zh' ? '参数不对' : 'wrong arguments');
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
        printLines(
          io,
          describeFailure(shape, lang).map((err) => ({ err })),
        );
        return EXIT.failed;
      } finally {
        desk.close();
      }
    },
  };
}

export const bureauCommand: CliCommand = createBureauCommand();
