import type { StateCreator } from 'zustand';
import type { LockState, ProtectionResult } from '@shared/operations/store';
import { call } from '../../api/client';
import type { DeskState } from '../index';
import { requestCounter, type Views } from '../views';

/** Passphrase protection of the store: the lock state the first screen needs, and the Settings actions. */
export interface ProtectionSlice {
  lock: LockState | null;
  loadLockState(): Promise<LockState>;
  /** Throws an ApiError (store_locked / wrong_passphrase) when refused. */
  unlock(passphrase: string): Promise<LockState>;
  protect(passphrase: string): Promise<ProtectionResult>;
  changePassphrase(current: string, passphrase: string): Promise<ProtectionResult>;
  removePassphrase(current: string): Promise<ProtectionResult>;
}

/** A restored store may be protected differently: the lock state is read again when protection changed. */
export const protectionViews = { lock: { reads: ['protection'], loaded: (s) => s.lock !== null, reload: (s) => s.loadLockState() } } satisfies Views;

const lockRequest = requestCounter();

export const createProtectionSlice: StateCreator<DeskState, [], [], ProtectionSlice> = (set) => ({
  lock: null,
  async loadLockState() {
    const latest = lockRequest();
    const lock = await call('store.lockState', {});
    if (latest()) set({ lock });
    return lock;
  },
  // Each write below changes 'protection': the lock state (and the backups it made) are read again before it returns.
  unlock: (passphrase) => call('store.unlock', { passphrase }),
  protect: (passphrase) => call('store.setPassphrase', { passphrase }),
  changePassphrase: (current, passphrase) => call('store.changePassphrase', { current, passphrase }),
  removePassphrase: (current) => call('store.removePassphrase', { current }),
});
