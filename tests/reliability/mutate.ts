import * as XLSX from '@e965/xlsx';
import yazl from 'yazl';
import { keyFingerprint, signBytes, type KeyPairPem } from '../../electron/packets/keys.js';
import { sha256Hex } from '../../electron/packets/container.js';
import { MANIFEST_PATH, SIGNATURE_PATH } from '@shared/packets/manifest.js';
import type { Rng } from './prng.js';
import { masterOverlapBomb, OVERLAP_KIND, packetOverlapBomb } from './mutate-bombs.js';
import { readZipEntries, writeZip, zeroBomb, type RawEntry, type ZipEntryData } from './zip.js';

/**
 * The mutation engine: from a valid base file and a seeded Rng, one hostile variant. Every choice comes from
 * the Rng, so (seed, case index) names a mutant exactly. Kinds cover the bytes (bit flips, runs, truncation),
 * the zip (entries swapped, renamed, duplicated, dropped, unsafe names, symlinks, lying or huge sizes, bombs),
 * the signature (wrong key, garbage), the manifest (every field, re-signed with the right key so parsing goes
 * on, or not) and the payload (re-hashed and re-signed with the right key: deep JSON, wrong types, huge arrays,
 * negative amounts, unknown enums, impossible dates, absurd strings, broken references), and for master lists
 * the bytes, the workbook's zip and the cells.
 */

export type Target = 'assignment' | 'weekly' | 'master-xlsx' | 'master-csv';
export const TARGETS: readonly Target[] = ['assignment', 'weekly', 'master-xlsx', 'master-csv'];

export interface Mutant {
  target: Target;
  kind: string;
  /** What exactly was done, for the failure report. */
  detail: string;
  bytes: Buffer;
  ext: '.zip' | '.xlsx' | '.csv';
}

export interface PacketBase {
  bytes: Buffer;
  entries: ZipEntryData[];
  manifest: Record<string, unknown>;
  payloadPath: string;
  payloadText: string;
  /** The key that signs this kind (the bureau's for assignments, the officer's for weekly packets). */
  keys: KeyPairPem;
}

export interface MutationBases {
  assignment: PacketBase;
  weekly: PacketBase;
  masterXlsx: Buffer;
  masterCsv: Buffer;
  /** Another Ed25519 key pair: "signed by someone else". */
  wrongKeys: KeyPairPem;
  /** Ids that mean something to the receiver (an assignment already applied, the officer). */
  appliedAssignmentPacketId: string;
  officerId: string;
}

export async function loadPacketBase(bytes: Buffer, payloadPath: string, keys: KeyPairPem): Promise<PacketBase> {
  const entries = await readZipEntries(bytes);
  const manifestEntry = entries.find((e) => e.name === MANIFEST_PATH);
  const payload = entries.find((e) => e.name === payloadPath);
  if (!manifestEntry || !payload) throw new Error(`base packet lacks ${MANIFEST_PATH} or ${payloadPath}`);
  return { bytes, entries, manifest: JSON.parse(manifestEntry.data.toString('utf8')), payloadPath, payloadText: payload.data.toString('utf8'), keys };
}

// ───────────── values ─────────────

const DEEP_TOKEN = '\u0000DEEP\u0000';
const RAW = (text: string) => `\u0000RAW${text}\u0000`;

/** Deep nesting as JSON text: arrays, objects or both, `depth` levels. */
function deepJson(rng: Rng, depth: number): string {
  const style = rng.int(3);
  if (style === 0) return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  if (style === 1) return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return `${'[{"x":'.repeat(depth)}null${'}]'.repeat(depth)}`;
}

const NUMBERS = [-1, -0.0001, -1e308, 1e308, 1.5, 0.1, 2 ** 53 + 2, 1e21, 0, -0, 4294967296, -2147483649, 123456789.123456];
const RAW_NUMBERS = ['1e999', '-1e999', '1e-999', '0x10', '01', '.5', '+1', 'NaN', 'Infinity'];
const ENUMS = ['unknown', '', 'PROVINCIAL', '省级', 'construction ', '\u0000', '__proto__', 'constructor', 'toString', 'bureau\u200b', 'officer,bureau'];
const DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '9999-12-31',
  '2026-1-1',
  '2026/11/01',
  '20261101',
  '',
  '2025-02-29',
  '+275760-09-13',
  '2026-11-31',
  '2026-11-01T00:00:00Z',
];
const TIMESTAMPS = [
  '2026-11-01T25:00:00.000Z',
  '2026-11-31T00:00:00.000Z',
  'yesterday',
  '',
  '2026-11-01',
  '2026-11-01T00:00:00',
  '-000001-01-01T00:00:00.000Z',
  'Invalid Date',
  '2026-11-01T00:00:00.000+99:00',
];
const MONTHS = ['2026-13', '2026-00', '2026-1', '0000-00', '2026-10-01', '', '10/2026'];
function absurdString(rng: Rng): string {
  switch (rng.int(14)) {
    case 0:
      return '';
    case 1:
      return ' \t\r\n ';
    case 2:
      return 'x'.repeat(rng.pick([201, 2001, 100_001, 1_000_001]));
    case 3:
      return '\u0000';
    case 4:
      return '\u202egnp.exe';
    case 5:
      return '𠮷'.repeat(rng.pick([50, 5000]));
    case 6:
      return '\ud800';
    case 7:
      return '<script>alert(1)</script>';
    case 8:
      return '../../../etc/passwd';
    case 9:
      return "'; DROP TABLE projects; --";
    case 10:
      return '=cmd|"/c calc"!A1';
    case 11:
      return '\r\n'.repeat(1000);
    case 12:
      return '%s%s%n{0}${x}';
    default:
      return 'é'.normalize('NFD').repeat(300);
  }
}
function wrongType(rng: Rng, current: unknown): unknown {
  const options: unknown[] = [null, true, false, 0, 1, '', '1', [], {}, [1, 2, 3], { a: 1 }, [null]];
  let v = rng.pick(options);
  if (typeof v === typeof current && !Array.isArray(current)) v = Array.isArray(v) ? {} : [];
  return v;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TS_RE = /^\d{4}-\d{2}-\d{2}T/;
const MONTH_RE = /^\d{4}-\d{2}$/;
const ENUM_KEYS = new Set(['level', 'stage', 'kind', 'action', 'origin', 'category', 'entity', 'role', 'ownerKind', 'mimeType']);
const AMOUNT_KEYS = new Set([
  'annualPlannedInvestment',
  'totalInvestment',
  'amount',
  'bytes',
  'width',
  'height',
  'planYear',
  'sortOrder',
  'seq',
  'afterSeq',
  'throughSeq',
  'acknowledgedWeeklySequence',
  'appliedAssignmentSequence',
]);

type JPath = (string | number)[];
interface JNode {
  path: JPath;
  value: unknown;
}
function nodesOf(value: unknown, path: JPath = [], out: JNode[] = []): JNode[] {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => nodesOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, k], out);
  return out;
}
function parentOf(root: unknown, path: JPath): { parent: any; key: string | number } {
  let parent: any = root;
  for (const p of path.slice(0, -1)) parent = parent[p];
  return { parent, key: path[path.length - 1]! };
}
const pathText = (path: JPath) => path.map(String).join('.') || '(root)';

