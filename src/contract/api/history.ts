import { z } from 'zod';
import { ObjectiveKey } from '../objectives';
import { Snapshot } from '../rollup';
import { endpoint } from './endpoint';

/** At most this many days of history are read at once (a snapshot a day). */
export const MAX_HISTORY_DAYS = 400;

/** An objective's daily snapshots over the last `days` days (today included), for its trend and "what changed". */
export const ObjectiveHistoryPayload = z.strictObject({
  objectiveKey: ObjectiveKey,
  days: z
    .number()
    .int()
    .min(1)
    .max(MAX_HISTORY_DAYS, `history goes back at most ${MAX_HISTORY_DAYS} days`)
    .default(120),
});
export type ObjectiveHistoryPayload = z.infer<typeof ObjectiveHistoryPayload>;

export const ObjectiveHistory = z.object({
  objectiveKey: ObjectiveKey,
  /** Oldest first; a day without a snapshot (the daily refresh did not run) is simply missing. */
  snapshots: z.array(Snapshot),
});
export type ObjectiveHistory = z.infer<typeof ObjectiveHistory>;

export const historyEndpoints = {
  'objectives/history': endpoint(ObjectiveHistoryPayload, ObjectiveHistory),
};
