/** Packet files: the zip container, manifest, signatures and keys. Shared by the officer app and the bureau desk. */
export * from './container.js';
export * from './errors.js';
export * from './keys.js';
export * from './limits.js';
export * from './assignment-file.js';
export * from './weekly-file.js';
