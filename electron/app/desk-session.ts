import { AppError, type OperationResult } from '@shared/errors.js';
import { DESK_CHOOSE, DeskChooseInput, type DeskChoice, type DeskChooseOutput, type PageDesk } from '@shared/operations/desk.js';
import { lazyBureau, type BureauContext } from '../bureau/context.js';
import { initBureau } from '../bureau/init.js';
import { serveBureauFile, type ServedFile } from '../bureau/project-page-files.js';
import { servePage, type BureauFileChooser } from '../bureau/page-files.js';
import { createBureauRegistry } from '../bureau/operations/index.js';
import { seedDemoDistrict } from '../demo/bureau-district.js';
import { serveAttachment } from '../files/attachment-files.js';
import { createRegistry, type ServiceContext } from '../handlers/index.js';
import { stopJobs } from '../handlers/jobs.js';
import { stopBureauJobs } from '../bureau/operations/jobs.js';
import { toErrorShape } from '../handlers/registry.js';
import { openOfficerStore } from './open-store.js';
import { deskDatabases, readDeskChoice, writeDeskChoice } from './desk-choice.js';

export interface DeskSessionOptions {
  /** The user's data folder: the choice file and both desks' databases. */
  dataDir: string;
  now?: () => Date;
  /** A new desk's database gets its demo (the officer's dataset, the bureau's district), so the first screen is not empty. */
  seedDemo?: boolean;
  /** Called when the officer store is open (integrity checks, file access); what it returns is called when it closes. */
  onOfficerOpen?(ctx: ServiceContext): (() => void | Promise<void>) | void;
  /** The desktop's native dialogs for the bureau desk's files (electron/main/file-dialogs.ts); without it the page uploads. */
  bureauChooser?: BureauFileChooser;
}

type Open = { desk: 'officer'; ctx: ServiceContext; cleanup?: () => void | Promise<void> } | { desk: 'bureau'; ctx: BureauContext & { close(): void } };

/**
 * The desk the desktop app serves: reads the choice, opens that desk's database and dispatches the one table
 * to that desk's registry only (the officer registry refuses `bureau.*`, the bureau registry every other name).
 * Switching closes one database and opens the other; neither file is converted or removed. Plain Node, so
 * tests drive it without Electron (tests/integration/desk-choice.test.ts).
 */
export class DeskSession {
  private open: Open | null = null;
  private readonly officerRegistry = createRegistry();
  private readonly bureauRegistry = createBureauRegistry();

  constructor(private readonly options: DeskSessionOptions) {}

  /** Opens the chosen desk; with no choice (or a damaged choice file) nothing opens and the page asks. */
  async start(): Promise<PageDesk> {
    const chosen = readDeskChoice(this.options.dataDir);
    if (chosen) await this.openDesk(chosen);
    return this.desk;
  }

  get desk(): PageDesk {
    return this.open?.desk ?? 'choose';
  }

  /** The officer store while the officer desk is open (photos over app://, reminders), else null. */
  get officer(): ServiceContext | null {
    return this.open?.desk === 'officer' ? this.open.ctx : null;
  }

  /**
   * A photo or evidence file of the open desk, for app://sponsor-desk/files/<name>: the officer store's (opening
   * sealed files), or the files the bureau received (bureau/project-page-files.ts); 423 before a desk is open.
   */
  serveFile(name: string): ServedFile {
    const open = this.open;
    if (open?.desk === 'officer') return serveAttachment(open.ctx, name);
    if (open?.desk === 'bureau') return serveBureauFile(open.ctx, name);
    return { status: 423, body: 'locked', contentType: 'text/plain; charset=utf-8' };
  }

  get databases() {
    return deskDatabases(this.options.dataDir);
  }

  /** Keeps the choice, then opens that desk (closing the other). Choosing the open desk again changes nothing. */
  async choose(desk: DeskChoice): Promise<DeskChoice> {
    writeDeskChoice(this.options.dataDir, desk, this.now());
    if (this.open?.desk === desk) return desk;
    await this.close();
    await this.openDesk(desk);
    return desk;
  }

  /** `desk.choose` as the page sends it: the input checked, the choice kept and opened, or the refusal. */
  async chooseFromPage(input: unknown): Promise<OperationResult<DeskChooseOutput>> {
    try {
      const parsed = DeskChooseInput.safeParse(input ?? {});
      if (!parsed.success) throw AppError.fromZod(parsed.error, DESK_CHOOSE);
      return { ok: true, value: { desk: await this.choose(parsed.data.desk) } };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  }

  async dispatch(name: unknown, input: unknown): Promise<OperationResult<unknown>> {
    const open = this.open;
    if (open?.desk === 'officer') return this.officerRegistry.dispatch(name, input, open.ctx);
    if (open?.desk === 'bureau') return this.bureauRegistry.dispatch(name, input, open.ctx);
    return {
      ok: false,
      error: toErrorShape(new AppError('not_found', 'no desk chosen yet', { operation: String(name).slice(0, 100), reason: 'desk_not_chosen' })),
    };
  }

  /**
   * Closes the open desk. A switch waits for a running job to stop (its transaction is never committed) before
   * the database closes; quitting (`wait: false`) asks it to stop and closes at once, as the app always did.
   */
  async close({ wait = true }: { wait?: boolean } = {}): Promise<void> {
    const open = this.open;
    this.open = null;
    if (open?.desk === 'officer') {
      const stopping = Promise.all([open.cleanup?.(), stopJobs(open.ctx)]);
      if (wait) await stopping;
      open.ctx.db.close();
    } else if (open?.desk === 'bureau') {
      const stopping = stopBureauJobs(open.ctx);
      if (wait) await stopping;
      open.ctx.close();
    }
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private async openDesk(desk: DeskChoice): Promise<void> {
    const paths = deskDatabases(this.options.dataDir);
    const now = this.options.now ?? (() => new Date());
    if (desk === 'officer') {
      const ctx = openOfficerStore({ databasePath: paths.officer, seedDemoWhenEmpty: this.options.seedDemo ?? true, now });
      this.open = { desk, ctx, cleanup: this.options.onOfficerOpen?.(ctx) ?? undefined };
    } else {
      // Only a brand-new bureau database: init makes it and its signing key (0600), the demo district fills it.
      if (this.options.seedDemo ?? true) await seedDemoDistrict(paths.bureau, now);
      else initBureau(paths.bureau, { now });
      const ctx = lazyBureau(paths.bureau, now);
      // The window is a page: it names files by handles only, and what it has the desk write goes to a chosen folder or the outbox.
      servePage(ctx, { chooser: this.options.bureauChooser });
      this.open = { desk, ctx };
    }
  }
}
