export * from './progress.js';
export * from './schedule.js';
export * from './local-time.js';
export * from './overdue.js';
export * from './problem-state.js';
export * from './checklist-state.js';
export * from './investment.js';
export * from './reporting-week.js';
