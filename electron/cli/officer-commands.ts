import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import { assignmentReportLines, exportReportLines, syncErrorText, syncLangFromEnv, syncMessage, type SyncLang } from '@shared/i18n/sync-messages.js';
import { cliMessage, CliUsageError, type CliMessageKey } from '@shared/i18n/cli-messages.js';
import { openOfficerStore } from '../app/open-store.js';
import { readPublicKeyFile, writePublicKeyFile } from '../packets/keys.js';
import type { ServiceContext } from '../services/context.js';
import { storeTimeZone } from '../services/time-zone.js';
import { toErrorShape } from '../services/registry.js';
import { applyAssignment, previewAssignment } from '../sync/assignment-import.js';
import { ensureOfficerKey, pinBureauKey } from '../sync/keys.js';
import { syncStatus } from '../sync/status.js';
import { refuseDemoExport } from '../sync/demo-guard.js';
import { exportWeeklyPacket } from '../sync/weekly-export.js';
import type { ProgressCallback } from '../packets/container.js';
import type { CliCommand, CliIo } from './command.js';

/**
 * The officer's commands. They call the same functions as the sync screen's operations
 * (electron/services/sync-service.ts), print in Chinese when LANG starts with zh (else English), write
 * errors to stderr and return a non-zero exit code on failure (1: refused or failed, 2: usage).
 */

interface FlagSpec {
  values: readonly string[];
  booleans: readonly string[];
}

interface Parsed {
  positional: string[];
  values: Map<string, string>;
  booleans: Set<string>;
}

/** Wrong arguments: a catalogue key (shared/i18n/cli-messages.ts), said in the user's language by `usage`. */
const UsageError = CliUsageError;

function parseArgs(args: readonly string[], spec: FlagSpec): Parsed {
  const parsed: Parsed = { positional: [], values: new Map(), booleans: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (spec.booleans.includes(name)) {
        if (eq > 0) throw new UsageError('takesNoValue', { option: `--${name}` });
        parsed.booleans.add(name);
      } else if (spec.values.includes(name)) {
        const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError('needsValue', { option: `--${name}` });
        parsed.values.set(name, value);
      } else {
        throw new UsageError('unknownOption', { option: `--${name}` });
      }
    } else {
      parsed.positional.push(arg);
    }
  }
  return parsed;
}

function lang(): SyncLang {
  return syncLangFromEnv(process.env);
}

/**
 * Long work's progress on stderr (a terminal only, and never with --json): the same onProgress the jobs
 * report to the UI. Returns the callback and a function that clears the line.
 */
function progressLine(io: CliIo, json: boolean): { onProgress?: ProgressCallback; done(): void } {
  const write = io.progress;
  if (!write || json) return { done: () => undefined };
  let last = '';
  return {
    onProgress: ({ phase, done, total }) => {
      const line = `${phase} ${total > 0 ? Math.floor((done / total) * 100) : 100}%`;
      if (line !== last) write((last = line));
    },
    done: () => write(''),
  };
}

function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Runs a command body with the store open, turning errors into stderr text (or JSON) and an exit code. */
async function withStore(
  commandName: string,
  io: CliIo,
  options: { dbPath: string; json: boolean; mustExist: boolean },
  body: (ctx: ServiceContext) => Promise<number>,
): Promise<number> {
  const l = lang();
  let ctx: ServiceContext | null = null;
  try {
    if (options.mustExist && !existsSync(options.dbPath)) {
      throw new AppError('not_found', `no database at ${options.dbPath}`, { what: 'database', path: options.dbPath });
    }
    // A protected store: the passphrase comes from the environment (never a command-line argument, which others can see).
    ctx = openOfficerStore({ databasePath: options.dbPath, seedDemoWhenEmpty: false, passphrase: process.env.SPONSOR_DESK_PASSPHRASE || null });
    if (ctx.locked) {
      throw new AppError('store_locked', 'this store is protected with a passphrase: set SPONSOR_DESK_PASSPHRASE to it for this command', { reason: 'locked' });
    }
    return await body(ctx);
  } catch (error) {
    const shape = toErrorShape(error);
    if (options.json) io.err(JSON.stringify({ error: shape }, null, 2));
    else
      io.err(
        `sponsor-desk ${commandName}: ${syncMessage(l, 'error')}: ${syncErrorText(l, shape)} [${shape.code}${shape.params.reason ? `/${shape.params.reason}` : ''}]`,
      );
    return 1;
  } finally {
    if (ctx?.db.open) ctx.db.close();
  }
}

