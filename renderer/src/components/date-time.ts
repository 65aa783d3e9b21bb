import { useMemo } from 'react';
import { useDeskLanguage, useDeskTimeZone } from '../store';

/**
 * A recorded moment (ISO timestamp) in the district's time zone (the store's setting, not the computer's), e.g.
 * "2026年11月24日 10:00"; with `seconds` (a backup's time, told apart from the next) "10:00:05".
 */
export function useDateTime({ seconds = false } = {}): (iso: string) => string {
  const language = useDeskLanguage();
  const timeZone = useDeskTimeZone();
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hour12: false,
    });
    return (iso: string) => fmt.format(new Date(iso));
  }, [language, timeZone, seconds]);
}
