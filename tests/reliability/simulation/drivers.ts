import { assignAll, type AssignResult } from '../../../electron/bureau/assign.js';
import { openBureau, type BureauContext } from '../../../electron/bureau/context.js';
import { importMasterList, type MasterImportResult } from '../../../electron/bureau/import-master.js';
import { ingestPacket, type IngestFileResult } from '../../../electron/bureau/ingest.js';
import { exportDistrictLedger } from '../../../electron/bureau/ledger.js';
import { addOfficer } from '../../../electron/bureau/officers.js';
import { acceptKey } from '../../../electron/bureau/key-decisions.js';
import {
  actOnBureauProblem,
  raiseBureauProblem,
  type BureauProblemActInput,
  type BureauProblemView,
  type RaiseBureauProblemInput,
} from '../../../electron/bureau/problems.js';
import { districtSummary } from '../../../electron/bureau/summary.js';
import { openOfficerStore } from '../../../electron/app/open-store.js';
import { grantFile, grantFolder } from '../../../electron/files/file-handles.js';
import { runCli } from '../../../electron/cli/main.js';
import type { ServiceContext } from '../../../electron/handlers/context.js';
import { createRegistry } from '../../../electron/handlers/index.js';
import type { DistrictSummary } from '@shared/bureau/summary.js';
import { AppError } from '@shared/errors.js';
import type { AssignmentApplyResult, ExportResult } from '@shared/operations/sync.js';
import { newBureau } from '../../helpers/bureau.js';

/**
 * The two ways the simulation drives the bureau and the officers' file exchange: in process (the module
 * functions, fast) or through the `sponsor-desk` command (`runCli`, the same code a person runs). Both
 * turn a refusal into `Refused` with the error code, so the simulation compares it with the model.
 */

export class Refused extends Error {
  constructor(
    readonly code: string,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(`${code}${reason ? `/${reason}` : ''}: ${message}`);
  }
}

function refusedFrom(error: unknown): never {
  if (error instanceof AppError) throw new Refused(error.code, typeof error.params.reason === 'string' ? error.params.reason : undefined, error.message);
  throw error;
}

export interface BureauDriver {
  readonly dbPath: string;
  /** A connection the checks read through. */
  readonly ctx: BureauContext;
  addOfficer(o: { id: string; name: string; unit: string; phone: string; keyFile?: string }): Promise<void>;
  importMaster(file: string): Promise<MasterImportResult>;
  assign(outDir: string): Promise<AssignResult[]>;
  ingest(file: string): Promise<IngestFileResult>;
  /** `officers accept-key`: the fingerprint read back with the officer; returns the pending packets folded. */
  acceptKey(officerId: string, fingerprint: string): Promise<IngestFileResult[]>;
  raise(input: RaiseBureauProblemInput): Promise<BureauProblemView>;
  act(input: BureauProblemActInput): Promise<BureauProblemView>;
  exportLedger(out: string, on: string, asOf: string): Promise<void>;
  summary(on: string, asOf: string): Promise<DistrictSummary>;
  close(): void;
}

export interface OfficerDriver {
  readonly ctx: ServiceContext;
  dispatch(name: string, input: unknown): Promise<unknown>;
  trustBureau(keyFile: string): Promise<void>;
  apply(file: string, allowWithdrawMost: boolean): Promise<AssignmentApplyResult>;
  exportPacket(outDir: string): Promise<ExportResult>;
  close(): void;
}

const registry = createRegistry();

async function dispatchOn(ctx: ServiceContext, name: string, input: unknown): Promise<unknown> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok)
    throw new Refused(result.error.code, typeof result.error.params.reason === 'string' ? result.error.params.reason : undefined, result.error.message);
  return result.value;
}

// ── In process ───────────────────────────────────────────────────────────────────────────────────────

export function inProcessBureau(dbPath: string, now: () => Date): BureauDriver {
  const ctx = newBureau(dbPath, now, '模拟区经济发展局重点项目办');
  const wrap = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      return refusedFrom(error);
    }
  };
  return {
    dbPath,
    ctx,
    addOfficer: (o) => wrap(() => void addOfficer(ctx, { id: o.id, name: o.name, unit: o.unit, phone: o.phone, keyFile: o.keyFile })),
    importMaster: (file) => wrap(() => importMasterList(ctx, file, { defaultYear: 2026 })),
    assign: (outDir) => wrap(() => assignAll(ctx, { outDir })),
    ingest: (file) => wrap(() => ingestPacket(ctx, file)),
    acceptKey: async (officerId, fingerprint) => (await wrap(() => acceptKey(ctx, { officer: officerId, fingerprint }))).folded,
    raise: (input) => wrap(() => raiseBureauProblem(ctx, input)),
    act: (input) => wrap(() => actOnBureauProblem(ctx, input)),
    exportLedger: (out, on, asOf) => wrap(async () => void (await exportDistrictLedger(ctx, out, { referenceDay: on, asOfMonth: asOf }))),
    summary: (on, asOf) => wrap(() => districtSummary(ctx, { referenceDay: on, asOfMonth: asOf })),
    close: () => ctx.db.close(),
  };
}

