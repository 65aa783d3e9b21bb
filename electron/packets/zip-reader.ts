import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * The one way a zip is read (packets, full backups): the central directory is listed first and each entry
 * inflated on its own, with yauzl's checks on (strict file names, sizes that must match their headers) and
 * its bytes counted against a cap as they come, whatever the header claims. A file is read through its
 * descriptor, never whole into memory, unless the caller already holds its bytes.
 */
const OPTIONS = { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, decodeStrings: true } as const;

/** The bytes of each zip opened from memory: its entries are inflated from them in one call (inflateEntry). */
const inMemory = new WeakMap<yauzl.ZipFile, Buffer>();

/** Opens a zip at a path (read through its descriptor; the caller closes it) or from bytes in memory. */
export function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      if (typeof source !== 'string') inMemory.set(zip, source);
      resolve(zip);
    };
    if (typeof source === 'string') yauzl.open(source, { ...OPTIONS, autoClose: false }, done);
    else yauzl.fromBuffer(source, OPTIONS, done);
  });
}

/** Reads the central directory only: names, sizes and attributes, nothing inflated. */
export function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/**
 * Why an entry could not be inflated: its local header cannot be read (`unreadable`), it yields more than
 * the caller's cap (`over_cap`) or than its header declares (`over_declared`), or its data is damaged.
 */
export type EntryProblem = 'unreadable' | 'over_cap' | 'over_declared' | 'damaged';

export class ZipEntryError extends Error {
  constructor(
    readonly problem: EntryProblem,
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}

/** One entry's inflated bytes as a stream. */
export function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) =>
      error || !stream
        ? reject(new ZipEntryError('unreadable', entry.fileName, `damaged zip: entry ${entry.fileName} cannot be read (${error?.message ?? 'no stream'})`))
        : resolve(stream),
    ),
  );
}

export interface InflatedEntry {
  /** The bytes, or an empty buffer when they were not kept. */
  data: Buffer;
  size: number;
  sha256: string;
}

/** Inflates one entry under `cap` bytes, hashing as it goes; keeps the bytes only when asked. */
export async function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number, keep = true): Promise<InflatedEntry> {
  const bytes = inMemory.get(zip);
  if (bytes) return inflateFromMemory(bytes, entry, cap, keep);
  const name = entry.fileName;
  const stream = await entryStream(zip, entry);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let size = 0;
    let failed = false;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap && !failed) {
        failed = true;
        stream.destroy();
        reject(new ZipEntryError('over_cap', name, `entry ${name} inflates to more than ${cap} bytes`));
        return;
      }
      hash.update(chunk);
      if (keep) chunks.push(chunk);
    });
    stream.once('error', (error: Error) => {
      if (failed) return;
      failed = true;
      if (/too many bytes/i.test(error.message)) {
        reject(new ZipEntryError('over_declared', name, `entry ${name} inflates to more than it declares (${entry.uncompressedSize} bytes)`));
      } else {
        reject(new ZipEntryError('damaged', name, `entry ${name} is damaged or its size is false: ${error.message}`));
      }
    });
    stream.once('end', () => {
      if (!failed) resolve({ data: keep ? Buffer.concat(chunks, size) : Buffer.alloc(0), size, sha256: hash.digest('hex') });
    });
  });
}

/**
 * inflateEntry for a zip held in memory (a packet under 8 MB, read whole): the same checks and refusals as the
 * stream (yauzl's local header checks, the cap, the declared size), in one synchronous call. Why: each streamed
 * entry went through zlib's thread pool and several event-loop turns; on a busy 2-core machine the waiting
 * was most of the time a weekly packet took to read (issue 11).
 */
function inflateFromMemory(zipBytes: Buffer, entry: yauzl.Entry, cap: number, keep: boolean): InflatedEntry {
  const name = entry.fileName;
  const unreadable = (why: string) => new ZipEntryError('unreadable', name, `damaged zip: entry ${name} cannot be read (${why})`);
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > zipBytes.length) throw unreadable('unexpected EOF');
  const signature = zipBytes.readUInt32LE(at);
  if (signature !== 0x04034b50) throw unreadable(`invalid local file header signature: 0x${signature.toString(16)}`);
  const start = at + 30 + zipBytes.readUInt16LE(at + 26) + zipBytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zipBytes.length) {
    throw unreadable(`file data overflows file bounds: ${start} + ${entry.compressedSize} > ${zipBytes.length}`);
  }
  const stored = zipBytes.subarray(start, start + entry.compressedSize);
  // The stream refuses at whichever comes first: more than declared (checked upstream, so it wins a tie) or more than the cap.
  const declared = entry.uncompressedSize;
  const overDeclared = () => new ZipEntryError('over_declared', name, `entry ${name} inflates to more than it declares (${declared} bytes)`);
  const overCap = () => new ZipEntryError('over_cap', name, `entry ${name} inflates to more than ${cap} bytes`);
  const tooMuch = declared <= cap ? overDeclared : overCap;
  let data: Buffer;
  if (entry.compressionMethod === 0) {
    data = stored;
  } else {
    try {
      data = inflateRawSync(stored, { maxOutputLength: Math.min(declared, cap) + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooMuch();
      throw new ZipEntryError('damaged', name, `entry ${name} is damaged or its size is false: ${(error as Error).message}`);
    }
  }
  if (data.length > Math.min(declared, cap)) throw tooMuch();
  if (data.length < declared) {
    throw new ZipEntryError(
      'damaged',
      name,
      `entry ${name} is damaged or its size is false: too few bytes in the stream. expected ${declared}. got only ${data.length}`,
    );
  }
  // A stored entry is a view into the whole zip: copied, so what is kept does not hold the file.
  return {
    data: keep ? (data === stored ? Buffer.from(data) : data) : Buffer.alloc(0),
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}
