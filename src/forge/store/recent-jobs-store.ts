/**
 * The import jobs started lately (RecentImportJobs), for the admin page's list of background jobs:
 * one plain key per job, `import-job-started:<createdAt, 13 digits>:<jobId>`, so listing by prefix
 * gives them in time order and two imports started at once never overwrite each other's note. The
 * oldest beyond KEPT are removed when a job is noted (the job records themselves stay).
 */
import { z } from 'zod';
import { KeyValueStore } from './key-value-store';
import type { RecentImportJobs } from '../../ports';

const PREFIX = 'import-job-started:';
const KEPT = 50;
const Note = z.object({ jobId: z.string().min(1), createdAt: z.number() });

export class ForgeRecentImportJobs implements RecentImportJobs {
  private readonly keys = new KeyValueStore();

  async note(jobId: string, createdAt: number): Promise<void> {
    await this.keys.set(`${PREFIX}${String(Math.max(0, Math.floor(createdAt))).padStart(13, '0')}:${jobId}`, {
      jobId,
      createdAt,
    });
    const all = await this.keys.listByPrefix(PREFIX, Note);
    for (const old of all.slice(0, Math.max(0, all.length - KEPT))) await this.keys.delete(old.key);
  }

  async recent(limit: number): Promise<string[]> {
    const all = await this.keys.listByPrefix(PREFIX, Note);
    return all
      .slice(-limit)
      .reverse()
      .map((n) => n.value.jobId);
  }
}
