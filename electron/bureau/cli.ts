import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LEVEL_ZH } from '../../shared/bureau/vocabulary.js';
import type { DistrictSummary, GroupFigures, SponsorRow } from '../../shared/bureau/summary.js';
import { AppError } from '../../shared/errors.js';
import type { CliCommand, CliIo } from '../cli/command.js';
import { assignAll } from './assign.js';
import { backupBureau } from './backup.js';
import { backupLines, restoreLines } from './backup-cli.js';
import { restoreBureau } from './restore.js';
import { openBureau, type BureauContext } from './context.js';
import { DEFAULT_BUREAU_DB } from './database.js';
import { bureauSettings, bureauSettingsLines } from './desk-settings.js';
import { importMasterList, type MasterImportResult } from './import-master.js';
import { expandIngestPaths, ingestFiles, type IngestFileResult } from './ingest.js';
import { initBureau } from './init.js';
import { exportDistrictLedger } from './ledger.js';
import { describeError, describeErrorShape, errorShapeOf, languageFromEnv, type Lang } from './messages.js';
import { parseArgsErrorText } from '../../shared/i18n/cli-messages.js';
import { officerStatuses } from './officers.js';
import { addOfficerAndFold, addOfficerKeyLines, KEY_ACTIONS, keyCommandLines, officerKeyLabel, pendingIngestLines, runKeyCommand } from './key-cli.js';
import { actOnBureauProblem, listBureauProblems, raiseBureauProblem, type BureauProblemView } from './problems.js';
import { districtSummary } from './summary.js';
import { bureauTimeZone } from './time-zone.js';
import { localDateTime, localDay } from '../../shared/rules/local-time.js';

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
    usage: { zh: 'assign --out 目录 [--officer ID|姓名] [--note 附言]  为每名责任人生成签名的任务包', en: 'assign --out DIR [--officer ID|NAME] [--note TEXT]  write one signed assignment per officer' },
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
    usage: { zh: 'backup --out 文件  备份数据库和签名密钥（校验后写入，不覆盖已有文件）', en: 'backup --out FILE  back up the database and the signing key (verified; never overwrites)' },
  },
  restore: {
    options: {},
    positionals: true,
    usage: { zh: 'restore 备份文件  从备份恢复（原数据库另存到 backups/）', en: 'restore FILE  restore a backup (the current database is kept in backups/)' },
  },
  'export-ledger': {
    options: { out: { type: 'string' }, 'as-of': { type: 'string' }, on: { type: 'string' } },
    positionals: false,
    usage: { zh: 'export-ledger --out 文件.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  导出全区台账', en: 'export-ledger --out FILE.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  write the district ledger' },
  },
};

class UsageError extends Error {}

