/** What the background-jobs list reads (src/app/jobs/jobs.ts): recent import jobs, the daily refresh's place. */
import type { RefreshProgress } from '../app/rollup/daily-refresh';

/** The import jobs started lately (src/forge/store/recent-jobs-store.ts): one key per job, so two imports never overwrite each other's. */
export interface RecentImportJobs {
  /** Notes a job just created. */
  note(jobId: string, createdAt: number): Promise<void>;
  /** The ids of the newest jobs, newest first, at most `limit` (a job noted in the last second may be missing: queries lag). */
  recent(limit: number): Promise<string[]>;
}

/** Where the daily refresh stands (its saved place, src/forge/store/refresh-stores.ts), read only. */
export interface RefreshProgressReader {
  get(): Promise<RefreshProgress | null>;
}
