/**
 * Writes docs/packets.schema.json from the zod schemas in shared/packets (the authority).
 *   npx tsx build/gen-packet-schema.ts          write it
 *   npx tsx build/gen-packet-schema.ts --check  exit 1 if the committed file is out of date
 * tests/integration/packets-schema.test.ts runs the same check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packetJsonSchema } from '../shared/packets/json-schema.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../docs/packets.schema.json', import.meta.url));

export function packetSchemaText(): string {
  return `${JSON.stringify(packetJsonSchema(), null, 2)}\n`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = packetSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      process.stderr.write('docs/packets.schema.json is out of date: run npx tsx build/gen-packet-schema.ts\n');
      process.exit(1);
    }
    process.stdout.write('docs/packets.schema.json is current\n');
  } else {
    writeFileSync(SCHEMA_PATH, text);
    process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