function usage(io: CliIo, lang: Lang): void {
  io.out(lang === 'zh' ? '用法：sponsor-desk bureau <命令> [--db 数据库路径] [--json] [--lang zh|en]\n' : 'Usage: sponsor-desk bureau <command> [--db PATH] [--json] [--lang zh|en]\n');
  for (const spec of Object.values(SUBCOMMANDS)) io.out(`  ${spec.usage[lang]}`);
  io.out(
    lang === 'zh'
      ? `\n默认数据库为当前目录下的 ${DEFAULT_BUREAU_DB}；说明见 docs/bureau.md。`
      : `\nThe database defaults to ${DEFAULT_BUREAU_DB} in the current folder; see docs/bureau.md.`,
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const pts = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}`);
const wan = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 });

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
              r.created ? say(`已建立经发局数据库：${r.dbPath}`, `Bureau desk set up: ${r.dbPath}`) : say(`经发局数据库已存在：${r.dbPath}`, `Bureau desk already set up: ${r.dbPath}`),
              say(`签名私钥：${r.privateKeyPath}（仅本人可读，请妥善备份，切勿外传）`, `Signing key: ${r.privateKeyPath} (readable only by you; back it up, never send it)`) +
                (r.keyReused && r.created ? say('（沿用已有密钥）', ' (existing key kept)') : ''),
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
            if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new AppError('invalid_input', `--year must be a year YYYY, not "${yearText}"`, { what: 'year' });
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
                        `${o.name}（${o.unit}）${o.phone ? ` ${o.phone}` : ''}  ${o.id}\n    ${say('项目', 'projects')} ${o.projects}  ${say('任务包', 'assignments')} #${o.lastAssignmentSequence}  ${say('已收周报', 'packets')} ${o.packetsReceived} (${say('最高序号', 'highest')} #${o.highestPacketSequence})  ${say('公钥', 'key')} ${
                          officerKeyLabel(o, lang)
                        }`,
                    ),
              );
              return 0;
            }
            if ((KEY_ACTIONS as readonly string[]).includes(action)) {
              const input = { action: action as (typeof KEY_ACTIONS)[number], officer: parsed.positionals[1], fingerprint: v.fingerprint as string | undefined, replaceKey: v['replace-key'] === true };
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
              const lines = [r.created ? say(`已登记责任人 ${o.name}（${o.unit}）：${o.id}`, `Registered officer ${o.name} (${o.unit}): ${o.id}`) : say(`责任人 ${o.name}（${o.unit}）：${o.id}`, `Officer ${o.name} (${o.unit}): ${o.id}`)];
              if (r.key === 'registered') lines.push(say(`已登记公钥，指纹 ${o.keyFingerprint}`, `Key registered, fingerprint ${o.keyFingerprint}`));
              if (r.key === 'confirmed') lines.push(say(`密钥文件与首个数据包的公钥一致，已确认：${o.keyFingerprint}`, `The key file matches the key of the first packet; confirmed: ${o.keyFingerprint}`));
              if (r.key === 'replaced') lines.push(say(`！已更换公钥：${r.previousFingerprint} → ${o.keyFingerprint}`, `! Key replaced: ${r.previousFingerprint} → ${o.keyFingerprint}`));
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
                  ? say(`共 ${results.length} 个文件：汇入 ${accepted}，重复 ${dup}，拒收 ${refused}。`, `${results.length} file(s): ${accepted} folded, ${dup} duplicate, ${refused} refused.`)
                  : say(`共 ${results.length} 个文件：汇入 ${accepted}，重复 ${dup}，待确认公钥 ${held}，拒收 ${refused}。`, `${results.length} file(s): ${accepted} folded, ${dup} duplicate, ${held} pending key, ${refused} refused.`),
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
              emit(r, () => [say(`已提出问题 ${r.id}（${r.projectCode} ${r.projectName}），将随下一个任务包发给 ${r.officerName}`, `Problem raised: ${r.id} (${r.projectCode} ${r.projectName}); it goes to ${r.officerName} with the next assignment`), ...problemLines(r, lang, bureauTimeZone(ctx!.db))]);
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
              emit(r, () => [say(`已记录：${PROBLEM_ACTION_ZH[v.action as string] ?? v.action}，将随下一个任务包发给 ${r.officerName}`, `Recorded: ${v.action}; it goes to ${r.officerName} with the next assignment`), ...problemLines(r, lang, bureauTimeZone(ctx!.db))]);
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

function importLines(r: MasterImportResult, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const lines = [
    r.applied
      ? say(`已导入 ${r.fileName}：${r.rows} 个项目`, `Imported ${r.fileName}: ${r.rows} projects`)
      : say(`试导入（未写入）${r.fileName}：${r.rows} 个项目`, `Dry run (nothing written) of ${r.fileName}: ${r.rows} projects`),
    say(
      `  新增 ${r.added}，更新 ${r.updated}，未变 ${r.unchanged}，撤回 ${r.withdrawn}，恢复 ${r.restored}`,
      `  added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}, withdrawn ${r.withdrawn}, restored ${r.restored}`,
    ),
  ];
  for (const o of r.officersCreated) lines.push(say(`  新登记责任人 ${o.name}（${o.unit}）：${o.id}`, `  new officer ${o.name} (${o.unit}): ${o.id}`));
  for (const p of r.projects) {
    if (p.change === 'unchanged' || p.change === 'added') continue;
    const label = { updated: say('更新', 'updated'), withdrawn: say('撤回', 'withdrawn'), restored: say('恢复', 'restored') }[p.change];
    lines.push(`  ${label} ${p.code} ${p.name}${p.change === 'updated' ? `: ${p.fields.join(', ')}` : ''}`);
  }
  if (r.ignoredColumns.length > 0) lines.push(say(`  未识别的列（已忽略）：${r.ignoredColumns.join('、')}`, `  columns not recognised (ignored): ${r.ignoredColumns.join(', ')}`));
  return lines;
}

function ingestLines(r: IngestFileResult, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const who = r.officerName ? `${r.officerName} #${r.sequence}` : '';
  if (r.status === 'refused') {
    return [say(`拒收 ${r.file}${who ? `（${who}）` : ''}：`, `REFUSED ${r.file}${who ? ` (${who})` : ''}: `) + describeErrorShape(r.error!, lang)];
  }
  if (r.status === 'duplicate') return [say(`重复 ${r.file}（${who}）：此前已汇入，未作改动`, `duplicate ${r.file} (${who}): already folded, nothing changed`)];
  if (r.status === 'pending') return pendingIngestLines(r, lang);
  const lines = [
    say(
      `汇入 ${r.file}（${who}）：新记录 ${r.newRecords}，重复 ${r.duplicateRecords}，冲突 ${r.conflicts}，照片 ${r.photosStored}`,
      `folded ${r.file} (${who}): ${r.newRecords} new, ${r.duplicateRecords} duplicate, ${r.conflicts} conflicting, ${r.photosStored} photos`,
    ),
  ];
  for (const w of r.warnings) {
    if (w.code === 'project_not_assigned') lines.push(say(`  注意：含有项目 ${w.params.code} 移交前的记录，该项目现已移交其他责任人`, `  note: records made before project ${w.params.code} was handed over to another officer`));
    else if (w.code === 'problem_step_illegal') lines.push(say(`  注意：问题 ${w.params.problem} 的“${PROBLEM_ACTION_ZH[String(w.params.action)] ?? w.params.action}”步骤在当时状态（${PROBLEM_STATUS_ZH[String(w.params.status)] ?? w.params.status}）下不合规，已保留但未生效（conflicts 表）`, `  note: step "${w.params.action}" ${w.params.id} of problem ${w.params.problem} is not legal when the problem is ${w.params.status}: kept, not applied (conflicts table)`));
    else if (w.code === 'sequence_reused') lines.push(say(`  注意：序号 #${w.params.sequence} 已有另一个数据包（责任人可能恢复过备份）`, `  note: sequence #${w.params.sequence} was already used by another packet (restored backup?)`));
    else if (w.code === 'officer_details_differ') lines.push(say(`  注意：数据包中的责任人信息为 ${w.params.name}（${w.params.unit}），与本局登记不同`, `  note: the packet names the officer ${w.params.name} (${w.params.unit}), unlike the bureau's record`));
    else if (w.code === 'missing_photos') lines.push(say(`  注意：${w.params.count} 张照片未随包发送（责任人电脑上找不到文件）`, `  note: ${w.params.count} photo(s) were not in the packet (missing on the officer's computer)`));
  }
  if (r.conflicts > 0) lines.push(say('  冲突记录已保留两个版本（conflicts 表），以先收到的为准', '  conflicting records: both versions kept (conflicts table); the first received stays in force'));
  return lines;
}

