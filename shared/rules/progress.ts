/**
 * Investment progress, the figure everyone quotes (DOMAIN.md):
 * completion rate = cumulative completed ÷ annual plan; time-proportional progress = elapsed months ÷ 12;
 * ahead of schedule = the difference, in percentage points.
 */

/** Rounds half away from zero to `digits` decimals, correcting binary noise first (1.005 → 1.01). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  // `+ 0` turns a negative zero (−0.03 rounded) into 0, which Intl.NumberFormat would print as "-0".
  return (Math.sign(value) * Math.round(scaled)) / factor + 0;
}

/** Completion of the annual plan in percent, or null when there is no plan to measure against. */
export function completionPercent(completed: number, annualPlan: number): number | null {
  return annualPlan > 0 ? (completed / annualPlan) * 100 : null;
}

/** Time-proportional progress (序时进度) in percent after `elapsedMonths` months of the year. */
export function timeProportionalPercent(elapsedMonths: number): number {
  return (Math.min(12, Math.max(0, elapsedMonths)) / 12) * 100;
}

/**
 * Percentage points ahead (positive) or behind (negative) the time-proportional schedule, to 0.1 point, from the
 * unrounded completion rate (DOMAIN.md: 629.0 ÷ 647.4 = 97.158 % after ten months is 13.8 points ahead; rounding
 * the rate first would print 13.9). Pass the rate as computed, not as printed.
 */
export function aheadOfSchedulePoints(completionPct: number, elapsedMonths: number): number {
  return roundTo(completionPct - timeProportionalPercent(elapsedMonths), 1);
}

export interface ProgressFigures {
  completed: number;
  planned: number;
  /** Percent, to 0.1; null without a plan. */
  completionPct: number | null;
  timeProportionalPct: number;
  /** Points, to 0.1; null without a plan. */
  aheadPoints: number | null;
}

/** All progress figures for one project or a group, as of the end of month `elapsedMonths`. */
export function progressFigures(completed: number, planned: number, elapsedMonths: number): ProgressFigures {
  const pct = completionPercent(completed, planned);
  return {
    completed,
    planned,
    completionPct: pct === null ? null : roundTo(pct, 1),
    timeProportionalPct: roundTo(timeProportionalPercent(elapsedMonths), 1),
    aheadPoints: pct === null ? null : aheadOfSchedulePoints(pct, elapsedMonths),
  };
}

/** The figures of a group of projects (a district, a level, a sponsoring unit): planned and completed summed to 0.0001 wan. */
export function groupProgress(projects: readonly { planned: number; completed: number }[], elapsedMonths: number): ProgressFigures {
  const sum = (figure: 'planned' | 'completed') =>
    roundTo(
      projects.reduce((s, p) => s + p[figure], 0),
      4,
    );
  return progressFigures(sum('completed'), sum('planned'), elapsedMonths);
}
