import { join } from 'node:path';
import { WEEKLY_PAYLOAD_PATH, WeeklyPayload } from '@shared/packets/weekly.js';
import { addDays, daysBetween } from '@shared/rules/index.js';
import { assignAll } from '../bureau/assign.js';
import type { BureauContext } from '../bureau/context.js';
import { ingestPacket } from '../bureau/ingest.js';
import { acceptKey } from '../bureau/key-decisions.js';
import { addOfficer } from '../bureau/officers.js';
import { listBureauMilestones, listBureauProjects, listOfficers, type BureauOfficer } from '../bureau/repository.js';
import { writePacketFile } from '../packets/container-write.js';
import { keyFingerprint, writePublicKeyFile, type KeyPairPem } from '../packets/keys.js';
import { demoOfficerKeys } from './demo-officer-keys.js';
import { demoOfficerRecords, districtMoment, type DemoRecord } from './officer-records.js';
import { seededRandom } from './seeded-random.js';

/**
 * The demo district's officers at work, in the last WEEKS weeks before today: each has a key of their own
 * (demo-officer-keys.ts) and
 * sends a signed weekly packet on their day of the week (Monday to Friday, two officers a day), now and then
 * missing a week, never in the last three. A packet carries every change the bureau has not acknowledged, as
 * the officer's desk writes it (docs/packets.md §3): the first one the year typed so far, then what came since
 * the packet the latest assignment acknowledged; the bureau writes assignments every three weeks (assign.ts).
 * The bureau takes the keys the two ways a clerk does (officers.ts, key-decisions.ts): seven handed over as key
 * files before the first packets, three read back by phone the morning after their first packet waited in the
 * pending list. Every packet is written with the packet writer and folded by the desk's own ingest on its day,
 * so the roll call, the receipts and the figures are the ones such weeks leave. Only the last weeks, not the
 * whole year, so that seeding stays quick (it runs on every new demo desk).
 */

const WEEKS = 6;
/** Assignments (with the acknowledgement) go out on the Monday of every ASSIGN_EVERY-th week. */
const ASSIGN_EVERY = 3;
/** The officers whose key the clerk accepts by reading its fingerprint back, after their first packet waited. */
const READ_BACK = 3;

/** An officer's desk: its key, its change log (the records in the order typed) and what it has sent. */
interface OfficerDesk {
  officer: BureauOfficer;
  keys: KeyPairPem;
  weekday: number;
  records: DemoRecord[];
  sent: number;
  /** throughSeq of each packet sent, by its sequence. */
  through: Map<number, number>;
  /** The latest assignment applied and the packet sequence it acknowledged. */
  applied: number;
  acknowledged: number;
}

interface Packet {
  desk: OfficerDesk;
  sequence: number;
  day: string;
  file: string;
}

/** Writes the officer's packet of `day`: every change after the acknowledged packet, up to the packet's moment. */
async function writePacket(dir: string, desk: OfficerDesk, day: string): Promise<Packet> {
  const createdAt = districtMoment(day, 17, 30);
  const afterSeq = desk.through.get(desk.acknowledged) ?? 0;
  let throughSeq = afterSeq;
  while (throughSeq < desk.records.length && desk.records[throughSeq]!.record.recordedAt <= createdAt) throughSeq++;
  const sequence = ++desk.sent;
  desk.through.set(sequence, throughSeq);
  const { id, name, unit, phone } = desk.officer;
  const changes = desk.records.slice(afterSeq, throughSeq);
  const payload = WeeklyPayload.parse({
    officer: { id, name, unit, phone },
    appliedAssignmentSequence: desk.applied,
    acknowledgedWeeklySequence: desk.acknowledged,
    period: { from: addDays(day, -6), to: day },
    summary: `本周走访项目、录入月度完成投资和节点情况，共 ${changes.length} 条记录待局里确认`,
    afterSeq,
    throughSeq,
    changes: changes.map((r, i) => ({ seq: afterSeq + i + 1, entity: r.entity, recordId: r.record.id, recordedAt: r.record.recordedAt, record: r.record })),
    photos: [],
    missingPhotos: [],
  });
  const file = join(dir, `周报-${name}-第${sequence}号.zip`);
  await writePacketFile(file, {
    kind: 'weekly',
    officerId: id,
    sequence,
    createdAt,
    senderName: name,
    keys: desk.keys,
    writtenBy: 'sponsor-desk demo district',
    entries: [{ path: WEEKLY_PAYLOAD_PATH, data: Buffer.from(JSON.stringify(payload), 'utf8') }],
  });
  return { desk, sequence, day, file };
}

