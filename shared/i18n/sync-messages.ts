import type { AppErrorShape } from '../errors.js';
import { fill, say, type Lang } from './catalogue.js';
import { commonErrorZh, detailsZh, whatZh } from './error-details.js';
import { refusalNextStep, refusalText } from './refusals.js';
import type { AssignmentChanges, AssignmentPreview, ExportResult } from '../operations/sync.js';
import { localDateTime } from '../rules/local-time.js';

/**
 * What the `sponsor-desk` officer commands say (trust-bureau, import, export), in Chinese or English, and
 * the change summary of an assignment as lines of text (the sync screen shows the same counts with its own labels).
 */

export const SYNC_MESSAGES = {
  en: {
    error: 'Error',
    usage: 'Usage',
    trusted: "Now trusting the bureau's key. Fingerprint: {fingerprint}",
    trustedAlready: 'This bureau key was already trusted. Fingerprint: {fingerprint}',
    trustedReplaced: 'It replaces the key trusted before ({previous}).',
    compareFingerprint: 'Compare the fingerprint with the one the bureau gave you before importing assignments.',
    header: 'Assignment no. {sequence} from {sender} (key {fingerprint}), written {createdAt}, for {officer}',
    bureauNote: 'Note from the bureau: {note}',
    alreadyImported: 'Already imported on {appliedAt}: nothing was changed.',
    dryRun: 'Dry run: nothing was written.',
    applied: 'Applied. A backup of the database made before importing: {backup}',
    withdrawsMost: 'Warning: this would withdraw {withdrawn} of your {active} active projects; importing it needs --allow-withdraw-most.',
    officerAdopted: 'This store takes its officer identity from this assignment: {officer}',
    officerUpdated: 'Officer details updated: {officer}',
    projectsAdded: 'Projects added: {n}',
    projectsUpdated: 'Projects updated: {n}',
    projectsWithdrawn: 'Projects withdrawn (archived, history kept): {n}',
    projectsRestored: 'Projects assigned again: {n}',
    milestones: 'Milestones added: {added}, changed: {updated}',
    itemsAdded: 'Checklist items added: {n}',
    itemsRedated: 'Checklist items re-dated: {n}',
    itemsUpdated: 'Checklist items changed: {n}',
    itemsWithdrawn: 'Checklist items withdrawn: {n}',
    itemsRestored: 'Checklist items restored: {n}',
    problemsAdded: 'Problems added: {n}',
    problemsUpdated: 'Problems with new events: {n} ({events} events in all)',
    duplicates: 'Records already here, ignored: {n}',
    conflicts: 'Conflicts (both versions kept, nothing overwritten): {n}',
    ack: 'The bureau has received your weekly packets up to no. {sequence} ({changes} more changes confirmed).',
    noChanges: 'No changes to projects, checklists or problems.',
    warning: 'Warning: {text}',
    exported: 'Wrote weekly packet no. {sequence}: {file}',
    exportedCounts: '{changes} changes, {photos} photos, {bytes} bytes. SHA-256: {sha256}',
    missingPhotos: '{n} photo files were missing and were not included (their records were).',
    officerKey: 'Your key fingerprint: {fingerprint}',
    officerKeyWritten: 'Public key written to {file}',
  },
  zh: {
    error: '错误',
    usage: '用法',
    trusted: '已信任经发局公钥。指纹：{fingerprint}',
    trustedAlready: '该经发局公钥此前已信任。指纹：{fingerprint}',
    trustedReplaced: '已替换此前信任的公钥（{previous}）。',
    compareFingerprint: '导入任务文件前，请与经发局提供的指纹逐组核对。',
    header: '第{sequence}号任务文件，来自{sender}（公钥 {fingerprint}），生成于{createdAt}，帮包责任人：{officer}',
    bureauNote: '经发局附言：{note}',
    alreadyImported: '该任务文件已于{appliedAt}导入，本次未做任何更改。',
    dryRun: '试运行：未写入任何数据。',
    applied: '已导入。导入前的数据库备份：{backup}',
    withdrawsMost: '警告：将撤回您{active}个在办项目中的{withdrawn}个；如确认无误，请加 --allow-withdraw-most 重新导入。',
    officerAdopted: '本库将采用任务文件中的帮包责任人身份：{officer}',
    officerUpdated: '帮包责任人信息已更新：{officer}',
    projectsAdded: '新增项目：{n}个',
    projectsUpdated: '更新项目：{n}个',
    projectsWithdrawn: '撤回项目（已归档，记录保留）：{n}个',
    projectsRestored: '重新分配的项目：{n}个',
    milestones: '节点计划新增{added}个，调整{updated}个',
    itemsAdded: '新增清单事项：{n}项',
    itemsRedated: '调整时间节点的清单事项：{n}项',
    itemsUpdated: '内容调整的清单事项：{n}项',
    itemsWithdrawn: '撤回的清单事项：{n}项',
    itemsRestored: '恢复的清单事项：{n}项',
    problemsAdded: '新增问题：{n}个',
    problemsUpdated: '有新进展的问题：{n}个（共{events}条办理记录）',
    duplicates: '已有记录，忽略：{n}条',
    conflicts: '冲突记录（两个版本均保留，未覆盖）：{n}条',
    ack: '经发局已收到您第{sequence}号及以前的工作包（新确认{changes}条变更）。',
    noChanges: '项目、清单和问题均无变化。',
    warning: '提示：{text}',
    exported: '已生成第{sequence}号工作包：{file}',
    exportedCounts: '变更{changes}条，照片{photos}张，{bytes}字节。SHA-256：{sha256}',
    missingPhotos: '有{n}张照片文件缺失，未打包（其记录已包含）。',
    officerKey: '本人公钥指纹：{fingerprint}',
    officerKeyWritten: '公钥已写入 {file}',
  },
} as const;

