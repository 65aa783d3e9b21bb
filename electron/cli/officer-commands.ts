import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OfficerOperationName, OperationInput, OperationOutput } from '@shared/operations/index.js';
import { assignmentReportLines, exportReportLines, syncErrorText, syncMessage } from '@shared/i18n/sync-messages.js';
import { langFromEnv, type Lang } from '@shared/i18n/catalogue.js';
import { cliMessage, type CliMessageKey } from '@shared/i18n/cli-messages.js';
import { openOfficerStore } from '../app/open-store.js';
import { readPublicKeyFile, writePublicKeyFile } from '../packets/keys.js';
import type { ProgressCallback } from '../packets/container.js';
import type { ServiceContext } from '../handlers/context.js';
import { grantFile, grantFolder } from '../files/file-handles.js';
import { createRegistry } from '../handlers/index.js';
import { toErrorShape } from '../handlers/registry.js';
import { storeTimeZone } from '../store/time-zone.js';
import { refuseDemoExport } from '../sync/demo-guard.js';
import { argumentError, ArgumentError, flagArg, parseCommandArgs, stringArg, type CliArgs, type CliOptions } from './args.js';
import type { CliCommand, CliCommandName, CliIo } from './command.js';
import { colon, EXIT, printJson, printLines, printWrongArguments, Refusal, valueOf } from './print.js';

/**
 * The officer's commands: thin clients of the officer's registry, the same operations as the sync screen
 * (shared/operations/sync.ts). They print in Chinese when LANG starts with zh (else English), write errors
 * to stderr and return a non-zero exit code on failure (1: refused or failed, 2: usage). Applying an
 * assignment and exporting a packet show their progress on a terminal, through the context's onProgress.
 */

/** What a command's body works with: the open store and its registry, the language, whether to print JSON. */
interface Session {
  ctx: ServiceContext;
  lang: Lang;
  json: boolean;
  io: CliIo;
  args: CliArgs;
  dispatch<N extends OfficerOperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
}

/** A result to print: JSON as it is, or lines. */
type Printed = { json: unknown; lines: string[] };

interface OfficerCommand {
  name: CliCommandName;
  usage: CliMessageKey;
  options?: CliOptions;
  /** Takes arguments besides its options (a file). */
  positionals?: boolean;
  /** Runs on a database that does not exist yet, creating it (only trust-bureau and import). */
  mayCreate?: boolean;
  /** Checks the command line beyond its options: an ArgumentError when wrong. */
  check?(args: CliArgs): void;
  run(s: Session): Promise<Printed>;
}

const lang = (): Lang => langFromEnv(process.env);
const onePositional = (key: CliMessageKey) => (a: CliArgs) => {
  if (a.positionals.length !== 1) throw argumentError(key);
};

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

/** Runs an operation of long work with its progress on the terminal line, cleared when it ends either way. */
async function withProgress<T>(ctx: ServiceContext, io: CliIo, json: boolean, work: () => Promise<T>): Promise<T> {
  const progress = progressLine(io, json);
  ctx.onProgress = progress.onProgress;
  try {
    return await work();
  } finally {
    ctx.onProgress = undefined;
    progress.done();
  }
}

const trustBureau: OfficerCommand = {
  name: 'trust-bureau',
  usage: 'usage.trust-bureau',
  options: { replace: { type: 'boolean', default: false } },
  positionals: true,
  mayCreate: true,
  check: onePositional('keyFileRequired'),
  async run({ args, dispatch, lang: l }) {
    const { publicKeyPem, fingerprint } = readPublicKeyFile(resolve(args.positionals[0]!));
    // Another key pinned already: replaced only with --replace, typed after the check by phone the refusal asks for.
    const result = await dispatch('sync.trustBureauKey', {
      keyPem: publicKeyPem,
      confirmReplaceFingerprint: flagArg(args, 'replace') ? fingerprint : undefined,
    });
    const lines = [syncMessage(l, result.changed ? 'trusted' : 'trustedAlready', { fingerprint: result.fingerprint })];
    if (result.changed && result.previousFingerprint) lines.push(syncMessage(l, 'trustedReplaced', { previous: result.previousFingerprint }));
    return { json: result, lines: [...lines, syncMessage(l, 'compareFingerprint')] };
  },
};

const importAssignment: OfficerCommand = {
  name: 'import',
  usage: 'usage.import',
  options: { 'dry-run': { type: 'boolean', default: false }, 'allow-withdraw-most': { type: 'boolean', default: false } },
  positionals: true,
  mayCreate: true,
  check: onePositional('fileRequired'),
  async run({ args, ctx, dispatch, lang: l, io, json }) {
    const file = resolve(args.positionals[0]!);
    if (flagArg(args, 'dry-run')) {
      const preview = await dispatch('sync.previewAssignment', { file: grantFile(ctx, file) });
      const lines = assignmentReportLines(l, preview, storeTimeZone(ctx.db));
      return {
        json: { ...preview, dryRun: true, applied: false, backupPath: null },
        lines: preview.status === 'ready' ? [...lines, syncMessage(l, 'dryRun')] : lines,
      };
    }
    const result = await withProgress(ctx, io, json, () =>
      dispatch('sync.applyAssignment', { file: grantFile(ctx, file), allowWithdrawMost: flagArg(args, 'allow-withdraw-most') }),
    );
    const lines = assignmentReportLines(l, result, storeTimeZone(ctx.db));
    return { json: { ...result, dryRun: false }, lines: result.applied ? [...lines, syncMessage(l, 'applied', { backup: result.backupPath ?? '-' })] : lines };
  },
};

