import { z } from 'zod';
import { defineOperations } from './define.js';

export const storeOperations = defineOperations({
  /**
   * Leaves the demo: the demo store is kept as a backup and an empty store takes its place, ready for the
   * first assignment from the bureau. Refused unless the open store is the demo (real data is never set aside here).
   */
  'store.leaveDemo': {
    input: z.object({}),
    output: z.object({ keptAsBackup: z.string() }),
  },
});
