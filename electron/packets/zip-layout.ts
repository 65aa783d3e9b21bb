import type yauzl from 'yauzl';
import { packetError } from './errors.js';

/**
 * The zip's layout, checked from the central directory before anything is inflated. Two tricks make a small
 * file cost the reader unbounded time without breaking any size limit: directory entries that share bytes
 * (2,000 signed entries pointing at one part made 8 MB of padding be inflated 2,000 times: 50 s; 20,000
 * entries and more padding: hours), and a part padded with empty deflate blocks, which cost time and
 * inflate to nothing. So no two entries may overlap (each byte of the file belongs to one entry at most,
 * and every entry is read once, so the work is bounded by the file's size), and a deflated entry may not be
 * larger than deflate ever makes its content (stored blocks add 5 bytes per 64 KB; 1/64 and 1 KB of slack).
 * Overlaps are refused as unsafe entries, padding (or a declared size too small for the data) as an entry
 * too large for what it declares (issue 9, point 5).
 */
export function checkZipLayout(entries: readonly yauzl.Entry[]): void {
  for (const entry of entries) {
    const limit = entry.uncompressedSize + Math.ceil(entry.uncompressedSize / 64) + 1024;
    if (entry.compressionMethod === 8 && entry.compressedSize > limit) {
      throw packetError(
        'entry_too_large',
        `entry ${entry.fileName} has ${entry.compressedSize} bytes of compressed data for the ${entry.uncompressedSize} bytes it declares (padded, or a lying size)`,
        { entry: entry.fileName, bytes: entry.compressedSize, limit },
      );
    }
  }
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1]!;
    const entry = byOffset[i]!;
    // The earlier entry's local header (at least 30 bytes) and data end before this one's header starts.
    if (entry.relativeOffsetOfLocalHeader < before.relativeOffsetOfLocalHeader + 30 + before.compressedSize) {
      throw packetError('unsafe_entry', `entries ${before.fileName} and ${entry.fileName} share bytes (overlapping entries)`, { entry: entry.fileName });
    }
  }
}
