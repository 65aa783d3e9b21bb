import { z } from 'zod';
import { AssignmentPayload } from './assignment.js';
import { PacketManifest } from './manifest.js';
import { WeeklyPayload } from './weekly.js';

/**
 * The JSON Schema of the three JSON files a packet holds, generated from the zod schemas (the authority).
 * `build/gen-packet-schema.ts` writes it to docs/packets.schema.json; a test checks the file is current.
 * Refinements (real calendar dates, cross references, amounts with at most four decimals) are not
 * expressible in JSON Schema and are checked only by the app.
 */
export function packetJsonSchema(): Record<string, unknown> {
  const opts = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://sponsor-desk.invalid/packets.schema.json',
    title: 'Sponsor Desk packet files (format version 1)',
    description:
      'manifest.json of every packet, assignment.json of an assignment packet, changes.json of a weekly packet. Generated from shared/packets; see docs/packets.md.',
    $defs: { manifest: z.toJSONSchema(PacketManifest, opts), assignment: z.toJSONSchema(AssignmentPayload, opts), weekly: z.toJSONSchema(WeeklyPayload, opts) },
  };
}
