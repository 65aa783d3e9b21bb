import { randomUUID } from 'node:crypto';
import type {
  Attachment,
  ChecklistEvent,
  ChecklistItem,
  InvestmentEntry,
  Milestone,
  MilestoneReport,
  Problem,
  ProblemEvent,
  Project,
  Visit,
} from '@shared/domain/index.js';

/**
 * Builders of valid domain records for tests: realistic defaults, a fresh UUID each, overrides last.
 * Every builder's output passes its zod schema.
 */

export const OFFICER_ID = '00000000-0000-4000-8000-0000000000f1';
const AT = '2026-11-20T02:00:00.000Z';

export function makeProject(overrides: Partial<Project> = {}): Project {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    code: `GX-T-${id.slice(0, 8)}`,
    name: '欣旺达动力电池二期项目',
    company: '欣旺达动力科技（枣庄）有限公司',
    level: 'provincial',
    industry: '锂电新能源',
    stage: 'construction',
    sponsoringLeader: '王立新',
    sponsoringUnit: '区经济发展局',
    officerId: OFFICER_ID,
    planYear: 2026,
    annualPlannedInvestment: 120000,
    totalInvestment: 500000,
    location: '复元三路以东',
    archivedAt: null,
    ...overrides,
  };
}

export function makeMilestone(projectId: string, overrides: Partial<Milestone> = {}): Milestone {
  return { id: randomUUID(), projectId, kind: 'construction_start', title: '开工建设', plannedOn: '2026-03-01', sortOrder: 0, ...overrides };
}

export function makeMilestoneReport(milestoneId: string, overrides: Partial<MilestoneReport> = {}): MilestoneReport {
  return { id: randomUUID(), milestoneId, reachedOn: '2026-03-05', note: '', recordedAt: AT, recordedBy: '李明', ...overrides };
}

export function makeChecklistItem(projectId: string, overrides: Partial<ChecklistItem> = {}): ChecklistItem {
  return {
    id: randomUUID(),
    projectId,
    stage: 'preliminary_approval',
    title: '施工许可证',
    dueOn: '2026-11-30',
    sortOrder: 0,
    origin: 'bureau',
    withdrawnAt: null,
    ...overrides,
  };
}

export function makeChecklistEvent(itemId: string, overrides: Partial<ChecklistEvent> = {}): ChecklistEvent {
  return {
    id: randomUUID(),
    itemId,
    action: 'close_off',
    effectiveOn: '2026-11-19',
    note: '施工许可证已核发',
    attachmentId: null,
    recordedAt: AT,
    recordedBy: '李明',
    ...overrides,
  };
}

export function makeVisit(projectId: string, overrides: Partial<Visit> = {}): Visit {
  return {
    id: randomUUID(),
    projectId,
    visitedOn: '2026-11-20',
    kind: 'site_visit',
    participants: '李明、王立新、企业负责人',
    summary: '现场查看施工进度',
    findings: '临时用电容量偏紧',
    followUps: '协调供电公司增容',
    recordedAt: AT,
    recordedBy: '李明',
    ...overrides,
  };
}

export function makeAttachment(ownerId: string, overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: randomUUID(),
    ownerKind: 'visit',
    ownerId,
    fileName: '现场照片.jpg',
    mimeType: 'image/jpeg',
    sha256: 'a'.repeat(64),
    bytes: 123456,
    width: 1600,
    height: 1200,
    recordedAt: AT,
    ...overrides,
  };
}

export function makeProblem(projectId: string, overrides: Partial<Problem> = {}): Problem {
  return {
    id: randomUUID(),
    projectId,
    category: 'power_water',
    description: '施工临时用电容量不足，影响夜间施工',
    responsibleDepartment: '国网枣庄高新供电中心',
    coordinatingLeader: '王立新',
    dueOn: '2026-12-15',
    origin: 'officer',
    raisedOn: '2026-11-01',
    raisedBy: '李明',
    recordedAt: AT,
    ...overrides,
  };
}

export function makeProblemEvent(problemId: string, overrides: Partial<ProblemEvent> = {}): ProblemEvent {
  const action = overrides.action ?? 'dispatch';
  return {
    id: randomUUID(),
    problemId,
    action,
    at: AT,
    by: '李明',
    origin: 'officer',
    note: '',
    department: action === 'dispatch' ? '国网枣庄高新供电中心' : null,
    resolution: action === 'resolve' ? '已增容' : null,
    ...overrides,
  };
}

export function makeInvestmentEntry(projectId: string, overrides: Partial<InvestmentEntry> = {}): InvestmentEntry {
  return { id: randomUUID(), projectId, month: '2026-10', amount: 10500.5, recordedAt: AT, recordedBy: '李明', ...overrides };
}
