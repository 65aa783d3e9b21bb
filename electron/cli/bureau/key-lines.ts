import type { OperationOutput } from '@shared/operations/index.js';
import { localDateTime } from '@shared/rules/local-time.js';
import type { IngestFileResult } from '../../bureau/ingest.js';
import type { KeyDecisionResult } from '../../bureau/key-decisions.js';
import { sayIn, type Lang } from './messages.js';
import type { OfficerStatus } from '../../bureau/officers.js';
import type { PendingPacket } from '../../bureau/pending-keys.js';
import type { VoidedRecordRow } from '../../bureau/void-packets.js';

/**
 * What the bureau CLI says about officers and their keys (`officers list | add | pending | accept-key |
 * reject-key | voided`, pending keys and voided packets), in Chinese and English. The decisions themselves
 * are operations (electron/bureau/operations/officers.ts).
 */

/** What a key taken into force or out of it did: the packets voided, then the pending packets folded. */
function keyOutcomeLines(r: Pick<KeyDecisionResult, 'voided' | 'folded'>, lang: Lang): string[] {
  const say = sayIn(lang);
  const v = r.voided;
  const voided =
    v && v.packets > 0
      ? [
          say(
            `  ！已作废旧密钥送来的 ${v.packets} 个工作包：${v.records} 条记录、${v.conflicts} 条冲突记录移出统计，保存在 voided_records 表中可查${v.restored ? `；${v.restored} 条记录改用其他有效工作包的版本` : ''}。下一个任务文件只确认有效工作包。`,
            `  ! Voided ${v.packets} packet(s) the old key delivered: ${v.records} record(s) and ${v.conflicts} conflict row(s) set aside (kept in voided_records, no longer counted)${v.restored ? `; ${v.restored} record(s) now stand in a valid packet's version` : ''}. The next assignment acknowledges valid packets only.`,
          ),
        ]
      : [];
  const folded = r.folded.map((f) =>
    f.status === 'refused'
      ? say(
          `  待确认数据包第 ${f.sequence} 号未能汇入：${f.error?.message ?? ''}`,
          `  pending packet #${f.sequence} could not be folded: ${f.error?.message ?? ''}`,
        )
      : say(
          `  已汇入待确认数据包第 ${f.sequence} 号：新记录 ${f.newRecords}，重复 ${f.duplicateRecords}，冲突 ${f.conflicts}`,
          `  folded pending packet #${f.sequence}: ${f.newRecords} new, ${f.duplicateRecords} duplicate, ${f.conflicts} conflicting`,
        ),
  );
  return [...voided, ...folded];
}

/** `officers accept-key | reject-key`: the decision, then what it voided and folded. */
export function keyDecisionLines(r: KeyDecisionResult, lang: Lang): string[] {
  const say = sayIn(lang);
  const o = r.officer;
  const head = {
    rejected: say(
      `已拒绝 ${o.name} 的公钥 ${r.fingerprint}：${r.rejectedPackets} 个待确认数据包已搁置（文件保留，不汇入）；今后此密钥签名的数据包一律拒收。`,
      `Rejected key ${r.fingerprint} for ${o.name}: ${r.rejectedPackets} pending packet(s) set aside (files kept, nothing folded); packets signed by this key are refused from now on.`,
    ),
    confirmed: say(`已确认 ${o.name} 的现用公钥：${r.fingerprint}`, `Confirmed ${o.name}'s key in force: ${r.fingerprint}`),
    replaced: say(
      `！已更换 ${o.name} 的公钥：${r.previousFingerprint} → ${r.fingerprint}`,
      `! Key of ${o.name} replaced: ${r.previousFingerprint} → ${r.fingerprint}`,
    ),
    accepted: say(`已接受 ${o.name} 的公钥：${r.fingerprint}`, `Accepted ${o.name}'s key: ${r.fingerprint}`),
  }[r.decision];
  return [head, ...keyOutcomeLines(r, lang)];
}

/** `officers pending`; `zone`: the desk's time zone, times shown local there (`YYYY-MM-DD HH:mm`). */
export function pendingLines(rows: PendingPacket[], lang: Lang, zone: string): string[] {
  const say = sayIn(lang);
  if (rows.length === 0) return [say('没有待确认的密钥。', 'No key is waiting for a decision.')];
  return rows.map((p) =>
    say(
      `${p.officerName}  ${p.officerId}  第 ${p.sequence} 号  ${p.fileName}  收到于 ${localDateTime(p.receivedAt, zone)}\n    待确认公钥指纹 ${p.fingerprint}`,
      `${p.officerName}  ${p.officerId}  #${p.sequence}  ${p.fileName}  received ${localDateTime(p.receivedAt, zone)}\n    pending key, fingerprint ${p.fingerprint}`,
    ),
  );
}

