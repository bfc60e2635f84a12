/** Builders for organisation/view replies (the organisation page, the dashboard gadget), parsed through the contract. */
import { OrganisationView, type OrganisationEntry } from '@contract/api/organisation';
import type { RollupStatus } from '@contract/rollup';
import { aPeriod } from '../../support/builders';
import { anObjectiveView, aRollup } from './view-builders';

/** An objective `key` with its rollup (`status`, `progress`); `over` changes the objective. */
export function anOrganisationEntry(
  key: string,
  title: string,
  status: RollupStatus,
  progress: number | null,
  over: Record<string, unknown> = {},
): OrganisationEntry {
  return {
    objective: anObjectiveView({ id: key, key, title, ...over }),
    rollup: aRollup(key, status, progress),
  };
}

export function anOrganisationView(over: Record<string, unknown> = {}): OrganisationView {
  return OrganisationView.parse({
    periodId: 'p-2026q4',
    levels: [
      { id: 'organisation', name: 'Organisation' },
      { id: 'workgroup', name: 'Workgroup' },
    ],
    periods: [aPeriod()],
    workgroups: [
      { id: 'checkout', name: 'Checkout squad' },
      { id: 'platform', name: 'Platform Team' },
    ],
    entries: [],
    context: [],
    total: 0,
    next: null,
    owners: [],
    ...over,
  });
}
