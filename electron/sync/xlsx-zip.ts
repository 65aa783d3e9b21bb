import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { crc32, createDeflateRaw, deflateRaw } from 'node:zlib';

/**
 * Our zip writer, for the workbooks xlsx-stream.ts writes and for the signed packets (container-write.ts):
 * entries deflated as they are produced, each followed by a data descriptor (its checksum and sizes, known
 * only at its end), or prepared beforehand (`prepareEntry`) and written with their sizes in the local header;
 * then the central directory. Our own rather than yazl's (issue 11): yazl checksums in JavaScript and passes
 * every chunk through four streams, which at the district ledger's 110 MB of sheet XML was about a fifth of
 * the export; here the checksum is zlib's native crc32 and the deflating runs on libuv's thread pool beside
 * the main thread's work. No ZIP64: a zip past 4 GB is refused (the district ledger is about 10 MB; a packet's
 * limit is 1 GiB unpacked).
 */

export interface ZipEntrySource {
  name: string;
  /** Called when the entry's turn comes, so an entry can depend on the ones before it (workbook.xml). */
  chunks: () => Iterable<Buffer> | AsyncIterable<Buffer>;
  /** false: stored as produced (a packet's photos); deflated at level 1 otherwise. */
  compress?: boolean;
}

/** An entry whose bytes were known beforehand: checksummed and deflated by `prepareEntry`. */
export interface PreparedZipEntry {
  name: string;
  prepared: PreparedData;
}

export interface PreparedData {
  crc: number;
  /** Uncompressed size. */
  size: number;
  method: typeof STORE | typeof DEFLATE;
  /** The bytes as they go into the zip (deflated when `method` is DEFLATE). */
  data: Buffer;
}

/** Level 1: the sheets are repetitive XML; it deflates three times faster than the default 6 for a file about a tenth larger. */
const LEVEL = 1;
const UTF8_NAMES = 0x0800; // bit 11: names in UTF-8
const SIZES_AFTER = 0x0008; // bit 3: checksum and sizes in a data descriptor after the data
const STORE = 0;
const DEFLATE = 8;
const VERSION = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION;
const FILE_MODE = 0o100644;
const MAX32 = 0xffffffff;

