import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * The zip container of the workbooks xlsx-stream.ts writes: entries deflated as they are produced, each
 * followed by a data descriptor (its checksum and sizes, known only at its end), then the central directory.
 * Our own rather than yazl's (issue 11): yazl checksums in JavaScript and passes every chunk through four
 * streams, which at the district ledger's 110 MB of sheet XML was about a fifth of the export; here the
 * checksum is zlib's native crc32 and the deflating runs on libuv's thread pool beside the XML being made.
 * No ZIP64: a workbook past 4 GB is refused (the district ledger is about 10 MB).
 */

export interface ZipEntrySource {
  name: string;
  /** Called when the entry's turn comes, so an entry can depend on the ones before it (workbook.xml). */
  chunks: () => Iterable<Buffer>;
}

/** Level 1: the sheets are repetitive XML; it deflates three times faster than the default 6 for a file about a tenth larger. */
const LEVEL = 1;
const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: names in UTF-8
const DEFLATE = 8;
const VERSION = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION;
const FILE_MODE = 0o100644;
const MAX32 = 0xffffffff;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The date and time as MS-DOS stores them (local time, two-second steps), as yazl wrote them. */
function dosDateTime(d: Date): { date: number; time: number } {
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
const entryKind = (from: number, at: { date: number; time: number }): Field[] => [
  [from, 2, VERSION],
  [from + 2, 2, FLAGS],
  [from + 4, 2, DEFLATE],
  [from + 6, 2, at.time],
  [from + 8, 2, at.date],
];

/** Checksum, compressed and uncompressed size: the same run in the data descriptor and the central header. */
const sums = (from: number, e: Written): Field[] => [
  [from, 4, e.crc],
  [from + 4, 4, e.compressed],
  [from + 8, 4, e.size],
];

function localHeader(name: Buffer, at: { date: number; time: number }): Buffer {
  // Checksum and sizes (offsets 14–25) stay 0: they follow the data in its descriptor.
  return Buffer.concat([record(30, [[0, 4, 0x04034b50], ...entryKind(4, at), [26, 2, name.length]]), name]);
}

function dataDescriptor(e: Written): Buffer {
  return record(16, [[0, 4, 0x08074b50], ...sums(4, e)]);
}

function centralHeader(e: Written, at: { date: number; time: number }): Buffer {
  const fields: Field[] = [[0, 4, 0x02014b50], [4, 2, MADE_BY_UNIX], ...entryKind(6, at), ...sums(16, e), [28, 2, e.name.length]];
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
  if (bytes > MAX32) throw new Error('the workbook is larger than 4 GB, more than a zip without ZIP64 holds');
}

/** The zip's bytes in order, entries produced one after the other as they are reached. */
export async function* zipChunks(entries: readonly ZipEntrySource[], mtime: Date): AsyncGenerator<Buffer> {
  const at = dosDateTime(mtime);
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const e: Written = { name: Buffer.from(entry.name, 'utf8'), crc: 0, compressed: 0, size: 0, offset };
    const header = localHeader(e.name, at);
    offset += header.length;
    yield header;
    const deflate = createDeflateRaw({ level: LEVEL, chunkSize: 64 * 1024 });
    const source = Readable.from(
      (function* () {
        for (const chunk of entry.chunks()) {
          e.crc = crc32(chunk, e.crc);
          e.size += chunk.length;
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
    // The source's or the deflater's error ends the iteration below with it.
    const done = pipeline(source, deflate).catch((error: unknown) => error);
    for await (const out of deflate as AsyncIterable<Buffer>) {
      e.compressed += out.length;
      offset += out.length;
      yield out;
    }
    const failed = await done;
    if (failed) throw failed;
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
