export * from '../i18n/vocabulary.js';
export * from '../i18n/parse-words.js';
export * from './templates.js';
export * from './master-list.js';
export * from './summary.js';
export * from './ranking.js';
export * from './bulletin.js';
