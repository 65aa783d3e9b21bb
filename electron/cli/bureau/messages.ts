import { formatMasterIssue } from '@shared/bureau/master-list.js';
import type { MasterListIssue } from '@shared/bureau/master-issues.js';
import type { AppErrorShape } from '@shared/errors.js';
import type { Lang } from '@shared/i18n/catalogue.js';
import { commonErrorZh, detailsZh } from '@shared/i18n/error-details.js';

/** The bureau desk speaks Chinese when the locale says so, as the officer's commands do (shared/i18n/catalogue.ts). */
export type { Lang } from '@shared/i18n/catalogue.js';

/** Picks the line in the user's language: `sayIn(lang)(zh, en)`. */
export const sayIn =
  (lang: Lang) =>
  (zh: string, en: string): string =>
    lang === 'zh' ? zh : en;

/** Why a packet was refused, in Chinese (the English is the error's own message). */
const PACKET_REASON_ZH: Record<string, string> = {
  not_found: '找不到文件',
  too_large: '文件过大',
  not_a_zip: '不是数据包文件（不是 zip 或文件不完整）',
  too_many_entries: '数据包内文件数量超出限制',
  unsafe_entry: '数据包含有不安全的条目（绝对路径、“..”、符号链接等）',
  entry_too_large: '数据包内某个文件超出大小限制',
  total_too_large: '数据包解压后超出大小限制',
  duplicate_entry: '数据包内条目重复',
  missing_manifest: '不是数据包（缺少 manifest.json）',
  manifest_invalid: '数据包清单（manifest.json）无效',
  not_a_packet: '不是 Sponsor Desk 数据包',
  format_version: '数据包格式版本不受支持，请升级软件',
  wrong_kind: '数据包类型不对（这里需要责任人的工作包）',
  entries_mismatch: '数据包内容与签名清单不符',
  size_mismatch: '数据包内文件大小与清单不符',
  hash_mismatch: '数据包内容被修改或损坏（SHA-256 不符）',
  payload_invalid: '数据内容无效',
  signature_missing: '数据包没有签名',
  signature_bad: '签名校验失败：文件在签名后被修改，或已损坏',
  signature_wrong_key: '数据包由其他密钥签名，不是该责任人登记的密钥',
  unknown_officer: '发送人不是本局登记的帮包责任人',
  no_officer_key: '该责任人尚未登记或确认公钥（使用了 --require-registered-keys）',
  sequence_jump: '数据包序号比该责任人上一个有效数据包大出 1000 以上，疑为伪造，已拒收',
  key_rejected: '数据包的公钥已被本局拒绝或更换，拒收',
  packet_voided: '该数据包已因其公钥被更换或拒绝而作废，不再计入',
  file_changed: '读取过程中文件被改动，请重新汇入',
  // Decisions on keys (officers accept-key / reject-key / add --key), key-decisions.ts.
  fingerprint_invalid: '不是公钥指纹：应为 64 位十六进制数字（可含空格），与 officers pending 显示的一致',
  pending_key_unknown: '该责任人没有使用此指纹的待确认数据包，未作改动：请与本人再次逐字核对指纹（officers pending 列出待确认的公钥）',
  key_unknown_for_officer: '该责任人既没有此指纹的待确认数据包，也没有登记此公钥，未作改动',
  key_in_force: '该责任人已有另一把公钥，未作改动：换用新公钥会作废旧公钥送来的全部数据包；与本人核对后加 --replace-key',
  packet_id_taken: '已有同一编号的数据包以另一把公钥列入待确认清单，拒收；责任人下一次导出的数据包会带上同样的记录',
  key_command_input: 'officers accept-key 和 reject-key 需要责任人（编号或姓名）和 --fingerprint（按本人读出的指纹输入）',
  unknown_reference: '记录引用了本局数据库中没有的项目、清单事项、里程碑或问题',
  not_officer_owned: '工作包中含有不属于责任人的记录',
  key_taken: '该密钥已登记给另一名责任人',
  photo_mismatch: '照片与其记录不符',
  time_zone: '时区无效：须为 IANA 时区名称，例如 Asia/Shanghai 或 Europe/Berlin',
  not_sender_project: '数据包含有不属于发送人帮包项目的记录（项目由其他责任人帮包，或记录晚于项目移交）',
  future_date: '记录的日期晚于数据包本身的日期',
  backup_integrity: '备份文件未通过完整性检查（已损坏或不完整），未作任何改动',
  backup_not_bureau: '不是经发局数据库的备份（可能是责任人的数据库或其他文件），未作任何改动',
  backup_unreadable: '备份文件无法打开（不是数据库文件或已损坏），未作任何改动',
  backup_key_invalid: '备份中的签名密钥无效，未作任何改动',
  backup_key_mismatch: '备份中的签名密钥与其数据库不符，未作任何改动',
  out_exists: '目标文件已存在，导出和备份都不会覆盖已有文件：请换一个文件名',
  attachment_kind: '附件不是本软件生成的文件类型（只收 JPEG、PNG、WebP 照片和 PDF 佐证材料，按文件内容识别）',
};

