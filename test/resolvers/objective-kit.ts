/**
 * A small organisation for the objective keys' tests, made through the resolvers themselves:
 * the period 2026 Q4 (open; today's period), the workgroups Web Squad (lead: lead, member: member,
 * project WEB) and Mobile Team (lead: admin, project MOB), and the organisation objective O-1.
 */
import { rollups } from '../../src/forge/store/rollup-entities';
import { ACCOUNT, asPersona, type AppHost, type Persona } from '../support/app-host';
import { ok } from './resolver-kit';

export const PERIOD = '2026-q4';

export async function organisation(app: AppHost): Promise<void> {
  await ok(app, 'admin', 'periods/create', { version: 0, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
  await ok(app, 'admin', 'workgroups/create', {
    name: 'Web Squad',
    kind: 'squad',
    leads: [ACCOUNT.lead],
    members: [ACCOUNT.member],
    projects: ['WEB'],
  });
  await ok(app, 'admin', 'workgroups/create', {
    name: 'Mobile Team',
    kind: 'permanent-team',
    leads: [ACCOUNT.admin],
    projects: ['MOB'],
  });
  await ok(app, 'admin', 'objectives/create', {
    title: 'Customers pay without friction',
    levelId: 'organisation',
    periodId: PERIOD,
  });
}

/** A workgroup-level objective of Web Squad under O-1, created by `persona` (the lead by default). */
export function squadObjective(over: Record<string, unknown> = {}) {
  return {
    title: 'One-click checkout',
    levelId: 'workgroup',
    periodId: PERIOD,
    workgroupId: 'web-squad',
    parentId: 'O-1',
    ...over,
  };
}

export async function createSquadObjective(
  app: AppHost,
  over: Record<string, unknown> = {},
  persona: Persona = 'lead',
) {
  return ok(app, persona, 'objectives/create', squadObjective(over));
}

/** The stored rollup of an objective, read as the app. */
export function storedRollup(app: AppHost, key: string) {
  return asPersona(app.host, null, () => rollups().get(key));
}