/** `officers voided`: the records set aside, oldest first. */
export function voidedRecordLines(rows: VoidedRecordRow[], lang: Lang, zone: string): string[] {
  const say = sayIn(lang);
  if (rows.length === 0) return [say('没有作废的记录。', 'No voided records.')];
  return rows.map((v) =>
    say(
      `${localDateTime(v.voidedAt, zone)}  ${v.kind === 'conflict' ? '冲突记录' : '记录'} ${v.entity} ${v.recordId}  数据包 ${v.packetId ?? '—'}  原因 ${v.reason}`,
      `${localDateTime(v.voidedAt, zone)}  ${v.kind} ${v.entity} ${v.recordId}  packet ${v.packetId ?? '—'}  reason ${v.reason}`,
    ),
  );
}

/** The ingest report's lines for a packet held in the pending list. */
export function pendingIngestLines(r: IngestFileResult, lang: Lang): string[] {
  const say = sayIn(lang);
  const k = r.pendingKey!;
  const who = `${r.officerName} #${r.sequence}`;
  const head = k.alreadyPending
    ? say(`待确认 ${r.file}（${who}）：此前已列入待确认清单，未作改动`, `pending ${r.file} (${who}): already in the pending list, nothing changed`)
    : say(
        `待确认 ${r.file}（${who}）：公钥未经确认，未汇入任何记录，已列入待确认清单`,
        `pending ${r.file} (${who}): key not accepted, nothing folded, held in the pending list`,
      );
  return [
    head,
    say(
      `  ！！！待确认公钥，指纹 ${k.fingerprint}${k.registeredFingerprint ? `（本局登记的是 ${k.registeredFingerprint}）` : ''}。请与 ${r.officerName} 本人电话或当面逐字核对指纹，一致后执行 officers accept-key ${r.officerId} --fingerprint "${k.fingerprint}"${k.registeredFingerprint ? ' --replace-key' : ''}；不一致时执行 officers reject-key。`,
      `  !!! Pending key, fingerprint ${k.fingerprint}${k.registeredFingerprint ? ` (the bureau has ${k.registeredFingerprint})` : ''}. Read it back with ${r.officerName} by phone or in person, then accept: officers accept-key ${r.officerId} --fingerprint "${k.fingerprint}"${k.registeredFingerprint ? ' --replace-key' : ''}; if it differs, officers reject-key.`,
    ),
  ];
}

/** How `officers list` shows a key: its fingerprint, where it came from, whether a person confirmed it, and keys pending. */
function officerKeyLabel(o: OfficerStatus, lang: Lang): string {
  const say = sayIn(lang);
  const source =
    o.keyConfirmed === 'file'
      ? say('密钥文件', 'key file')
      : o.keyConfirmed === 'read_back'
        ? say('已核对指纹', 'fingerprint read back')
        : say('首次信任，未确认', 'first use, unconfirmed');
  const key = o.keyFingerprint ? `${o.keyFingerprint} [${source}]` : say('未登记', 'none');
  const pending = o.pendingKeys
    .map((k) => say(`\n    待确认公钥 ${k.fingerprint}（${k.packets} 个数据包）`, `\n    pending key ${k.fingerprint} (${k.packets} packet(s))`))
    .join('');
  return key + pending;
}

/** `officers list`: each officer with projects, assignments, packets received and the key. */
export function officerLines(rows: OfficerStatus[], { lang }: { lang: Lang }): string[] {
  const say = sayIn(lang);
  if (rows.length === 0) return [say('尚无责任人。导入项目清单或使用 officers add 登记。', 'No officers yet. Import the master list or use officers add.')];
  return rows.map(
    (o) =>
      `${o.name}（${o.unit}）${o.phone ? ` ${o.phone}` : ''}  ${o.id}\n    ${say('项目', 'projects')} ${o.projects}  ${say('任务文件', 'assignments')} #${o.lastAssignmentSequence}  ${say('已收工作包', 'packets')} ${o.packetsReceived} (${say('最高序号', 'highest')} #${o.highestPacketSequence})  ${say('公钥', 'key')} ${officerKeyLabel(o, lang)}`,
  );
}

/** `officers add`: the officer, what happened to the key, what replacing it voided, and the pending packets folded. */
export function addOfficerLines(r: OperationOutput<'bureau.officers.add'>, lang: Lang): string[] {
  const say = sayIn(lang);
  const o = r.officer;
  const fp = o.keyFingerprint;
  const keyLine = {
    registered: say(`已登记公钥，指纹 ${fp}`, `Key registered, fingerprint ${fp}`),
    confirmed: say(`密钥文件与首个数据包的公钥一致，已确认：${fp}`, `The key file matches the key of the first packet; confirmed: ${fp}`),
    replaced: say(`！已更换公钥：${r.previousFingerprint} → ${fp}`, `! Key replaced: ${r.previousFingerprint} → ${fp}`),
    unchanged: say(`公钥未变：${fp}`, `Key unchanged: ${fp}`),
    none: null,
  }[r.key];
  return [
    r.created
      ? say(`已登记责任人 ${o.name}（${o.unit}）：${o.id}`, `Registered officer ${o.name} (${o.unit}): ${o.id}`)
      : say(`责任人 ${o.name}（${o.unit}）：${o.id}`, `Officer ${o.name} (${o.unit}): ${o.id}`),
    ...(keyLine ? [keyLine] : []),
    ...keyOutcomeLines(r, lang),
  ];
}
