import { DEFAULT_TIME_ZONE, todayIn } from '@shared/rules/local-time';
import { useDesk } from '../store';

/**
 * Today on the district's calendar: the day app.info reports (the store's time zone), or, before it has
 * loaded, the day in the store's zone or the default one. Never the computer's zone.
 */
export function useToday(): string {
  const today = useDesk((s) => s.info?.today);
  const timeZone = useDesk((s) => s.info?.timeZone);
  return today ?? todayIn(timeZone ?? DEFAULT_TIME_ZONE);
}