function usage(io: CliIo, line: CliMessageKey, error?: CliUsageError): number {
  const l = lang();
  if (error) io.err(`sponsor-desk${l === 'zh' ? '：' : ': '}${cliMessage(l, error.key, error.params)}`);
  io.err(`${syncMessage(l, 'usage')}${l === 'zh' ? '：' : ': '}${cliMessage(l, line)}`);
  return 2;
}

function requireDb(parsed: Parsed): string {
  const db = parsed.values.get('db');
  if (!db) throw new UsageError('dbRequired');
  return resolve(db);
}

const TRUST_USAGE = 'usage.trust-bureau';
const IMPORT_USAGE = 'usage.import';
const EXPORT_USAGE = 'usage.export';
const KEY_USAGE = 'usage.officer-key';
const STATUS_USAGE = 'usage.sync-status';

const trustBureau: CliCommand = {
  name: 'trust-bureau',
  summary: "pin the bureau's public key (KEYFILE) so its assignments can be imported",
  async run(args, io) {
    let parsed: Parsed;
    let dbPath: string;
    try {
      parsed = parseArgs(args, { values: ['db'], booleans: ['json', 'replace'] });
      dbPath = requireDb(parsed);
      if (parsed.positional.length !== 1) throw new UsageError('keyFileRequired');
    } catch (error) {
      if (error instanceof UsageError) return usage(io, TRUST_USAGE, error);
      throw error;
    }
    const json = parsed.booleans.has('json');
    return withStore('trust-bureau', io, { dbPath, json, mustExist: false }, async (ctx) => {
      const { publicKeyPem, fingerprint } = readPublicKeyFile(resolve(parsed.positional[0]!));
      // Another key pinned already: replaced only with --replace, typed after the check by phone the refusal asks for.
      const result = pinBureauKey(ctx.db, publicKeyPem, ctx.now(), { confirmReplaceFingerprint: parsed.booleans.has('replace') ? fingerprint : undefined });
      if (json) printJson(io, result);
      else {
        const l = lang();
        io.out(syncMessage(l, result.changed ? 'trusted' : 'trustedAlready', { fingerprint: result.fingerprint }));
        if (result.changed && result.previousFingerprint) io.out(syncMessage(l, 'trustedReplaced', { previous: result.previousFingerprint }));
        io.out(syncMessage(l, 'compareFingerprint'));
      }
      return 0;
    });
  },
};

const importAssignment: CliCommand = {
  name: 'import',
  summary: 'import an assignment file from the bureau (--dry-run shows the changes only)',
  async run(args, io) {
    let parsed: Parsed;
    let dbPath: string;
    try {
      parsed = parseArgs(args, { values: ['db'], booleans: ['json', 'dry-run', 'allow-withdraw-most'] });
      dbPath = requireDb(parsed);
      if (parsed.positional.length !== 1) throw new UsageError('fileRequired');
    } catch (error) {
      if (error instanceof UsageError) return usage(io, IMPORT_USAGE, error);
      throw error;
    }
    const json = parsed.booleans.has('json');
    const dryRun = parsed.booleans.has('dry-run');
    const file = resolve(parsed.positional[0]!);
    return withStore('import', io, { dbPath, json, mustExist: false }, async (ctx) => {
      const l = lang();
      if (dryRun) {
        const preview = await previewAssignment(ctx, file);
        if (json) printJson(io, { ...preview, dryRun: true, applied: false, backupPath: null });
        else {
          for (const line of assignmentReportLines(l, preview, storeTimeZone(ctx.db))) io.out(line);
          if (preview.status === 'ready') io.out(syncMessage(l, 'dryRun'));
        }
        return 0;
      }
      const progress = progressLine(io, json);
      const result = await applyAssignment(ctx, file, {
        allowWithdrawMost: parsed.booleans.has('allow-withdraw-most'),
        onProgress: progress.onProgress,
      }).finally(progress.done);
      if (json) printJson(io, { ...result, dryRun: false });
      else {
        for (const line of assignmentReportLines(l, result, storeTimeZone(ctx.db))) io.out(line);
        if (result.applied) io.out(syncMessage(l, 'applied', { backup: result.backupPath ?? '-' }));
      }
      return 0;
    });
  },
};

