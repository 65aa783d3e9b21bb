import { createContext } from 'react';
import type { Language } from '@shared/domain';

/**
 * The language and time zone of the desk a shared component is drawn in. The officer desk provides none: its
 * components read the officer store. The bureau desk provides its own (bureau/project), so the officer's read-only
 * components (a problem's timeline, the investment chart, a status tag) speak the bureau desk's language and clock.
 */
export interface DeskLocale {
  language: Language;
  timeZone: string;
}

export const DeskLocaleContext = createContext<DeskLocale | null>(null);
