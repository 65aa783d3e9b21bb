import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';

export interface SyncSlice {
  syncStatus: OperationOutput<'sync.status'> | null;
  exportHistory: OperationOutput<'sync.exportHistory'>;
  conflicts: OperationOutput<'sync.conflicts'>;
  fileLocations: OperationOutput<'files.locations'> | null;
  loadSync(): Promise<void>;
}

export const createSyncSlice: StateCreator<DeskState, [], [], SyncSlice> = (set) => ({
  syncStatus: null,
  exportHistory: [],
  conflicts: [],
  fileLocations: null,
  async loadSync() {
    const [syncStatus, exportHistory, conflicts, fileLocations] = await Promise.all([
      call('sync.status', {}),
      call('sync.exportHistory', {}),
      call('sync.conflicts', {}),
      call('files.locations', {}),
    ]);
    set({ syncStatus, exportHistory, conflicts, fileLocations });
  },
});