/** Stringifies with the raw insertions (deep nesting, numbers JSON cannot say) spliced in. */
function stringifyWithRaw(value: unknown, raw: string | null): string {
  let text = JSON.stringify(value);
  if (raw !== null) text = text.replace(JSON.stringify(DEEP_TOKEN), () => raw);
  return text.replace(/"\\u0000RAW(.*?)\\u0000"/g, (_m, inner: string) => inner);
}

interface JsonEdit {
  text: string;
  detail: string;
}

/** One hostile edit of a JSON document, chosen by `kind`. */
function editJson(rng: Rng, sourceText: string, kind: string, extra: { officerId: string }): JsonEdit {
  const root = JSON.parse(sourceText) as Record<string, unknown>;
  const all = nodesOf(root);
  const nonRoot = all.filter((n) => n.path.length > 0);
  const leaves = nonRoot.filter((n) => n.value === null || typeof n.value !== 'object');
  const named = (pred: (key: string, v: unknown) => boolean) =>
    nonRoot.filter((n) => typeof n.path.at(-1) === 'string' && pred(String(n.path.at(-1)), n.value));
  const set = (node: JNode, v: unknown) => {
    const { parent, key } = parentOf(root, node.path);
    parent[key] = v;
  };
  const pickOr = (list: JNode[]) => (list.length > 0 ? rng.pick(list) : rng.pick(nonRoot));
  // A list of at least `min` records, or any node when the payload has none.
  const pickList = (min: number) => pickOr(nonRoot.filter((n) => Array.isArray(n.value) && (n.value as unknown[]).length >= min));
  let raw: string | null = null;
  let detail = kind;
  switch (kind) {
    case 'payload-deep-json': {
      const depth = rng.pick([10_000, 10_000, 100_000, 1_000_000]);
      raw = deepJson(rng, depth);
      if (rng.chance(0.15)) return { text: raw, detail: `whole document nested ${depth} levels` };
      const node = rng.pick(nonRoot);
      set(node, DEEP_TOKEN);
      detail = `${pathText(node.path)} nested ${depth} levels`;
      break;
    }
    case 'payload-wrong-type': {
      const node = rng.pick(nonRoot);
      const v = wrongType(rng, node.value);
      set(node, v);
      detail = `${pathText(node.path)} = ${JSON.stringify(v)}`;
      break;
    }
    case 'payload-huge-array': {
      const arrays = nonRoot.filter((n) => Array.isArray(n.value));
      const node = pickOr(arrays);
      const first = Array.isArray(node.value) && node.value.length > 0 ? node.value[0] : 1;
      const n = rng.pick([10_001, 100_001, 1_000_001]);
      const element = rng.chance(0.5) || JSON.stringify(first).length > 100 ? 1 : first;
      set(
        node,
        Array.from({ length: n }, () => element),
      );
      detail = `${pathText(node.path)} = ${n} × ${JSON.stringify(element).slice(0, 40)}`;
      break;
    }
    case 'payload-negative': {
      const node = pickOr(named((k, v) => AMOUNT_KEYS.has(k) || typeof v === 'number'));
      if (rng.chance(0.25)) {
        const r = rng.pick(RAW_NUMBERS);
        set(node, RAW(r));
        detail = `${pathText(node.path)} = ${r}`;
      } else {
        const v = rng.pick(NUMBERS);
        set(node, v);
        detail = `${pathText(node.path)} = ${v}`;
      }
      break;
    }
    case 'payload-unknown-enum': {
      const node = pickOr(named((k, v) => ENUM_KEYS.has(k) && typeof v === 'string'));
      const v = rng.pick(ENUMS);
      set(node, v);
      detail = `${pathText(node.path)} = ${JSON.stringify(v)}`;
      break;
    }
    case 'payload-bad-date': {
      const node = pickOr(named((_k, v) => typeof v === 'string' && (DATE_RE.test(v) || TS_RE.test(v) || MONTH_RE.test(v))));
      const s = String(node.value);
      const v = DATE_RE.test(s) ? rng.pick(DATES) : MONTH_RE.test(s) ? rng.pick(MONTHS) : rng.pick(TIMESTAMPS);
      set(node, v);
      detail = `${pathText(node.path)} = ${JSON.stringify(v)}`;
      break;
    }
    case 'payload-absurd-string': {
      const node = pickOr(leaves.filter((n) => typeof n.value === 'string'));
      const v = absurdString(rng);
      set(node, v);
      detail = `${pathText(node.path)} = ${JSON.stringify(v.slice(0, 30))}${v.length > 30 ? `… (${v.length} chars)` : ''}`;
      break;
    }
    case 'payload-drop-field': {
      const node = pickOr(nonRoot.filter((n) => typeof n.path.at(-1) === 'string'));
      const { parent, key } = parentOf(root, node.path);
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      detail = `deleted ${pathText(node.path)}`;
      break;
    }
    case 'payload-extra-field': {
      const objects = all.filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value));
      const node = rng.pick(objects);
      const key = rng.pick(['__proto__', 'constructor', 'extra', 'archivedAt', 'withdrawnAt', 'officerId', 'id']);
      const v = wrongType(rng, undefined);
      if (key === '__proto__') (node.value as Record<string, unknown>)['__proto__x'] = v;
      (node.value as Record<string, unknown>)[key] = v;
      detail = `${pathText(node.path)}.${key} = ${JSON.stringify(v)}`;
      break;
    }
    case 'payload-duplicate-record': {
      const node = pickList(1);
      if (Array.isArray(node.value)) {
        const i = rng.int(node.value.length);
        const copy = JSON.parse(JSON.stringify(node.value[i]));
        if (rng.chance(0.4) && copy && typeof copy === 'object' && 'id' in copy) copy.note = 'changed';
        node.value.splice(rng.int(node.value.length + 1), 0, copy);
        detail = `${pathText(node.path)}[${i}] listed twice`;
      }
      break;
    }
    case 'payload-bad-reference': {
      const node = pickOr(named((k, v) => (typeof v === 'string' && UUID_RE.test(v) && k !== 'id' ? true : k === 'id' && typeof v === 'string')));
      const ids = named((_k, v) => typeof v === 'string' && UUID_RE.test(v)).map((n) => n.value as string);
      const v = rng.pick([
        randomUUIDFrom(rng),
        rng.pick(ids.length ? ids : ['x']),
        String(node.value).toUpperCase(),
        'not-a-uuid',
        '',
        `${String(node.value)} `,
      ]);
      set(node, v);
      detail = `${pathText(node.path)} = ${JSON.stringify(v)}`;
      break;
    }
    case 'payload-officer': {
      const node = nonRoot.find((n) => n.path.join('.') === 'officer.id') ?? rng.pick(nonRoot);
      const v = rng.pick([randomUUIDFrom(rng), extra.officerId.toUpperCase(), '']);
      set(node, v);
      detail = `officer.id = ${v}`;
      break;
    }
    case 'payload-swap': {
      const node = pickList(2);
      if (Array.isArray(node.value)) {
        const a = rng.int(node.value.length);
        const b = rng.int(node.value.length);
        [node.value[a], node.value[b]] = [node.value[b], node.value[a]];
        detail = `${pathText(node.path)}: swapped ${a} and ${b}`;
      }
      break;
    }
    default:
      throw new Error(`unknown json edit ${kind}`);
  }
  return { text: stringifyWithRaw(root, raw), detail };
}