interface Written {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const FIRST_DOS_DAY = new Date(1980, 0, 1);
const LAST_DOS_DAY = new Date(2107, 11, 31, 23, 59, 58);

/** The date and time as MS-DOS stores them (local time, two-second steps, 1980–2107), as yazl wrote them. */
function dosDateTime(when: Date): { date: number; time: number } {
  const d = when < FIRST_DOS_DAY ? FIRST_DOS_DAY : when > LAST_DOS_DAY ? LAST_DOS_DAY : when;
  const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
  return { date: date & 0xffff, time: time & 0xffff };
}

type Field = readonly [offset: number, width: 2 | 4, value: number];

/** A little-endian record of `size` bytes, each field at its offset (the rest 0). */
function record(size: number, fields: readonly Field[]): Buffer {
  const b = Buffer.alloc(size);
  for (const [offset, width, value] of fields) {
    if (width === 2) b.writeUInt16LE(value, offset);
    else b.writeUInt32LE(value, offset);
  }
  return b;
}

/** Version needed, flags, method, time and date: the same run in the local and the central header. */
const entryKind = (from: number, e: Written, at: { date: number; time: number }): Field[] => [
  [from, 2, VERSION],
  [from + 2, 2, e.flags],
  [from + 4, 2, e.method],
  [from + 6, 2, at.time],
  [from + 8, 2, at.date],
];

/** Checksum, compressed and uncompressed size: the same run in the data descriptor and both headers. */
const sums = (from: number, e: Written): Field[] => [
  [from, 4, e.crc],
  [from + 4, 4, e.compressed],
  [from + 8, 4, e.size],
];

function localHeader(e: Written, at: { date: number; time: number }): Buffer {
  // Sizes known beforehand go here; otherwise checksum and sizes (offsets 14–25) stay 0 and follow the data in its descriptor.
  const known = e.flags & SIZES_AFTER ? [] : sums(14, e);
  return Buffer.concat([record(30, [[0, 4, 0x04034b50], ...entryKind(4, e, at), ...known, [26, 2, e.name.length]]), e.name]);
}

function dataDescriptor(e: Written): Buffer {
  return record(16, [[0, 4, 0x08074b50], ...sums(4, e)]);
}

function centralHeader(e: Written, at: { date: number; time: number }): Buffer {
  const fields: Field[] = [[0, 4, 0x02014b50], [4, 2, MADE_BY_UNIX], ...entryKind(6, e, at), ...sums(16, e), [28, 2, e.name.length]];
  fields.push([38, 4, (FILE_MODE << 16) >>> 0], [42, 4, e.offset]);
  return Buffer.concat([record(46, fields), e.name]);
}

function endOfDirectory(count: number, size: number, offset: number): Buffer {
  return record(22, [
    [0, 4, 0x06054b50],
    [8, 2, count],
    [10, 2, count],
    [12, 4, size],
    [16, 4, offset],
  ]);
}

function refuseHuge(bytes: number): void {
  if (bytes > MAX32) throw new Error('the zip would be larger than 4 GB, more than a zip without ZIP64 holds');
}

const deflateOnPool = promisify(deflateRaw);

/**
 * Checksums `data` (natively) and deflates it on the thread pool at `level` (stored when `compress` is false),
 * so that the main thread goes on with other work meanwhile; the zip writes the result with `prepared`.
 */
export async function prepareEntry(data: Buffer, options: { compress?: boolean; level?: number } = {}): Promise<PreparedData> {
  refuseHuge(data.length);
  const crc = crc32(data);
  if (options.compress === false) return { crc, size: data.length, method: STORE, data };
  return { crc, size: data.length, method: DEFLATE, data: await deflateOnPool(data, { level: options.level ?? LEVEL }) };
}

/** A streamed entry's bytes as they go into the zip, deflated unless stored, counted and checksummed on the way. */
async function* streamed(entry: ZipEntrySource, e: Written): AsyncGenerator<Buffer> {
  const counted = async function* () {
    for await (const chunk of entry.chunks()) {
      e.crc = crc32(chunk, e.crc);
      e.size += chunk.length;
      yield chunk;
    }
  };
  if (e.method === STORE) {
    for await (const chunk of counted()) {
      e.compressed += chunk.length;
      yield chunk;
    }
    return;
  }
  const deflate = createDeflateRaw({ level: LEVEL, chunkSize: 64 * 1024 });
  // The source's or the deflater's error ends the iteration below with it.
  const done = pipeline(Readable.from(counted(), { objectMode: false }), deflate).catch((error: unknown) => error);
  for await (const out of deflate as AsyncIterable<Buffer>) {
    e.compressed += out.length;
    yield out;
  }
  const failed = await done;
  if (failed) throw failed;
}

/** The zip's bytes in order, entries produced one after the other as they are reached. */
export async function* zipChunks(entries: readonly (ZipEntrySource | PreparedZipEntry)[], mtime: Date): AsyncGenerator<Buffer> {
  const at = dosDateTime(mtime);
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if ('prepared' in entry) {
      const { crc, size, method, data } = entry.prepared;
      const e: Written = { name, flags: UTF8_NAMES, method, crc, compressed: data.length, size, offset };
      const header = localHeader(e, at);
      offset += header.length + data.length;
      refuseHuge(offset);
      yield header;
      yield data;
      written.push(e);
      continue;
    }
    const method = entry.compress === false ? STORE : DEFLATE;
    const e: Written = { name, flags: UTF8_NAMES | SIZES_AFTER, method, crc: 0, compressed: 0, size: 0, offset };
    const header = localHeader(e, at);
    offset += header.length;
    yield header;
    for await (const out of streamed(entry, e)) {
      offset += out.length;
      yield out;
    }
    refuseHuge(e.size);
    const descriptor = dataDescriptor(e);
    offset += descriptor.length;
    refuseHuge(offset);
    yield descriptor;
    written.push(e);
  }
  const directory = Buffer.concat(written.map((e) => centralHeader(e, at)));
  refuseHuge(offset + directory.length);
  yield directory;
  yield endOfDirectory(written.length, directory.length, offset);
}
