import type { AppErrorShape } from '../errors.js';
import { fill, type Lang } from './catalogue.js';
import { detailsZh, KEY_PROBLEMS } from './error-details.js';
import { FILE_WORDS, wordsIn } from './vocabulary.js';

/**
 * Every refusal an officer can meet with a file (a packet, an assignment, a key file) or with the exchange
 * itself (stale, already imported, another officer's, the demo store, the bureau key), said whole in Chinese
 * or English and followed by what to do next. One catalogue for the sync screen (renderer/src/i18n,
 * errorMessage) and the `sponsor-desk` commands (sync-messages.ts, syncErrorText): the two differ only in the
 * words of the surface ({assignment}, {weekly}, {bureau}, {app}) and in steps that name a button or an option.
 * tests/integration/refusal-texts.test.ts fails when a packet reason or a sync refusal has no text or no next step here.
 */
export type RefusalLang = Lang;
export type RefusalSurface = 'screen' | 'cli';

/** A next step that is the same on both surfaces, or one per surface. */
type Step = string | { screen: string; cli: string };

export interface Refusal {
  zh: string;
  en: string;
  nextZh: Step;
  nextEn: Step;
}

/**
 * The words of the refusals: the files' names are the vocabulary's on both surfaces; the bureau and the app
 * are named as each surface addresses the user (局里 and 帮包工作台 on the screen, 经发局 and the command's
 * name Sponsor Desk in the CLI).
 */
const TERMS: Record<RefusalSurface, Record<RefusalLang, Record<string, string>>> = {
  screen: {
    zh: { ...wordsIn('zh', FILE_WORDS), bureau: '局里', app: '帮包工作台' },
    en: { ...wordsIn('en', FILE_WORDS), bureau: 'the bureau', app: 'Sponsor Desk' },
  },
  cli: {
    zh: { ...wordsIn('zh', FILE_WORDS), bureau: '经发局', app: 'Sponsor Desk' },
    en: { ...wordsIn('en', FILE_WORDS), bureau: 'the bureau', app: 'Sponsor Desk' },
  },
};

/** The next steps many refusals share, and a refusal that ends with one of them. */
const RESEND = { zh: '文件已损坏或被改动，请让{bureau}重新发送。', en: 'The file is damaged or was changed: ask {bureau} to send it again.' };
const UNSAFE = {
  zh: '不要使用这个文件：请让{bureau}重新发送，并告诉{bureau}这个情况。',
  en: 'Do not use this file: ask {bureau} to send it again, and tell them what happened.',
};
const CHOOSE = {
  zh: '请确认选的是{bureau}发来的{assignment}（assignment-….zip）；如果确实是，说明文件已损坏，请让{bureau}重新发送。',
  en: 'Check that you chose the {assignment} from {bureau} (assignment-….zip); if you did, it is damaged: ask {bureau} to send it again.',
};
const NOT_MINE = {
  zh: '请确认选的是发给您本人的文件；如果是{bureau}发错了，请让{bureau}重新发送。',
  en: 'Check that you chose the file meant for you; if {bureau} sent the wrong one, ask them to send it again.',
};
const refuse = (zh: string, en: string, next: { zh: string; en: string }): Refusal => ({ zh, en, nextZh: next.zh, nextEn: next.en });
const KEY_ZH = '请选择{bureau}提供的公钥文件（bureau.pub，内容以 -----BEGIN PUBLIC KEY----- 开头）。';
const KEY_EN = 'Choose the public key file {bureau} handed out (bureau.pub, starting with -----BEGIN PUBLIC KEY-----).';

