/**
 * Where the nightly reconciliation stands (src/app/rollup/reconcile-run.ts), in one plain key that
 * each step overwrites: the admin page's Background jobs tab reads it (src/app/jobs/jobs.ts).
 */
import { z } from 'zod';
import type { ReconcileProgress } from '../../app/rollup/reconcile-run';
import type { ReconcileProgressStore } from '../../ports';
import { KeyValueStore } from './key-value-store';

const PROGRESS_KEY = 'job:reconcile';

const count = z.number().int().nonnegative();
const StoredReconcileProgress: z.ZodType<ReconcileProgress> = z.object({
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  phase: z.enum(['issues', 'discover', 'objectives', 'done']),
  issuesAfter: z.string().max(300),
  checked: count,
  repaired: count,
  removed: count,
  moved: count,
  // runs saved before the search for missed issues existed hold none of these three
  linkedRoots: count.default(0),
  rootsSearched: count.default(0),
  found: count.default(0),
  objectivesChecked: count,
  objectivesRepaired: count,
  waitingUntil: z.number().nullable(),
  waitingFor: z.enum(['storage', 'jira']).nullable(),
});

export function forgeReconcileProgress(): ReconcileProgressStore {
  const keys = new KeyValueStore();
  return {
    get: () => keys.get(PROGRESS_KEY, StoredReconcileProgress),
    put: (progress) => keys.set(PROGRESS_KEY, progress),
  };
}
