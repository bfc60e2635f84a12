/** Check-ins (src/forge/store/check-in-store.ts). */
import type { CheckIn } from '../contract';

export interface CheckInPage {
  checkIns: CheckIn[];
  /** Pass back to read the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** Check-ins, kept as history (src/forge/store/check-in-store.ts: the `check-in` entity). */
export interface CheckInStore {
  /** Stores a new check-in (its id must be new). */
  add(checkIn: CheckIn): Promise<CheckIn>;
  /** The check-ins stored under these ids (read by key: no query lag); ids not stored are left out. */
  getMany(ids: readonly string[]): Promise<CheckIn[]>;
  /** An objective's check-ins, newest first, one page. */
  ofObjective(objectiveId: string, limit: number, cursor: string | null): Promise<CheckInPage>;
}
