import type { PeriodChange, PeriodsClosePayload } from '../../contract/api';
import { beginSettingsChange, settingsView, type SettingsPorts } from '../settings/settings-change';
import { findPeriod } from './find-period';

/**
 * periods/close: marks a period closed. Closing a closed period changes nothing. Carrying
 * unfinished objectives forward is a separate step (the objectives' use case).
 */
export async function closePeriod(ports: SettingsPorts, payload: PeriodsClosePayload): Promise<PeriodChange> {
  const change = await beginSettingsChange(ports, 'close periods', payload.version);
  const { current } = change;
  const { period, index } = findPeriod(current, payload.id);
  if (period.state === 'closed') return { settings: settingsView(current), period };
  const closed = { ...period, state: 'closed' as const };
  const saved = await change.save({ ...current, periods: current.periods.map((p, i) => (i === index ? closed : p)) });
  return { settings: settingsView(saved), period: closed };
}
