import { createHash } from 'node:crypto';
import { signBytes } from '../../electron/packets/keys.js';
import { MANIFEST_PATH, SIGNATURE_PATH } from '@shared/packets/manifest.js';
import type { PacketBase } from './mutate.js';
import type { Rng } from './prng.js';
import { emptyBlocks, overlappingEntriesBomb } from './zip-overlap.js';
import { writeZip, type RawEntry } from './zip.js';

/**
 * "No file hangs either program" (issue 9, point 5), as fuzz mutants: zips whose directory entries share
 * bytes, so a reader that inflates every entry it is told about repeats the same work once per entry, and
 * parts padded with empty deflate blocks that cost time and inflate to nothing. Kept out of mutate.ts (which
 * holds the general engine); mutate.ts picks the kind `overlap-bomb` and calls here.
 */
export const OVERLAP_KIND = 'overlap-bomb';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Appends `copies` directory records that repeat record `index` of `zip` under new names (`rename(i)`):
 * the copies point at the same local header, so the parts overlap. The end record is rewritten to match.
 */
export function withAliases(zip: Buffer, index: number, copies: number, rename: (name: string, i: number) => string): Buffer {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('withAliases: no end record');
  const count = zip.readUInt16LE(eocd + 10);
  const start = zip.readUInt32LE(eocd + 16);
  const records: Buffer[] = [];
  for (let p = start, n = 0; n < count; n++) {
    const length = 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    records.push(zip.subarray(p, p + length));
    p += length;
  }
  const source = records[index % records.length]!;
  const name = source.subarray(46, 46 + source.readUInt16LE(28)).toString('utf8');
  const extra: Buffer[] = [];
  for (let i = 0; i < copies; i++) {
    const newName = Buffer.from(rename(name, i), 'utf8');
    const record = Buffer.alloc(46 + newName.length);
    source.copy(record, 0, 0, 46);
    record.writeUInt16LE(newName.length, 28);
    record.writeUInt16LE(0, 30);
    record.writeUInt16LE(0, 32);
    newName.copy(record, 46);
    extra.push(record);
  }
  const directory = Buffer.concat([...records, ...extra]);
  const end = Buffer.from(zip.subarray(eocd, eocd + 22));
  const total = Math.min(0xffff, count + copies);
  end.writeUInt16LE(total, 8);
  end.writeUInt16LE(total, 10);
  end.writeUInt32LE(directory.length, 12);
  return Buffer.concat([zip.subarray(0, start), directory, end]);
}

/** A master list .xlsx: the pure bomb (one part of empty blocks, up to 65,535 entries), or the real workbook with one part aliased many times. */
export function masterOverlapBomb(rng: Rng, base: Buffer): { bytes: Buffer; detail: string } {
  if (rng.chance(0.5)) {
    const entries = rng.pick([2, 300, 4096, 65_535]);
    const megabytes = rng.pick([1, 8, 40]);
    return {
      bytes: overlappingEntriesBomb({ entries, emptyBlockBytes: megabytes << 20 }),
      detail: `${entries} directory entries at one part of ${megabytes} MiB of empty blocks`,
    };
  }
  const copies = rng.pick([1, 100, 4000, 65_000]);
  const index = rng.int(64);
  return {
    bytes: withAliases(base, index, copies, (name, i) => (i === 0 && rng.chance(0.5) ? name : `${name}.${i}`)),
    detail: `part ${index} aliased ${copies} times`,
  };
}

/**
 * A weekly packet or assignment, signed with the right key, whose manifest lists `copies` attachments that
 * all point at one part: either empty with the part made of empty deflate blocks (padding), or a few MB of
 * zeros deflated honestly. The signature holds, so a reader that hashes each listed entry in turn inflates
 * the same part once per entry.
 */
export function packetOverlapBomb(rng: Rng, base: PacketBase): { bytes: Buffer; detail: string } {
  const copies = rng.pick([2, 50, 2000]);
  const padded = rng.chance(0.5);
  return packetOverlapZip(base, { copies, padded, megabytes: rng.pick([1, 8]) });
}

export function packetOverlapZip(
  base: PacketBase,
  { copies, padded, megabytes }: { copies: number; padded: boolean; megabytes: number },
): { bytes: Buffer; detail: string } {
  const content = padded ? Buffer.alloc(0) : Buffer.alloc(megabytes << 18);
  const names = Array.from({ length: copies }, (_, i) => `attachments/overlap-${i}.bin`);
  const manifest = JSON.parse(JSON.stringify(base.manifest)) as { entries: { path: string; sha256: string; bytes: number }[] };
  for (const path of names) manifest.entries.push({ path, sha256: sha256(content), bytes: content.length });
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = Buffer.from(`${signBytes(manifestBytes, base.keys.privateKeyPem).toString('base64')}\n`, 'utf8');
  const entries: RawEntry[] = base.entries.map((e) => ({
    name: e.name,
    data: e.name === MANIFEST_PATH ? manifestBytes : e.name === SIGNATURE_PATH ? signature : e.data,
    method: e.compressed ? 8 : 0,
    mode: e.mode || 0o100644,
  }));
  const padding = Buffer.concat([emptyBlocks(megabytes << 20), Buffer.from([0x03, 0x00])]);
  entries.push(padded ? { name: names[0]!, compressed: padding, uncompressedSize: 0, crc: 0, method: 8 } : { name: names[0]!, data: content, method: 8 });
  const zip = writeZip(entries);
  const what = padded ? `one part of ${megabytes} MiB of empty blocks` : `one part of ${content.length >> 10} KiB of zeros`;
  return { bytes: withAliases(zip, entries.length - 1, copies - 1, (_name, i) => names[i + 1]!), detail: `${copies} signed entries at ${what}` };
}