const exportPacket: CliCommand = {
  name: 'export',
  summary: 'write the weekly packet for the bureau into a folder',
  async run(args, io) {
    let parsed: Parsed;
    let dbPath: string;
    let outDir: string;
    try {
      parsed = parseArgs(args, { values: ['db', 'out', 'summary'], booleans: ['json'] });
      dbPath = requireDb(parsed);
      const out = parsed.values.get('out');
      if (!out) throw new UsageError('outRequired');
      outDir = resolve(out);
      if (parsed.positional.length > 0) throw new UsageError('unexpectedArgument', { arg: parsed.positional[0]! });
    } catch (error) {
      if (error instanceof UsageError) return usage(io, EXPORT_USAGE, error);
      throw error;
    }
    const json = parsed.booleans.has('json');
    return withStore('export', io, { dbPath, json, mustExist: true }, async (ctx) => {
      refuseDemoExport(ctx.db); // before the folder is made
      // Like `bureau assign --out`: the folder is created when missing; a file in its place is refused.
      if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
      if (!statSync(outDir).isDirectory()) {
        throw new AppError('not_found', `${outDir} is not a folder`, { what: 'folder', path: outDir });
      }
      const progress = progressLine(io, json);
      const result = await exportWeeklyPacket(ctx, { outDir, summary: parsed.values.get('summary'), onProgress: progress.onProgress }).finally(progress.done);
      if (json) printJson(io, result);
      else for (const line of exportReportLines(lang(), result)) io.out(line);
      return 0;
    });
  },
};

const officerKey: CliCommand = {
  name: 'officer-key',
  summary: "show this store's signing key fingerprint; --out writes the public key file for the bureau",
  async run(args, io) {
    let parsed: Parsed;
    let dbPath: string;
    try {
      parsed = parseArgs(args, { values: ['db', 'out'], booleans: ['json'] });
      dbPath = requireDb(parsed);
    } catch (error) {
      if (error instanceof UsageError) return usage(io, KEY_USAGE, error);
      throw error;
    }
    const json = parsed.booleans.has('json');
    return withStore('officer-key', io, { dbPath, json, mustExist: true }, async (ctx) => {
      const key = ensureOfficerKey(ctx.db, ctx.now());
      const out = parsed.values.get('out');
      if (out) writePublicKeyFile(resolve(out), key.publicKeyPem);
      if (json) printJson(io, { fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem, file: out ? resolve(out) : null });
      else {
        io.out(syncMessage(lang(), 'officerKey', { fingerprint: key.fingerprint }));
        if (out) io.out(syncMessage(lang(), 'officerKeyWritten', { file: resolve(out) }));
      }
      return 0;
    });
  },
};

const status: CliCommand = {
  name: 'sync-status',
  summary: 'last assignment applied, last packet exported, acknowledgement, changes waiting',
  async run(args, io) {
    let parsed: Parsed;
    let dbPath: string;
    try {
      parsed = parseArgs(args, { values: ['db'], booleans: ['json'] });
      dbPath = requireDb(parsed);
    } catch (error) {
      if (error instanceof UsageError) return usage(io, STATUS_USAGE, error);
      throw error;
    }
    return withStore('sync-status', io, { dbPath, json: parsed.booleans.has('json'), mustExist: true }, async (ctx) => {
      printJson(io, syncStatus(ctx.db));
      return 0;
    });
  },
};

/** The officer's commands: trust-bureau, import, export, plus officer-key and sync-status. */
export const officerCommands: readonly CliCommand[] = [trustBureau, importAssignment, exportPacket, officerKey, status];
