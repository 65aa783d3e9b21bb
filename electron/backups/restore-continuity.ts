import { readOfficerKey, SYNC_SETTING } from '../sync/keys.js';
import type { SqliteDatabase } from '../store/database.js';
import { EXPORT_SEQUENCE_FLOOR, lastPacketExport } from '../store/repositories/sync.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';
import { z } from 'zod';

/**
 * What a restore carries from the store it replaces into the restored one, so the exchange with the bureau
 * goes on safely (docs/packets.md §4):
 * - the highest weekly-packet number the replaced store had used: the restored store numbers its next
 *   packet above it. Otherwise it would send a second packet #N with other changes than the #N the bureau
 *   may already hold, and an acknowledgement of N would mark changes received that never arrived.
 * - the officer's signing key, when the backup predates it: a new key would make the bureau refuse every
 *   later packet.
 */
export interface RestoreContinuity {
  sequenceFloor: number;
  officerKey: unknown;
}

export function captureContinuity(db: SqliteDatabase): RestoreContinuity {
  const floor = readSetting(db, EXPORT_SEQUENCE_FLOOR, z.number().int().nonnegative()) ?? 0;
  const key = readOfficerKey(db);
  return {
    sequenceFloor: Math.max(floor, lastPacketExport(db)?.sequence ?? 0),
    officerKey: key ? { publicKeyPem: key.publicKeyPem, privateKeyPem: key.privateKeyPem, createdAt: key.createdAt } : null,
  };
}

export function applyContinuity(db: SqliteDatabase, c: RestoreContinuity): void {
  db.transaction(() => {
    const restored = readSetting(db, EXPORT_SEQUENCE_FLOOR, z.number().int().nonnegative()) ?? 0;
    if (c.sequenceFloor > restored) writeSetting(db, EXPORT_SEQUENCE_FLOOR, c.sequenceFloor);
    if (c.officerKey !== null && readOfficerKey(db) === null) writeSetting(db, SYNC_SETTING.officerKey, c.officerKey);
  })();
}
