import { crc32, deflateRawSync, constants as zlibConstants } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * Zip helpers for the fuzzer: read every entry of a (valid) base file, and write zips by hand with full
 * control of every field (names yazl would refuse, lying sizes, symlink modes, pre-compressed bombs).
 */

export interface ZipEntryData {
  name: string;
  data: Buffer;
  /** Unix mode from the external attributes (0 when the zip has none). */
  mode: number;
  compressed: boolean;
}

export function readZipEntries(buffer: Buffer): Promise<ZipEntryData[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: ZipEntryData[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.once('error', reject);
          stream.on('end', () => {
            out.push({
              name: entry.fileName,
              data: Buffer.concat(chunks),
              mode: (entry.externalFileAttributes >>> 16) & 0xffff,
              compressed: entry.compressionMethod === 8,
            });
            zip.readEntry();
          });
        });
      });
      zip.once('end', () => resolve(out));
      zip.once('error', reject);
      zip.readEntry();
    });
  });
}

export interface RawEntry {
  name: string | Buffer;
  /** Uncompressed bytes (ignored when `compressed` is given). */
  data?: Buffer;
  /** 0 stored, 8 deflate, anything else to test refusal. Default 8. */
  method?: number;
  /** Pre-compressed bytes (a bomb): written as they are. */
  compressed?: Buffer;
  /** Declared sizes and CRC; default: the truth. */
  uncompressedSize?: number;
  compressedSize?: number;
  crc?: number;
  /** Unix mode in the external attributes (default a plain file, 0o100644). */
  mode?: number;
  /** DOS attribute bits (low byte of the external attributes), e.g. 0x10 for a directory. */
  dosAttributes?: number;
  /** General purpose flags (default 0x0800: UTF-8 names). */
  flags?: number;
}

export interface WriteZipOptions {
  comment?: Buffer;
  /** Overrides of the end-of-central-directory record. */
  entryCount?: number;
  centralDirectoryOffset?: number;
}

const DOS_TIME = 0x0000;
const DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 1;

interface SharedFields {
  flags: number;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  nameLength: number;
}

/** The run of fields a local header (from offset 6) and its central directory entry (from offset 8) both carry. */
function writeSharedFields(header: Buffer, at: number, f: SharedFields): void {
  header.writeUInt16LE(f.flags, at);
  header.writeUInt16LE(f.method, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(f.crc >>> 0, at + 8);
  header.writeUInt32LE(f.csize >>> 0, at + 12);
  header.writeUInt32LE(f.usize >>> 0, at + 16);
  header.writeUInt16LE(f.nameLength, at + 20);
}

/** Writes a zip with exactly the fields given. */
export function writeZip(entries: readonly RawEntry[], options: WriteZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const data = e.data ?? Buffer.alloc(0);
    const body = e.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const crc = e.crc ?? crc32(data);
    const usize = e.uncompressedSize ?? data.length;
    const csize = e.compressedSize ?? body.length;
    const flags = e.flags ?? 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const fields = { flags, method, crc, csize, usize, nameLength: name.length };
    writeSharedFields(local, 6, fields);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by unix
    cd.writeUInt16LE(20, 6);
    writeSharedFields(cd, 8, fields);
    cd.writeUInt16LE(0, 30);
    cd.writeUInt16LE(0, 32);
    cd.writeUInt16LE(0, 34);
    cd.writeUInt16LE(0, 36);
    cd.writeUInt32LE(((((e.mode ?? 0o100644) & 0xffff) << 16) | (e.dosAttributes ?? 0)) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const comment = options.comment ?? Buffer.alloc(0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  const count = options.entryCount ?? entries.length;
  eocd.writeUInt16LE(count & 0xffff, 8);
  eocd.writeUInt16LE(count & 0xffff, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(options.centralDirectoryOffset ?? offset, 16);
  eocd.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, cdBuf, eocd, comment]);
}

let bombCache: { megabytes: number; compressed: Buffer; crc: number } | null = null;

/**
 * A deflate stream that inflates to `megabytes` MiB of zeros, built from one sync-flushed 1 MiB block
 * repeated (about 1 KiB per MiB), so a 300 MiB bomb costs milliseconds to make. Cached.
 */
export function zeroBomb(megabytes: number): { compressed: Buffer; crc: number; bytes: number } {
  if (!bombCache || bombCache.megabytes !== megabytes) {
    const mib = Buffer.alloc(1 << 20);
    const block = deflateRawSync(mib, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const final = Buffer.from([0x03, 0x00]); // an empty final fixed-Huffman block
    const compressed = Buffer.concat([...Array.from({ length: megabytes }, () => block), final]);
    let crc = 0;
    for (let i = 0; i < megabytes; i++) crc = crc32(mib, crc);
    bombCache = { megabytes, compressed, crc };
  }
  return { compressed: bombCache.compressed, crc: bombCache.crc, bytes: megabytes << 20 };
}
