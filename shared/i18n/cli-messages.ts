import { say } from './catalogue.js';
import type { SyncLang } from './sync-messages.js';

/**
 * What the `sponsor-desk` command says about itself (its commands, their usage, wrong arguments), in
 * Chinese or English, whole in each: a Chinese line carries no English words beyond command names, options
 * and paths. The officer's results and refusals are in sync-messages.ts, the bureau's in electron/bureau/messages.ts.
 */

export const CLI_MESSAGES = {
  en: {
    usageHeader: 'Usage: sponsor-desk <command> [options]\n',
    unknownCommand: 'sponsor-desk: unknown command "{name}"',
    crashed: 'sponsor-desk {command}: {message}',
    dbRequired: '--db PATH is required',
    keyFileRequired: 'KEYFILE is required',
    fileRequired: 'FILE is required',
    outRequired: '--out DIR is required',
    unexpectedArgument: 'unexpected argument {arg}',
    unknownOption: 'unknown option {option}',
    takesNoValue: '{option} takes no value',
    needsValue: '{option} needs a value',
    badOptionValue: 'option {option}: a value is missing, or it takes none',
    'usage.trust-bureau': 'sponsor-desk trust-bureau KEYFILE --db PATH [--replace] [--json]',
    'usage.import': 'sponsor-desk import FILE --db PATH [--dry-run] [--json] [--allow-withdraw-most]',
    'usage.export': 'sponsor-desk export --db PATH --out DIR [--summary TEXT] [--json]',
    'usage.officer-key': 'sponsor-desk officer-key --db PATH [--out FILE] [--json]',
    'usage.sync-status': 'sponsor-desk sync-status --db PATH [--json]',
  },
  zh: {
    usageHeader: '用法：sponsor-desk <命令> [选项]\n',
    unknownCommand: 'sponsor-desk：没有“{name}”这个命令',
    crashed: 'sponsor-desk {command}：内部错误，未能完成。请用 LANG=C 重新运行以查看详情，并告知维护人员。',
    dbRequired: '缺少 --db 数据库路径',
    keyFileRequired: '缺少公钥文件',
    fileRequired: '缺少任务文件',
    outRequired: '缺少 --out 目录',
    unexpectedArgument: '多余的参数 {arg}',
    unknownOption: '没有 {option} 这个选项',
    takesNoValue: '{option} 不带值',
    needsValue: '{option} 需要一个值',
    badOptionValue: '选项 {option} 的值不对（缺少值，或这个选项不带值）',
    'usage.trust-bureau': 'sponsor-desk trust-bureau 公钥文件 --db 数据库路径 [--replace] [--json]',
    'usage.import': 'sponsor-desk import 任务文件 --db 数据库路径 [--dry-run] [--json] [--allow-withdraw-most]',
    'usage.export': 'sponsor-desk export --db 数据库路径 --out 目录 [--summary 摘要] [--json]',
    'usage.officer-key': 'sponsor-desk officer-key --db 数据库路径 [--out 文件] [--json]',
    'usage.sync-status': 'sponsor-desk sync-status --db 数据库路径 [--json]',
  },
} as const;

export type CliMessageKey = keyof (typeof CLI_MESSAGES)['en'];

export function cliMessage(lang: SyncLang, key: CliMessageKey, params: Record<string, string | number> = {}): string {
  return say(CLI_MESSAGES, lang, key, params);
}

/** One line per command for `sponsor-desk help`, in Chinese (the English line is the command's own summary). */
const SUMMARIES_ZH: Record<string, string> = {
  'trust-bureau': '信任经发局的公钥（公钥文件），此后才能导入其任务文件',
  import: '导入经发局的任务文件（--dry-run 只显示将有的变化，不写入）',
  export: '把工作包写入一个文件夹，交给经发局',
  'officer-key': '显示本库签名公钥的指纹；--out 写出交给经发局的公钥文件',
  'sync-status': '上次导入的任务文件、上次导出的工作包、经发局的确认、待报送的变更',
  bureau: '经发局端：项目清单、任务文件、汇入工作包、全区台账',
};

export function commandSummary(lang: SyncLang, name: string, english: string): string {
  return lang === 'zh' ? (SUMMARIES_ZH[name] ?? english) : english;
}

/** A usage error of the officer commands: a catalogue key and its params, said in the user's language when printed. */
export class CliUsageError extends Error {
  constructor(
    readonly key: CliMessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(cliMessage('en', key, params));
  }
}

/**
 * An error of node:util's parseArgs (the bureau commands), in the user's language: its message is English,
 * so only its code and the option or argument it quotes are used.
 */
export function parseArgsErrorText(lang: SyncLang, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return cliMessage(lang, 'unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return cliMessage(lang, 'badOptionValue', { option });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return cliMessage(lang, 'unexpectedArgument', { arg: quoted });
  return lang === 'en' ? message : cliMessage(lang, 'badOptionValue', { option: option || '?' });
}
