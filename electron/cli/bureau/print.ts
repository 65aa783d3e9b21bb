import type { BureauOperationName } from '@shared/operations/index.js';
import { fill } from '@shared/i18n/catalogue.js';
import { PROBLEM_ACTION_WORDS } from '@shared/i18n/vocabulary.js';
import type { PrintedLine } from '../print.js';
import type { AssignResult } from '../../bureau/assign.js';
import type { BureauBackupResult } from '../../bureau/backup.js';
import { importLines, ingestLines, problemLines, summaryLines, wordOf } from './lines.js';
import type { InitResult } from '../../bureau/init.js';
import type { IngestFileResult } from '../../bureau/ingest.js';
import { addOfficerLines, keyDecisionLines, officerLines, pendingLines, voidedRecordLines } from './key-lines.js';
import type { BureauSettings } from '../../bureau/desk-settings.js';
import type { LedgerExportResult } from '../../bureau/ledger.js';
import { sayIn, type Lang } from './messages.js';
import type { BureauProblemView } from '../../bureau/problems.js';
import type { BureauRestoreResult } from '../../bureau/restore.js';

/** What the bureau CLI prints for each operation's result, in the user's language; `zone`: the desk's time zone. */
interface PrintContext {
  lang: Lang;
  zone: string;
  input: Record<string, unknown>;
}

type Printer = (result: never, p: PrintContext) => PrintedLine[];

function settingsLines(s: BureauSettings, { lang }: PrintContext): string[] {
  const say = sayIn(lang);
  return [
    say(`局名称：${s.bureauName}`, `Bureau: ${s.bureauName}`),
    say(`时区：${s.timeZone}${s.changed ? '（已更改）' : ''}`, `Time zone: ${s.timeZone}${s.changed ? ' (changed)' : ''}`),
  ];
}

function backupLines(r: BureauBackupResult, { lang }: PrintContext): string[] {
  const say = sayIn(lang);
  return [
    say(`已备份经发局数据库：${r.file}（${r.bytes} 字节，已校验）`, `Bureau desk backed up: ${r.file} (${r.bytes} bytes, verified)`),
    r.keyFingerprint
      ? say(
          `  含签名密钥（指纹 ${r.keyFingerprint}）：请像 bureau.key 一样妥善保管，切勿外传`,
          `  holds the signing key (fingerprint ${r.keyFingerprint}): keep it like bureau.key, never send it`,
        )
      : say('  未找到签名密钥文件，备份中不含密钥', '  no signing key file was found: the backup holds no key'),
    say(
      `  已收工作包 ${r.receivedPackets} 个，任务文件 ${r.assignments} 个`,
      `  ${r.receivedPackets} weekly packets received, ${r.assignments} assignments written`,
    ),
  ];
}

type RestoreFigures = BureauRestoreResult & BureauRestoreResult['notInBackup'] & { notCarried: number };

/** What a restore says after its first line, each note only when its file or count is there. */
const RESTORE_NOTES: readonly { shows: (r: RestoreFigures) => unknown; zh: string; en: string }[] = [
  { shows: (r) => r.keptAside, zh: '  原数据库已另存：{keptAside}', en: '  the replaced database is kept: {keptAside}' },
  { shows: (r) => r.keyKeptAside, zh: '  原签名密钥文件已另存：{keyKeptAside}', en: '  the replaced key file is kept: {keyKeptAside}' },
  {
    shows: (r) => r.packets > 0,
    zh: '  备份之后汇入的 {packets} 个工作包不在备份中：下一批任务文件确认的序号会相应降低，责任人的下一个工作包会重新带上这些记录',
    en: "  {packets} weekly packet(s) folded after the backup are not in it: the next assignments acknowledge less, and each officer's next packet carries those records again",
  },
  {
    shows: (r) => r.ownProblemRecordsCarried > 0,
    zh: '  备份之后本局录入的 {ownProblemRecordsCarried} 条问题记录（问题及交办、协调、办结等）已从原数据库带入',
    en: '  {ownProblemRecordsCarried} problem record(s) the bureau wrote after the backup (problems and their steps) were carried over from the replaced database',
  },
  {
    shows: (r) => r.notCarried > 0 || r.masterImports > 0,
    zh: '  注意：备份之后本局的 {notCarried} 条问题记录和 {masterImports} 次项目清单导入未能带入，工作包不会带回，请重新导入项目清单后再处理（原数据库另存备查）',
    en: '  note: {notCarried} problem record(s) of the bureau and {masterImports} master-list import(s) after the backup could not be brought back, and no packet brings them: import the master list again, then redo them (the replaced database is kept)',
  },
  {
    shows: (r) => r.assignments > 0,
    zh: '  任务文件编号接着原数据库最高的编号继续（备份之后写过 {assignments} 个）',
    en: "  assignment numbers continue above the replaced database's highest ({assignments} written after the backup)",
  },
];

function restoreLines(r: BureauRestoreResult, { lang }: PrintContext): string[] {
  const figures: RestoreFigures = { ...r, ...r.notInBackup, notCarried: r.notInBackup.ownProblemRecords - r.ownProblemRecordsCarried };
  return [
    sayIn(lang)(`已从备份恢复：${r.restoredFrom} → ${r.dbPath}`, `Restored from ${r.restoredFrom} → ${r.dbPath}`),
    ...RESTORE_NOTES.filter((note) => note.shows(figures)).map((note) => fill(note[lang], figures)),
  ];
}

function initLines(r: InitResult, { lang }: PrintContext): string[] {
  const say = sayIn(lang);
  return [
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
  ];
}

