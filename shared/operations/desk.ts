import { z } from 'zod';

/**
 * Which desk the app opens: 帮包责任人 (officer) or 重点项目办 (bureau). Chosen on first start and kept in a
 * small file of the data folder, outside both databases; `choose` is the page before either is chosen.
 */
export const DeskChoice = z.enum(['officer', 'bureau']);
export type DeskChoice = z.infer<typeof DeskChoice>;
/** What the page shows: one of the desks, or the choice screen. The shell tells the page in a meta tag. */
export type PageDesk = DeskChoice | 'choose';

/**
 * The one call outside the operation table: it changes which registry serves the table, so neither desk's
 * registry can hold it. The desktop app's main process answers it on the same IPC channel, then reloads the
 * page on the chosen desk. Switching opens the other desk's own database; it never converts one into the other.
 */
export const DESK_CHOOSE = 'desk.choose';
export const DeskChooseInput = z.object({ desk: DeskChoice }).strict();
export const DeskChooseOutput = z.object({ desk: DeskChoice });
export type DeskChooseOutput = z.infer<typeof DeskChooseOutput>;
