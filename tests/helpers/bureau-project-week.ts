import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Officer } from '@shared/domain/index.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { highestReceivedSequence, listBureauChecklistItems, listBureauMilestones } from '../../electron/bureau/repository.js';
import { demoOfficerKeys } from '../../electron/demo/demo-officer-keys.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import type { TempDir } from './temp-store.js';

/** A real JPEG of a site (a sky over a building block, `hue` varying), for photos the page must draw. */
export async function sitePhoto(hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="300" fill="hsl(${hue},60%,75%)"/><rect y="300" width="640" height="180" fill="#8c8c8c"/>
    <rect x="180" y="140" width="280" height="200" fill="hsl(${(hue + 180) % 360},35%,45%)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function attachment(ownerKind: 'visit' | 'checklist_event', ownerId: string, fileName: string, data: Buffer, recordedAt: string): FixtureChange {
  return {
    entity: 'attachment',
    record: {
      id: randomUUID(),
      ownerKind,
      ownerId,
      fileName,
      mimeType: 'image/jpeg',
      sha256: sha(data),
      bytes: data.length,
      width: 640,
      height: 480,
      recordedAt,
    },
  };
}

export interface FoldedWeek {
  ids: { visit: string; photos: string[]; closeOff: string; evidence: string; problem: string; item: string; milestone: string };
  photos: Map<string, Buffer>;
  /** The month corrected and its figure in force. */
  corrected: { month: string; first: number; inForce: number };
}

/**
 * One week of an officer's work on `projectId`, written as a real signed weekly packet and folded by the bureau's
 * ingest: a visit with two photos, a close-off with an evidence photo, a milestone reached, a problem raised and
 * moved on, a month's figure and its correction. Signed with the key the demo district's bureau holds for the
 * officer (electron/demo/demo-officer-keys.ts), numbered after the officer's last packet, as their desk would.
 */
export async function foldProjectWeek(ctx: BureauContext, dir: TempDir, officer: Officer, projectId: string, day: string): Promise<FoldedWeek> {
  const keys = demoOfficerKeys(officer.id);
  const at = (hour: number) => `${day}T0${hour}:00:00.000Z`;
  // A task of the bureau's checklist, or (a project the master list gave none, as in the demo district) the officer's own.
  const own = {
    id: randomUUID(),
    projectId,
    stage: 'construction',
    title: '施工临时用电报装',
    dueOn: day,
    sortOrder: 99,
    origin: 'officer',
    withdrawnAt: null,
  };
  const item = listBureauChecklistItems(ctx.db, { projectId })[0] ?? own;
  // The first milestone in force whose day has come (a report may not be dated after its packet).
  const milestone = listBureauMilestones(ctx.db, projectId).find((m) => m.withdrawnAt === null && m.plannedOn <= day)!;
  const visit = randomUUID();
  const closeOff = randomUUID();
  const problem = randomUUID();
  const images = await Promise.all([sitePhoto(200), sitePhoto(30), sitePhoto(120)]);
  const [p1, p2, evidence] = [
    attachment('visit', visit, '主体施工.jpg', images[0]!, at(1)),
    attachment('visit', visit, '塔吊.jpg', images[1]!, at(1)),
    attachment('checklist_event', closeOff, '批复文件.jpg', images[2]!, at(2)),
  ] as const;
  const month = `${day.slice(0, 4)}-${String(Number(day.slice(5, 7)) - 1).padStart(2, '0')}`;
  const changes: FixtureChange[] = [
    ...(item === own ? [{ entity: 'checklist_item' as const, record: own }] : []),
    {
      entity: 'visit',
      record: {
        id: visit,
        projectId,
        visitedOn: day,
        kind: 'site_visit',
        participants: `${officer.name}、企业负责人`,
        summary: '现场查看主体施工进度',
        findings: '主体结构已封顶，临时用电偏紧',
        followUps: '协调供电公司增容',
        recordedAt: at(1),
        recordedBy: officer.name,
      },
    },
    p1,
    p2,
    {
      entity: 'checklist_event',
      record: {
        id: closeOff,
        itemId: item.id,
        action: 'close_off',
        effectiveOn: day,
        note: '批复已取得，扫描件归档',
        attachmentId: evidence.record.id,
        recordedAt: at(2),
        recordedBy: officer.name,
      },
    },
    evidence,
    {
      entity: 'milestone_report',
      record: { id: randomUUID(), milestoneId: milestone.id, reachedOn: milestone.plannedOn, note: '按期完成', recordedAt: at(2), recordedBy: officer.name },
    },
    {
      entity: 'problem',
      record: {
        id: problem,
        projectId,
        category: 'power_water',
        description: '施工临时用电容量不足，影响塔吊和混凝土泵车同时作业',
        responsibleDepartment: '区供电中心',
        coordinatingLeader: '',
        dueOn: null,
        origin: 'officer',
        raisedOn: day,
        raisedBy: officer.name,
        recordedAt: at(3),
      },
    },
    {
      entity: 'problem_event',
      record: {
        id: randomUUID(),
        problemId: problem,
        action: 'dispatch',
        at: at(4),
        by: officer.name,
        origin: 'officer',
        note: '',
        department: '区供电中心',
        resolution: null,
      },
    },
    { entity: 'investment_entry', record: { id: randomUUID(), projectId, month, amount: 1200, recordedAt: at(3), recordedBy: officer.name } },
    { entity: 'investment_entry', record: { id: randomUUID(), projectId, month, amount: 1350.5, recordedAt: at(5), recordedBy: officer.name } },
  ];
  const photos = new Map([p1, p2, evidence].map((a, i) => [a.record.id, images[i]!]));
  const file = await writeWeeklyPacket(dir.path, { officer, keys, sequence: highestReceivedSequence(ctx.db, officer.id) + 1, changes, photos });
  const result = await ingestPacket(ctx, file);
  if (result.status !== 'accepted') throw new Error(`the week was not folded: ${JSON.stringify(result.error ?? result)}`);
  return {
    ids: { visit, photos: [p1.record.id, p2.record.id], closeOff, evidence: evidence.record.id, problem, item: item.id, milestone: milestone.id },
    photos,
    corrected: { month, first: 1200, inForce: 1350.5 },
  };
}
