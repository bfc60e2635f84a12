/**
 * The host a CLI command works on: data in `TETHER_DATA` (default `.tether/` in the working
 * directory), the manifest from `--manifest` or `TETHER_MANIFEST` (default `./manifest.yml`) and
 * the app from `--app` or `TETHER_APP` (default `src/index` beside the manifest). One-shot
 * commands run with delays off (`delayInSeconds`, `retryAfter`): what they start is delivered
 * before they exit.
 */
import { resolve } from 'node:path';
import { createHost, type Host } from '../host/create-host';
import { dataDirectory } from '../kvs/kvs-service';
import { checkInputFile } from './input-files';

export interface HostFlags {
  manifest?: string | undefined;
  app?: string | undefined;
}

const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function resolvedHostPaths(
  flags: HostFlags,
  env: NodeJS.ProcessEnv,
): { manifestPath: string; appModulePath?: string } {
  const manifest = nonEmpty(flags.manifest) ?? nonEmpty(env.TETHER_MANIFEST) ?? 'manifest.yml';
  const app = nonEmpty(flags.app) ?? nonEmpty(env.TETHER_APP);
  checkInputFile(manifest, 'the manifest (--manifest or TETHER_MANIFEST)');
  return { manifestPath: resolve(manifest), ...(app === undefined ? {} : { appModulePath: resolve(app) }) };
}

export function openHost(flags: HostFlags, env: NodeJS.ProcessEnv): Host {
  return createHost({ ...resolvedHostPaths(flags, env), dataDir: dataDirectory(env), delays: 'none' });
}
