export * from './manifest.js';
export * from './assignment.js';
export * from './weekly.js';
export * from './json-schema.js';
