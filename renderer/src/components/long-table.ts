/** The app's long tables (the home list, the ledger): one row per record by id, drawn as it scrolls, no pages. */
export const LONG_TABLE = { rowKey: 'id', size: 'middle', pagination: false, virtual: true } as const;
