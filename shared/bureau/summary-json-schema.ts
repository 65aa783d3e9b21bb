import { z } from 'zod';
import { DistrictSummary } from './summary.js';

/**
 * The JSON Schema of `sponsor-desk bureau summary --json` (the district figures), generated from the zod
 * schema the summary is computed to. Published so that a script or another office's tool can rely on the
 * shape; `build/gen-packet-schema.ts` writes it to docs/summary.schema.json and a test checks that the file is
 * current and that the command's real output satisfies it.
 */
export function summaryJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://sponsor-desk.invalid/summary.schema.json',
    title: 'Sponsor Desk district summary (bureau summary --json)',
    description: 'The district figures of docs/bureau.md, "The summary". Generated from shared/bureau/summary.ts.',
    ...z.toJSONSchema(DistrictSummary, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }),
  };
}