/** The desk as it is at `moment` (an ISO timestamp): what it records is dated then. */
const at = (ctx: BureauContext, moment: string): BureauContext => ({ ...ctx, now: () => new Date(moment) });

/** The Monday of the week `day` falls in. */
const mondayOf = (day: string): string => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * Sends and folds the officers' packets into the demo bureau at `ctx` (master list imported), with `dir` a
 * scratch folder. `asOfMonth`: the master list's month; `today`: the district's day.
 */
export async function foldDemoPackets(ctx: BureauContext, dir: string, asOfMonth: string, today: string): Promise<void> {
  const lastDay = addDays(today, -1);
  const officers = listOfficers(ctx.db);
  const records = demoOfficerRecords({
    projects: listBureauProjects(ctx.db),
    milestones: listBureauMilestones(ctx.db),
    officerNames: new Map(officers.map((o) => [o.id, o.name])),
    asOfMonth,
    lastDay,
  });
  const desks: OfficerDesk[] = officers.map((officer, i) => ({
    officer,
    keys: demoOfficerKeys(officer.id),
    weekday: i % 5,
    records: records.get(officer.id) ?? [],
    sent: 0,
    through: new Map(),
    applied: 0,
    acknowledged: 0,
  }));
  // Weeks from WEEKS weeks back, not before the plan year's second week (a desk early in the year has fewer).
  const firstMonday = [mondayOf(addDays(lastDay, -7 * (WEEKS - 1))), mondayOf(`${asOfMonth.slice(0, 4)}-01-14`)].sort().at(-1)!;
  const readBack = new Set(officers.slice(-READ_BACK).map((o) => o.id));
  desks.forEach((d, i) => {
    if (readBack.has(d.officer.id)) return;
    const file = join(dir, `${d.officer.name}.pub`);
    writePublicKeyFile(file, d.keys.publicKeyPem);
    addOfficer(at(ctx, districtMoment(addDays(firstMonday, -7 + (i % 5)), 10)), { officer: d.officer.id, keyFile: file });
  });
  const next = seededRandom(236);
  for (let week = 0, monday = firstMonday; monday <= lastDay; week++, monday = addDays(monday, 7)) {
    if (week % ASSIGN_EVERY === 0) {
      const bureau = at(ctx, districtMoment(monday, 9));
      const written = await Promise.all(desks.map((d) => assignAll(bureau, { outDir: join(dir, 'assignments'), officer: d.officer.id })));
      for (const a of written.flat()) {
        const desk = desks.find((d) => d.officer.id === a.officerId)!;
        // Each officer applies it the same day: their next packet carries what came after the acknowledged one.
        Object.assign(desk, { applied: a.sequence, acknowledged: a.acknowledgedWeeklySequence });
      }
    }
    const sending = desks.filter((d) => addDays(monday, d.weekday) <= lastDay && (daysBetween(monday, lastDay) < 21 || next() >= 0.08));
    // Written side by side (the disk's waits overlap), folded one by one in the order they came.
    const packets = await Promise.all(sending.map((d) => writePacket(dir, d, addDays(monday, d.weekday))));
    for (const p of packets.sort((a, b) => a.day.localeCompare(b.day))) {
      const folded = await ingestPacket(at(ctx, districtMoment(p.day, 17, 50)), p.file);
      if (folded.status === 'pending') {
        const fingerprint = keyFingerprint(p.desk.keys.publicKeyPem);
        await acceptKey(at(ctx, districtMoment(addDays(p.day, 1), 9)), { officer: p.desk.officer.id, fingerprint });
      } else if (folded.status !== 'accepted') throw new Error(`demo packet ${p.desk.officer.name} #${p.sequence}: ${folded.error?.message ?? folded.status}`);
    }
  }
}