const CODE_ZH: Record<string, string> = {
  invalid_input: '输入有误',
  not_found: '找不到',
  conflict: '冲突',
  illegal_transition: '问题当前状态下不能进行此操作',
  database_newer: '数据库版本比本软件新，请升级软件',
  database_corrupt: '数据库损坏或不是经发局数据库',
  key_missing: '签名密钥缺失或不匹配',
  import_withdraws_most: '该清单将撤回大多数在册项目，未导入任何内容',
  master_list_invalid: '项目清单有误，未导入任何内容',
  packet_invalid: '数据包无效',
  packet_signature: '数据包签名无效',
  packet_wrong_officer: '数据包的责任人不对',
  internal: '内部错误',
};

/** Why a master list file was refused as a whole (params.problem), in Chinese. */
const MASTER_PROBLEM_ZH: Record<string, string> = {
  extension: '项目清单须为 .xlsx 或 .csv 文件',
  unreadable: '项目清单文件无法读取（已损坏，或不是 Excel、CSV 文件）',
};

/**
 * One error shape as a line for a person. Chinese is Chinese to its end: the error's English message is never
 * appended; the identifiers it carries (file, record, project, field) follow under Chinese labels.
 */
export function describeErrorShape(error: AppErrorShape, lang: Lang): string {
  if (lang === 'en') return error.message;
  const reason = typeof error.params.reason === 'string' ? PACKET_REASON_ZH[error.params.reason] : undefined;
  if (error.code === 'import_withdraws_most') {
    return `该清单将撤回 ${error.params.active} 个在册项目中的 ${error.params.withdrawn} 个，可能选错了文件，未导入任何内容。确需如此，请加 --allow-withdraw-most 重新导入。`;
  }
  // The bulletin's month (the page says the other bulletin refusals: the command line sends no edited paragraphs).
  if (error.params.what === 'bulletin_month') return `${String(error.params.month)} 还没有开始，没有该月的数字：请用 --as-of 选择已过去的月份`;
  const common = reason ? null : commonErrorZh(error);
  if (common) return common;
  const problem = error.code === 'master_list_invalid' && typeof error.params.problem === 'string' ? MASTER_PROBLEM_ZH[error.params.problem] : undefined;
  const head = reason ?? problem ?? CODE_ZH[error.code] ?? '未能完成';
  return `${head}${detailsZh(error.params)}`;
}

/**
 * Every line to print for a failed operation, from its error shape (what the registry answers): a master
 * list's issues one per line, a fault (internal) as itself in English and, in Chinese, as how to see it.
 */
export function describeFailure(error: AppErrorShape & { masterIssues?: MasterListIssue[] }, lang: Lang): string[] {
  const issues = error.masterIssues;
  if (issues) {
    const head =
      lang === 'zh' ? `项目清单有 ${issues.length} 处错误，未导入任何内容：` : `the master list has ${issues.length} problem(s); nothing was imported:`;
    return [head, ...issues.map((i) => `  ${formatMasterIssue(i, lang)}`)];
  }
  if (error.code !== 'internal' || lang === 'en') return [describeErrorShape(error, lang)];
  // A fault, not a refusal: its text is English, so Chinese says how to see it, with its system code when it has one.
  const code = error.params.code;
  return [`内部错误，未能完成${code ? `（${code}）` : ''}。请用 LANG=C 重新运行以查看详情。`];
}
