import type { Period } from '../../contract';
import type { Settings } from '../../contract/api';
import { notFound } from '../app-failure';

/** The period with this id and where it is in the list; NOT_FOUND otherwise. */
export function findPeriod(settings: Settings, id: string): { period: Period; index: number } {
  const index = settings.periods.findIndex((p) => p.id === id);
  const period = settings.periods[index];
  if (period === undefined) throw notFound(`There is no period with id "${id}"`);
  return { period, index };
}

export function nameTaken(settings: Settings, name: string, exceptId: string | null): boolean {
  const wanted = name.toLowerCase();
  return settings.periods.some((p) => p.id !== exceptId && p.name.toLowerCase() === wanted);
}
