/** How far a packet's read, export or apply has come, for a progress bar. */
export interface PacketProgress {
  /**
   * read/verify: opening a packet; collect/photos/ledger/write: exporting one; backup/apply: applying an
   * assignment (the copy of the database taken first, then the one transaction).
   */
  phase: 'read' | 'verify' | 'collect' | 'photos' | 'ledger' | 'write' | 'backup' | 'apply';
  done: number;
  total: number;
}
export type ProgressCallback = (progress: PacketProgress) => void;