/** A UUID from the Rng (so the mutant is reproducible). */
function randomUUIDFrom(rng: Rng): string {
  const h = rng.bytes(16);
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// ───────────── bytes ─────────────

const BYTE_KINDS = ['bit-flip', 'byte-run', 'truncate', 'insert-bytes', 'delete-bytes', 'append-garbage'] as const;

function byteMutation(rng: Rng, base: Buffer, kind: (typeof BYTE_KINDS)[number]): { bytes: Buffer; detail: string } {
  const buf = Buffer.from(base);
  switch (kind) {
    case 'bit-flip': {
      const n = rng.pick([1, 1, 1, 2, 4, 8, 32]);
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const pos = rng.int(buf.length);
        buf[pos]! ^= 1 << rng.int(8);
        at.push(pos);
      }
      return { bytes: buf, detail: `${n} bit(s) at ${at.slice(0, 8).join(',')}` };
    }
    case 'byte-run': {
      const len = rng.range(1, 64);
      const pos = rng.int(Math.max(1, buf.length - len));
      const fill = rng.pick(['random', 'zero', 'ff']);
      for (let i = 0; i < len && pos + i < buf.length; i++) buf[pos + i] = fill === 'random' ? rng.int(256) : fill === 'zero' ? 0 : 0xff;
      return { bytes: buf, detail: `${len} ${fill} bytes at ${pos}` };
    }
    case 'truncate': {
      const at = rng.chance(0.2) ? rng.pick([0, 1, 4, 22, buf.length - 1, buf.length - 22]) : rng.int(buf.length);
      return { bytes: buf.subarray(0, Math.max(0, at)), detail: `cut at ${at} of ${buf.length}` };
    }
    case 'insert-bytes': {
      const pos = rng.int(buf.length + 1);
      const ins = rng.bytes(rng.range(1, 32));
      return { bytes: Buffer.concat([buf.subarray(0, pos), ins, buf.subarray(pos)]), detail: `${ins.length} bytes inserted at ${pos}` };
    }
    case 'delete-bytes': {
      const len = rng.range(1, 32);
      const pos = rng.int(buf.length);
      return { bytes: Buffer.concat([buf.subarray(0, pos), buf.subarray(pos + len)]), detail: `${len} bytes deleted at ${pos}` };
    }
    case 'append-garbage': {
      const extra = rng.chance(0.5) ? rng.bytes(rng.range(1, 100)) : Buffer.from(base.subarray(0, rng.int(base.length)));
      return { bytes: Buffer.concat([buf, extra]), detail: `${extra.length} bytes appended` };
    }
  }
}

/** Sets one field of one zip header (local, central or end record) to an extreme value. */
function headerFieldMutation(rng: Rng, base: Buffer): { bytes: Buffer; detail: string } {
  const buf = Buffer.from(base);
  const headers: { at: number; sig: string }[] = [];
  for (let i = 0; i + 4 <= buf.length; i++) {
    const s = buf.readUInt32LE(i);
    if (s === 0x04034b50) headers.push({ at: i, sig: 'local' });
    else if (s === 0x02014b50) headers.push({ at: i, sig: 'central' });
    else if (s === 0x06054b50) headers.push({ at: i, sig: 'end' });
  }
  if (headers.length === 0) return byteMutation(rng, base, 'bit-flip');
  const h = rng.pick(headers);
  const fields: Record<string, [number, 2 | 4][]> = {
    local: [
      [4, 2],
      [6, 2],
      [8, 2],
      [14, 4],
      [18, 4],
      [22, 4],
      [26, 2],
      [28, 2],
    ],
    central: [
      [4, 2],
      [8, 2],
      [10, 2],
      [16, 4],
      [20, 4],
      [24, 4],
      [28, 2],
      [30, 2],
      [32, 2],
      [34, 2],
      [38, 4],
      [42, 4],
    ],
    end: [
      [4, 2],
      [6, 2],
      [8, 2],
      [10, 2],
      [12, 4],
      [16, 4],
      [20, 2],
    ],
  };
  const [off, size] = rng.pick(fields[h.sig]!);
  const value = rng.pick(size === 2 ? [0, 1, 0xffff, 0x7fff, rng.int(0x10000)] : [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, rng.int(0x100000000)]);
  if (h.at + off + size <= buf.length) {
    if (size === 2) buf.writeUInt16LE(value, h.at + off);
    else buf.writeUInt32LE(value >>> 0, h.at + off);
  }
  return { bytes: buf, detail: `${h.sig} header at ${h.at} field +${off} = ${value}` };
}

// ───────────── packets ─────────────

interface PacketParts {
  entries: RawEntry[];
}

function partsOf(base: PacketBase): PacketParts {
  return { entries: base.entries.map((e) => ({ name: e.name, data: e.data, method: e.compressed ? 8 : 0, mode: e.mode || 0o100644 })) };
}

