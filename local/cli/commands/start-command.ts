/**
 * `tether start [--port n]` (or PORT, default 8080): the local Forge host with its web server (local/server): the app's
 * Custom UI in Jira-like pages, the bridge, the local Jira's REST API, and the app's triggers and
 * queue consumers behind them; in strict mode (TETHER_FORGE=strict) the scheduled triggers run on
 * their own, on their interval. Runs until Ctrl-C (SIGINT) or SIGTERM, then closes the server and
 * the host (pending events are delivered, or kept on disk in strict mode, and the local Jira is
 * written first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoOrganisation } from '../../demo/seed-organisation';
import { createHost } from '../../host/create-host';
import { buildIfNeeded } from '../build-if-needed';
import { demoOrganisationSite } from '../../jira/demo-issues';
import { dataDirectory } from '../../kvs/kvs-service';
import { serverHostFor } from '../../server/host-adapter';
import { startServer } from '../../server/start-server';
import type { CliIo } from '../cli-io';
import { resolvedHostPaths, type HostFlags } from '../open-host';

export const DEFAULT_PORT = 8080;

export async function startCommand(
  flags: HostFlags & { port?: string | undefined; noDemo?: boolean | undefined },
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const asked = flags.port ?? (env.PORT === undefined || env.PORT === '' ? undefined : env.PORT);
  const port = asked === undefined ? DEFAULT_PORT : Number(asked);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`port ${asked ?? ''} (--port or PORT): a port is a whole number from 0 to 65535 (0 picks a free one)`);
    return 1;
  }
  // A new data folder gets the demo organisation (local/demo): its Jira, then its objectives
  // through the app's resolvers; --no-demo starts with the plain demo site and no objectives.
  const demo = flags.noDemo !== true && !existsSync(join(dataDirectory(env), 'jira.json'));
  const host = createHost({
    ...resolvedHostPaths(flags, env),
    dataDir: dataDirectory(env),
    delays: 'real',
    ...(demo ? { seed: demoOrganisationSite } : {}),
  });
  if (!buildIfNeeded(host.manifest, io.err))
    io.err('The Custom UI build failed; the pages will say which surface has no build.');
  let server;
  try {
    if (demo) {
      try {
        await seedDemoOrganisation(host, { log: io.err });
      } catch (e) {
        io.err(
          `Demo organisation: stopped (${e instanceof Error ? e.message : String(e)}); starting with what was made.`,
        );
      }
    }
    server = await startServer({ host: serverHostFor(host), port, log: io.out });
  } catch (e) {
    await host.close();
    throw e;
  }
  // As on Forge, scheduled triggers run on their own, on the manifest's interval (strict mode).
  if (host.forge === 'strict') host.startScheduledTriggers();
  io.err(
    `Data: ${host.dataDir}. Forge mode: ${host.forge}${host.forge === 'strict' ? ' (scheduled triggers run on their interval)' : ''}. Stop with Ctrl-C.`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.err('Stopping: delivering pending events and writing the local Jira…');
  await server.close();
  await host.close();
  return 0;
}