type SyncMessageKey = keyof (typeof SYNC_MESSAGES)['en'];

export function syncMessage(lang: Lang, key: SyncMessageKey, params: Record<string, string | number> = {}): string {
  return say(SYNC_MESSAGES, lang, key, params);
}

const messagesIn =
  (lang: Lang) =>
  (key: SyncMessageKey, params: Record<string, string | number> = {}) =>
    syncMessage(lang, key, params);

/**
 * Chinese explanations of the other error codes and subjects (`code:what`); English uses the error's own
 * message. The refusals of files and of the exchange (packet reasons, stale, another officer's, the demo
 * store, key files, the bureau key) are said by refusals.ts, with their next step, for the CLI and the screen
 * alike. Never the English message inside a Chinese sentence: {details} shows the identifiers the error
 * carries (paths, ids, fields; shared/i18n/error-details.ts), {what} its subject.
 */
const ERRORS_ZH: Record<string, string> = {
  not_found: '找不到{what}{details}',
  'not_found:officer': '本库还没有帮包责任人：请先导入第一份任务文件，再导出工作包。',
  invalid_input: '输入有误{details}',
  'invalid_input:protected_data_folder': '数据已设密码保护，工作包不写入数据文件夹（那里只存加密的内容）：请另选一个文件夹{details}。',
  'invalid_input:folder': '不是文件夹{details}',
  conflict: '与已有内容冲突{details}',
  illegal_transition: '当前状态下不能进行此操作{details}',
  database_newer: '数据库版本比本软件新，请升级 Sponsor Desk{details}。',
  database_corrupt: '数据库已损坏，或不是 Sponsor Desk 的数据库{details}。',
  packet_invalid: '数据包无效{details}。',
  packet_signature: '签名校验失败：文件不是由受信任的密钥签发，或签发后被改动。',
  busy: '另一项操作正在进行，请稍后重试。',
  store_locked: '数据库已设密码保护：请把密码放在环境变量 SPONSOR_DESK_PASSPHRASE 中再运行。',
  'store_locked:wrong_passphrase': '密码不对（或数据文件已损坏），未做任何改动。',
  internal: '内部错误，未能完成{details}。请用 LANG=C 重新运行以查看详情。',
  'illegal_transition:demo_store': '当前为演示数据，演示数据不报送经发局，不能导出工作包：请先退出演示（演示数据会保存为备份），导入任务文件后再导出。',
};

/** The error as the user reads it in `lang`. */
export function syncErrorText(lang: Lang, error: AppErrorShape): string {
  if (lang === 'en') {
    const next = refusalNextStep('en', error, 'cli');
    return next ? `${error.message.replace(/[.\s]+$/, '')}. ${next}` : error.message;
  }
  const refusal = refusalText('zh', error, 'cli');
  if (refusal) return refusal;
  const params = { ...error.params, details: detailsZh(error.params), what: whatZh(error.params) } as Record<string, string | number>;
  const reason = typeof error.params.reason === 'string' ? error.params.reason : '';
  const what = typeof error.params.what === 'string' ? error.params.what : '';
  const template = ERRORS_ZH[`${error.code}:${reason}`] ?? ERRORS_ZH[`${error.code}:${what}`];
  const common = template ? null : commonErrorZh(error);
  if (common) return common;
  return fill(template ?? ERRORS_ZH[error.code] ?? '未能完成{details}', params, 'drop');
}

