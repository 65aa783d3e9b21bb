export * from './common.js';
export * from './project.js';
export * from './checklist.js';
export * from './visit.js';
export * from './problem.js';
export * from './investment.js';
export * from './officer.js';
