import { AppError } from '@shared/errors.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { acceptKey, foldPendingPackets, rejectKey } from '../key-decisions.js';
import { addOfficer, officerStatuses, resolveOfficer, type AddOfficerOptions } from '../officers.js';
import { listPendingPackets } from '../pending-keys.js';
import { listVoidedRecords } from '../void-packets.js';
import { fileFrom } from '../page-files.js';

/** `officers add`, then the officer's pending packets signed by the key just registered from a file are folded. */
async function addOfficerAndFold(ctx: BureauContext, options: AddOfficerOptions) {
  const r = addOfficer(ctx, { ...options, keyFile: options.keyFile === undefined ? undefined : fileFrom(ctx, options.keyFile, 'file', 'keyFile') });
  const folded = r.key === 'none' ? [] : await foldPendingPackets(ctx, r.officer.id);
  return { ...r, folded };
}

const officerId = (ctx: BureauContext, officer: string | undefined) => (officer ? resolveOfficer(ctx, officer).id : undefined);

/** A key decision names the officer and the fingerprint a person typed from what the officer read out. */
function decisionInput(action: string, officer: string | undefined, fingerprint: string | undefined): { officer: string; fingerprint: string } {
  if (!officer || !fingerprint) {
    throw new AppError('invalid_input', `officers ${action} needs the officer and --fingerprint (typed from what the officer reads out)`, {
      what: 'fingerprint',
      reason: 'key_command_input',
    });
  }
  return { officer, fingerprint };
}

type OfficerOperation =
  | 'bureau.officers.list'
  | 'bureau.officers.add'
  | 'bureau.officers.addKey'
  | 'bureau.officers.pending'
  | 'bureau.officers.acceptKey'
  | 'bureau.officers.rejectKey'
  | 'bureau.officers.voided';

/** Officers and the keys that verify their packets (trust rule: electron/bureau/officers.ts). */
export const officerHandlers: HandlerGroup<OfficerOperation> = {
  'bureau.officers.list': (_input, ctx) => officerStatuses(ctx),
  'bureau.officers.add': (input, ctx) => addOfficerAndFold(ctx, input),
  'bureau.officers.addKey': (input, ctx) => addOfficerAndFold(ctx, input),
  'bureau.officers.pending': ({ officer }, ctx) => listPendingPackets(ctx.db, { officerId: officerId(ctx, officer) }).map(({ publicKeyPem: _pem, ...p }) => p),
  'bureau.officers.acceptKey': ({ officer, fingerprint, replaceKey }, ctx) =>
    acceptKey(ctx, { ...decisionInput('accept-key', officer, fingerprint), replaceKey }),
  'bureau.officers.rejectKey': ({ officer, fingerprint }, ctx) => rejectKey(ctx, decisionInput('reject-key', officer, fingerprint)),
  'bureau.officers.voided': ({ officer }, ctx) => listVoidedRecords(ctx.db, officerId(ctx, officer)),
};