const exportPacket: OfficerCommand = {
  name: 'export',
  usage: 'usage.export',
  options: { out: { type: 'string' }, summary: { type: 'string' } },
  check: (a) => {
    if (!stringArg(a, 'out')) throw argumentError('outRequired');
  },
  async run({ args, ctx, dispatch, lang: l, io, json }) {
    const outDir = resolve(stringArg(args, 'out')!);
    refuseDemoExport(ctx.db); // before the folder is made
    // Like `bureau assign --out`: the folder is created when missing; a file in its place is refused.
    if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
    if (!statSync(outDir).isDirectory()) throw new AppError('not_found', `${outDir} is not a folder`, { what: 'folder', path: outDir });
    const result = await withProgress(ctx, io, json, () =>
      dispatch('sync.exportPacket', { folder: grantFolder(ctx, outDir), summary: stringArg(args, 'summary') }),
    );
    return { json: result, lines: exportReportLines(l, result) };
  },
};

const officerKey: OfficerCommand = {
  name: 'officer-key',
  usage: 'usage.officer-key',
  options: { out: { type: 'string' } },
  async run({ args, dispatch, lang: l }) {
    const key = await dispatch('sync.officerKey', {});
    const out = stringArg(args, 'out');
    const file = out ? resolve(out) : null;
    if (file) writePublicKeyFile(file, key.publicKeyPem);
    const lines = [syncMessage(l, 'officerKey', { fingerprint: key.fingerprint })];
    return { json: { ...key, file }, lines: file ? [...lines, syncMessage(l, 'officerKeyWritten', { file })] : lines };
  },
};

const status: OfficerCommand = {
  name: 'sync-status',
  usage: 'usage.sync-status',
  async run({ dispatch }) {
    const result = await dispatch('sync.status', {});
    // Status is for scripts: JSON whether or not --json is given.
    return { json: result, lines: [JSON.stringify(result, null, 2)] };
  },
};

const registry = createRegistry();

/** Parse → open the store → run (dispatching through the registry) → print; every error said on stderr. */
function officerCommand(command: OfficerCommand): CliCommand {
  return {
    name: command.name,
    async run(argv, io) {
      const l = lang();
      let args: CliArgs;
      try {
        args = parseCommandArgs(argv, { db: { type: 'string' }, json: { type: 'boolean', default: false }, ...command.options }, command.positionals ?? false);
        if (!stringArg(args, 'db')) throw argumentError('dbRequired');
        command.check?.(args);
      } catch (error) {
        if (!(error instanceof ArgumentError)) throw error;
        return printWrongArguments(io, l, 'sponsor-desk', error.text(l), `${syncMessage(l, 'usage')}${colon(l)}${cliMessage(l, command.usage)}`);
      }
      const json = flagArg(args, 'json');
      const dbPath = resolve(stringArg(args, 'db')!);
      let ctx: ServiceContext | null = null;
      try {
        if (!command.mayCreate && !existsSync(dbPath)) throw new AppError('not_found', `no database at ${dbPath}`, { what: 'database', path: dbPath });
        // A protected store: the passphrase comes from the environment (never a command-line argument, which others can see).
        ctx = openOfficerStore({ databasePath: dbPath, seedDemoWhenEmpty: false, passphrase: process.env.SPONSOR_DESK_PASSPHRASE || null });
        if (ctx.locked) {
          throw new AppError('store_locked', 'this store is protected with a passphrase: set SPONSOR_DESK_PASSPHRASE to it for this command', {
            reason: 'locked',
          });
        }
        const open = ctx;
        const dispatch: Session['dispatch'] = async (name, input) => valueOf(await registry.dispatch(name, input, open));
        const printed = await command.run({ ctx, lang: l, json, io, args, dispatch });
        if (json) printJson(io, printed.json);
        else printLines(io, printed.lines);
        return EXIT.ok;
      } catch (error) {
        const shape = error instanceof Refusal ? error.shape : toErrorShape(error);
        if (json) printJson(io, { error: shape }, 'err');
        else
          io.err(
            `sponsor-desk ${command.name}: ${syncMessage(l, 'error')}: ${syncErrorText(l, shape)} [${shape.code}${shape.params.reason ? `/${shape.params.reason}` : ''}]`,
          );
        return EXIT.failed;
      } finally {
        if (ctx?.db.open) ctx.db.close();
      }
    },
  };
}

/** The officer's commands: trust-bureau, import, export, plus officer-key and sync-status. */
export const officerCommands: readonly CliCommand[] = [trustBureau, importAssignment, exportPacket, officerKey, status].map(officerCommand);
