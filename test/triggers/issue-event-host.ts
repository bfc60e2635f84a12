/**
 * A local host that runs the app's issue-events function (src/triggers/issue-events.ts) from the
 * TypeScript sources, in a data folder of its own: the host the trigger tests share. `events`
 * names the product events its trigger listens to (none: the function only, called by the test);
 * `options` are the host's (mode, delays, Jira limits).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createHost, type Host, type HostOptions } from '../../local/host/create-host';
import { declaredEntities, REPO_ROOT } from '../support/app-host';

export interface IssueEventHost {
  readonly host: Host;
  /** Closes the host and removes its folder. */
  close(): Promise<void>;
}

export function startIssueEventHost(
  events: readonly string[],
  options: Omit<Partial<HostOptions>, 'dataDir' | 'manifestPath' | 'appModulePath'> = {},
): IssueEventHost {
  const dir = mkdtempSync(join(tmpdir(), 'tether-trigger-'));
  const manifest = {
    app: {
      id: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
      runtime: { name: 'nodejs22.x' },
      storage: { entities: declaredEntities() },
    },
    permissions: { scopes: ['storage:app', 'read:jira-work', 'write:jira-work'] },
    modules: {
      ...(events.length === 0 ? {} : { trigger: [{ key: 'issue-events', function: 'on-issue-event', events }] }),
      function: [{ key: 'on-issue-event', handler: 'triggers/issue-events.onIssueEvent' }],
    },
  };
  writeFileSync(join(dir, 'manifest.yml'), stringify(manifest));
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    delays: 'none',
    syncWrites: false,
    ...options,
  });
  return {
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