function manifestBytesOf(manifest: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

function signatureOf(manifestBytes: Buffer, keys: KeyPairPem): Buffer {
  return Buffer.from(`${signBytes(manifestBytes, keys.privateKeyPem).toString('base64')}\n`, 'utf8');
}

function setEntry(parts: PacketParts, name: string, data: Buffer): void {
  const e = parts.entries.find((x) => x.name === name);
  if (e) e.data = data;
  else parts.entries.push({ name, data, method: 8, mode: 0o100644 });
}

type SignWith = 'right' | 'old' | 'wrong' | 'wrong-claimed';

/** Replaces the manifest (as bytes) and signs it as chosen. */
function resign(parts: PacketParts, base: PacketBase, manifestBytes: Buffer, how: SignWith, wrong: KeyPairPem): void {
  setEntry(parts, MANIFEST_PATH, manifestBytes);
  if (how === 'old') return;
  setEntry(parts, SIGNATURE_PATH, signatureOf(manifestBytes, how === 'right' ? base.keys : wrong));
}

/** Rehashes the payload entries that changed, then signs. */
function rehashAndSign(parts: PacketParts, base: PacketBase, how: SignWith, wrong: KeyPairPem, edit?: (m: any) => void): void {
  const manifest = JSON.parse(JSON.stringify(base.manifest)) as { entries: { path: string; sha256: string; bytes: number }[]; sender: any };
  for (const item of manifest.entries) {
    const e = parts.entries.find((x) => x.name === item.path);
    if (e?.data) {
      item.sha256 = sha256Hex(e.data);
      item.bytes = e.data.length;
    }
  }
  if (how === 'wrong-claimed') {
    manifest.sender.publicKey = wrong.publicKeyPem;
    manifest.sender.keyFingerprint = keyFingerprint(wrong.publicKeyPem);
  }
  edit?.(manifest);
  resign(parts, base, manifestBytesOf(manifest), how === 'wrong-claimed' ? 'wrong' : how, wrong);
}

async function zipWithYazl(entries: readonly RawEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(e.data ?? Buffer.alloc(0), String(e.name), {
      compress: (e.method ?? 8) === 8,
      mode: e.mode ?? 0o100644,
      mtime: new Date('2026-11-01T00:00:00Z'),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const UNSAFE_NAMES = [
  '../evil.txt',
  '../../../../tmp/evil.txt',
  '/etc/passwd',
  'C:\\Windows\\evil.txt',
  'photos/../../evil.txt',
  'photos\\..\\..\\evil.txt',
  './manifest.json',
  'a//b',
  '.hidden',
  'photos/.x.jpg',
  'nul\u0000.txt',
  `${'a'.repeat(300)}.txt`,
  'a/b/c/d/e/f.txt',
  'CON',
  'photos/',
  '',
  ' manifest.json',
  'MANIFEST.JSON',
  'manifest.json/',
  '🙂.txt',
];

export const PACKET_KINDS = [
  ...BYTE_KINDS,
  'header-field',
  'entry-swap',
  'entry-rename',
  'entry-duplicate',
  'entry-drop',
  'entry-extra',
  'entry-reorder',
  'entry-method',
  'unsafe-name',
  'symlink',
  'directory-entry',
  'encrypted-flag',
  'unsupported-method',
  'huge-declared-size',
  'lying-size',
  'zip-bomb',
  'zip-bomb-lying',
  'too-many-entries',
  'eocd-count',
  'wrong-key',
  'signature-garbage',
  'manifest-edit',
  'payload-deep-json',
  'payload-wrong-type',
  'payload-huge-array',
  'payload-negative',
  'payload-unknown-enum',
  'payload-bad-date',
  'payload-absurd-string',
  'payload-drop-field',
  'payload-extra-field',
  'payload-duplicate-record',
  'payload-bad-reference',
  'payload-officer',
  'payload-swap',
  'payload-bytes',
  'photo-bytes',
  OVERLAP_KIND,
] as const;

/** Relative weights: cheap structural kinds often, the payload kinds (which reach the deepest code) often too. */
const PACKET_WEIGHTS: Partial<Record<(typeof PACKET_KINDS)[number], number>> = {
  'bit-flip': 6,
  'byte-run': 3,
  truncate: 3,
  'manifest-edit': 8,
  'payload-wrong-type': 4,
  'payload-negative': 3,
  'payload-unknown-enum': 3,
  'payload-bad-date': 3,
  'payload-absurd-string': 3,
  'payload-drop-field': 3,
  'payload-bad-reference': 3,
  'payload-duplicate-record': 2,
  'zip-bomb': 0.5,
  'zip-bomb-lying': 0.5,
  'too-many-entries': 0.3,
  'payload-huge-array': 0.7,
  'payload-deep-json': 1,
  [OVERLAP_KIND]: 0.3,
};

function weightedPick<T extends string>(rng: Rng, kinds: readonly T[], weights: Partial<Record<T, number>>): T {
  const total = kinds.reduce((n, k) => n + (weights[k] ?? 1), 0);
  let x = rng.next() * total;
  for (const k of kinds) {
    x -= weights[k] ?? 1;
    if (x < 0) return k;
  }
  return kinds[kinds.length - 1]!;
}

function signChoice(rng: Rng, rightShare: number): SignWith {
  if (rng.chance(rightShare)) return 'right';
  return rng.pick(['old', 'wrong', 'wrong-claimed'] as const);
}

async function mutatePacket(rng: Rng, target: 'assignment' | 'weekly', bases: MutationBases): Promise<Mutant> {
  const base = bases[target];
  const kind = weightedPick(rng, PACKET_KINDS, PACKET_WEIGHTS);
  const done = (bytes: Buffer, detail: string): Mutant => ({ target, kind, detail, bytes, ext: '.zip' });
  if (kind === OVERLAP_KIND) {
    const m = packetOverlapBomb(rng, base);
    return done(m.bytes, m.detail);
  }
  const parts = partsOf(base);
  const payloadNames = parts.entries.filter((e) => e.name !== MANIFEST_PATH && e.name !== SIGNATURE_PATH).map((e) => String(e.name));
  const anyName = () => String(rng.pick(parts.entries).name);
  const raw = () => writeZip(parts.entries);

  switch (kind) {
    case 'bit-flip':
    case 'byte-run':
    case 'truncate':
    case 'insert-bytes':
    case 'delete-bytes':
    case 'append-garbage': {
      const m = byteMutation(rng, base.bytes, kind);
      return done(m.bytes, m.detail);
    }
    case 'header-field': {
      const m = headerFieldMutation(rng, base.bytes);
      return done(m.bytes, m.detail);
    }
    case 'entry-swap': {
      const a = rng.pick(parts.entries);
      const b = rng.pick(parts.entries);
      [a.data, b.data] = [b.data, a.data];
      return done(await zipWithYazl(parts.entries), `contents of ${String(a.name)} and ${String(b.name)} swapped`);
    }
    case 'entry-rename': {
      const e = rng.pick(parts.entries);
      const from = String(e.name);
      e.name = rng.chance(0.5) ? anyName() : rng.pick([`${from}.bak`, from.toUpperCase(), `x/${from}`, 'changes.json', 'assignment.json', 'photos/x.jpg']);
      return done(await zipWithYazl(parts.entries), `${from} renamed ${String(e.name)}`);
    }
    case 'entry-duplicate': {
      const e = rng.pick(parts.entries);
      const copy = { ...e, data: rng.chance(0.5) ? e.data : Buffer.concat([e.data ?? Buffer.alloc(0), Buffer.from(' ')]) };
      parts.entries.splice(rng.int(parts.entries.length + 1), 0, copy);
      return done(await zipWithYazl(parts.entries), `${String(e.name)} twice`);
    }
    case 'entry-drop': {
      const i = rng.int(parts.entries.length);
      const [e] = parts.entries.splice(i, 1);
      return done(await zipWithYazl(parts.entries), `${String(e!.name)} dropped`);
    }
    case 'entry-extra': {
      const name = rng.pick(['extra.txt', 'photos/extra.jpg', 'changes.json.orig', 'a/b/c.txt', 'ledger2.xlsx']);
      parts.entries.splice(rng.int(parts.entries.length + 1), 0, { name, data: rng.bytes(rng.range(0, 200)), method: 8 });
      const how = rng.pick(['unsigned', 'listed'] as const);
      if (how === 'listed')
        rehashAndSign(parts, base, 'right', bases.wrongKeys, (m) =>
          m.entries.push({
            path: name,
            sha256: sha256Hex(parts.entries.find((x) => x.name === name)!.data!),
            bytes: parts.entries.find((x) => x.name === name)!.data!.length,
          }),
        );
      return done(await zipWithYazl(parts.entries), `extra entry ${name} (${how})`);
    }
    case 'entry-reorder': {
      for (let i = parts.entries.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [parts.entries[i], parts.entries[j]] = [parts.entries[j]!, parts.entries[i]!];
      }
      return done(await zipWithYazl(parts.entries), `order ${parts.entries.map((e) => String(e.name)).join(',')}`);
    }
    case 'entry-method': {
      for (const e of parts.entries) if (rng.chance(0.5)) e.method = e.method === 8 ? 0 : 8;
      return done(raw(), 'compression of some entries switched');
    }
    case 'unsafe-name': {
      const name = rng.pick(UNSAFE_NAMES);
      const how = rng.pick(['add', 'rename', 'listed'] as const);
      if (how === 'rename') rng.pick(parts.entries).name = name;
      else parts.entries.splice(rng.int(parts.entries.length + 1), 0, { name, data: Buffer.from('evil'), method: 8 });
      if (how === 'listed')
        rehashAndSign(parts, base, 'right', bases.wrongKeys, (m) => m.entries.push({ path: name, sha256: sha256Hex(Buffer.from('evil')), bytes: 4 }));
      return done(raw(), `entry named ${JSON.stringify(name)} (${how})`);
    }
    case 'symlink': {
      const target = Buffer.from(rng.pick(['/etc/passwd', '../../../../etc/shadow', 'manifest.json', 'C:\\Windows\\win.ini']));
      const how = rng.pick(['add', 'replace'] as const);
      if (how === 'replace') {
        const e = rng.pick(parts.entries);
        e.data = target;
        e.mode = 0o120777;
      } else parts.entries.push({ name: rng.pick(['link', 'photos/link.jpg']), data: target, mode: 0o120777, method: 0 });
      return done(raw(), `symlink → ${target.toString()} (${how})`);
    }
    case 'directory-entry': {
      const how = rng.pick(['slash', 'mode', 'dos'] as const);
      if (how === 'slash') parts.entries.push({ name: 'photos/', data: Buffer.alloc(0), mode: 0o40755, method: 0 });
      else if (how === 'mode') rng.pick(parts.entries).mode = 0o40755;
      else rng.pick(parts.entries).dosAttributes = 0x10;
      return done(raw(), `directory entry (${how})`);
    }
    case 'encrypted-flag': {
      rng.pick(parts.entries).flags = 0x0801;
      return done(raw(), 'an entry flagged encrypted');
    }
    case 'unsupported-method': {
      const e = rng.pick(parts.entries);
      e.method = rng.pick([1, 6, 9, 12, 14, 93, 95, 99]);
      e.compressed = e.data;
      return done(raw(), `${String(e.name)} method ${e.method}`);
    }
    case 'huge-declared-size': {
      const e = rng.pick(parts.entries);
      e.uncompressedSize = rng.pick([0xffffffff, 0x7fffffff, 0x10000001, 1 << 30, (256 << 20) + 1]);
      if (rng.chance(0.3)) e.compressedSize = 0xffffffff;
      return done(raw(), `${String(e.name)} declares ${e.uncompressedSize} bytes`);
    }
    case 'lying-size': {
      const e = rng.pick(parts.entries);
      const len = e.data?.length ?? 0;
      e.uncompressedSize = rng.pick([0, 1, Math.max(0, len - 1), len + 1, len * 2 + 10]);
      return done(raw(), `${String(e.name)} has ${len} bytes, declares ${e.uncompressedSize}`);
    }
    case 'zip-bomb':
    case 'zip-bomb-lying': {
      const mb = rng.pick([17, 300]);
      const bomb = zeroBomb(mb);
      const name = rng.chance(0.6) ? rng.pick([MANIFEST_PATH, base.payloadPath, ...payloadNames]) : 'bomb.bin';
      const declared = kind === 'zip-bomb' ? bomb.bytes : rng.pick([0, 100, base.payloadText.length]);
      const entry: RawEntry = { name, compressed: bomb.compressed, crc: bomb.crc, uncompressedSize: declared, method: 8 };
      const i = parts.entries.findIndex((e) => e.name === name);
      if (i >= 0) parts.entries[i] = entry;
      else parts.entries.push(entry);
      if (name !== MANIFEST_PATH && rng.chance(0.5)) {
        // Listed in a manifest signed with the right key, with the size it declares.
        const manifest = JSON.parse(JSON.stringify(base.manifest)) as { entries: { path: string; sha256: string; bytes: number }[] };
        const item = manifest.entries.find((x) => x.path === name);
        if (item) item.bytes = declared;
        else manifest.entries.push({ path: name, sha256: '0'.repeat(64), bytes: declared });
        resign(parts, base, manifestBytesOf(manifest), 'right', bases.wrongKeys);
      }
      return done(raw(), `${name}: ${mb} MiB of zeros, declared ${declared}`);
    }
    case 'too-many-entries': {
      const n = rng.pick([20_001, 65_535]);
      const extra: RawEntry[] = Array.from({ length: n }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(0), method: 0 }));
      return done(writeZip([...parts.entries, ...extra]), `${n} extra empty entries`);
    }
    case 'eocd-count': {
      return done(writeZip(parts.entries, { entryCount: rng.pick([0, 1, 65535, parts.entries.length + 1]) }), 'end record entry count changed');
    }
    case 'wrong-key': {
      rehashAndSign(parts, base, rng.pick(['wrong', 'wrong-claimed'] as const), bases.wrongKeys);
      return done(await zipWithYazl(parts.entries), 'manifest signed with another key');
    }
    case 'signature-garbage': {
      const sig = rng.pick([
        Buffer.alloc(0),
        Buffer.from('not base64!'),
        Buffer.from(`${rng.bytes(64).toString('base64')}\n`),
        Buffer.from(rng.bytes(63).toString('base64')),
        Buffer.from('A'.repeat(1025)),
        rng.bytes(88),
        Buffer.from(`${rng.bytes(64).toString('base64')}\n${rng.bytes(64).toString('base64')}`),
      ]);
      setEntry(parts, SIGNATURE_PATH, sig);
      if (rng.chance(0.2)) parts.entries = parts.entries.filter((e) => e.name !== SIGNATURE_PATH);
      return done(await zipWithYazl(parts.entries), `manifest.sig = ${sig.length} bytes`);
    }
    case 'manifest-edit': {
      const manifest = JSON.parse(JSON.stringify(base.manifest)) as any;
      const edit = editManifest(rng, manifest, target, bases);
      const how = signChoice(rng, 0.75);
      const bytes = edit.raw !== undefined ? Buffer.from(edit.raw, 'utf8') : manifestBytesOf(manifest);
      resign(parts, base, bytes, how === 'wrong-claimed' ? 'wrong' : how, bases.wrongKeys);
      return done(await zipWithYazl(parts.entries), `${edit.detail} (signed: ${how})`);
    }
    case 'payload-bytes': {
      const choice = rng.int(9);
      const text = base.payloadText;
      const bytes = [
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        Buffer.concat([Buffer.from(text.slice(0, 50)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(50))]),
        Buffer.from(`${text} trailing`),
        Buffer.alloc(0),
        Buffer.from('null'),
        Buffer.from('[]'),
        Buffer.from('"a string"'),
        Buffer.from(text.slice(0, rng.int(text.length))),
        Buffer.from(text, 'utf16le'),
      ][choice]!;
      setEntry(parts, base.payloadPath, bytes);
      const how = signChoice(rng, 0.9);
      rehashAndSign(parts, base, how, bases.wrongKeys);
      return done(await zipWithYazl(parts.entries), `payload bytes variant ${choice} (signed: ${how})`);
    }
    case 'photo-bytes': {
      const photos = parts.entries.filter((e) => String(e.name).startsWith('photos/'));
      const e = photos.length > 0 ? rng.pick(photos) : rng.pick(parts.entries.filter((x) => x.name !== MANIFEST_PATH && x.name !== SIGNATURE_PATH));
      const data = Buffer.from(e.data ?? Buffer.alloc(0));
      if (data.length > 0) data[rng.int(data.length)]! ^= 0x01;
      e.data = rng.chance(0.2) ? Buffer.alloc(0) : data;
      const how = signChoice(rng, 0.8);
      rehashAndSign(parts, base, how, bases.wrongKeys);
      return done(await zipWithYazl(parts.entries), `${String(e.name)} changed and rehashed (signed: ${how})`);
    }
    default: {
      // payload-*: edit the JSON, rehash, sign (mostly with the right key so the payload is parsed).
      const edit = editJson(rng, base.payloadText, kind, { officerId: bases.officerId });
      setEntry(parts, base.payloadPath, Buffer.from(edit.text, 'utf8'));
      const how = signChoice(rng, 0.9);
      rehashAndSign(parts, base, how, bases.wrongKeys);
      return done(await zipWithYazl(parts.entries), `${edit.detail} (signed: ${how})`);
    }
  }
}

/** One manifest field set to a hostile or merely different value (or the whole manifest replaced by `raw`). */
function editManifest(rng: Rng, m: any, target: 'assignment' | 'weekly', bases: MutationBases): { detail: string; raw?: string } {
  const d = editManifestFields(rng, m, target, bases);
  return typeof d === 'string' ? { detail: d } : d;
}

function editManifestFields(rng: Rng, m: any, target: 'assignment' | 'weekly', bases: MutationBases): string | { detail: string; raw: string } {
  const field = rng.pick([
    'sequence',
    'officerId',
    'kind',
    'formatVersion',
    'format',
    'packetId',
    'createdAt',
    'sender.role',
    'sender.name',
    'sender.publicKey',
    'sender.keyFingerprint',
    'entries.drop',
    'entries.duplicate',
    'entries.add',
    'entries.bytes',
    'entries.sha256',
    'entries.path',
    'entries.empty',
    'entries.huge',
    'writtenBy',
    'extra',
    'drop',
    'deep',
    'not-object',
  ]);
  const entries = m.entries as { path: string; sha256: string; bytes: number }[];
  switch (field) {
    case 'sequence':
      m.sequence = rng.pick([0, -1, 1, 2, 3, 1.5, 1e9, 1e9 + 1, 2 ** 53, '2', null, 999, target === 'assignment' ? 1 : 2]);
      return `sequence = ${JSON.stringify(m.sequence)}`;
    case 'officerId':
      m.officerId = rng.pick([randomUUIDFrom(rng), 'not-a-uuid', '', bases.officerId.toUpperCase(), null]);
      return `officerId = ${JSON.stringify(m.officerId)}`;
    case 'kind':
      m.kind = rng.pick([target === 'assignment' ? 'weekly' : 'assignment', 'unknown', 5, null, 'Assignment']);
      return `kind = ${JSON.stringify(m.kind)}`;
    case 'formatVersion':
      m.formatVersion = rng.pick([0, 2, '1', 1.0001, null, -1]);
      return `formatVersion = ${JSON.stringify(m.formatVersion)}`;
    case 'format':
      m.format = rng.pick(['other', '', null, 'sponsor-desk-packet ', 7]);
      return `format = ${JSON.stringify(m.format)}`;
    case 'packetId':
      m.packetId = rng.pick([randomUUIDFrom(rng), 'x', String(m.packetId).toUpperCase(), bases.appliedAssignmentPacketId, '']);
      return `packetId = ${JSON.stringify(m.packetId)}`;
    case 'createdAt':
      m.createdAt = rng.pick([...TIMESTAMPS, 0]);
      return `createdAt = ${JSON.stringify(m.createdAt)}`;
    case 'sender.role':
      m.sender.role = rng.pick(['bureau', 'officer', 'admin', null]);
      return `sender.role = ${JSON.stringify(m.sender.role)}`;
    case 'sender.name':
      m.sender.name = rng.pick(['', 'x'.repeat(101), '区经济发展局', absurdString(rng).slice(0, 300)]);
      return `sender.name = ${JSON.stringify(String(m.sender.name).slice(0, 30))}`;
    case 'sender.publicKey':
      m.sender.publicKey = rng.pick([
        bases.wrongKeys.publicKeyPem,
        'garbage',
        `${String(m.sender.publicKey).slice(0, 60)}AAAA\n-----END PUBLIC KEY-----\n`,
        '',
      ]);
      return 'sender.publicKey changed';
    case 'sender.keyFingerprint':
      m.sender.keyFingerprint = rng.pick([keyFingerprint(bases.wrongKeys.publicKeyPem), '0000', 'ABCD '.repeat(16).trim(), '']);
      return `sender.keyFingerprint = ${JSON.stringify(m.sender.keyFingerprint)}`;
    case 'entries.drop':
      entries.splice(rng.int(entries.length), 1);
      return 'an entry dropped from the manifest';
    case 'entries.duplicate':
      entries.push({ ...rng.pick(entries) });
      return 'a manifest entry listed twice';
    case 'entries.add':
      entries.push({ path: rng.pick(['missing.txt', 'photos/missing.jpg']), sha256: '0'.repeat(64), bytes: rng.pick([0, 10, 1 << 30]) });
      return 'a manifest entry not in the zip';
    case 'entries.bytes': {
      const e = rng.pick(entries);
      e.bytes = rng.pick([0, e.bytes + 1, e.bytes - 1, -1, 1.5, 2 ** 31, 2 ** 53, 1e20]);
      return `${e.path} bytes = ${e.bytes}`;
    }
    case 'entries.sha256': {
      const e = rng.pick(entries);
      e.sha256 = rng.pick([e.sha256.toUpperCase(), '0'.repeat(64), e.sha256.slice(1), `${e.sha256}0`, '']);
      return `${e.path} sha256 = ${e.sha256.slice(0, 12)}…`;
    }
    case 'entries.path': {
      const e = rng.pick(entries);
      e.path = rng.pick(UNSAFE_NAMES);
      return `a manifest path = ${JSON.stringify(e.path)}`;
    }
    case 'entries.empty':
      m.entries = [];
      return 'entries = []';
    case 'entries.huge':
      m.entries = Array.from({ length: rng.pick([100_001, 20_001]) }, (_, i) => ({ path: `x${i}`, sha256: '0'.repeat(64), bytes: 0 }));
      return `entries = ${m.entries.length} items`;
    case 'writtenBy':
      m.writtenBy = rng.pick(['x'.repeat(101), '', null]);
      return 'writtenBy changed';
    case 'extra':
      m.unknownField = { nested: [1, 2, 3] };
      return 'an unknown field added';
    case 'drop': {
      const key = rng.pick(Object.keys(m));
      delete m[key];
      return `${key} removed`;
    }
    case 'deep': {
      const depth = rng.pick([10_000, 100_000]);
      return { detail: `manifest nested ${depth} levels`, raw: `${'['.repeat(depth)}${']'.repeat(depth)}` };
    }
    default: {
      const text = rng.pick(['null', '[]', '"sponsor-desk-packet"', '42', '{"format":"sponsor-desk-packet","formatVersion":1,"kind":"x"}']);
      return { detail: `manifest is ${text}`, raw: text };
    }
  }
}

// ───────────── master lists ─────────────

export const MASTER_KINDS = [
  ...BYTE_KINDS,
  'cell-edit',
  'cell-type',
  'row-duplicate',
  'row-drop',
  'header-edit',
  'column-drop',
  'many-rows',
  'empty-sheet',
  'zip-entry-drop',
  'zip-bomb',
  'huge-declared-size',
  OVERLAP_KIND,
] as const;

const MASTER_VALUES = (rng: Rng): unknown =>
  rng.pick<unknown>([
    -1,
    -0.0001,
    1e308,
    1.23456,
    'abc',
    '',
    '省级 ',
    '国家级',
    'unknown',
    '2026-02-30',
    '2026-13-01',
    '开工建设:2026-02-30',
    '开工建设:2026-03-01;开工建设:2026-03-01',
    '前期审批:施工许可证:2026-99-99',
    '产业项目x',
    '1,000,000,000,000',
    '=1+1',
    '=HYPERLINK("http://evil")',
    absurdString(rng),
    true,
    null,
    1899,
    2101,
    0,
  ]);

/** CSV: one cell per comma (the sample has no quoted commas); quotes when the value needs them. */
function csvCell(v: unknown): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** How the CSV and the workbook differ where their mutations are shared. */
interface TableForm {
  /** The file's number of the body's first row. */
  firstRow: number;
  /** The values heading `c` may become. */
  headings(c: number): unknown[];
  /** A value for an edited cell (drawn from the rng), as stored in the row and as shown in the detail. */
  cell(kind: 'cell-edit' | 'cell-type'): { stored: unknown; shown: string };
}

/**
 * The cell, row and column mutations the CSV and the workbook share, drawing from `rng` in the same order
 * for both. Null for a kind this does not handle.
 */
function editTable(rng: Rng, kind: string, header: unknown[], body: unknown[][], form: TableForm): string | null {
  switch (kind) {
    case 'cell-edit':
    case 'cell-type': {
      const r = rng.int(body.length);
      const c = rng.int(header.length);
      const { stored, shown } = form.cell(kind);
      body[r]![c] = stored;
      return `row ${r + form.firstRow} ${String(header[c])} = ${shown}`;
    }
    case 'row-duplicate': {
      const r = rng.int(body.length);
      body.splice(rng.int(body.length + 1), 0, [...body[r]!]);
      return `row ${r + form.firstRow} twice`;
    }
    case 'row-drop': {
      const n = rng.range(1, body.length);
      body.splice(rng.int(body.length), n);
      return `${n} row(s) dropped`;
    }
    case 'header-edit': {
      const c = rng.int(header.length);
      header[c] = rng.pick(form.headings(c));
      return `heading ${c} = ${JSON.stringify(header[c])}`;
    }
    case 'column-drop': {
      const c = rng.int(header.length);
      for (const row of [header, ...body]) row.splice(c, 1);
      return `column ${c} dropped`;
    }
    case 'many-rows': {
      const n = rng.pick([200, 1000]);
      const template = body[0]!;
      for (let i = 0; i < n; i++) body.push([`ZZ-${i}`, ...template.slice(1)]);
      return `${n} rows added`;
    }
    default:
      return null;
  }
}

function mutateCsv(rng: Rng, base: Buffer): Mutant {
  const kind = weightedPick(
    rng,
    MASTER_KINDS.filter((k) => k !== 'zip-entry-drop' && k !== 'zip-bomb' && k !== 'huge-declared-size' && k !== OVERLAP_KIND),
    { 'cell-edit': 4, 'cell-type': 2, 'bit-flip': 3 },
  );
  const done = (bytes: Buffer, detail: string): Mutant => ({ target: 'master-csv', kind, detail, bytes, ext: '.csv' });
  if ((BYTE_KINDS as readonly string[]).includes(kind)) {
    const m = byteMutation(rng, base, kind as (typeof BYTE_KINDS)[number]);
    return done(m.bytes, m.detail);
  }
  const text = base.toString('utf8').replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const rows = lines.map((l) => l.split(','));
  const header = rows[0]!;
  const body = rows.slice(1);
  let detail: string;
  switch (kind) {
    case 'empty-sheet': {
      body.length = 0;
      if (rng.chance(0.5)) header.length = 0;
      detail = 'no rows';
      break;
    }
    default:
      detail =
        editTable(rng, kind, header, body, {
          firstRow: 2,
          headings: (c) => ['', '项目编码', 'xyz', header[(c + 1) % header.length]!, `${header[c]} `],
          cell: (k) => {
            const v = k === 'cell-edit' ? MASTER_VALUES(rng) : rng.pick(['"unbalanced', 'a"b', '"x""', '\u0000', '\t', 'x,y', '\r']);
            return { stored: k === 'cell-edit' ? csvCell(v) : String(v), shown: JSON.stringify(String(v).slice(0, 30)) };
          },
        }) ?? kind;
  }
  const eol = rng.chance(0.2) ? '\r\n' : '\n';
  const out = [header, ...body].map((r) => r.join(',')).join(eol);
  return done(Buffer.from(rng.chance(0.5) ? `\ufeff${out}` : out, 'utf8'), detail);
}

let xlsxCache: { base: Buffer; entries: ZipEntryData[] } | null = null;

async function mutateXlsx(rng: Rng, base: Buffer): Promise<Mutant> {
  const kind = weightedPick(rng, MASTER_KINDS, { 'cell-edit': 3, 'bit-flip': 3, 'many-rows': 0.3 });
  const done = (bytes: Buffer, detail: string): Mutant => ({ target: 'master-xlsx', kind, detail, bytes, ext: '.xlsx' });
  if (kind === OVERLAP_KIND) {
    const m = masterOverlapBomb(rng, base);
    return done(m.bytes, m.detail);
  }
  if ((BYTE_KINDS as readonly string[]).includes(kind)) {
    const m = byteMutation(rng, base, kind as (typeof BYTE_KINDS)[number]);
    return done(m.bytes, m.detail);
  }
  if (kind === 'zip-entry-drop' || kind === 'zip-bomb' || kind === 'huge-declared-size') {
    if (xlsxCache?.base !== base) xlsxCache = { base, entries: await readZipEntries(base) };
    const entries: RawEntry[] = xlsxCache.entries.map((e) => ({ name: e.name, data: e.data, method: e.compressed ? 8 : 0 }));
    const i = rng.int(entries.length);
    const name = String(entries[i]!.name);
    if (kind === 'zip-entry-drop') {
      entries.splice(i, 1);
      return done(writeZip(entries), `${name} dropped`);
    }
    if (kind === 'huge-declared-size') {
      entries[i]!.uncompressedSize = rng.pick([0xffffffff, 0x7fffffff, 0]);
      return done(writeZip(entries), `${name} declares ${entries[i]!.uncompressedSize} bytes`);
    }
    const sheet = entries.findIndex((e) => /worksheets\/sheet1\.xml$/.test(String(e.name)));
    const j = rng.chance(0.7) && sheet >= 0 ? sheet : i;
    const mb = rng.pick([17, 300]);
    const bomb = zeroBomb(mb);
    entries[j] = { name: entries[j]!.name, compressed: bomb.compressed, crc: bomb.crc, uncompressedSize: bomb.bytes, method: 8 };
    return done(writeZip(entries), `${String(entries[j]!.name)} = ${mb} MiB of zeros`);
  }
  const wb = XLSX.read(base, { type: 'buffer', cellDates: true });
  const name = wb.SheetNames.includes('重点项目清单') ? '重点项目清单' : wb.SheetNames[0]!;
  const ws = wb.Sheets[name]!;
  const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
  const headerRow = grid.findIndex((r) => r.some((c) => c === '项目编码'));
  const h = headerRow >= 0 ? headerRow : 0;
  const header = grid[h]!;
  const body = grid.slice(h + 1);
  let detail: string;
  switch (kind) {
    case 'empty-sheet': {
      body.length = 0;
      detail = 'no rows';
      break;
    }
    default:
      detail =
        editTable(rng, kind, header, body, {
          firstRow: h + 2,
          headings: (c) => ['', '项目编码', 42, null, header[(c + 1) % header.length]],
          cell: (k) => {
            const v =
              k === 'cell-edit'
                ? MASTER_VALUES(rng)
                : rng.pick<unknown>([new Date('2026-02-28T00:00:00Z'), new Date(-8.64e15), true, 1e-300, -0, { f: 'NOW()' }]);
            return { stored: v, shown: JSON.stringify(v)?.slice(0, 30) ?? 'undefined' };
          },
        }) ?? kind;
  }
  const out = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet([...grid.slice(0, h), header, ...body] as unknown[][]);
  XLSX.utils.book_append_sheet(out, sheet, rng.chance(0.9) ? name : 'Sheet1');
  if (rng.chance(0.1)) XLSX.utils.book_append_sheet(out, XLSX.utils.aoa_to_sheet([['x']]), '说明');
  return done(XLSX.write(out, { type: 'buffer', bookType: 'xlsx' }) as Buffer, detail);
}

// ───────────── entry point ─────────────

/** Relative shares of the targets (the packet imports are cheap; reading a workbook costs ~100 ms). */
export const DEFAULT_TARGET_WEIGHTS: Record<Target, number> = { assignment: 0.47, weekly: 0.43, 'master-csv': 0.06, 'master-xlsx': 0.04 };

export async function makeMutant(rng: Rng, bases: MutationBases, weights: Record<Target, number> = DEFAULT_TARGET_WEIGHTS): Promise<Mutant> {
  const target = weightedPick(rng, TARGETS, weights);
  if (target === 'assignment' || target === 'weekly') return mutatePacket(rng, target, bases);
  if (target === 'master-csv') return mutateCsv(rng, bases.masterCsv);
  return mutateXlsx(rng, bases.masterXlsx);
}
