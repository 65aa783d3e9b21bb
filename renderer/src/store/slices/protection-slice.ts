import type { StateCreator } from 'zustand';
import type { LockState, ProtectionResult } from '@shared/operations/store';
import { call } from '../../api/client';
import type { DeskState } from '../index';

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

export const createProtectionSlice: StateCreator<DeskState, [], [], ProtectionSlice> = (set, get) => ({
  lock: null,
  async loadLockState() {
    const lock = await call('store.lockState', {});
    set({ lock });
    return lock;
  },
  async unlock(passphrase) {
    const lock = await call('store.unlock', { passphrase });
    set({ lock });
    return lock;
  },
  async protect(passphrase) {
    const result = await call('store.setPassphrase', { passphrase });
    set({ lock: { locked: result.locked, protected: result.protected } });
    void get().loadBackups();
    return result;
  },
  async changePassphrase(current, passphrase) {
    const result = await call('store.changePassphrase', { current, passphrase });
    set({ lock: { locked: result.locked, protected: result.protected } });
    return result;
  },
  async removePassphrase(current) {
    const result = await call('store.removePassphrase', { current });
    set({ lock: { locked: result.locked, protected: result.protected } });
    void get().loadBackups();
    return result;
  },
});