type Listed = readonly { code?: string; projectCode?: string; name?: string; title?: string; dueOn?: string; previousDueOn?: string | null }[];

/** The first 20 records of a change, one per line. */
function listed(items: Listed): string[] {
  const lines = items.slice(0, 20).map((i) => {
    const what = i.name !== undefined ? `${i.code} ${i.name}` : `${i.projectCode} ${i.title}`;
    return `    - ${what}${i.previousDueOn ? ` ${i.previousDueOn} → ${i.dueOn}` : ''}`;
  });
  return items.length > 20 ? [...lines, `    … (+${items.length - 20})`] : lines;
}

/** The change summary of an assignment as lines, as `import` prints it. */
function assignmentChangeLines(lang: Lang, changes: AssignmentChanges, officerName: string): string[] {
  const m = messagesIn(lang);
  const lines: string[] = [];
  /** A kind of change with its count, when there is one; `list`: its records too. */
  const count = (key: SyncMessageKey, items: Listed, list: boolean) => {
    if (items.length) lines.push(m(key, { n: items.length }), ...(list ? listed(items) : []));
  };
  if (changes.officer !== 'same') lines.push(m(changes.officer === 'adopted' ? 'officerAdopted' : 'officerUpdated', { officer: officerName }));
  const { projects: p, checklist: c, problems: pr } = changes;
  count('projectsAdded', p.added, true);
  count('projectsUpdated', p.updated, true);
  count('projectsWithdrawn', p.withdrawn, true);
  count('projectsRestored', p.restored, true);
  if (changes.milestones.added || changes.milestones.updated) lines.push(m('milestones', changes.milestones));
  count('itemsAdded', c.added, false);
  count('itemsRedated', c.redated, true);
  count('itemsUpdated', c.updated, false);
  count('itemsWithdrawn', c.withdrawn, true);
  count('itemsRestored', c.restored, false);
  count('problemsAdded', pr.added, false);
  if (pr.updated.length || pr.eventsAdded) lines.push(m('problemsUpdated', { n: pr.updated.length, events: pr.eventsAdded }));
  if (pr.duplicatesIgnored) lines.push(m('duplicates', { n: pr.duplicatesIgnored }));
  if (changes.conflicts.length) {
    lines.push(m('conflicts', { n: changes.conflicts.length }), ...changes.conflicts.slice(0, 20).map((x) => `    - ${x.entity} ${x.label}`));
  }
  if (lines.length === 0) lines.push(m('noChanges'));
  if (changes.acknowledgement.weeklySequence > 0) {
    lines.push(m('ack', { sequence: changes.acknowledgement.weeklySequence, changes: changes.acknowledgement.changesNewlyReceived }));
  }
  return lines;
}

/** The whole text the CLI prints for a preview or an applied import; times are local in the store's `zone`. */
export function assignmentReportLines(lang: Lang, preview: AssignmentPreview, zone: string): string[] {
  const m = messagesIn(lang);
  const lines = [
    m('header', {
      sequence: preview.sequence,
      sender: preview.sender.name,
      fingerprint: preview.sender.fingerprint,
      createdAt: localDateTime(preview.createdAt, zone),
      officer: preview.officer.name,
    }),
  ];
  if (preview.note) lines.push(m('bureauNote', { note: preview.note }));
  if (preview.status === 'already_imported') {
    lines.push(m('alreadyImported', { appliedAt: preview.appliedAt ? localDateTime(preview.appliedAt, zone) : '' }));
    return lines;
  }
  lines.push(...assignmentChangeLines(lang, preview.changes, preview.officer.name));
  for (const w of preview.warnings) lines.push(m('warning', { text: w }));
  if (preview.withdrawsMost) lines.push(m('withdrawsMost', { withdrawn: preview.changes.projects.withdrawn.length, active: preview.activeProjectsBefore }));
  return lines;
}

export function exportReportLines(lang: Lang, result: ExportResult): string[] {
  const m = messagesIn(lang);
  const lines = [
    m('exported', { sequence: result.sequence, file: result.filePath }),
    m('exportedCounts', { changes: result.changeCount, photos: result.photoCount, bytes: result.bytes, sha256: result.sha256 }),
  ];
  if (result.missingPhotos > 0) lines.push(m('missingPhotos', { n: result.missingPhotos }));
  for (const w of result.warnings) lines.push(m('warning', { text: w }));
  return lines;
}