/** Packet reasons (electron/packets/errors.ts), keyed `code:reason`. */
const PACKET: Record<string, Refusal> = {
  'packet_invalid:not_found': { zh: '找不到这个文件{details}。', en: 'The file was not found.', nextZh: '请重新选择文件。', nextEn: 'Choose the file again.' },
  'packet_invalid:too_large': refuse('文件超过大小上限，不是{assignment}。', 'The file is larger than any {assignment} can be.', CHOOSE),
  'packet_invalid:not_a_zip': refuse(
    '文件不是数据包：不是压缩包，或已损坏、不完整。',
    'The file is not a packet: it is not a zip file, or it is damaged or cut short.',
    CHOOSE,
  ),
  'packet_invalid:too_many_entries': refuse('数据包里的文件数超过上限，已拒绝。', 'The packet holds more files than allowed; refused.', UNSAFE),
  'packet_invalid:unsafe_entry': refuse(
    '数据包里有不安全的内容（绝对路径、“..”、链接或加密条目）{details}，已拒绝。',
    'The packet holds an unsafe entry (an absolute path, "..", a link or an encrypted entry); refused.',
    UNSAFE,
  ),
  'packet_invalid:entry_too_large': refuse(
    '数据包里的文件超过大小上限{details}，已拒绝。',
    'A file inside the packet is larger than allowed; refused.',
    UNSAFE,
  ),
  'packet_invalid:total_too_large': refuse('数据包解压后超过大小上限，已拒绝。', 'The packet unpacks to more than allowed; refused.', UNSAFE),
  'packet_invalid:duplicate_entry': refuse('数据包里有重复的文件{details}，已拒绝。', 'The packet holds the same entry twice; refused.', UNSAFE),
  'packet_invalid:missing_manifest': refuse('文件不是{app}的数据包（里面没有清单）。', 'The file is not a {app} packet (it has no manifest).', CHOOSE),
  'packet_invalid:manifest_invalid': refuse('数据包的清单无法读取。', "The packet's manifest cannot be read.", RESEND),
  'packet_invalid:not_a_packet': refuse('文件不是{app}的数据包。', 'The file is not a {app} packet.', CHOOSE),
  'packet_invalid:format_version': {
    zh: '数据包的格式版本（{found}）本软件还不支持。',
    en: 'This version of {app} does not know the packet format ({found}).',
    nextZh: '请升级{app}后再导入；如已是最新版本，请告诉{bureau}。',
    nextEn: 'Update {app}, then import again; if it is up to date, tell {bureau}.',
  },
  'packet_invalid:wrong_kind': {
    zh: '数据包类型不对：需要{expectedKind}，这是{foundKind}。',
    en: 'Wrong kind of packet: this one is a {foundKind}; here the {expectedKind} is needed.',
    nextZh: '请改选{expectedKind}。',
    nextEn: 'Choose the {expectedKind} instead.',
  },
  // The officer's most likely mix-up: their own weekly packet picked where the bureau's assignment goes.
  'packet_invalid:wrong_kind:weekly': {
    zh: '这是{weekly}（帮包责任人报送{bureau}的），不是{assignment}。',
    en: 'This is a {weekly} (what an officer sends to {bureau}), not an {assignment}.',
    nextZh: '{weekly}应在局端导入；这里请选择{bureau}下发的{assignment}（assignment-….zip）。',
    nextEn: 'A {weekly} is imported at the bureau; here, choose the {assignment} from {bureau} (assignment-….zip).',
  },
  'packet_invalid:entries_mismatch': refuse('数据包里的文件与签名清单不一致{details}。', "The packet's files do not match its signed manifest.", RESEND),
  'packet_invalid:size_mismatch': refuse(
    '数据包里的文件大小与签名清单不符{details}。',
    "A file's size in the packet does not match its signed manifest.",
    RESEND,
  ),
  'packet_invalid:hash_mismatch': refuse(
    '数据包里的文件与签名清单中的校验值不符{details}。',
    'A file in the packet does not match the checksum in its signed manifest.',
    RESEND,
  ),
  'packet_invalid:payload_invalid': refuse('数据包的内容不合规{details}。', "The packet's content is not valid.", RESEND),
  'packet_signature:signature_missing': refuse('数据包没有签名。', 'The packet is not signed.', UNSAFE),
  'packet_signature:signature_bad': {
    zh: '签名校验失败：文件在签发后被改动，或已损坏。',
    en: 'The signature does not verify: the file was changed after it was signed, or it is damaged.',
    nextZh: '不要使用这个文件：请打电话向{bureau}核实，并请{bureau}重新发送。',
    nextEn: 'Do not use this file: phone {bureau} to check, and ask them to send it again.',
  },
  'packet_signature:signature_wrong_key': {
    zh: '数据包是用另一把密钥签发的（指纹 {found}），不是已信任的{bureau}公钥（指纹 {expected}）。',
    en: 'The packet was signed with another key ({found}), not the trusted key of {bureau} ({expected}).',
    nextZh: '请打电话向{bureau}核实：如果{bureau}确实更换了公钥，先导入新的公钥文件再导入；否则不要使用这个文件。',
    nextEn: 'Phone {bureau} to check: if they really changed their key, import the new key file first; otherwise do not use this file.',
  },
};

