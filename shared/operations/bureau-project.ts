import { defineOperations } from './define.js';

/** The bureau desk's project operations (issue 12), combined into the one table in ./index.ts. */
export const bureauProjectOperations = defineOperations({});
