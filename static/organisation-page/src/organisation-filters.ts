/** The organisation page's filters and the payload they ask the server for (pure). */
import type { PayloadIn } from '@contract/api';
import type { RollupStatus } from '@contract/rollup';

export interface OrganisationFilters {
  /** null: the server's choice (the current period). */
  periodId: string | null;
  levelId: string | null;
  /** A workgroup id, or `none` for objectives of no workgroup. */
  workgroupId: string | null;
  status: RollupStatus | null;
  owner: string | null;
}

export const NO_FILTERS: OrganisationFilters = {
  periodId: null,
  levelId: null,
  workgroupId: null,
  status: null,
  owner: null,
};

/** How many objectives one page asks for. */
export const PAGE_SIZE = 200;

export function payloadOf(filters: OrganisationFilters, after: string | null = null): PayloadIn<'organisation/view'> {
  return {
    ...(filters.periodId === null ? {} : { periodId: filters.periodId }),
    ...(filters.levelId === null ? {} : { levelIds: [filters.levelId] }),
    ...(filters.workgroupId === null ? {} : { workgroupIds: [filters.workgroupId] }),
    ...(filters.status === null ? {} : { statuses: [filters.status] }),
    ...(filters.owner === null ? {} : { owners: [filters.owner] }),
    ...(after === null ? {} : { after }),
    limit: PAGE_SIZE,
  };
}

/** Whether any filter but the period narrows the list. */
export function narrowed(filters: OrganisationFilters): boolean {
  return filters.levelId !== null || filters.workgroupId !== null || filters.status !== null || filters.owner !== null;
}
