/** The officer's side of file sync: assignment import, weekly packet export, ledger, report, status. */
export * from './assignment-import.js';
export * from './keys.js';
export * from './ledger-rows.js';
export * from './ledger-workbook.js';
export * from './status.js';
export * from './weekly-export.js';
export * from './weekly-report.js';
