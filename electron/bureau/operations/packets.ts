import type { HandlerGroup } from '../../handlers/registry.js';
import { assignAll } from '../assign.js';
import { expandIngestPaths, ingestFiles } from '../ingest.js';

/** The files that travel: assignments out to the officers, weekly packets in from them. */
export const packetHandlers: HandlerGroup<'bureau.assign' | 'bureau.ingest'> = {
  'bureau.assign': ({ out, officer, note }, ctx) => assignAll(ctx, { outDir: out, officer, note }),
  'bureau.ingest': ({ paths, requireRegisteredKeys }, ctx) => ingestFiles(ctx, expandIngestPaths(paths), { requireRegisteredKeys }),
};
