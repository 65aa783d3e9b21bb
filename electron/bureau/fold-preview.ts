import type { BureauContext } from './context.js';
import {
  foldPacket,
  readPacket,
  refusedAfterRead,
  settleBeforeFold,
  storePhotos,
  type IngestFileResult,
  type IngestOptions,
  type ReadPacket,
} from './ingest.js';

/**
 * The inbox's preview (bureau.inbox.preview): what ingesting files would do, on ingest's own phases
 * (ingest.ts), with nothing written.
 */

/** Thrown to roll a preview's transaction back. */
const PREVIEW_ROLLBACK = new Error('preview: rolled back');

/**
 * What ingesting `files` in this order would do, writing nothing (the inbox's preview): each file read and
 * proved and its photos checked, then, in one transaction that is always rolled back, each settled and folded
 * exactly as ingestPacket would, so a later file sees the earlier ones (the same packet twice: a duplicate).
 * A pending key's packet is not held; no photo is written.
 */
export async function previewPackets(ctx: BureauContext, files: readonly string[], options: IngestOptions = {}): Promise<IngestFileResult[]> {
  const reads: { read: ReadPacket; photos: Set<string> | { error: unknown } }[] = [];
  for (const file of files) {
    const read = await readPacket(ctx, file, options);
    const photos = read.opened ? await storePhotos(ctx, read.opened, null).catch((error: unknown) => ({ error })) : new Set<string>();
    reads.push({ read, photos });
  }
  const results: IngestFileResult[] = [];
  try {
    ctx.db.transaction(() => {
      for (const { read, photos } of reads) results.push(previewOne(ctx, read, photos, options));
      throw PREVIEW_ROLLBACK;
    })();
  } catch (error) {
    if (error !== PREVIEW_ROLLBACK) throw error;
  }
  return results;
}

function previewOne(ctx: BureauContext, read: ReadPacket, photos: Set<string> | { error: unknown }, options: IngestOptions): IngestFileResult {
  if (!read.opened) return read.result;
  const settled = settleBeforeFold(ctx, read, options, false);
  if (settled) return settled;
  if (!(photos instanceof Set)) return refusedAfterRead(read.result, photos.error);
  try {
    foldPacket(ctx, read, photos, options); // a savepoint inside the preview's transaction
  } catch (error) {
    return refusedAfterRead(read.result, error);
  }
  return { ...read.result, status: 'accepted' };
}
