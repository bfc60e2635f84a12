import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsService, type KvsServiceOptions } from '../../../local/kvs/kvs-service';
import {
  installForgeRuntime,
  type ForgeHost,
  type InstallForgeRuntimeOptions,
} from '../../../local/runtime/install-forge-runtime';

export const FIXTURE_MANIFEST = join(__dirname, '..', 'fixtures', 'manifest.yml');

export interface TestHost {
  dataDir: string;
  service: KvsService;
  host: ForgeHost;
  /** Closes the service and opens a new one on the same folder (a restart). */
  restart(options?: Partial<KvsServiceOptions>): void;
  stop(): void;
}

/**
 * A KVS service on a fresh temporary data folder, with the Forge globals installed so that the
 * real `@forge/kvs` talks to it. Tests reach the store only through the SDK.
 */
export function startTestHost(
  options: Partial<KvsServiceOptions> = {},
  runtime: Omit<InstallForgeRuntimeOptions, 'kvs'> = {},
): TestHost {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tether-kvs-'));
  // the KVS's mechanics on a kind service unless a test names a mode (strict behaviours: their own tests)
  const open = (extra: Partial<KvsServiceOptions>) =>
    KvsService.open({ manifestPath: FIXTURE_MANIFEST, forge: 'lenient', ...options, ...extra, dataDir });
  let service = open({});
  let host = installForgeRuntime({ ...runtime, kvs: service });
  return {
    dataDir,
    get service() {
      return service;
    },
    get host() {
      return host;
    },
    restart(extra = {}) {
      host.uninstall();
      service.close();
      service = open(extra);
      host = installForgeRuntime({ ...runtime, kvs: service });
    },
    stop() {
      host.uninstall();
      service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
