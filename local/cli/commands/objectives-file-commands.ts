/**
 * `tether export` and `tether apply <file> [--dry-run]`: the objectives file, through the app's own
 * resolvers (`objectives-file/export`, `objectives-file/import`) as the admin (or `--as`), with the
 * same checks and permissions as the admin page. `apply` checks everything first and writes all
 * or nothing; `--dry-run` shows what would change.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jsonStringBytes, splitByJsonBytes } from '../../../src/contract';
import { UPLOAD_PART_JSON_BYTES, type ApiKey, type PayloadIn } from '../../../src/contract/api';
import { MODULES, resolverReply } from '../../app-calls/resolver-caller';
import type { Host } from '../../host/create-host';
import type { CliIo } from '../cli-io';
import { openHost, type HostFlags } from '../open-host';
import { accountFor } from '../personas';

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
  const text = readFileSync(file, 'utf8');
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
      await host.drain();
      const status = await callAdmin(host, flags.as ?? 'admin', 'objectives-file/import-status', { jobId: job.jobId });
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
