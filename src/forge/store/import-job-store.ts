/**
 * Import jobs on Forge storage (src/app/objectives-file/import-job.ts): the job as an
 * `import-job` entity (versioned, so a checkpoint is a guarded write), and beside it, under plain
 * keys, its summary (`import-job:<id>:summary`) and its steps in chunks
 * (`import-job:<id>:steps:<n>`), each well under Forge's 240 KiB per value. Chunks are written
 * before the job, so a stored job always finds its steps; they are deleted when the job ends.
 */
import { z } from 'zod';
import { ImportSummaryView } from '../../contract/api';
import { ImportJob, type NewImportJob } from '../../app/objectives-file/import-job';
import { ImportStep } from '../../app/objectives-file/import-steps';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { KeyValueStore } from './key-value-store';
import { jsonBytes, STORAGE_LIMITS } from './storage-limits';
import type { ImportJobStore } from '../../ports';

export const importJobEntity: EntitySpec<ImportJob> = {
  name: 'import-job',
  describe: (key) => `the import job ${key}`,
  schema: ImportJob,
  key: (job) => job.id,
  attributes: () => ({}),
  indexes: {},
};

/** A chunk of steps holds at most this many bytes of JSON: room to spare under the 240 KiB limit. */
export const STEP_CHUNK_BYTES = 200 * 1024;

const stepsKey = (jobId: string, chunk: number) => `import-job:${jobId}:steps:${chunk}`;
const summaryKey = (jobId: string) => `import-job:${jobId}:summary`;

/** The steps cut into chunks of at most `maxBytes` of JSON each (a single larger step is refused). */
export function chunkSteps(steps: readonly ImportStep[], maxBytes = STEP_CHUNK_BYTES): ImportStep[][] {
  const chunks: ImportStep[][] = [];
  let current: ImportStep[] = [];
  let bytes = 2;
  for (const step of steps) {
    const size = jsonBytes(step) + 1;
    if (size + 2 > maxBytes)
      throw new Error(`One step of the import needs ${size} bytes, more than a stored chunk holds (${maxBytes})`);
    if (bytes + size > maxBytes && current.length > 0) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(step);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export class ForgeImportJobStore implements ImportJobStore {
  private readonly jobs = new EntityRepository(importJobEntity);
  private readonly keys = new KeyValueStore();

  constructor(private readonly chunkBytes = STEP_CHUNK_BYTES) {
    if (chunkBytes > STORAGE_LIMITS.valueMaxBytes) throw new Error('A chunk of steps must fit one stored value');
  }

  get(jobId: string): Promise<ImportJob | null> {
    return this.jobs.get(jobId);
  }

  async create(job: NewImportJob, steps: readonly ImportStep[], summary: ImportSummaryView): Promise<ImportJob> {
    const chunks = chunkSteps(steps, this.chunkBytes);
    await this.keys.set(summaryKey(job.id), summary);
    const chunkStarts: number[] = [];
    let start = 0;
    for (const [i, chunk] of chunks.entries()) {
      chunkStarts.push(start);
      start += chunk.length;
      await this.keys.set(stepsKey(job.id, i), chunk);
    }
    return this.jobs.put({ ...job, chunkStarts, version: 0 }, 0);
  }

  save(job: ImportJob, expectedVersion: number): Promise<ImportJob> {
    return this.jobs.put(job, expectedVersion);
  }

  async steps(job: ImportJob, chunk: number): Promise<ImportStep[]> {
    return (await this.keys.get(stepsKey(job.id, chunk), z.array(ImportStep))) ?? [];
  }

  summary(jobId: string): Promise<ImportSummaryView | null> {
    return this.keys.get(summaryKey(jobId), ImportSummaryView);
  }

  async dropSteps(job: ImportJob): Promise<void> {
    for (let i = 0; i < job.chunkStarts.length; i += 1) await this.keys.delete(stepsKey(job.id, i));
  }
}