const PROBLEM_STATUS_ZH: Record<string, string> = { raised: '已收集', dispatched: '已交办', in_progress: '办理中', resolved: '已化解', closed: '已办结' };
const PROBLEM_ACTION_ZH: Record<string, string> = { dispatch: '交办', coordinate: '协调', resolve: '化解', verify_close: '核实办结', reopen: '重新办理', note: '备注' };

function problemLines(p: BureauProblemView, lang: Lang, zone: string): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const status = lang === 'zh' ? (PROBLEM_STATUS_ZH[p.status] ?? p.status) : p.status;
  const lines = [
    `${p.id}  ${p.projectCode} ${p.projectName}  [${status}]${p.overdue ? say('（逾期）', ' (overdue)') : ''}  ${say('提出方', 'by')} ${p.origin === 'bureau' ? say('经发局', 'bureau') : p.raisedBy} ${p.raisedOn}`,
    `    ${p.description}`,
    `    ${say('责任部门', 'department')} ${p.currentDepartment || '—'}  ${say('协调领导', 'leader')} ${p.coordinatingLeader || '—'}  ${say('办结时限', 'due')} ${p.dueOn ?? '—'}  ${say('责任人', 'officer')} ${p.officerName || '—'}`,
  ];
  for (const e of p.events) {
    const action = lang === 'zh' ? (PROBLEM_ACTION_ZH[e.action] ?? e.action) : e.action;
    const detail = [e.department, e.resolution, e.note].filter((x) => x).join('；');
    const skipped = p.skippedEventIds.includes(e.id) ? say('（未生效）', ' (not applied)') : '';
    lines.push(`      ${localDateTime(e.at, zone)}  ${action}${skipped}  ${e.by}${e.origin === 'bureau' ? say('（经发局）', ' (bureau)') : ''}${detail ? `  ${detail}` : ''}`);
  }
  return lines;
}

