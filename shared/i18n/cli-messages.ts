import { say, type Lang } from './catalogue.js';

/**
 * What the `sponsor-desk` command and its `bureau` commands say about themselves (their commands, their usage,
 * wrong arguments), in Chinese or English, whole in each: a Chinese line carries no English words beyond command
 * names, options and paths. The officer's results and refusals are in sync-messages.ts, the bureau's in
 * electron/cli/bureau/messages.ts and lines.ts.
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
    'summary.trust-bureau': "pin the bureau's public key (KEYFILE) so its assignments can be imported",
    'summary.import': 'import an assignment file from the bureau (--dry-run shows the changes only)',
    'summary.export': 'write the weekly packet for the bureau into a folder',
    'summary.officer-key': "show this store's signing key fingerprint; --out writes the public key file for the bureau",
    'summary.sync-status': 'last assignment applied, last packet exported, acknowledgement, changes waiting',
    'summary.bureau': 'the bureau desk: master list, assignments, weekly packets, district ledger',
    'usage.trust-bureau': 'sponsor-desk trust-bureau KEYFILE --db PATH [--replace] [--json]',
    'usage.import': 'sponsor-desk import FILE --db PATH [--dry-run] [--json] [--allow-withdraw-most]',
    'usage.export': 'sponsor-desk export --db PATH --out DIR [--summary TEXT] [--json]',
    'usage.officer-key': 'sponsor-desk officer-key --db PATH [--out FILE] [--json]',
    'usage.sync-status': 'sponsor-desk sync-status --db PATH [--json]',
    'bureau.usageHeader': 'Usage: sponsor-desk bureau <command> [--db PATH] [--json] [--lang zh|en]\n',
    'bureau.usageFooter': '\nThe database defaults to {db} in the current folder; see docs/bureau.md.',
    'bureau.unknownCommand': 'sponsor-desk bureau: unknown command "{name}"',
    'bureau.wrongArguments': 'wrong arguments',
    'usage.bureau.init': 'init [--name NAME]  create the bureau database and signing key',
    'usage.bureau.import-master': 'import-master FILE.xlsx|FILE.csv [--year YYYY] [--dry-run] [--allow-withdraw-most]  import the master list',
    'usage.bureau.officers':
      'officers list | officers add --name NAME --unit UNIT [--phone P] [--id UUID] [--key KEYFILE] | officers add --officer ID|NAME --key KEYFILE [--replace-key] | officers pending [ID|NAME] | officers accept-key ID|NAME --fingerprint FP [--replace-key] | officers reject-key ID|NAME --fingerprint FP | officers voided [ID|NAME]',
    'usage.bureau.assign': 'assign --out DIR [--officer ID|NAME] [--note TEXT]  write one signed assignment file per officer',
    'usage.bureau.ingest':
      'ingest FILE…|DIR [--require-registered-keys]  verify and fold weekly packets (a key not accepted yet: held as pending; with the option: refused)',
    'usage.bureau.summary': 'summary [--as-of YYYY-MM] [--on YYYY-MM-DD]  district figures',
    'usage.bureau.problems':
      'problems list [--project CODE] [--open] [--origin bureau|officer] | problems raise --project CODE --category CATEGORY --description TEXT [--department DEPT] [--leader NAME] [--due YYYY-MM-DD] [--by NAME] | problems act --problem ID --action dispatch|coordinate|resolve|verify_close|reopen|note [--department DEPT] [--resolution TEXT] [--note TEXT] [--by NAME]  the bureau side of the problem loop',
    'usage.bureau.settings':
      'settings [--time-zone ZONE]  show the settings; set the district time zone (IANA name, default Asia/Shanghai): every day is counted and every time shown in it',
    'usage.bureau.backup': 'backup --out FILE  back up the database and the signing key (verified; never overwrites)',
    'usage.bureau.restore': 'restore FILE  restore a backup (the current database is kept in backups/)',
    'usage.bureau.export-ledger': 'export-ledger --out FILE.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  write the district ledger',
    'usage.bureau.export-summary': 'export-summary --out FILE.html [--as-of YYYY-MM] [--on YYYY-MM-DD]  write the printable district summary (A4)',
    'usage.bureau.bulletin': 'bulletin --out FILE.html|FILE.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  write the drafted monthly bulletin with the ranking',
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
    'summary.trust-bureau': '信任经发局的公钥（公钥文件），此后才能导入其任务文件',
    'summary.import': '导入经发局的任务文件（--dry-run 只显示将有的变化，不写入）',
    'summary.export': '把工作包写入一个文件夹，交给经发局',
    'summary.officer-key': '显示本库签名公钥的指纹；--out 写出交给经发局的公钥文件',
    'summary.sync-status': '上次导入的任务文件、上次导出的工作包、经发局的确认、待报送的变更',
    'summary.bureau': '经发局端：项目清单、任务文件、汇入工作包、全区台账',
    'usage.trust-bureau': 'sponsor-desk trust-bureau 公钥文件 --db 数据库路径 [--replace] [--json]',
    'usage.import': 'sponsor-desk import 任务文件 --db 数据库路径 [--dry-run] [--json] [--allow-withdraw-most]',
    'usage.export': 'sponsor-desk export --db 数据库路径 --out 目录 [--summary 摘要] [--json]',
    'usage.officer-key': 'sponsor-desk officer-key --db 数据库路径 [--out 文件] [--json]',
    'usage.sync-status': 'sponsor-desk sync-status --db 数据库路径 [--json]',
    'bureau.usageHeader': '用法：sponsor-desk bureau <命令> [--db 数据库路径] [--json] [--lang zh|en]\n',
    'bureau.usageFooter': '\n默认数据库为当前目录下的 {db}；说明见 docs/bureau.md。',
    'bureau.unknownCommand': 'sponsor-desk bureau：没有“{name}”这个命令',
    'bureau.wrongArguments': '参数不对',
    'usage.bureau.init': 'init [--name 局名称]  建立经发局数据库和签名密钥',
    'usage.bureau.import-master': 'import-master 文件.xlsx|文件.csv [--year YYYY] [--dry-run] [--allow-withdraw-most]  导入重点项目清单',
    'usage.bureau.officers':
      'officers list | officers add --name 姓名 --unit 单位 [--phone 电话] [--id UUID] [--key 公钥文件] | officers add --officer ID|姓名 --key 公钥文件 [--replace-key] | officers pending [ID|姓名] | officers accept-key ID|姓名 --fingerprint 指纹 [--replace-key] | officers reject-key ID|姓名 --fingerprint 指纹 | officers voided [ID|姓名]',
    'usage.bureau.assign': 'assign --out 目录 [--officer ID|姓名] [--note 附言]  为每名责任人生成签名的任务文件',
    'usage.bureau.ingest': 'ingest 文件…|目录 [--require-registered-keys]  校验并汇入责任人的工作包（未确认公钥的工作包列入待确认清单；加此选项则直接拒收）',
    'usage.bureau.summary': 'summary [--as-of YYYY-MM] [--on YYYY-MM-DD]  全区重点项目汇总',
    'usage.bureau.problems':
      'problems list [--project 编码] [--open] [--origin bureau|officer] | problems raise --project 编码 --category 类别 --description 描述 [--department 责任部门] [--leader 协调领导] [--due YYYY-MM-DD] [--by 提出人] | problems act --problem ID --action dispatch|coordinate|resolve|verify_close|reopen|note [--department 部门] [--resolution 化解措施] [--note 说明] [--by 办理人]  问题交办、协调、核实办结',
    'usage.bureau.settings': 'settings [--time-zone 时区]  查看设置；设置本区时区（IANA 名称，默认 Asia/Shanghai），日期统计和显示的时间均按此时区',
    'usage.bureau.backup': 'backup --out 文件  备份数据库和签名密钥（校验后写入，不覆盖已有文件）',
    'usage.bureau.restore': 'restore 备份文件  从备份恢复（原数据库另存到 backups/）',
    'usage.bureau.export-ledger': 'export-ledger --out 文件.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  导出全区台账',
    'usage.bureau.export-summary': 'export-summary --out 文件.html [--as-of YYYY-MM] [--on YYYY-MM-DD]  导出可打印的全区汇总（A4）',
    'usage.bureau.bulletin': 'bulletin --out 文件.html|文件.xlsx [--as-of YYYY-MM] [--on YYYY-MM-DD]  导出月度通报草稿及排名（A4 网页或 Excel 工作簿）',
  },
} as const;

export type CliMessageKey = keyof (typeof CLI_MESSAGES)['en'];

export function cliMessage(lang: Lang, key: CliMessageKey, params: Record<string, string | number> = {}): string {
  return say(CLI_MESSAGES, lang, key, params);
}

/**
 * An error of node:util's parseArgs (the bureau commands), in the user's language: its message is English,
 * so only its code and the option or argument it quotes are used.
 */
export function parseArgsErrorText(lang: Lang, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return cliMessage(lang, 'unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return cliMessage(lang, 'badOptionValue', { option });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return cliMessage(lang, 'unexpectedArgument', { arg: quoted });
  return lang === 'en' ? message : cliMessage(lang, 'badOptionValue', { option: option || '?' });
}
