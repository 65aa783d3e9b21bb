import { describe, expect, it } from 'vitest';
import { AmountWan, InvestmentEntry, IsoDate, IsoMonth, Problem, ProblemEvent, Project, RecordId, RequiredText, Timestamp } from '@shared/domain/index.js';
import { makeProject } from '../helpers/fixtures.js';

describe('IsoDate', () => {
  it.each(['2026-11-24', '2024-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (d) => {
    expect(IsoDate.safeParse(d).success).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2025-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-11-00',
    '2026-1-5',
    '2026/11/24',
    '20261124',
    '2026-11-24T00:00:00Z',
    '',
  ])('refuses %s', (d) => {
    expect(IsoDate.safeParse(d).success).toBe(false);
  });
});

describe('IsoMonth and Timestamp', () => {
  it('months are YYYY-MM with a real month', () => {
    expect(IsoMonth.safeParse('2026-11').success).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-11-01']) expect(IsoMonth.safeParse(bad).success).toBe(false);
  });

  it('timestamps are ISO 8601 in UTC as toISOString writes them', () => {
    expect(Timestamp.safeParse(new Date('2026-11-24T10:00:00Z').toISOString()).success).toBe(true);
    expect(Timestamp.safeParse('2026-11-24').success).toBe(false);
    expect(Timestamp.safeParse('yesterday').success).toBe(false);
  });
});

describe('AmountWan (万元)', () => {
  it.each([0, 1, 1153, 0.0001, 1234.5678, 120000, 999_999_999.9999])('accepts %s', (v) => {
    expect(AmountWan.safeParse(v).success).toBe(true);
  });

  it.each([
    ['a negative amount', -0.01],
    ['minus one', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['five decimals', 1.23456],
    ['five decimals below one yuan', 0.00001],
    ['more than 1e9', 1e9 + 1],
  ])('refuses %s', (_what, v) => {
    expect(AmountWan.safeParse(v).success).toBe(false);
  });

  it('refuses strings, even numeric ones', () => {
    expect(AmountWan.safeParse('1153').success).toBe(false);
  });
});

describe('records', () => {
  it('ids are UUIDs', () => {
    expect(RecordId.safeParse('00000000-0000-4000-8000-00000000000a').success).toBe(true);
    expect(RecordId.safeParse('GX-2026-001').success).toBe(false);
  });

  it('required text is trimmed and must not be empty', () => {
    expect(RequiredText(10).parse('  欣旺达  ')).toBe('欣旺达');
    expect(RequiredText(10).safeParse('   ').success).toBe(false);
    expect(RequiredText(3).safeParse('abcd').success).toBe(false);
  });

  const project = makeProject({
    id: '00000000-0000-4000-8000-00000000000a',
    code: 'GX-2026-001',
    officerId: '00000000-0000-4000-8000-000000000001',
    totalInvestment: null,
    location: '',
  });

  it('a project parses, and a level outside the three is refused', () => {
    expect(Project.parse(project)).toEqual(project);
    expect(Project.safeParse({ ...project, level: 'national' }).success).toBe(false);
    expect(Project.safeParse({ ...project, annualPlannedInvestment: -1 }).success).toBe(false);
    expect(Project.safeParse({ ...project, stage: 'done' }).success).toBe(false);
  });

  it('investment entries need a real month and a valid amount', () => {
    const e = { id: project.id, projectId: project.id, month: '2026-10', amount: 1200.5, recordedAt: '2026-10-28T09:00:00.000Z', recordedBy: '李明' };
    expect(InvestmentEntry.safeParse(e).success).toBe(true);
    expect(InvestmentEntry.safeParse({ ...e, month: '2026-13' }).success).toBe(false);
    expect(InvestmentEntry.safeParse({ ...e, amount: Number.NaN }).success).toBe(false);
  });

  it('problems and events refuse unknown categories and actions', () => {
    const p = {
      id: project.id,
      projectId: project.id,
      category: 'energy_quota',
      description: '能耗指标尚未落实',
      responsibleDepartment: '区发展和改革局',
      coordinatingLeader: '王立新',
      dueOn: null,
      origin: 'officer',
      raisedOn: '2026-11-01',
      raisedBy: '李明',
      recordedAt: '2026-11-01T09:00:00.000Z',
    };
    expect(Problem.safeParse(p).success).toBe(true);
    expect(Problem.safeParse({ ...p, category: 'weather' }).success).toBe(false);
    expect(Problem.safeParse({ ...p, dueOn: '2026-02-30' }).success).toBe(false);
    const e = {
      id: project.id,
      problemId: project.id,
      action: 'resolve',
      at: '2026-11-02T09:00:00.000Z',
      by: '李明',
      origin: 'bureau',
      note: '',
      department: null,
      resolution: '已解决',
    };
    expect(ProblemEvent.safeParse(e).success).toBe(true);
    expect(ProblemEvent.safeParse({ ...e, action: 'delete' }).success).toBe(false);
    expect(ProblemEvent.safeParse({ ...e, origin: 'someone' }).success).toBe(false);
  });
});