function groupLine(label: string, g: GroupFigures, lang: Lang): string {
  return lang === 'zh'
    ? `  ${label}：${g.projects} 个，计划 ${wan(g.planned)} 万元，完成 ${wan(g.completed)} 万元，完成年度计划的 ${pct(g.completionPct)}，超序时进度 ${pts(g.aheadPoints)} 个百分点（超序时 ${g.projectsAhead} 个，滞后 ${g.projectsBehind} 个）`
    : `  ${label}: ${g.projects} projects, plan ${wan(g.planned)}, completed ${wan(g.completed)} (万元), ${pct(g.completionPct)} of the annual plan, ${pts(g.aheadPoints)} points vs schedule (${g.projectsAhead} ahead, ${g.projectsBehind} behind)`;
}

function sponsorLine(r: SponsorRow, lang: Lang): string {
  const i = r.investment;
  return lang === 'zh'
    ? `  ${r.name}：${i.projects} 个项目，完成 ${pct(i.completionPct)}（${pts(i.aheadPoints)}），问题 ${r.problems.collected}/已化解 ${r.problems.resolved}/逾期 ${r.problems.overdue}，帮包工作 ${r.sponsorActions} 次，纳统 ${r.statisticsEnrolled}，投产 ${r.productionStarted}`
    : `  ${r.name}: ${i.projects} projects, ${pct(i.completionPct)} (${pts(i.aheadPoints)}), problems ${r.problems.collected}/resolved ${r.problems.resolved}/overdue ${r.problems.overdue}, ${r.sponsorActions} actions, ${r.statisticsEnrolled} enrolled, ${r.productionStarted} producing`;
}

function summaryLines(s: DistrictSummary, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const p = s.problems;
  const a = s.sponsorActions;
  return [
    say(
      `${s.year} 年重点项目 ${s.projectsByLevel.total} 个（${LEVEL_ZH.provincial} ${s.projectsByLevel.provincial}，${LEVEL_ZH.municipal} ${s.projectsByLevel.municipal}，${LEVEL_ZH.district} ${s.projectsByLevel.district}）`,
      `${s.year}: ${s.projectsByLevel.total} key projects (provincial ${s.projectsByLevel.provincial}, municipal ${s.projectsByLevel.municipal}, district ${s.projectsByLevel.district})`,
    ),
    say(`投资：1–${s.elapsedMonths} 月（截至 ${s.asOfMonth}），序时进度 ${s.timeProportionalPct.toFixed(1)}%`, `Investment January–${s.asOfMonth}, time-proportional progress ${s.timeProportionalPct.toFixed(1)}%`),
    groupLine(say('全部重点项目', 'all key projects'), s.investment.all, lang),
    groupLine(say('省市重点项目', 'provincial and municipal'), s.investment.provincialAndMunicipal, lang),
    groupLine(say('区重点项目', 'district'), s.investment.district, lang),
    say(
      `问题（截至 ${s.referenceDay}）：收集 ${p.collected} 个，来自 ${p.projects} 个项目；已化解 ${p.resolved}（其中办结 ${p.closed}），未化解 ${p.open}，逾期 ${p.overdue}`,
      `Problems (to ${s.referenceDay}): ${p.collected} collected from ${p.projects} projects; ${p.resolved} resolved (${p.closed} closed), ${p.open} open, ${p.overdue} overdue`,
    ),
    say(
      `帮包工作 ${a.total} 次（现场走访 ${a.siteVisits}，座谈会议 ${a.meetings}，电话联系 ${a.calls}，协调会 ${a.coordination}），覆盖 ${a.projects} 个项目`,
      `Sponsor actions: ${a.total} (site visits ${a.siteVisits}, meetings ${a.meetings}, calls ${a.calls}, coordination ${a.coordination}) on ${a.projects} projects`,
    ),
    say(`入库纳统 ${s.statisticsEnrolled} 个，竣工投产 ${s.productionStarted} 个`, `Enrolled in statistics: ${s.statisticsEnrolled}; started production: ${s.productionStarted}`),
    say('按帮包单位：', 'By sponsoring unit:'),
    ...s.byUnit.map((r) => sponsorLine(r, lang)),
    say('按帮包领导：', 'By sponsoring leader:'),
    ...s.byLeader.map((r) => sponsorLine(r, lang)),
  ];
}

/** `sponsor-desk bureau …`, wired into electron/cli/main.ts. */
export const bureauCommand: CliCommand = createBureauCommand();


