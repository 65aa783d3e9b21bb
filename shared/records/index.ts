export * from './catalogue.js';
export * from './columns.js';
export * from './content.js';
export * from './sql.js';
