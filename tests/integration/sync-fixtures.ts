import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ChecklistItem, Milestone, Officer, Problem, ProblemEvent } from '@shared/domain/index.js';
import type { AssignedProject, AssignmentPayloadInput } from '@shared/packets/assignment.js';
import { writePacketFile, type PacketSpec } from '../../electron/packets/container.js';
import { generateSigningKeyPair, writeAssignmentFile, writePublicKeyFile, type KeyPairPem } from '../../electron/packets/index.js';
import { pinBureauKey } from '../../electron/sync/keys.js';
import type { SqliteDatabase } from '../../electron/store/database.js';
import { makeProblem, makeProblemEvent } from '../helpers/fixtures.js';

/**
 * Builders for the sync tests: a bureau with its key pair, assignment payloads of any size, and signed
 * files written to disk with the packet code (or deliberately broken ones). Not a test file itself.
 */

export interface TestBureau {
  keys: KeyPairPem;
  name: string;
  /** Where bureau.pub was written. */
  publicKeyFile: string;
}

export function makeBureau(dir: string, name = '区经济发展局重点项目办'): TestBureau {
  const keys = generateSigningKeyPair();
  const publicKeyFile = join(dir, `bureau-${randomUUID().slice(0, 8)}.pub`);
  writePublicKeyFile(publicKeyFile, keys.publicKeyPem);
  return { keys, name, publicKeyFile };
}

export function trustBureau(db: SqliteDatabase, bureau: TestBureau): void {
  pinBureauKey(db, bureau.keys.publicKeyPem, new Date('2026-11-01T00:00:00Z'));
}

export function makeOfficer(name = '张伟'): Officer {
  return { id: randomUUID(), name, unit: '区住房和城乡建设局', phone: '13800000000' };
}

export interface AssignmentShape {
  officer: Officer;
  projects: AssignedProject[];
  milestones: Milestone[];
  checklistItems: (Omit<ChecklistItem, 'withdrawnAt' | 'origin'> & { origin: 'bureau' })[];
  problems: Problem[];
  problemEvents: ProblemEvent[];
  acknowledgedWeeklySequence: number;
  note: string;
}

const STAGES = ['preliminary_approval', 'factor_guarantee', 'construction', 'statistics_enrolment', 'production_start', 'design_output'] as const;

/** An assignment of `projects` projects with `items` checklist items and 2 milestones each. */
export function makeAssignment(officer: Officer, options: { projects?: number; items?: number; codePrefix?: string } = {}): AssignmentShape {
  const count = options.projects ?? 4;
  const items = options.items ?? 3;
  const prefix = options.codePrefix ?? 'GX-2026-';
  const shape: AssignmentShape = {
    officer,
    projects: [],
    milestones: [],
    checklistItems: [],
    problems: [],
    problemEvents: [],
    acknowledgedWeeklySequence: 0,
    note: '',
  };
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    shape.projects.push({
      id,
      code: `${prefix}${String(i + 1).padStart(4, '0')}`,
      name: `重点项目${i + 1}号`,
      company: `枣庄测试企业${i + 1}有限公司`,
      level: (['provincial', 'municipal', 'district'] as const)[i % 3]!,
      industry: '锂电新能源',
      stage: 'construction',
      sponsoringLeader: '王立新',
      sponsoringUnit: '区经济发展局',
      officerId: officer.id,
      planYear: 2026,
      annualPlannedInvestment: 10000 + i * 100,
      totalInvestment: 50000,
      location: '高新区',
    });
    for (let k = 0; k < 2; k++) {
      shape.milestones.push({
        id: randomUUID(),
        projectId: id,
        kind: k === 0 ? 'construction_start' : 'production_start',
        title: k === 0 ? '开工建设' : '竣工投产',
        plannedOn: k === 0 ? '2026-03-01' : '2026-12-20',
        sortOrder: k,
      });
    }
    for (let k = 0; k < items; k++) {
      const month = String((k % 12) + 1).padStart(2, '0');
      shape.checklistItems.push({
        id: randomUUID(),
        projectId: id,
        stage: STAGES[k % STAGES.length]!,
        title: `清单事项${k + 1}`,
        dueOn: `2026-${month}-15`,
        sortOrder: k,
        origin: 'bureau',
      });
    }
  }
  return shape;
}

/** A problem the bureau raised (the fixtures' problem, as the bureau's office writes it). */
export function bureauProblem(projectId: string, over: Partial<Problem> = {}): Problem {
  return makeProblem(projectId, {
    category: 'land',
    description: '二期用地尚未完成土地征收',
    responsibleDepartment: '区自然资源局',
    dueOn: '2026-12-31',
    origin: 'bureau',
    raisedOn: '2026-11-02',
    raisedBy: '重点项目办',
    recordedAt: '2026-11-02T02:00:00.000Z',
    ...over,
  });
}

/** The bureau's step on a problem: by default its dispatch to 区自然资源局. */
export function bureauEvent(problemId: string, over: Partial<ProblemEvent> = {}): ProblemEvent {
  return makeProblemEvent(problemId, {
    at: '2026-11-03T02:00:00.000Z',
    by: '重点项目办',
    origin: 'bureau',
    department: '区自然资源局',
    resolution: null,
    ...over,
  });
}

let counter = 0;

/** Writes a signed assignment file; returns its path. */
export async function writeAssignment(
  dir: string,
  bureau: TestBureau,
  shape: AssignmentShape | AssignmentPayloadInput,
  sequence: number,
  options: { packetId?: string; fileName?: string } = {},
): Promise<string> {
  const path = join(dir, options.fileName ?? `assignment-${sequence}-${++counter}.zip`);
  await writeAssignmentFile(path, {
    payload: shape as AssignmentPayloadInput,
    sequence,
    packetId: options.packetId,
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, sequence)).toISOString(),
    bureauName: bureau.name,
    keys: bureau.keys,
  });
  return path;
}

/** Writes a signed packet with arbitrary payload entries (for invalid payloads the writer would refuse). */
export async function writeRawPacket(path: string, spec: Omit<PacketSpec, 'createdAt' | 'writtenBy'> & { createdAt?: string }): Promise<string> {
  await writePacketFile(path, { createdAt: '2026-11-01T00:00:00.000Z', writtenBy: 'test', ...spec });
  return path;
}
