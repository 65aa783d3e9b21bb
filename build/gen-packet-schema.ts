/**
 * Writes docs/packets.schema.json (the packet files, from shared/packets) and docs/summary.schema.json (the
 * output of `bureau summary --json`, from shared/bureau/summary.ts); the zod schemas are the authority.
 *   npx tsx build/gen-packet-schema.ts          write them
 *   npx tsx build/gen-packet-schema.ts --check  exit 1 if a committed file is out of date
 * tests/integration/packets-schema.test.ts runs the same check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summaryJsonSchema } from '@shared/bureau/summary-json-schema.js';
import { packetJsonSchema } from '@shared/packets/json-schema.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../docs/packets.schema.json', import.meta.url));

export const SUMMARY_SCHEMA_PATH = fileURLToPath(new URL('../docs/summary.schema.json', import.meta.url));

export function packetSchemaText(): string {
  return `${JSON.stringify(packetJsonSchema(), null, 2)}\n`;
}

export function summarySchemaText(): string {
  return `${JSON.stringify(summaryJsonSchema(), null, 2)}\n`;
}

const FILES = [
  { path: SCHEMA_PATH, text: packetSchemaText, name: 'docs/packets.schema.json' },
  { path: SUMMARY_SCHEMA_PATH, text: summarySchemaText, name: 'docs/summary.schema.json' },
];

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  let stale = false;
  for (const file of FILES) {
    const text = file.text();
    if (process.argv.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(file.path, 'utf8');
      } catch {
        // missing counts as out of date
      }
      if (current !== text) {
        process.stderr.write(`${file.name} is out of date: run npx tsx build/gen-packet-schema.ts\n`);
        stale = true;
      } else process.stdout.write(`${file.name} is current\n`);
    } else {
      writeFileSync(file.path, text);
      process.stdout.write(`wrote ${file.path}\n`);
    }
  }
  if (stale) process.exit(1);
}
