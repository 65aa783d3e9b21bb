import { randomUUID } from 'node:crypto';
import { Officer, RecordId } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import type { OperationInput, OperationOutput } from '@shared/operations/index.js';
import { readPublicKeyFile } from '../packets/keys.js';
import type { SqliteDatabase } from '../store/database.js';
import type { BureauContext } from './context.js';
import { listPendingKeys, recordKeyDecision } from './pending-keys.js';
import {
  countReceivedPackets,
  findOfficer,
  getOfficer,
  highestReceivedSequence,
  insertOfficer,
  lastAssignmentSequence,
  listBureauProjects,
  listOfficers,
  setOfficerKey,
  type BureauOfficer,
} from './repository.js';
import { validPacketsOfKey, voidPackets, type VoidOutcome } from './void-packets.js';

/**
 * Officers and the keys that verify their weekly packets. The trust rule (docs/bureau.md):
 * - a key registered with `officers add --key FILE` (handed over in person or read out by fingerprint), or
 *   accepted with `officers accept-key` (key-decisions.ts), is the officer's key;
 * - a packet signed by any other key folds nothing: it waits in the pending list (pending-keys.ts);
 * - `officers add --key` with a key equal to the one in force confirms it; a different one is refused
 *   unless `--replace-key` is given, and replacing voids every packet the old key delivered;
 * - a key belongs to one officer only.
 */

/** `officer` names one already registered (id, name or name@unit); `id` registers a new one with the id its app already has (the demo officer). */
export type AddOfficerOptions = OperationInput<'bureau.officers.add'>;

/** `key`: what happened to the key file given (none without one); `voided`: what replacing the key set aside. */
export type AddOfficerResult = Omit<OperationOutput<'bureau.officers.add'>, 'folded'>;

/** Finds one officer by id, or by name when exactly one officer has it. */
export function resolveOfficer(ctx: BureauContext, idOrName: string): BureauOfficer {
  const byId = RecordId.safeParse(idOrName).success ? getOfficer(ctx.db, idOrName) : undefined;
  if (byId) return byId;
  const matches = listOfficers(ctx.db).filter((o) => o.name === idOrName || `${o.name}@${o.unit}` === idOrName);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new AppError('invalid_input', `${matches.length} officers are called ${idOrName}; name one by id or as name@unit`, {
      what: 'officer',
      name: idOrName,
    });
  }
  throw new AppError('not_found', `no officer ${idOrName}`, { what: 'officer', id: idOrName });
}

/** The other officer a key is registered for, if any. */
export function keyHolder(db: SqliteDatabase, fingerprint: string, officerId: string): BureauOfficer | undefined {
  return listOfficers(db).find((o) => o.keyFingerprint === fingerprint && o.id !== officerId);
}

/**
 * Makes a key the officer's, as a person decided it (`file`: a key file handed over; `read_back`: the
 * fingerprint read back with the officer). A different key in force before is replaced, and every packet it
 * delivered voided (void-packets.ts: their records kept aside, no longer counted or acknowledged); the
 * outcome is returned. Inside a transaction.
 */
export function putKeyInForce(db: SqliteDatabase, officer: BureauOfficer, key: { pem: string; fingerprint: string }, how: 'file' | 'read_back', at: string) {
  const previous = officer.keyFingerprint;
  let voided: VoidOutcome | null = null;
  if (previous !== null && previous !== key.fingerprint) {
    recordKeyDecision(db, { officerId: officer.id, fingerprint: previous, decision: 'replaced', at, how: how === 'file' ? 'file' : '' });
    voided = voidPackets(db, validPacketsOfKey(db, officer.id, previous), 'key_replaced', at);
  }
  setOfficerKey(db, officer.id, { ...key, source: how === 'file' ? 'file' : 'first_packet', at, confirmed: how });
  recordKeyDecision(db, { officerId: officer.id, fingerprint: key.fingerprint, decision: 'accepted', at, how });
  return voided;
}

export function addOfficer(ctx: BureauContext, options: AddOfficerOptions): AddOfficerResult {
  const { db } = ctx;
  const now = ctx.now().toISOString();
  const key = options.keyFile ? readPublicKeyFile(options.keyFile) : null;

  let officer: BureauOfficer | undefined;
  let created = false;
  if (options.officer) officer = resolveOfficer(ctx, options.officer);
  else {
    if (!options.name || !options.unit) {
      throw new AppError('invalid_input', 'officers add needs --name and --unit (or --officer ID|NAME for an existing officer)', { what: 'officer' });
    }
    officer = findOfficer(db, options.name.trim(), options.unit.trim());
    if (officer && options.id && officer.id !== options.id) {
      throw new AppError('conflict', `${officer.name} (${officer.unit}) is already registered with id ${officer.id}`, { what: 'officer', id: officer.id });
    }
  }

  return db.transaction((): AddOfficerResult => {
    if (!officer) {
      const id = options.id ?? randomUUID();
      const candidate = Officer.safeParse({ id, name: options.name, unit: options.unit, phone: options.phone ?? '' });
      if (!candidate.success) throw AppError.fromZod(candidate.error, 'officer');
      if (getOfficer(db, id)) throw new AppError('conflict', `an officer with id ${id} already exists`, { what: 'officer', id });
      insertOfficer(db, { ...candidate.data, createdAt: now });
      officer = getOfficer(db, id)!;
      created = true;
    }
    if (!key) return { officer, created, key: 'none', previousFingerprint: null, voided: null };

    const holder = keyHolder(db, key.fingerprint, officer.id);
    if (holder) {
      throw new AppError('conflict', `this key is already registered for ${holder.name} (${holder.unit}); every officer's app has its own key`, {
        what: 'officer key',
        fingerprint: key.fingerprint,
      });
    }
    const previous = officer.keyFingerprint;
    let outcome: AddOfficerResult['key'];
    if (previous === null) outcome = 'registered';
    else if (previous === key.fingerprint) outcome = officer.keySource === 'file' ? 'unchanged' : 'confirmed';
    else if (options.replaceKey) outcome = 'replaced';
    else {
      throw new AppError(
        'conflict',
        `${officer.name} already has key ${previous} (from ${officer.keySource === 'file' ? 'a key file' : 'a packet'}), not ${key.fingerprint}; confirm with the officer and use --replace-key to change it (every packet the old key delivered is then voided)`,
        { what: 'officer key', fingerprint: previous, found: key.fingerprint, reason: 'key_in_force' },
      );
    }
    const voided = outcome === 'unchanged' ? null : putKeyInForce(db, officer, { pem: key.publicKeyPem, fingerprint: key.fingerprint }, 'file', now);
    return { officer: getOfficer(db, officer.id)!, created, key: outcome, previousFingerprint: previous, voided };
  })();
}

/** An officer with the key in force, keys waiting for a decision, projects, assignments and packets received. */
export type OfficerStatus = OperationOutput<'bureau.officers.list'>[number];

export function officerStatuses(ctx: BureauContext): OfficerStatus[] {
  const projects = listBureauProjects(ctx.db);
  return listOfficers(ctx.db).map(({ publicKeyPem: _pem, keyRegisteredAt: _at, createdAt: _created, ...o }) => ({
    ...o,
    pendingKeys: listPendingKeys(ctx.db, o.id),
    projects: projects.filter((p) => p.officerId === o.id).length,
    lastAssignmentSequence: lastAssignmentSequence(ctx.db, o.id),
    packetsReceived: countReceivedPackets(ctx.db, o.id),
    highestPacketSequence: highestReceivedSequence(ctx.db, o.id),
  }));
}
