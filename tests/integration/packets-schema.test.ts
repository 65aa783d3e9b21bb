import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packetSchemaText, SCHEMA_PATH, SUMMARY_SCHEMA_PATH, summarySchemaText } from '../../build/gen-packet-schema.js';
import { AssignmentPayload, PacketManifest, WeeklyPayload } from '@shared/packets/index.js';

describe('docs/packets.schema.json', () => {
  it('is generated from the current zod schemas (run npx tsx build/gen-packet-schema.ts)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(packetSchemaText());
  });

  it('docs/summary.schema.json is generated from the current summary schema', () => {
    expect(readFileSync(SUMMARY_SCHEMA_PATH, 'utf8')).toBe(summarySchemaText());
  });

  it('describes the three files with their required fields', () => {
    const schema = JSON.parse(packetSchemaText()) as { $defs: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
    expect(schema.$defs.manifest!.required).toEqual(
      expect.arrayContaining(['format', 'formatVersion', 'kind', 'packetId', 'officerId', 'sender', 'sequence', 'createdAt', 'entries']),
    );
    expect(Object.keys(schema.$defs.assignment!.properties!)).toEqual(Object.keys(AssignmentPayload.shape));
    expect(Object.keys(schema.$defs.weekly!.properties!)).toEqual(Object.keys(WeeklyPayload.shape));
    expect(Object.keys(schema.$defs.manifest!.properties!)).toEqual(Object.keys(PacketManifest.shape));
  });
});
