/**
 * The packet container: a zip holding a signed manifest (manifest.json, manifest.sig) and the payload
 * entries it lists by size and SHA-256. Writing (container-write.ts), reading and proving
 * (container-read.ts, through the bounded zip reader zip-reader.ts) and the payload's JSON (payload-json.ts).
 */
export * from './container-read.js';
export * from './container-write.js';
export * from './hashing.js';
export * from './payload-json.js';
export * from './progress.js';
