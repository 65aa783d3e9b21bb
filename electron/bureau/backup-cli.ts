import type { BureauBackupResult } from './backup.js';
import type { Lang } from './messages.js';
import type { BureauRestoreResult } from './restore.js';

/** What `bureau backup` and `bureau restore` print (the wiring is in cli.ts). */

export function backupLines(r: BureauBackupResult, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
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

export function restoreLines(r: BureauRestoreResult, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
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
