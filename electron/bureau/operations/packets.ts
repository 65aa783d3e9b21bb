import type { HandlerGroup } from '../../handlers/registry.js';
import { assignAll } from '../assign.js';
import { expandIngestPaths, ingestFiles } from '../ingest.js';
import { fileFrom, outputPath } from '../page-files.js';

/** The files that travel: assignments out to the officers, weekly packets in from them. */
export const packetHandlers: HandlerGroup<'bureau.assign' | 'bureau.ingest'> = {
  'bureau.assign': ({ out, folder, officer, note }, ctx) =>
    assignAll(ctx, { outDir: outputPath(ctx, { out, folder }, null, '--out (the folder for the assignments)'), officer, note }),
  'bureau.ingest': ({ paths, requireRegisteredKeys }, ctx) =>
    ingestFiles(ctx, expandIngestPaths(paths.map((p) => fileFrom(ctx, p, 'any', 'paths'))), { requireRegisteredKeys }),
};
