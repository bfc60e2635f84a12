import { Period, type ErrorDetail } from '../../contract';
import type { PeriodChange, PeriodsUpdatePayload } from '../../contract/api';
import { validationFailure } from '../app-failure';
import { beginSettingsChange, settingsView, type SettingsPorts } from '../settings/settings-change';
import { findPeriod, nameTaken } from './find-period';

/**
 * periods/update: renames or re-dates a period. A closed period may be renamed, but its dates
 * are history (rollups and reviews were computed on them) and stay as they are.
 */
export async function updatePeriod(ports: SettingsPorts, payload: PeriodsUpdatePayload): Promise<PeriodChange> {
  const change = await beginSettingsChange(ports, 'change periods', payload.version);
  const { current } = change;
  const { period, index } = findPeriod(current, payload.id);
  const problems: ErrorDetail[] = [];
  if (payload.name !== undefined && nameTaken(current, payload.name, period.id)) {
    problems.push({ path: 'name', message: `there is already a period named "${payload.name}"` });
  }
  const redated =
    (payload.start !== undefined && payload.start !== period.start) ||
    (payload.end !== undefined && payload.end !== period.end);
  if (period.state === 'closed' && redated) {
    problems.push({
      path: payload.start !== undefined && payload.start !== period.start ? 'start' : 'end',
      message: `period "${period.name}" is closed; its dates cannot change`,
    });
  }
  const next = {
    ...period,
    name: payload.name ?? period.name,
    start: payload.start ?? period.start,
    end: payload.end ?? period.end,
  };
  if (next.start > next.end)
    problems.push({
      path: payload.end !== undefined ? 'end' : 'start',
      message: `a period ends on or after its start (${next.start} to ${next.end})`,
    });
  if (problems.length > 0) throw validationFailure('The period was not changed', problems);

  const updated = Period.parse(next);
  const periods = current.periods.map((p, i) => (i === index ? updated : p));
  const saved = await change.save({ ...current, periods });
  return { settings: settingsView(saved), period: updated };
}
