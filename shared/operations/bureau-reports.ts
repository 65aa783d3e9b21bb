import { defineOperations } from './define.js';

/** The bureau desk's reports operations (issue 12), combined into the one table in ./index.ts. */
export const bureauReportsOperations = defineOperations({});
