import type { BureauOperationName } from '@shared/operations/index.js';
import type { PrintedLine } from '../cli/print.js';
import type { AssignResult } from './assign.js';
import type { BureauBackupResult } from './backup.js';
import { importLines, ingestLines, PROBLEM_ACTION_ZH, problemLines, summaryLines } from './cli-lines.js';
import type { InitResult } from './init.js';
import type { IngestFileResult } from './ingest.js';
import { addOfficerLines, keyDecisionLines, officerLines, pendingLines, voidedRecordLines } from './key-cli.js';
import type { BureauSettings } from './desk-settings.js';
import type { LedgerExportResult } from './ledger.js';
import { sayIn, type Lang } from './messages.js';
import type { BureauProblemView } from './problems.js';
import type { BureauRestoreResult } from './restore.js';

/** What the bureau CLI prints for each operation's result, in the user's language; `zone`: the desk's time zone. */
export interface PrintContext {
  lang: Lang;
  zone: string;
  input: Record<string, unknown>;
}

type Printer = (result: never, p: PrintContext) => PrintedLine[];

function bureauSettingsLines(s: BureauSettings, lang: Lang): string[] {
  const say = sayIn(lang);
  return [
    say(`局名称：${s.bureauName}`, `Bureau: ${s.bureauName}`),
    say(`时区：${s.timeZone}${s.changed ? '（已更改）' : ''}`, `Time zone: ${s.timeZone}${s.changed ? ' (changed)' : ''}`),
  ];
}

function backupLines(r: BureauBackupResult, lang: Lang): string[] {
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
      `  已收周报 ${r.receivedPackets} 个，任务包 ${r.assignments} 个`,
      `  ${r.receivedPackets} weekly packets received, ${r.assignments} assignments written`,
    ),
  ];
}

function restoreLines(r: BureauRestoreResult, lang: Lang): string[] {
  const say = sayIn(lang);
  const n = r.notInBackup;
  const lines = [say(`已从备份恢复：${r.restoredFrom} → ${r.dbPath}`, `Restored from ${r.restoredFrom} → ${r.dbPath}`)];
  if (r.keptAside) lines.push(say(`  原数据库已另存：${r.keptAside}`, `  the replaced database is kept: ${r.keptAside}`));
  if (r.keyKeptAside) lines.push(say(`  原签名密钥文件已另存：${r.keyKeptAside}`, `  the replaced key file is kept: ${r.keyKeptAside}`));
  if (n.packets > 0) {
    lines.push(
      say(
        `  备份之后汇入的 ${n.packets} 个周报不在备份中：下一批任务包确认的序号会相应降低，责任人的下一个周报会重新带上这些记录`,
        `  ${n.packets} weekly packet(s) folded after the backup are not in it: the next assignments acknowledge less, and each officer's next packet carries those records again`,
      ),
    );
  }
  if (r.ownProblemRecordsCarried > 0) {
    lines.push(
      say(
        `  备份之后本局录入的 ${r.ownProblemRecordsCarried} 条问题记录（问题及交办、协调、办结等）已从原数据库带入`,
        `  ${r.ownProblemRecordsCarried} problem record(s) the bureau wrote after the backup (problems and their steps) were carried over from the replaced database`,
      ),
    );
  }
  const notCarried = n.ownProblemRecords - r.ownProblemRecordsCarried;
  if (notCarried > 0 || n.masterImports > 0) {
    lines.push(
      say(
        `  注意：备份之后本局的 ${notCarried} 条问题记录和 ${n.masterImports} 次项目清单导入未能带入，周报不会带回，请重新导入项目清单后再处理（原数据库另存备查）`,
        `  note: ${notCarried} problem record(s) of the bureau and ${n.masterImports} master-list import(s) after the backup could not be brought back, and no packet brings them: import the master list again, then redo them (the replaced database is kept)`,
      ),
    );
  }
  if (n.assignments > 0) {
    lines.push(
      say(
        `  任务包编号接着原数据库最高的编号继续（备份之后写过 ${n.assignments} 个）`,
        `  assignment numbers continue above the replaced database's highest (${n.assignments} written after the backup)`,
      ),
    );
  }
  return lines;
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
      `${r.officerName}（${r.officerUnit}）第 ${r.sequence} 号任务包：${r.projects} 个项目，${r.checklistItems} 项清单，${r.problems} 个问题；确认已收到周报至第 ${r.acknowledgedWeeklySequence} 号 → ${r.file}`,
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
  lines.push(
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
  return lines;
}

/** A step or a new problem goes to the officer with the next assignment: said first, then the problem as it stands. */
function problemRecorded(head: (say: ReturnType<typeof sayIn>, r: BureauProblemView) => string) {
  return (r: BureauProblemView, { lang, zone }: PrintContext) => [head(sayIn(lang), r), ...problemLines(r, lang, zone)];
}

export const BUREAU_LINES: Record<BureauOperationName, Printer> = {
  'bureau.init': initLines,
  'bureau.settings.get': (r, { lang }) => bureauSettingsLines(r, lang),
  'bureau.settings.set': (r, { lang }) => bureauSettingsLines(r, lang),
  'bureau.importMaster': (r, { lang }) => importLines(r, lang),
  'bureau.officers.list': officerLines,
  'bureau.officers.add': (r, { lang }) => addOfficerLines(r, lang),
  'bureau.officers.addKey': (r, { lang }) => addOfficerLines(r, lang),
  'bureau.officers.pending': (r, { lang, zone }) => pendingLines(r, lang, zone),
  'bureau.officers.acceptKey': (r, { lang }) => keyDecisionLines(r, lang),
  'bureau.officers.rejectKey': (r, { lang }) => keyDecisionLines(r, lang),
  'bureau.officers.voided': (r, { lang, zone }) => voidedRecordLines(r, lang, zone),
  'bureau.assign': assignLines,
  'bureau.ingest': ingestReport,
  'bureau.summary': (r, { lang }) => summaryLines(r, lang),
  'bureau.problems.list': (rows: BureauProblemView[], { lang, zone }) =>
    rows.length === 0 ? [sayIn(lang)('没有问题。', 'No problems.')] : rows.flatMap((p) => problemLines(p, lang, zone)),
  'bureau.problems.raise': problemRecorded((say, r) =>
    say(
      `已提出问题 ${r.id}（${r.projectCode} ${r.projectName}），将随下一个任务包发给 ${r.officerName}`,
      `Problem raised: ${r.id} (${r.projectCode} ${r.projectName}); it goes to ${r.officerName} with the next assignment`,
    ),
  ),
  'bureau.problems.act': (r: BureauProblemView, p) => {
    const action = String(p.input.action);
    return problemRecorded((say) =>
      say(
        `已记录：${PROBLEM_ACTION_ZH[action] ?? action}，将随下一个任务包发给 ${r.officerName}`,
        `Recorded: ${action}; it goes to ${r.officerName} with the next assignment`,
      ),
    )(r, p);
  },
  'bureau.backup': (r, { lang }) => backupLines(r, lang),
  'bureau.restore': (r, { lang }) => restoreLines(r, lang),
  'bureau.exportLedger': (r: LedgerExportResult, { lang }) => [
    sayIn(lang)(`已导出全区台账：${r.file}`, `District ledger written: ${r.file}`),
    ...Object.entries(r.sheets).map(([name, n]) => `  ${name}: ${n}`),
  ],
};