export function inProcessOfficer(dbPath: string, now: () => Date): OfficerDriver {
  const ctx = openOfficerStore({ databasePath: dbPath, now });
  return {
    ctx,
    dispatch: (name, input) => dispatchOn(ctx, name, input),
    trustBureau: async (keyFile) => {
      const { readFileSync } = await import('node:fs');
      await dispatchOn(ctx, 'sync.trustBureauKey', { keyPem: readFileSync(keyFile, 'utf8') });
    },
    apply: async (file, allowWithdrawMost) =>
      (await dispatchOn(ctx, 'sync.applyAssignment', { file: grantFile(ctx, file), allowWithdrawMost })) as AssignmentApplyResult,
    exportPacket: async (outDir) => (await dispatchOn(ctx, 'sync.exportPacket', { folder: grantFolder(ctx, outDir) })) as ExportResult,
    close: () => ctx.db.close(),
  };
}

// ── Through the command line ─────────────────────────────────────────────────────────────────────────

/**
 * Runs `sponsor-desk …` in this process with buffers for stdout and stderr. `setClock` moves the process
 * clock to the simulated moment first (the command reads the real clock, as a person's run would).
 */
async function cli(argv: string[], setClock: () => void): Promise<{ code: number; out: string; err: string }> {
  setClock();
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function parseOrRefuse<T>(r: { code: number; out: string; err: string }, what: string): T {
  if (r.code === 2) throw new Error(`${what}: usage error: ${r.err}`);
  const text = r.out.trim() || r.err.trim();
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${what}: exit ${r.code}, not JSON: ${r.out} ${r.err}`);
  }
  const error = doc.error ?? (doc.ok === false ? doc.error : undefined);
  if (r.code !== 0 && error) throw new Refused(error.code, error.params?.reason, error.message);
  if (r.code !== 0) throw new Error(`${what}: exit ${r.code}: ${r.err}`);
  return (doc.result ?? doc) as T;
}

export async function cliBureau(dbPath: string, now: () => Date, setClock: (d: Date) => void): Promise<BureauDriver> {
  const tick = () => setClock(now());
  const bureau = async <T>(args: string[]): Promise<T> => parseOrRefuse<T>(await cli(['bureau', ...args, '--db', dbPath, '--json'], tick), `bureau ${args[0]}`);
  await bureau(['init', '--name', '模拟区经济发展局重点项目办']);
  const ctx = openBureau(dbPath, now);
  // The flags whose value is given, in order: an empty value is left out, as the bureau's operator would.
  const opts = (flags: Record<string, string | null | undefined>): string[] =>
    Object.entries(flags).flatMap(([flag, value]) => (value === undefined || value === null || value === '' ? [] : [flag, value]));
  return {
    dbPath,
    ctx,
    async addOfficer(o) {
      await bureau(['officers', 'add', '--name', o.name, '--unit', o.unit, '--phone', o.phone, '--id', o.id, ...opts({ '--key': o.keyFile })]);
    },
    importMaster: (file) => bureau(['import-master', file, '--year', '2026']),
    assign: (outDir) => bureau(['assign', '--out', outDir]),
    async ingest(file) {
      // One file per call; exit 1 with a result means "refused", reported in the result itself.
      const r = await cli(['bureau', 'ingest', file, '--db', dbPath, '--json'], tick);
      if (r.code === 2) throw new Error(`bureau ingest: usage error: ${r.err}`);
      const doc = JSON.parse(r.out) as { result?: IngestFileResult[]; error?: { code: string; message: string } };
      if (!doc.result) throw new Error(`bureau ingest failed: ${r.out} ${r.err}`);
      return doc.result[0]!;
    },
    acceptKey: async (officerId, fingerprint) =>
      (await bureau<{ folded: IngestFileResult[] }>(['officers', 'accept-key', officerId, '--fingerprint', fingerprint])).folded,
    raise: (input) =>
      bureau([
        'problems',
        'raise',
        '--project',
        input.project,
        '--category',
        input.category,
        '--description',
        input.description,
        ...opts({ '--department': input.responsibleDepartment, '--leader': input.coordinatingLeader, '--due': input.dueOn, '--by': input.raisedBy }),
      ]),
    act: (input) =>
      bureau([
        'problems',
        'act',
        '--problem',
        input.problem,
        '--action',
        input.action,
        ...opts({ '--note': input.note, '--department': input.department, '--resolution': input.resolution, '--by': input.by }),
      ]),
    exportLedger: async (out, on, asOf) => void (await bureau(['export-ledger', '--out', out, '--on', on, '--as-of', asOf])),
    summary: (on, asOf) => bureau(['summary', '--on', on, '--as-of', asOf]),
    close: () => ctx.db.close(),
  };
}

export function cliOfficer(dbPath: string, now: () => Date, setClock: (d: Date) => void): OfficerDriver {
  const tick = () => setClock(now());
  // The work itself goes through the operations (the officer's window); the file exchange through the command.
  const ctx = openOfficerStore({ databasePath: dbPath, now });
  const officer = async <T>(args: string[]): Promise<T> => parseOrRefuse<T>(await cli([...args, '--db', dbPath, '--json'], tick), args[0]!);
  return {
    ctx,
    dispatch: (name, input) => dispatchOn(ctx, name, input),
    trustBureau: async (keyFile) => void (await officer(['trust-bureau', keyFile])),
    apply: (file, allowWithdrawMost) => officer(['import', file, ...(allowWithdrawMost ? ['--allow-withdraw-most'] : [])]),
    exportPacket: (outDir) => officer(['export', '--out', outDir]),
    close: () => ctx.db.close(),
  };
}