/** The exchange's own refusals, keyed `code`, `code:reason` or `code:what`. */
const SYNC: Record<string, Refusal> = {
  'packet_wrong_officer:demo_store': {
    zh: '当前是演示数据，不能导入{assignment}。',
    en: 'This is the demo data: it cannot take an {assignment}.',
    nextZh: {
      screen: '请先在本页离开演示（演示数据会保存为备份），再导入{bureau}下发的{assignment}。',
      cli: '请新建一个空数据库（另给一个 --db 路径）后再导入，以免演示数据报送{bureau}。',
    },
    nextEn: {
      screen: 'Leave the demo on this page first (the demo data is kept as a backup), then import the {assignment}.',
      cli: 'Start a fresh store (another --db path) and import it there, so invented records never reach {bureau}.',
    },
  },
  'packet_wrong_officer:other_officer': refuse(
    '这份{assignment}是发给{foundName}的，本机数据属于{expectedName}。',
    'This {assignment} is for {foundName}; this store belongs to {expectedName}.',
    NOT_MINE,
  ),
  packet_wrong_officer: refuse('这份{assignment}不是发给本机帮包责任人的。', "This {assignment} is not for this store's sponsor officer.", NOT_MINE),
  packet_stale: {
    zh: '这份{assignment}（第{found}号）不晚于已导入的第{last}号，已过期，未导入。',
    en: 'This {assignment} (no. {found}) is not newer than no. {last}, already imported: it is out of date and was not imported.',
    nextZh: '无需处理；如需最新安排，请导入{bureau}最近下发的{assignment}。',
    nextEn: 'Nothing to do; for the latest, import the newest {assignment} from {bureau}.',
  },
  packet_already_imported: {
    zh: '这份{assignment}已经导入过，本次未做改动。',
    en: 'This {assignment} was imported already; nothing was changed.',
    nextZh: '无需再次导入。',
    nextEn: 'There is no need to import it again.',
  },
  import_withdraws_most: {
    zh: '这份{assignment}会移出您{active}个在办项目中的{withdrawn}个，未导入。',
    en: 'This {assignment} would withdraw {withdrawn} of your {active} active projects; nothing was imported.',
    nextZh: {
      screen: '请先打电话向{bureau}核实；确实如此时，勾选确认后再导入。',
      cli: '请先打电话向{bureau}核实；确实如此时，加 --allow-withdraw-most 重新导入。',
    },
    nextEn: {
      screen: 'Phone {bureau} to check first; if it is right, tick the confirmation and import again.',
      cli: 'Phone {bureau} to check first; if it is right, import again with --allow-withdraw-most.',
    },
  },
  key_missing: {
    zh: '尚未导入{bureau}的公钥，无法确认{assignment}确实来自{bureau}。',
    en: 'The public key of {bureau} is not trusted yet, so the {assignment} cannot be checked.',
    nextZh: {
      screen: '请先在第 1 步选择{bureau}提供的公钥文件（bureau.pub），核对指纹后再导入。',
      cli: '请先用 trust-bureau 导入{bureau}提供的公钥文件（bureau.pub），核对指纹后再导入。',
    },
    nextEn: {
      screen: 'First choose the key file {bureau} handed out (bureau.pub) in step 1 and check its fingerprint.',
      cli: 'First run trust-bureau with the key file {bureau} handed out (bureau.pub) and check its fingerprint.',
    },
  },
  'conflict:bureau_key_replace': {
    zh: '已信任另一把{bureau}公钥（原指纹 {previousFingerprint}），所选公钥文件的指纹是 {fingerprint}，未替换。',
    en: 'Another key of {bureau} is trusted already ({previousFingerprint}); the chosen key file has {fingerprint}. Nothing was replaced.',
    nextZh: { screen: '请打电话向{bureau}逐组核对新指纹，无误后再确认替换。', cli: '请打电话向{bureau}逐组核对新指纹，无误后加 --replace 重新运行。' },
    nextEn: {
      screen: 'Phone {bureau} and read the new fingerprint out group by group; confirm the replacement only if it matches.',
      cli: 'Phone {bureau} and read the new fingerprint out group by group; if it matches, run again with --replace.',
    },
  },
  'conflict:bureau_key_replace_mismatch': {
    zh: '确认替换的指纹与所选公钥文件的指纹（{fingerprint}）不一致，未替换。',
    en: 'The fingerprint confirmed does not match the chosen key file ({fingerprint}); nothing was replaced.',
    nextZh: '请重新选择公钥文件，向{bureau}核对指纹后再确认。',
    nextEn: 'Choose the key file again and check its fingerprint with {bureau} before confirming.',
  },
  'invalid_input:file': {
    zh: '所选文件是空的。',
    en: 'The chosen file is empty.',
    nextZh: '请重新选择；如果{bureau}发来的文件就是空的，请让{bureau}重新发送。',
    nextEn: 'Choose it again; if the file from {bureau} is empty, ask them to send it again.',
  },
};

