import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '@shared/errors.js';
import type { CliCommand, CliIo } from '../cli/command.js';
import { assignAll } from './assign.js';
import { backupBureau } from './backup.js';
import { backupLines, restoreLines } from './backup-cli.js';
import { restoreBureau } from './restore.js';
import { openBureau, type BureauContext } from './context.js';
import { DEFAULT_BUREAU_DB } from './database.js';
import { bureauSettings, bureauSettingsLines } from './desk-settings.js';
import { importMasterList } from './import-master.js';
import { expandIngestPaths, ingestFiles } from './ingest.js';
import { initBureau } from './init.js';
import { exportDistrictLedger } from './ledger.js';
import { describeError, errorShapeOf, languageFromEnv, type Lang } from './messages.js';
import { parseArgsErrorText } from '@shared/i18n/cli-messages.js';
import { officerStatuses } from './officers.js';
import { addOfficerAndFold, addOfficerKeyLines, KEY_ACTIONS, keyCommandLines, officerKeyLabel, runKeyCommand } from './key-cli.js';
import { actOnBureauProblem, listBureauProblems, raiseBureauProblem } from './problems.js';
import { districtSummary } from './summary.js';
import { bureauTimeZone } from './time-zone.js';
import { localDay } from '@shared/rules/local-time.js';
import { importLines, ingestLines, PROBLEM_ACTION_ZH, problemLines, summaryLines } from './cli-lines.js';

export interface BureauCliDeps {
  /** The clock (tests stand at a fixed day). */
  now?: () => Date;
  env?: Record<string, string | undefined>;
  cwd?: () => string;
}