function assignLines(results: AssignResult[], { lang }: PrintContext): string[] {
  const say = sayIn(lang);
  if (results.length === 0) return [say('没有需要分派的责任人（请先导入项目清单）。', 'No officer to assign (import the master list first).')];
  return results.map((r) =>
    say(
      `${r.officerName}（${r.officerUnit}）第 ${r.sequence} 号任务文件：${r.projects} 个项目，${r.checklistItems} 项清单，${r.problems} 个问题；确认已收到工作包至第 ${r.acknowledgedWeeklySequence} 号 → ${r.file}`,
      `${r.officerName} (${r.officerUnit}) assignment #${r.sequence}: ${r.projects} projects, ${r.checklistItems} checklist items, ${r.problems} problems; acknowledges weekly packets through #${r.acknowledgedWeeklySequence} → ${r.file}`,
    ),
  );
}

/** Each packet's outcome (a refused one on stderr), then the count of each. */
function ingestReport(results: IngestFileResult[], { lang }: PrintContext): PrintedLine[] {
  const say = sayIn(lang);
  const lines: PrintedLine[] = results.flatMap((r) => ingestLines(r, lang).map((line) => (r.status === 'refused' ? { err: line } : line)));
  const n = (status: IngestFileResult['status']) => results.filter((r) => r.status === status).length;
  const [accepted, dup, held, refused] = [n('accepted'), n('duplicate'), n('pending'), n('refused')];
  const heldZh = held === 0 ? '' : `，待确认公钥 ${held}`;
  const heldEn = held === 0 ? '' : `, ${held} pending key`;
  lines.push(
    say(
      `共 ${results.length} 个文件：汇入 ${accepted}，重复 ${dup}${heldZh}，拒收 ${refused}。`,
      `${results.length} file(s): ${accepted} folded, ${dup} duplicate${heldEn}, ${refused} refused.`,
    ),
  );
  return lines;
}

/** A new problem or a step goes to the officer with the next assignment: said first, then the problem as it stands. */
function problemRecorded(r: BureauProblemView, { lang, zone, input }: PrintContext): string[] {
  const say = sayIn(lang);
  const head =
    input.action === undefined
      ? say(`已提出问题 ${r.id}（${r.projectCode} ${r.projectName}）`, `Problem raised: ${r.id} (${r.projectCode} ${r.projectName})`)
      : say('已记录：', 'Recorded: ') + wordOf(PROBLEM_ACTION_WORDS, input.action, lang);
  return [head + say(`，将随下一个任务文件发给 ${r.officerName}`, `; it goes to ${r.officerName} with the next assignment`), ...problemLines(r, lang, zone)];
}

/** The lines of each operation the command line runs (the screens' own operations, such as uploads, have none). */
export const BUREAU_LINES = {
  'bureau.init': initLines,
  'bureau.settings.get': settingsLines,
  'bureau.settings.set': settingsLines,
  'bureau.importMaster': (r, { lang }) => importLines(r, lang),
  'bureau.officers.list': officerLines,
  'bureau.officers.rollCall': (rows: { officerId: string; lastPacketSequence: number | null; lastPacketAt: string | null }[]) =>
    rows.map((r) => `${r.officerId} ${r.lastPacketSequence ?? '-'} ${r.lastPacketAt ?? '-'}`),
  'bureau.officers.add': (r, { lang }) => addOfficerLines(r, lang),
  'bureau.officers.addKey': (r, { lang }) => addOfficerLines(r, lang),
  'bureau.officers.pending': (r, { lang, zone }) => pendingLines(r, lang, zone),
  'bureau.officers.acceptKey': (r, { lang }) => keyDecisionLines(r, lang),
  'bureau.officers.rejectKey': (r, { lang }) => keyDecisionLines(r, lang),
  'bureau.officers.voided': (r, { lang, zone }) => voidedRecordLines(r, lang, zone),
  'bureau.assign': assignLines,
  'bureau.ingest': ingestReport,
  'bureau.summary': (r, { lang }) => summaryLines(r, lang),
  'bureau.projects.list': (r: { rows: { code: string; name: string }[] }) => r.rows.map((p) => `${p.code} ${p.name}`),
  'bureau.problems.list': (rows: BureauProblemView[], { lang, zone }) =>
    rows.length === 0 ? [sayIn(lang)('没有问题。', 'No problems.')] : rows.flatMap((p) => problemLines(p, lang, zone)),
  'bureau.problems.raise': problemRecorded,
  'bureau.problems.act': problemRecorded,
  'bureau.backup': backupLines,
  'bureau.restore': restoreLines,
  'bureau.exportLedger': (r: LedgerExportResult, { lang }) => [
    sayIn(lang)(`已导出全区台账：${r.file}`, `District ledger written: ${r.file}`),
    ...Object.entries(r.sheets).map(([name, n]) => `  ${name}: ${n}`),
  ],
  'bureau.exportSummary': (r: { file: string }, { lang }) => [
    sayIn(lang)(`已导出全区汇总（A4，可打印）：${r.file}`, `District summary written (A4, printable): ${r.file}`),
  ],
  'bureau.bulletin.export': (r: { file: string; format: string }, { lang }) => [
    r.format === 'xlsx'
      ? sayIn(lang)(`已导出月度通报（Excel 工作簿）：${r.file}`, `Monthly bulletin written (workbook): ${r.file}`)
      : sayIn(lang)(`已导出月度通报（A4，可打印）：${r.file}`, `Monthly bulletin written (A4, printable): ${r.file}`),
  ],
} satisfies Partial<Record<BureauOperationName, Printer>>;

export type CliBureauOperation = keyof typeof BUREAU_LINES;
