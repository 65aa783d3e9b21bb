import type { AppErrorShape } from '../errors.js';

/**
 * The parts of an error's Chinese text that both command lines share (the officer's commands through
 * sync-messages.ts, the bureau's through electron/cli/bureau/messages.ts), so that a Chinese message is Chinese
 * to its end: an error's `message` is English detail for logs and tests and is never appended to a Chinese
 * sentence. What the user needs from it (which file, which record, which field) travels in the error's
 * params; `detailsZh` shows those that are identifiers (paths, ids, fingerprints, numbers) under Chinese labels.
 */

/** What an error is about (params.what), in Chinese. */
const WHAT_ZH: Record<string, string> = {
  database: '数据库',
  bureau_db: '经发局数据库',
  backup: '备份',
  packet: '数据包文件',
  file: '文件',
  folder: '文件夹',
  out: '输出位置',
  key: '密钥文件',
  bureau_key: '经发局公钥',
  fingerprint: '公钥指纹',
  officer: '帮包责任人',
  project: '项目',
  problem: '问题',
  milestone: '里程碑',
  checklist_item: '清单事项',
  visit: '走访记录',
  summary: '周报摘要',
  year: '年份',
  on: '日期',
  job: '后台任务',
  file_handle: '文件',
  file_dialog: '文件对话框',
};

/** Identifier params worth showing, with their Chinese labels, in this order. */
const LABELS_ZH: readonly (readonly [string, string])[] = [
  ['path', '路径'],
  ['file', '文件'],
  ['entity', '记录类型'],
  ['id', '编号'],
  ['project', '项目'],
  ['officer', '责任人'],
  ['field', '字段'],
  ['value', '值'],
  ['date', '日期'],
  ['packetDate', '数据包日期'],
  ['made', '记录时间'],
  ['entry', '条目'],
  ['code', '编码'],
  ['fingerprint', '指纹'],
  ['sequence', '序号'],
  ['last', '上一个'],
  ['limit', '上限'],
  ['month', '月份'],
  ['found', '实际'],
  ['expected', '应为'],
  ['bytes', '字节数'],
  ['entries', '条目数'],
  ['mimeType', '类型'],
  ['sheet', '工作表'],
  ['row', '行'],
  ['column', '列'],
  ['supported', '支持的版本'],
];

/** Why a key file was refused (params.problem of an invalid_input about a key). */
export const KEY_PROBLEMS: Readonly<Record<string, { zh: string; en: string }>> = {
  private_key: {
    zh: '这是私钥文件：请改用公钥文件（.pub），私钥请妥善保管、切勿外传',
    en: 'This is a private key file: use the public key file (.pub) instead, and keep the private key secret.',
  },
  not_pem: {
    zh: '不是公钥文件（应为以 -----BEGIN PUBLIC KEY----- 开头的 PEM 文件）',
    en: 'This is not a public key file (a PEM file starting with -----BEGIN PUBLIC KEY-----).',
  },
  unreadable: { zh: '密钥文件无法读取（内容已损坏）', en: 'The key file cannot be read (its content is damaged).' },
  wrong_type: { zh: '密钥类型不对（须为 Ed25519 密钥）', en: 'The key is of the wrong type (it must be an Ed25519 key).' },
  not_a_file: { zh: '给出的密钥路径不是文件', en: 'The key path given is not a file.' },
  too_large: { zh: '文件过大，不是密钥文件', en: 'The file is too large to be a key file.' },
};

/** "数据库" for params.what = 'database'; '' when the error names nothing known. */
export function whatZh(params: AppErrorShape['params']): string {
  return typeof params.what === 'string' ? (WHAT_ZH[params.what] ?? '') : '';
}

/** "（路径：/x；编号：42）" from the identifier params, or '' when there are none. */
export function detailsZh(params: AppErrorShape['params'], skip: readonly string[] = []): string {
  const parts = LABELS_ZH.filter(([key]) => !skip.includes(key) && params[key] !== undefined && params[key] !== '').map(
    ([key, label]) => `${label}：${String(params[key])}`,
  );
  return parts.length > 0 ? `（${parts.join('；')}）` : '';
}

/**
 * A whole Chinese sentence for the errors both command lines meet the same way (a missing file or record, a
 * file that is not a key), or null to let the caller's catalogue say it.
 */
export function commonErrorZh(error: AppErrorShape): string | null {
  const { params } = error;
  if (error.code === 'invalid_input' && params.what === 'key' && typeof params.problem === 'string' && KEY_PROBLEMS[params.problem]) {
    return `${KEY_PROBLEMS[params.problem]!.zh}${detailsZh(params)}`;
  }
  if (error.code === 'not_found') {
    if (params.what === 'bureau_db') return `找不到经发局数据库${detailsZh(params)}：请先运行 sponsor-desk bureau init`;
    if (params.what === 'officer' && params.path === undefined && params.id === undefined) return null; // said by the catalogue (no officer yet)
    const what = whatZh(params);
    return `找不到${what || '所需的文件或记录'}${detailsZh(params)}`;
  }
  return null;
}