const COMMON = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const SUBCOMMANDS: Record<string, { options: ParseArgsConfig['options']; positionals: boolean; usage: { zh: string; en: string } }> = {
  init: {
    options: { name: { type: 'string' } },
    positionals: false,
    usage: { zh: 'init [--name 局名称]  建立经发局数据库和签名密钥', en: 'init [--name NAME]  create the bureau database and signing key' },
  },
  'import-master': {
    options: { year: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'allow-withdraw-most': { type: 'boolean', default: false } },
    positionals: true,
    usage: {
      zh: 'import-master 文件.xlsx|文件.csv [--year YYYY] [--dry-run] [--allow-withdraw-most]  导入重点项目清单',
      en: 'import-master FILE.xlsx|FILE.csv [--year YYYY] [--dry-run] [--allow-withdraw-most]  import the master list',
    },
  },
  officers: {
    options: {
      name: { type: 'string' },
      unit: { type: 'string' },
      phone: { type: 'string' },
      id: { type: 'string' },
      officer: { type: 'string' },
      key: { type: 'string' },
      'replace-key': { type: 'boolean', default: false },
      fingerprint: { type: 'string' },
    },
    positionals: true,
    usage: {
      zh: 'officers list | officers add --name 姓名 --unit 单位 [--phone 电话] [--id UUID] [--key 公钥文件] | officers add --officer ID|姓名 --key 公钥文件 [--replace-key] | officers pending [ID|姓名] | officers accept-key ID|姓名 --fingerprint 指纹 [--replace-key] | officers reject-key ID|姓名 --fingerprint 指纹 | officers voided [ID|姓名]',
      en: 'officers list | officers add --name NAME --unit UNIT [--phone P] [--id UUID] [--key KEYFILE] | officers add --officer ID|NAME --key KEYFILE [--replace-key] | officers pending [ID|NAME] | officers accept-key ID|NAME --fingerprint FP [--replace-key] | officers reject-key ID|NAME --fingerprint FP | officers voided [ID|NAME]',
    },
  },
  assign: {
    options: { out: { type: 'string' }, officer: { type: 'string' }, note: { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'assign --out 目录 [--officer ID|姓名] [--note 附言]  为每名责任人生成签名的任务包',
      en: 'assign --out DIR [--officer ID|NAME] [--note TEXT]  write one signed assignment per officer',
    },
  },
  ingest: {
    options: { 'require-registered-keys': { type: 'boolean', default: false } },
    positionals: true,
    usage: {
      zh: 'ingest 文件…|目录 [--require-registered-keys]  校验并汇入责任人的周报数据包（未确认公钥的数据包列入待确认清单；加此选项则直接拒收）',
      en: 'ingest FILE…|DIR [--require-registered-keys]  verify and fold weekly packets (a key not accepted yet: held as pending; with the option: refused)',
    },
  },
  summary: {
    options: { 'as-of': { type: 'string' }, on: { type: 'string' } },
    positionals: false,
    usage: { zh: 'summary [--as-of YYYY-MM] [--on YYYY-MM-DD]  全区重点项目汇总', en: 'summary [--as-of YYYY-MM] [--on YYYY-MM-DD]  district figures' },
  },
  problems: {
    options: {
      project: { type: 'string' },
      open: { type: 'boolean', default: false },
      origin: { type: 'string' },
      category: { type: 'string' },
      description: { type: 'string' },
      department: { type: 'string' },
      leader: { type: 'string' },
      due: { type: 'string' },
      by: { type: 'string' },
      problem: { type: 'string' },
      action: { type: 'string' },
      note: { type: 'string' },
      resolution: { type: 'string' },
    },
    positionals: true,
    usage: {
      zh: 'problems list [--project 编码] [--open] [--origin bureau|officer] | problems raise --project 编码 --category 类别 --description 描述 [--department 责任部门] [--leader 协调领导] [--due YYYY-MM-DD] [--by 提出人] | problems act --problem ID --action dispatch|coordinate|resolve|verify_close|reopen|note [--department 部门] [--resolution 化解措施] [--note 说明] [--by 办理人]  问题交办、协调、核实办结',
      en: 'problems list [--project CODE] [--open] [--origin bureau|officer] | problems raise --project CODE --category CATEGORY --description TEXT [--department DEPT] [--leader NAME] [--due YYYY-MM-DD] [--by NAME] | problems act --problem ID --action dispatch|coordinate|resolve|verify_close|reopen|note [--department DEPT] [--resolution TEXT] [--note TEXT] [--by NAME]  the bureau side of the problem loop',
    },
  },
  settings: {
    options: { 'time-zone': { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'settings [--time-zone 时区]  查看设置；设置本区时区（IANA 名称，默认 Asia/Shanghai），日期统计和显示的时间均按此时区',
      en: 'settings [--time-zone ZONE]  show the settings; set the district time zone (IANA name, default Asia/Shanghai): every day is counted and every time shown in it',
    },
  },
  backup: {
    options: { out: { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'backup --out 文件  备份数据库和签名密钥（校验后写入，不覆盖已有文件）',
      en: 'backup --out FILE  back up the database and the signing key (verified; never overwrites)',
    },
  },
  restore: {
    options: {},
    positionals: true,
    usage: { zh: 'restore 备份文件  从备份恢复（原数据库另存到 backups/）', en: 'restore FILE  restore a backup (the current database is kept in backups/)' },
  },
  'export-ledger': {
    options: { out: { type: 'string' }, 'as-of': { type: 'string' }, on: { type: 'string' } },
    positionals: false,
    usage: {
      zh: 'export-ledger --out 文件.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  导出全区台账',
      en: 'export-ledger --out FILE.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  write the district ledger',
    },
  },
};

class UsageError extends Error {}

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

  return {
    name: 'bureau',
    summary: 'the bureau desk: master list, assignments, weekly packets, district ledger',
    async run(args, io) {
      const [sub, ...rest] = args;
      let lang = languageFromEnv(env);
      const langArg = rest.findIndex((a) => a === '--lang');
      if (langArg >= 0 && (rest[langArg + 1] === 'zh' || rest[langArg + 1] === 'en')) lang = rest[langArg + 1] as Lang;
      if (!sub || sub === 'help' || sub === '--help' || sub === '-h') {
        usage(io, lang);
        return sub ? 0 : 2;
      }
      const spec = SUBCOMMANDS[sub];
      if (!spec) {
        io.err(lang === 'zh' ? `sponsor-desk bureau：没有“${sub}”这个命令` : `sponsor-desk bureau: unknown command "${sub}"`);
        usage(io, lang);
        return 2;
      }
      let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
      try {
        parsed = parseArgs({ args: rest, options: { ...COMMON, ...spec.options }, allowPositionals: spec.positionals, strict: true }) as typeof parsed;
      } catch (error) {
        io.err(`sponsor-desk bureau ${sub}${lang === 'zh' ? '：' : ': '}${parseArgsErrorText(lang, error)}`);
        io.err(`  ${spec.usage[lang]}`);
        return 2;
      }
      const v = parsed.values;
      if (v.help) {
        io.out(spec.usage[lang]);
        return 0;
      }
      const json = v.json === true;
      const dbPath = typeof v.db === 'string' ? v.db : join(cwd(), DEFAULT_BUREAU_DB);
      const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
      const emit = (result: unknown, lines: () => string[]) => {
        if (json) io.out(JSON.stringify({ ok: true, command: sub, result }, null, 2));
        else for (const line of lines()) io.out(line);
      };
      let ctx: BureauContext | null = null;
      const open = () => (ctx = openBureau(dbPath, now));
      try {
        switch (sub) {
          case 'init': {
            const r = initBureau(dbPath, { name: v.name as string | undefined, now });
            emit(r, () => [
              r.created
                ? say(`已建立经发局数据库：${r.dbPath}`, `Bureau desk set up: ${r.dbPath}`)
                : say(`经发局数据库已存在：${r.dbPath}`, `Bureau desk already set up: ${r.dbPath}`),
              say(
                `签名私钥：${r.privateKeyPath}（仅本人可读，请妥善备份，切勿外传）`,
                `Signing key: ${r.privateKeyPath} (readable only by you; back it up, never send it)`,
              ) + (r.keyReused && r.created ? say('（沿用已有密钥）', ' (existing key kept)') : ''),
              say(`发给责任人的公钥：${r.publicKeyPath}`, `Public key for officers: ${r.publicKeyPath}`),
              say(`公钥指纹：${r.fingerprint}`, `Fingerprint: ${r.fingerprint}`),
              say('责任人导入公钥时请电话核对此指纹。', 'Officers should confirm this fingerprint by phone when they import the key.'),
            ]);
            return 0;
          }
          case 'import-master': {
            if (parsed.positionals.length !== 1) throw new UsageError(spec.usage[lang]);
            open();
            const yearText = v.year as string | undefined;
            if (yearText !== undefined && !/^\d{4}$/.test(yearText))
              throw new AppError('invalid_input', `--year must be a year YYYY, not "${yearText}"`, { what: 'year' });
            const r = importMasterList(ctx!, parsed.positionals[0]!, {
              defaultYear: yearText ? Number(yearText) : Number(localDay(now(), bureauTimeZone(ctx!.db)).slice(0, 4)),
              dryRun: v['dry-run'] === true,
              allowWithdrawMost: v['allow-withdraw-most'] === true,
            });
            emit(r, () => importLines(r, lang));
            return 0;
          }
          case 'officers': {
            const action = parsed.positionals[0] ?? 'list';
            open();
            if (action === 'list') {
              const rows = officerStatuses(ctx!);
              emit(rows, () =>
                rows.length === 0
                  ? [say('尚无责任人。导入项目清单或使用 officers add 登记。', 'No officers yet. Import the master list or use officers add.')]
                  : rows.map(
                      (o) =>
                        `${o.name}（${o.unit}）${o.phone ? ` ${o.phone}` : ''}  ${o.id}\n    ${say('项目', 'projects')} ${o.projects}  ${say('任务包', 'assignments')} #${o.lastAssignmentSequence}  ${say('已收周报', 'packets')} ${o.packetsReceived} (${say('最高序号', 'highest')} #${o.highestPacketSequence})  ${say('公钥', 'key')} ${officerKeyLabel(
                          o,
                          lang,
                        )}`,
                    ),
              );
              return 0;
            }
            if ((KEY_ACTIONS as readonly string[]).includes(action)) {
              const input = {
                action: action as (typeof KEY_ACTIONS)[number],
                officer: parsed.positionals[1],
                fingerprint: v.fingerprint as string | undefined,
                replaceKey: v['replace-key'] === true,
              };
              const r = await runKeyCommand(ctx!, input);
              emit(r, () => keyCommandLines(input.action, r, lang, bureauTimeZone(ctx!.db)));
              return 0;
            }
            if (action !== 'add') throw new UsageError(spec.usage[lang]);
            const r = await addOfficerAndFold(ctx!, {
              name: v.name as string | undefined,
              unit: v.unit as string | undefined,
              phone: v.phone as string | undefined,
              id: v.id as string | undefined,
              officer: v.officer as string | undefined,
              keyFile: v.key as string | undefined,
              replaceKey: v['replace-key'] === true,
            });
            emit(r, () => {
              const o = r.officer;
              const lines = [
                r.created
                  ? say(`已登记责任人 ${o.name}（${o.unit}）：${o.id}`, `Registered officer ${o.name} (${o.unit}): ${o.id}`)
                  : say(`责任人 ${o.name}（${o.unit}）：${o.id}`, `Officer ${o.name} (${o.unit}): ${o.id}`),
              ];
              if (r.key === 'registered') lines.push(say(`已登记公钥，指纹 ${o.keyFingerprint}`, `Key registered, fingerprint ${o.keyFingerprint}`));
              if (r.key === 'confirmed')
                lines.push(
                  say(
                    `密钥文件与首个数据包的公钥一致，已确认：${o.keyFingerprint}`,
                    `The key file matches the key of the first packet; confirmed: ${o.keyFingerprint}`,
                  ),
                );
              if (r.key === 'replaced')
                lines.push(
                  say(`！已更换公钥：${r.previousFingerprint} → ${o.keyFingerprint}`, `! Key replaced: ${r.previousFingerprint} → ${o.keyFingerprint}`),
                );
              if (r.key === 'unchanged') lines.push(say(`公钥未变：${o.keyFingerprint}`, `Key unchanged: ${o.keyFingerprint}`));
              return [...lines, ...addOfficerKeyLines(r, lang, bureauTimeZone(ctx!.db))];
            });
            return 0;
          }
          case 'assign': {
            if (typeof v.out !== 'string') throw new UsageError(spec.usage[lang]);
            open();
            const results = await assignAll(ctx!, { outDir: v.out, officer: v.officer as string | undefined, note: v.note as string | undefined });
            emit(results, () =>
              results.length === 0
                ? [say('没有需要分派的责任人（请先导入项目清单）。', 'No officer to assign (import the master list first).')]
                : results.map((r) =>
                    say(
                      `${r.officerName}（${r.officerUnit}）第 ${r.sequence} 号任务包：${r.projects} 个项目，${r.checklistItems} 项清单，${r.problems} 个问题；确认已收到周报至第 ${r.acknowledgedWeeklySequence} 号 → ${r.file}`,
                      `${r.officerName} (${r.officerUnit}) assignment #${r.sequence}: ${r.projects} projects, ${r.checklistItems} checklist items, ${r.problems} problems; acknowledges weekly packets through #${r.acknowledgedWeeklySequence} → ${r.file}`,
                    ),
                  ),
            );
            return 0;
          }
          case 'ingest': {
            if (parsed.positionals.length === 0) throw new UsageError(spec.usage[lang]);
            open();
            const files = expandIngestPaths(parsed.positionals);
            const results = await ingestFiles(ctx!, files, { requireRegisteredKeys: v['require-registered-keys'] === true });
            const refused = results.filter((r) => r.status === 'refused').length;
            if (json) io.out(JSON.stringify({ ok: refused === 0, command: sub, result: results }, null, 2));
            else {
              for (const r of results) {
                for (const line of ingestLines(r, lang)) (r.status === 'refused' ? io.err : io.out)(line);
              }
              const accepted = results.filter((r) => r.status === 'accepted').length;
              const dup = results.filter((r) => r.status === 'duplicate').length;
              const held = results.filter((r) => r.status === 'pending').length;
              io.out(
                held === 0
                  ? say(
                      `共 ${results.length} 个文件：汇入 ${accepted}，重复 ${dup}，拒收 ${refused}。`,
                      `${results.length} file(s): ${accepted} folded, ${dup} duplicate, ${refused} refused.`,
                    )
                  : say(
                      `共 ${results.length} 个文件：汇入 ${accepted}，重复 ${dup}，待确认公钥 ${held}，拒收 ${refused}。`,
                      `${results.length} file(s): ${accepted} folded, ${dup} duplicate, ${held} pending key, ${refused} refused.`,
                    ),
              );
            }
            return refused > 0 ? 1 : 0;
          }
          case 'problems': {
            const action = parsed.positionals[0] ?? 'list';
            if (parsed.positionals.length > 1) throw new UsageError(spec.usage[lang]);
            if (action === 'list') {
              const origin = v.origin as string | undefined;
              if (origin !== undefined && origin !== 'bureau' && origin !== 'officer') throw new UsageError(spec.usage[lang]);
              open();
              const rows = listBureauProblems(ctx!, { project: v.project as string | undefined, openOnly: v.open === true, origin });
              emit(rows, () => (rows.length === 0 ? [say('没有问题。', 'No problems.')] : rows.flatMap((p) => problemLines(p, lang, bureauTimeZone(ctx!.db)))));
              return 0;
            }
            if (action === 'raise') {
              if (typeof v.project !== 'string' || typeof v.category !== 'string' || typeof v.description !== 'string') throw new UsageError(spec.usage[lang]);
              open();
              const r = raiseBureauProblem(ctx!, {
                project: v.project,
                category: v.category,
                description: v.description,
                responsibleDepartment: v.department as string | undefined,
                coordinatingLeader: v.leader as string | undefined,
                dueOn: (v.due as string | undefined) ?? null,
                raisedBy: v.by as string | undefined,
              });
              emit(r, () => [
                say(
                  `已提出问题 ${r.id}（${r.projectCode} ${r.projectName}），将随下一个任务包发给 ${r.officerName}`,
                  `Problem raised: ${r.id} (${r.projectCode} ${r.projectName}); it goes to ${r.officerName} with the next assignment`,
                ),
                ...problemLines(r, lang, bureauTimeZone(ctx!.db)),
              ]);
              return 0;
            }
            if (action === 'act') {
              if (typeof v.problem !== 'string' || typeof v.action !== 'string') throw new UsageError(spec.usage[lang]);
              open();
              const r = actOnBureauProblem(ctx!, {
                problem: v.problem,
                action: v.action,
                note: v.note as string | undefined,
                department: v.department as string | undefined,
                resolution: v.resolution as string | undefined,
                by: v.by as string | undefined,
              });
              emit(r, () => [
                say(
                  `已记录：${PROBLEM_ACTION_ZH[v.action as string] ?? v.action}，将随下一个任务包发给 ${r.officerName}`,
                  `Recorded: ${v.action}; it goes to ${r.officerName} with the next assignment`,
                ),
                ...problemLines(r, lang, bureauTimeZone(ctx!.db)),
              ]);
              return 0;
            }
            throw new UsageError(spec.usage[lang]);
          }
          case 'summary': {
            open();
            const s = districtSummary(ctx!, { asOfMonth: v['as-of'] as string | undefined, referenceDay: v.on as string | undefined });
            emit(s, () => summaryLines(s, lang));
            return 0;
          }
          case 'settings': {
            open();
            const r = bureauSettings(ctx!, { timeZone: v['time-zone'] as string | undefined });
            emit(r, () => bureauSettingsLines(r, lang));
            return 0;
          }
          case 'backup': {
            if (typeof v.out !== 'string') throw new UsageError(spec.usage[lang]);
            open();
            const r = await backupBureau(ctx!, v.out);
            emit(r, () => backupLines(r, lang));
            return 0;
          }
          case 'restore': {
            if (parsed.positionals.length !== 1) throw new UsageError(spec.usage[lang]);
            const r = await restoreBureau(dbPath, parsed.positionals[0]!, { now });
            emit(r, () => restoreLines(r, lang));
            return 0;
          }
          case 'export-ledger': {
            if (typeof v.out !== 'string') throw new UsageError(spec.usage[lang]);
            open();
            const r = await exportDistrictLedger(ctx!, v.out, { asOfMonth: v['as-of'] as string | undefined, referenceDay: v.on as string | undefined });
            emit(r, () => [
              say(`已导出全区台账：${r.file}`, `District ledger written: ${r.file}`),
              ...Object.entries(r.sheets).map(([name, n]) => `  ${name}: ${n}`),
            ]);
            return 0;
          }
        }
        return 2;
      } catch (error) {
        if (error instanceof UsageError) {
          io.err(`sponsor-desk bureau ${sub}: ${say('参数不对', 'wrong arguments')}`);
          io.err(`  ${error.message}`);
          return 2;
        }
        if (json) io.out(JSON.stringify({ ok: false, command: sub, error: errorShapeOf(error) }, null, 2));
        for (const line of describeError(error, lang)) io.err(line);
        return 1;
      } finally {
        (ctx as BureauContext | null)?.db.close();
      }
    },
  };
}

export const bureauCommand: CliCommand = createBureauCommand();
