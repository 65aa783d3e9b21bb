import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Officer } from '@shared/domain/index.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { listBureauProjects } from '../../electron/bureau/repository.js';
import { generateSigningKeyPair, type KeyPairPem } from '../../electron/packets/keys.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import { registeredOfficer, registerOfficerKey } from './bureau.js';
import { sitePhoto } from './bureau-project-week.js';
import type { TempDir } from './temp-store.js';

/**
 * Weekly packets for the inbox's tests (operations and Chromium): real signed zips, as an officer's app writes
 * them (tests/fixtures/bureau/weekly-packet.ts), with a week of work on one of the officer's projects: a site
 * visit with a photo, a problem raised and a month's investment figure.
 */

export interface InboxWeek {
  file: string;
  visit: FixtureChange & { record: { id: string; summary: string } };
  changes: FixtureChange[];
}

/** An officer who sends packets, with the key pair they sign with. */
export interface Sender {
  officer: Officer;
  keys: KeyPairPem;
}

/** 李明 and 张伟 of the sample master list, each with a key the bureau accepted (a key file). */
export function twoSenders(ctx: BureauContext, dir: TempDir): [Sender, Sender] {
  const sender = (name: string, unit: string): Sender => {
    const officer = registeredOfficer(ctx, name, unit);
    const keys = generateSigningKeyPair();
    registerOfficerKey(ctx, officer, keys, dir);
    return { officer, keys };
  };
  return [sender('李明', '区经济发展局'), sender('张伟', '区住房和城乡建设局')];
}

/** The officer's first project in the bureau's list. */
export function projectOf(ctx: BureauContext, officer: Officer): string {
  const project = listBureauProjects(ctx.db).find((p) => p.officerId === officer.id);
  if (!project) throw new Error(`${officer.name} holds no project`);
  return project.id;
}

/**
 * A week's packet of `officer` numbered `sequence`, dated `day` (YYYY-MM-DD). `visit` replaces the visit (the
 * same id with other words: a conflict); `photo` adds a site photo to the visit.
 */
export async function inboxWeek(
  ctx: BureauContext,
  dir: string,
  officer: Officer,
  keys: KeyPairPem,
  options: { sequence: number; day: string; visit?: InboxWeek['visit']; photo?: boolean; fileName?: string },
): Promise<InboxWeek> {
  const projectId = projectOf(ctx, officer);
  const at = (hour: number) => `${options.day}T0${hour}:00:00.000Z`;
  const visit = options.visit ?? {
    entity: 'visit' as const,
    record: {
      id: randomUUID(),
      projectId,
      visitedOn: options.day,
      kind: 'site_visit',
      participants: `${officer.name}、企业负责人`,
      summary: '现场查看主体施工进度',
      findings: '临时用电偏紧',
      followUps: '协调供电公司增容',
      recordedAt: at(1),
      recordedBy: officer.name,
    },
  };
  const changes: FixtureChange[] = [
    visit,
    {
      entity: 'problem',
      record: {
        id: randomUUID(),
        projectId,
        category: 'power_water',
        description: '施工临时用电容量不足',
        responsibleDepartment: '区供电中心',
        coordinatingLeader: '',
        dueOn: null,
        origin: 'officer',
        raisedOn: options.day,
        raisedBy: officer.name,
        recordedAt: at(2),
      },
    },
    {
      entity: 'investment_entry',
      record: { id: randomUUID(), projectId, month: options.day.slice(0, 7), amount: 800 + options.sequence, recordedAt: at(3), recordedBy: officer.name },
    },
  ];
  const photos = new Map<string, Buffer>();
  if (options.photo) {
    const data = await sitePhoto(40 * options.sequence);
    const id = randomUUID();
    changes.push({
      entity: 'attachment',
      record: {
        id,
        ownerKind: 'visit',
        ownerId: visit.record.id,
        fileName: '现场.jpg',
        mimeType: 'image/jpeg',
        sha256: createHash('sha256').update(data).digest('hex'),
        bytes: data.length,
        width: 640,
        height: 480,
        recordedAt: at(1),
      },
    });
    photos.set(id, data);
  }
  mkdirSync(dir, { recursive: true });
  const file = await writeWeeklyPacket(dir, { officer, keys, sequence: options.sequence, changes, photos, fileName: options.fileName });
  return { file, visit, changes };
}