/** Key files refused by electron/packets/keys.ts (invalid_input, what 'key', params.problem), keyed `key:problem`. */
const KEY: Record<string, Refusal> = Object.fromEntries(
  Object.entries(KEY_PROBLEMS).map(([problem, text]) => [
    `key:${problem}`,
    { zh: `${text.zh}{details}。`, en: text.en, nextZh: problem === 'private_key' ? '私钥切勿外传；' + KEY_ZH : KEY_ZH, nextEn: KEY_EN },
  ]),
);

/** Every refusal of this catalogue, by key: what tests/integration/refusal-texts.test.ts walks. */
export const REFUSALS: Readonly<Record<string, Refusal>> = { ...PACKET, ...SYNC, ...KEY };

/** The catalogue key of an error, or null when it is not a refusal of this catalogue. */
export function refusalKey(error: AppErrorShape): string | null {
  const { code, params } = error;
  const reason = typeof params.reason === 'string' ? params.reason : '';
  const what = typeof params.what === 'string' ? params.what : '';
  if (code === 'invalid_input' && what === 'key' && typeof params.problem === 'string')
    return REFUSALS[`key:${params.problem}`] ? `key:${params.problem}` : 'key:not_pem';
  // The key text itself failed the operation's input check (empty, or larger than any key): not a key file either.
  if (code === 'invalid_input' && (params.path === 'keyPem' || error.issues[0]?.path === 'keyPem')) return 'key:not_pem';
  if (reason === 'wrong_kind' && params.found === 'weekly') return 'packet_invalid:wrong_kind:weekly';
  for (const key of [`${code}:${reason}`, `${code}:${what}`, code]) if (REFUSALS[key]) return key;
  return null;
}

/** The placeholders of a refusal: the error's params, the surface's words, the packet kinds and the identifiers. */
function paramsOf(lang: RefusalLang, error: AppErrorShape, surface: RefusalSurface): Record<string, string | number> {
  const terms = TERMS[surface][lang];
  const kindTerm = (kind: unknown) => (kind === 'weekly' || kind === 'assignment' ? terms[kind]! : String(kind ?? ''));
  // A key text refused by the input check names the input field (keyPem) as its path: not worth showing.
  const ownParams = error.code === 'invalid_input' && error.params.what !== 'key' && error.params.what !== 'file' ? {} : error.params;
  return {
    ...error.params,
    ...terms,
    details: lang === 'zh' ? detailsZh(ownParams, ['found', 'expected', 'last', 'limit', 'bytes', 'fingerprint']) : '',
    foundKind: kindTerm(error.params.found),
    expectedKind: kindTerm(error.params.expected),
  };
}

/** The refusal's sentence and next step in `lang` on `surface`; null when the error is not one of this catalogue. */
function said(lang: RefusalLang, error: AppErrorShape, surface: RefusalSurface): { sentence: string; next: string } | null {
  const key = refusalKey(error);
  if (!key) return null;
  const refusal = REFUSALS[key]!;
  const params = paramsOf(lang, error, surface);
  const next = lang === 'zh' ? refusal.nextZh : refusal.nextEn;
  return { sentence: fill(refusal[lang], params, 'drop'), next: fill(typeof next === 'string' ? next : next[surface], params, 'drop') };
}

/**
 * The refusal as the user reads it: the sentence, then the next step, in `lang` on `surface`; null when the
 * error is not one of this catalogue (the caller's general catalogue says it). Chinese never carries the
 * error's English message; {details} shows only identifiers (file entries, paths, numbers).
 */
export function refusalText(lang: RefusalLang, error: AppErrorShape, surface: RefusalSurface): string | null {
  const r = said(lang, error, surface);
  return r && (lang === 'zh' ? `${r.sentence}${r.next}` : `${r.sentence} ${r.next}`);
}

/** Only the next step, for the English CLI, which keeps its detailed English message before it. */
export function refusalNextStep(lang: RefusalLang, error: AppErrorShape, surface: RefusalSurface): string | null {
  return said(lang, error, surface)?.next ?? null;
}
