import { Period } from '../../contract';
import { MAX_PERIODS, type PeriodChange, type PeriodsCreatePayload } from '../../contract/api';
import { limitReached, validationFailure } from '../app-failure';
import { beginSettingsChange, settingsView, type SettingsPorts } from '../settings/settings-change';
import { firstFreeId, slugOf } from '../slug';
import { nameTaken } from './find-period';

/** periods/create: a new open period with an id made from its name ("2026 Q4" -> `2026-q4`). */
export async function createPeriod(ports: SettingsPorts, payload: PeriodsCreatePayload): Promise<PeriodChange> {
  const change = await beginSettingsChange(ports, 'create periods', payload.version);
  const { current } = change;
  if (nameTaken(current, payload.name, null)) {
    throw validationFailure('The period was not created', [
      { path: 'name', message: `there is already a period named "${payload.name}"` },
    ]);
  }
  if (current.periods.length >= MAX_PERIODS)
    throw limitReached(`There are already ${MAX_PERIODS} periods, the most Tether keeps`);
  const ids = new Set(current.periods.map((p) => p.id));
  const period = Period.parse({
    id: firstFreeId(slugOf(payload.name, 'period'), (id) => ids.has(id)),
    name: payload.name,
    start: payload.start,
    end: payload.end,
    state: 'open',
  });
  const saved = await change.save({ ...current, periods: [...current.periods, period] });
  return { settings: settingsView(saved), period };
}
