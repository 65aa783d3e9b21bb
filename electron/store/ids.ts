import { randomUUID } from 'node:crypto';

/** New record ids: random UUIDs, so two machines never pick the same one. */
export const newId = (): string => randomUUID();
