import { packetError } from './errors.js';
import type { OpenedPacket } from './container-read.js';

type ElementSchema = { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } };
type ZodInternals = { _zod?: { def: { type: string; innerType?: unknown; element?: unknown } } };

/**
 * Zod checks every element of an array and makes an issue for each wrong one: a signed payload with a
 * million wrong values in one array costs seconds and a million issue objects. So the long top-level arrays
 * of an object schema are checked element by element first, stopping at the first wrong one (a valid array
 * costs one more pass, about half a second per million elements).
 */
function firstBadElement(raw: unknown, schema: unknown): { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } | null {
  const shape = (schema as { shape?: Record<string, ZodInternals> }).shape;
  if (!shape || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  for (const [key, field] of Object.entries(shape)) {
    const value = (raw as Record<string, unknown>)[key];
    if (!Array.isArray(value) || value.length <= 1000) continue;
    let s: ZodInternals | undefined = field;
    while (s?._zod && ['default', 'optional', 'prefault', 'nullable'].includes(s._zod.def.type)) s = s._zod.def.innerType as ZodInternals;
    const element = s?._zod?.def.type === 'array' ? (s._zod.def.element as ElementSchema) : undefined;
    if (!element) continue;
    for (let i = 0; i < value.length; i++) {
      const r = element.safeParse(value[i]);
      if (!r.success) return { success: false, error: { issues: (r.error?.issues ?? []).map((x) => ({ ...x, path: [key, i, ...x.path] })) } };
    }
  }
  return null;
}

/** Parses a JSON payload entry with its schema; any problem is a packet_invalid naming the field. */
export function parsePayloadJson<T>(
  packet: OpenedPacket,
  path: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
): T {
  const bytes = packet.entries.get(path);
  if (!bytes) throw packetError('payload_invalid', `the packet has no ${path}`, { entry: path });
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw packetError('payload_invalid', `${path} is not valid JSON: ${(error as Error).message}`, { entry: path });
  }
  const parsed = firstBadElement(raw, schema) ?? schema.safeParse(raw);
  if (!parsed.success) {
    // At most 100 issues travel: a million wrong values must not become a million-line error.
    const issues = parsed.error.issues.slice(0, 100).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const first = issues[0];
    throw packetError(
      'payload_invalid',
      `${path} is invalid: ${first?.path || '(root)'}: ${first?.message}`,
      { entry: path, field: first?.path ?? '' },
      issues,
    );
  }
  return parsed.data;
}
