import type { SummaryInput } from '@shared/bureau/summary.js';
import type { InvestmentEntry, Project, ProjectLevel } from '@shared/domain/index.js';
import { makeInvestmentEntry, makeProject } from './fixtures.js';

/** A project of a unit test's district: its sponsors, its plan (万元) and what it completed each month from January. */
export interface SketchProject {
  unit: string;
  leader?: string;
  level?: ProjectLevel;
  plan: number;
  /** Completed per month, January first (万元). */
  monthly: readonly number[];
}

/**
 * The district summary's input for projects sketched in a line each (plan year 2026, Beijing time), for the unit
 * tests of what is computed from the summary (ranking, bulletin): real Project and InvestmentEntry records.
 */
export function sketchInput(asOfMonth: string, sketches: readonly SketchProject[], referenceDay = '2026-12-31'): SummaryInput {
  const projects: Project[] = [];
  const investment: InvestmentEntry[] = [];
  sketches.forEach((s, i) => {
    const project = makeProject({
      code: `T-${i + 1}`,
      level: s.level ?? 'district',
      planYear: 2026,
      sponsoringUnit: s.unit,
      sponsoringLeader: s.leader ?? '王立新',
      annualPlannedInvestment: s.plan,
    });
    projects.push(project);
    s.monthly.forEach((amount, m) => investment.push(makeInvestmentEntry(project.id, { month: `2026-${String(m + 1).padStart(2, '0')}`, amount })));
  });
  return {
    asOfMonth,
    referenceDay,
    timeZone: 'Asia/Shanghai',
    projects,
    investment,
    problems: [],
    problemEvents: [],
    visits: [],
    milestones: [],
    milestoneReports: [],
  };
}

/** `total` spread evenly over `months` months (the last takes any remainder). */
export function evenly(total: number, months: number): number[] {
  const each = Math.floor(total / months);
  return Array.from({ length: months }, (_, m) => (m === months - 1 ? total - each * (months - 1) : each));
}
