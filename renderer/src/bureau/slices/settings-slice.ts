import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { BureauState } from '../store';

export type DeskAbout = OperationOutput<'bureau.desk.about'>;
export type KeyOfficer = OperationOutput<'bureau.officers.list'>[number];
export type VoidedRecord = OperationOutput<'bureau.officers.voided'>[number];

/** What the officers' tab of the settings loads: each officer with their key and pending keys, and the records voided with a key. */
export interface OfficerKeys {
  officers: KeyOfficer[];
  voided: VoidedRecord[];
}

/** The settings' views: the desk itself (also what the shell's demo banner and empty-desk notice read), and the officers' keys. */
export interface SettingsSlice {
  deskAbout: DeskAbout | null;
  deskAboutError: unknown;
  officerKeys: OfficerKeys | null;
  officerKeysError: unknown;
  loadDeskAbout(): Promise<void>;
  loadOfficerKeys(): Promise<void>;
}

export const settingsViews = {
  // The desk's name, key and demo flag change only when the whole database does (a restore, leaving the demo:
  // both name every topic); its counts change with the master list and the officers.
  deskAbout: { reads: ['project', 'officer', 'timeZone', 'backup'], loaded: (s) => s.deskAbout !== null, reload: (s) => s.loadDeskAbout() },
  officerKeys: { reads: ['officer', 'exchange'], loaded: (s) => s.officerKeys !== null, reload: (s) => s.loadOfficerKeys() },
} satisfies Views<BureauState>;

const aboutRequest = requestCounter();
const keysRequest = requestCounter();

export const createSettingsSlice: StateCreator<BureauState, [], [], SettingsSlice> = (set) => ({
  deskAbout: null,
  deskAboutError: null,
  officerKeys: null,
  officerKeysError: null,
  loadDeskAbout: () => loadField<SettingsSlice, 'deskAbout'>(set, aboutRequest, 'deskAbout', 'deskAboutError', () => callBureau('bureau.desk.about', {})),
  loadOfficerKeys: () =>
    loadField<SettingsSlice, 'officerKeys'>(set, keysRequest, 'officerKeys', 'officerKeysError', async () => {
      const [officers, voided] = await Promise.all([callBureau('bureau.officers.list', {}), callBureau('bureau.officers.voided', {})]);
      return { officers, voided };
    }),
});
