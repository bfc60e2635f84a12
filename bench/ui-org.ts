/**
 * An organisation for the UI render benchmark: one project (WEB) whose workgroup has `count`
 * objectives (a tenth of them organisation objectives above the rest), each with a key result
 * (or none, for the 2,000-objective render, where the tree is what is measured), made through the
 * app's own resolvers as the admin and the lead.
 */
import { call } from '../local/demo/seed-call';
import type { Host } from '../local/host/create-host';
import { DEMO_ACCOUNTS } from '../local/jira/seed';

export async function seedLargeProject(
  host: Host,
  count: number,
  now = Date.now(),
  { keyResults = true }: { keyResults?: boolean } = {},
): Promise<void> {
  const { lead } = DEMO_ACCOUNTS;
  const settings = await call(host, 'admin', 'settings/get', {});
  const year = new Date(now).getUTCFullYear();
  const period = await call(host, 'admin', 'periods/create', {
    version: settings.version,
    name: `${year}`,
    start: `${year}-01-01`,
    end: `${year}-12-31`,
  });
  const workgroup = await call(host, 'admin', 'workgroups/create', {
    name: 'Storefront',
    kind: 'squad',
    leads: [lead],
    members: [],
    projects: ['WEB'],
  });
  const parents: string[] = [];
  const top = Math.max(1, Math.round(count / 10));
  for (let i = 0; i < top; i += 1) {
    const made = await call(host, 'admin', 'objectives/create', {
      title: `Organisation objective ${i + 1}`,
      levelId: 'organisation',
      periodId: period.period.id,
    });
    parents.push(made.objective.key);
  }
  for (let i = 0; i < count - top; i += 1) {
    const made = await call(
      host,
      'lead',
      'objectives/create',
      {
        title: `Storefront objective ${i + 1}`,
        levelId: 'workgroup',
        periodId: period.period.id,
        workgroupId: workgroup.id,
        parentId: parents[i % parents.length] ?? null,
      },
      'WEB',
    );
    if (!keyResults) continue;
    const keyResult = {
      kind: 'metric',
      title: `Metric ${i + 1}`,
      direction: 'increase',
      baseline: 0,
      target: 100,
      unit: '%',
    } as const;
    await call(
      host,
      'lead',
      'key-results/create',
      { objectiveKey: made.objective.key, version: made.objective.version, keyResult },
      'WEB',
    );
  }
}
