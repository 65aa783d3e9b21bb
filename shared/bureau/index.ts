export * from './vocabulary.js';
export * from './templates.js';
export * from './master-list.js';
export * from './summary.js';
