/**
 * `tether export` and `tether apply <file> [--dry-run]`: the objectives file, through the app's own
 * resolvers (`objectives-file/export`, `objectives-file/import`) as the admin (or `--as`), with the
 * same checks and permissions as the admin page. `apply` checks everything first and writes all
 * or nothing; `--dry-run` shows what would change.
 */
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { jsonStringBytes, splitByJsonBytes } from '../../../src/contract';
import { UPLOAD_PART_JSON_BYTES, type ApiKey, type PayloadIn } from '../../../src/contract/api';
import { MODULES, resolverReply } from '../../app-calls/resolver-caller';
import type { Host } from '../../host/create-host';
import { dataDirectory } from '../../kvs/kvs-service';
import type { CliIo } from '../cli-io';
import { missingDataFolder, readInputFile } from '../input-files';
import { openHost, type HostFlags } from '../open-host';
import { accountFor } from '../personas';
import { stepProgress } from '../step-progress';

/** How often, at most, `apply` asks objectives-file/import-status how far a queued import job has got. */
const JOB_POLL_MS = 250;

/** One resolver call from the admin page as `--as` (default admin); the reply parsed with the contract. */
async function callAdmin<K extends ApiKey>(host: Host, as: string, key: K, payload: PayloadIn<K>) {
  const { reply } = await resolverReply(
    host,
    { name: as, accountId: accountFor(host.jira, as), moduleKey: MODULES.adminPage },
    key,
    payload,
  );
  return reply;
}

export async function exportCommand(
  flags: HostFlags & { as?: string | undefined },
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const missing = missingDataFolder(dataDirectory(env), 'export');
  if (missing !== null) {
    io.err(missing);
    return 1;
  }
  const host = openHost(flags, env);
  try {
    const reply = await callAdmin(host, flags.as ?? 'admin', 'objectives-file/export', {});
    if (!reply.ok) {
      io.err(`tether export: ${reply.error.code}: ${reply.error.message}`);
      return 1;
    }
    io.out(reply.data.text);
    io.err(`${reply.data.objectives} objectives, ${reply.data.keyResults} key results, ${reply.data.links} links`);
    return 0;
  } finally {
    await host.close();
  }
}

/**
 * The file as objectives-file/import takes it: its text when it fits one invoke, otherwise the id
 * of an upload in parts of at most UPLOAD_PART_JSON_BYTES (objectives-file/upload-part), as the
 * admin page sends it. Null (after saying why) when a part is refused.
 */
async function fileSource(
  host: Host,
  as: string,
  text: string,
  io: CliIo,
): Promise<{ text: string } | { uploadId: string } | null> {
  if (jsonStringBytes(text) <= UPLOAD_PART_JSON_BYTES) return { text };
  const parts = splitByJsonBytes(text, UPLOAD_PART_JSON_BYTES);
  const uploadId = `upload-${randomUUID()}`;
  for (const [index, part] of parts.entries()) {
    io.err(`uploading part ${index + 1} of ${parts.length}`);
    const reply = await callAdmin(host, as, 'objectives-file/upload-part', {
      uploadId,
      index,
      count: parts.length,
      text: part,
    });
    if (!reply.ok) {
      io.err(`tether apply: ${reply.error.code}: ${reply.error.message}`);
      for (const d of reply.error.details ?? []) io.err(`  ${d.path || '(part)'}: ${d.message}`);
      return null;
    }
  }
  return { uploadId };
}

/**
 * Runs the queued import job to its end (the host delivers it now: delays are off), showing how many
 * of its steps are written as it goes, then returns the job's last status (objectives-file/import-status).
 *
 * The local KVS answers within the same turn of the event loop, so a job that only talks to it
 * never lets a timer fire until it ends: the progress is asked for when the job's KVS requests are
 * answered (host.runtime.onKvsRequest), at most every JOB_POLL_MS, one question at a time.
 */
async function waitForJob(host: Host, as: string, job: { jobId: string; total: number }, io: CliIo) {
  const shown = stepProgress(io.progress ?? { write: (text: string) => io.err(text) }, `import job ${job.jobId}`);
  const status = () => callAdmin(host, as, 'objectives-file/import-status', { jobId: job.jobId });
  shown.update(0, job.total);
  let asking = false;
  let askedAt = Date.now();
  // bound here, so the question runs as the command's own call, not inside the job's invocation
  const ask = AsyncResource.bind(() => {
    asking = true;
    askedAt = Date.now();
    status()
      .then((now) => {
        if (now.ok) shown.update(now.data.done, now.data.total);
      })
      .catch(() => undefined) // only a progress line is lost; the final status below says how it ended
      .finally(() => {
        asking = false;
      });
  });
  const stop = host.runtime.onKvsRequest(() => {
    if (!asking && Date.now() - askedAt >= JOB_POLL_MS) ask();
  });
  try {
    await host.drain();
    stop();
    const last = await status();
    if (last.ok) shown.update(last.data.done, last.data.total);
    return last;
  } finally {
    stop();
    shown.finish();
  }
}

export async function applyCommand(
  file: string | undefined,
  flags: HostFlags & { as?: string | undefined; dryRun?: boolean | undefined },
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  if (file === undefined) {
    io.err('Usage: tether apply <objectives file> [--dry-run]');
    return 1;
  }
  const text = readInputFile(file, 'the objectives file');
  const host = openHost(flags, env);
  try {
    const source = await fileSource(host, flags.as ?? 'admin', text, io);
    if (source === null) return 1;
    const reply = await callAdmin(host, flags.as ?? 'admin', 'objectives-file/import', {
      ...source,
      apply: flags.dryRun !== true,
    });
    if (!reply.ok) {
      io.err(`tether apply: ${reply.error.code}: ${reply.error.message}`);
      for (const d of reply.error.details ?? []) io.err(`  ${d.path || '(file)'}: ${d.message}`);
      return 1;
    }
    const { errors, summary, applied, job } = reply.data;
    let { progress } = reply.data;
    if (errors.length > 0) {
      io.err(`${file}: ${errors.length} problem(s); nothing was written`);
      for (const e of errors) io.err(`  ${e.path || '(file)'}: ${e.message}`);
      return 1;
    }
    if (summary) {
      const o = summary.objectives;
      const k = summary.keyResults;
      io.out(
        `objectives: ${o.created.length} new, ${o.updated.length} changed, ${o.unchanged.length} unchanged; key results: ${k.created.length} new, ${k.updated.length} changed, ${k.removed.length} removed; links: +${summary.links.added} −${summary.links.removed}`,
      );
    }
    if (job !== null) {
      // too large for one call: the import job runs on the local queue; wait for it to end
      io.out(`import job ${job.jobId}: ${job.total} steps queued`);
      const status = await waitForJob(host, flags.as ?? 'admin', job, io);
      if (!status.ok) {
        io.err(`tether apply: ${status.error.code}: ${status.error.message}`);
        return 1;
      }
      if (status.data.state !== 'done') {
        io.err(
          `tether apply: the import job ${status.data.state} after ${status.data.done} of ${status.data.total} steps`,
        );
        for (const e of status.data.errors) io.err(`  ${e.path}: ${e.message}`);
        return 1;
      }
      progress = status.data.progress;
    }
    if (!applied && job === null) io.out('dry run: nothing was written');
    else if (progress)
      io.out(
        `written: ${progress.objectivesWritten} objectives, ${progress.rollupsUpdated} rollups, ${progress.linksAdded} links added${progress.propertiesPending.length > 0 ? `; ${progress.propertiesPending.length} issue properties left for later` : ''}`,
      );
    return 0;
  } finally {
    await host.close();
  }
}
