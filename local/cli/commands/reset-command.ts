/**
 * `tether reset --yes`: deletes the data folder (the KVS, the local Jira, queued events), so the next start
 * begins with the demo site. Without `--yes` it only says what it would delete. It refuses a
 * folder holding anything the host did not write, so a mistyped TETHER_DATA cannot wipe a project.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { parse, resolve } from 'node:path';
import type { CliIo } from '../cli-io';
import { dataDirectory } from '../../kvs/kvs-service';

/** What the host keeps in a data folder: the KVS, the local Jira (jira.json.tmp-<pid> is a write cut short), the queue and schedule (host/). */
const HOST_ENTRIES = /^(kvs|host|jira\.json|jira\.json\.tmp-\d+)$/;

export function resetCommand(yes: boolean, env: NodeJS.ProcessEnv, io: CliIo): number {
  const dir = dataDirectory(env);
  if (!existsSync(dir)) {
    io.err(`Nothing to reset: ${dir} does not exist.`);
    return 0;
  }
  if (!statSync(dir).isDirectory()) {
    io.err(`${dir} is not a folder; not touching it.`);
    return 1;
  }
  if (dir === parse(dir).root || dir === resolve(homedir()) || dir === process.cwd()) {
    io.err(`Refusing to delete ${dir}: set TETHER_DATA to the host's own data folder.`);
    return 1;
  }
  const foreign = readdirSync(dir).filter((name) => !HOST_ENTRIES.test(name));
  if (foreign.length > 0) {
    io.err(
      `Refusing to delete ${dir}: it holds ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}, which the local host did not write.`,
    );
    return 1;
  }
  if (!yes) {
    io.err(
      `This deletes ${dir}: the app's KVS data and the local Jira (the next start begins with the demo site again).`,
    );
    io.err('Run `tether reset --yes` to do it.');
    return 1;
  }
  rmSync(dir, { recursive: true, force: true });
  io.err(`Deleted ${dir}.`);
  return 0;
}
