import * as zlib from 'node:zlib';
import type { IssueParams } from '@shared/bureau/master-issues.js';
import { fileRefusal, type MasterListInvalidError } from './master-errors.js';

/** What a workbook may unpack to, all parts together: a district's list is a few MB of XML; a zip bomb is far more. */
const MAX_MASTER_UNPACKED_BYTES = 128 * 1024 * 1024;
/** Parts a workbook may list: a list with a few sheets has a few dozen; 65,535 is a bomb's directory. */
const MAX_WORKBOOK_PARTS = 4096;

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** An entry name fit to quote in a message: printable, at most 80 characters. */
function printable(raw: Buffer): string {
  const text = raw.toString('utf8').replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * SheetJS trusts each part's local header of an .xlsx: it allocates the size declared (4 GB if it says so),
 * inflates whatever follows however large, and may spin for seconds on damaged data. So the zip is proved
 * first with zlib, with bounded work whatever the file: at most MAX_WORKBOOK_PARTS parts, no two sharing
 * bytes (65,535 entries pointing at one part of empty deflate blocks once took hours), each inflated once and
 * never past what is left of MAX_MASTER_UNPACKED_BYTES, deflate data larger than any writer would make
 * (padding) refused before inflating, and every part's local header, method, size and CRC-32 checked.
 * (The packets' yauzl reader is asynchronous and does not refuse overlapping or padded parts.)
 * Returns the parts named in `keep`, as proved.
 */
export function checkWorkbookZip(bytes: Buffer, file: string, keep: ReadonlySet<string> = new Set()): Map<string, Buffer> {
  const kept = new Map<string, Buffer>();
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return kept; // not a zip (.xls): SheetJS reads it as is
  const damaged = (why: string, params: IssueParams = {}): MasterListInvalidError => fileRefusal('damaged', 'file_damaged', { file, why, ...params });
  // The end of the directory: its 22 bytes, then a comment of at most 65,535.
  const eocd = bytes.length < 22 ? -1 : bytes.lastIndexOf(END_OF_DIRECTORY, bytes.length - 22);
  if (eocd < 0 || eocd < bytes.length - 22 - 0xffff) throw damaged('cut_short');
  const count = bytes.readUInt16LE(eocd + 10);
  if (count > MAX_WORKBOOK_PARTS) throw damaged('too_many_parts', { count, max: MAX_WORKBOOK_PARTS });
  const directory = bytes.readUInt32LE(eocd + 16);
  if (directory > eocd) throw damaged('broken_directory');

  /** Every part's fields, and where its data starts and ends (after its local header). */
  const parts: { name: string; method: number; crc: number; compressedSize: number; size: number; local: number; start: number; end: number }[] = [];
  let p = directory;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== 0x02014b50) throw damaged('broken_directory');
    const nameLength = bytes.readUInt16LE(p + 28);
    if (p + 46 + nameLength > eocd) throw damaged('broken_directory');
    const name = printable(bytes.subarray(p + 46, p + 46 + nameLength));
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const crc = bytes.readUInt32LE(p + 16);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const local = bytes.readUInt32LE(p + 42);
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    // 0xFFFFFFFF is ZIP64's "look elsewhere" (no list needs it) or a lie SheetJS would allocate.
    if (local === 0xffffffff || compressedSize === 0xffffffff || size === 0xffffffff) throw damaged('size_mismatch', { part: name, declared: size, size: '?' });
    if (local + 30 > directory || bytes.readUInt32LE(local) !== 0x04034b50) throw damaged('part_missing', { part: name });
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const end = start + compressedSize;
    if (end > directory) throw damaged('part_past_end', { part: name });
    // SheetJS reads the local header: it must say what the directory says (sizes may be 0 there when a data descriptor follows).
    const localCompressed = bytes.readUInt32LE(local + 18);
    const localSize = bytes.readUInt32LE(local + 22);
    const described = (flags & 8) !== 0 && localCompressed === 0 && localSize === 0;
    if (bytes.readUInt16LE(local + 8) !== method || (!described && (localCompressed !== compressedSize || localSize !== size))) {
      throw damaged('size_mismatch', { part: name, declared: localSize, size });
    }
    parts.push({ name, method, crc, compressedSize, size, local, start, end });
  }

  // No two parts may share bytes: each byte of the file belongs to one part at most.
  const byStart = [...parts].sort((a, b) => a.local - b.local);
  for (let i = 1; i < byStart.length; i++) {
    const before = byStart[i - 1]!;
    const part = byStart[i]!;
    if (part.local < before.end) throw damaged('overlap', { part: part.name, other: before.name });
  }

  let total = 0;
  for (const part of parts) {
    const left = MAX_MASTER_UNPACKED_BYTES - total;
    if (part.size > left) throw fileRefusal('too_large', 'file_too_large', { file, mb: MAX_MASTER_UNPACKED_BYTES / 1024 / 1024 });
    let data: Buffer;
    if (part.method === 0) {
      if (part.compressedSize !== part.size) throw damaged('size_mismatch', { part: part.name, declared: part.size, size: part.compressedSize });
      data = bytes.subarray(part.start, part.end);
    } else if (part.method === 8) {
      // Deflate never needs much more than the content (stored blocks add 5 bytes per 64 KB): more is padding.
      if (part.compressedSize > part.size + Math.ceil(part.size / 64) + 1024) {
        throw damaged('padded', { part: part.name, size: part.size, compressed: part.compressedSize });
      }
      try {
        data = zlib.inflateRawSync(bytes.subarray(part.start, part.end), { maxOutputLength: part.size + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw damaged('size_mismatch', { part: part.name, declared: part.size, size: `> ${part.size}` });
        throw damaged('does_not_unpack', { part: part.name });
      }
      if (data.length !== part.size) throw damaged('size_mismatch', { part: part.name, declared: part.size, size: data.length });
    } else {
      throw damaged('method', { part: part.name, method: part.method });
    }
    // SheetJS never checks the CRC-32: a flipped bit that still inflates would be read as a changed value.
    if (typeof zlib.crc32 === 'function' && zlib.crc32(data) !== part.crc) throw damaged('checksum', { part: part.name });
    total += data.length;
    if (keep.has(part.name)) kept.set(part.name, data);
  }
  return kept;
}
