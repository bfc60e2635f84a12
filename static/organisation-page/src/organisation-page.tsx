/**
 * The organisation page (`jira:globalPage` "Objectives", docs/organisation-page.md): every
 * objective of a period across the organisation that the viewer may see, as a tree, with filters
 * by period, level, workgroup, status and owner. The server filters and pages
 * (`organisation/view`); "Show more" asks for the next page and adds it to the tree.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { OrganisationEntry, OrganisationView } from '@contract/api';
import { NO_WORKGROUP } from '@contract/api/organisation';
import { RollupStatus } from '@contract/rollup';
import { useHost } from '@shared/app-context';
import { Empty } from '@shared/components/empty';
import { ErrorNotice } from '@shared/components/error-notice';
import { EnumOptions, NativeSelect, SMALL_LABEL_STYLE } from '@shared/components/field';
import { Loading } from '@shared/components/loading';
import { ObjectiveOutline, type OutlineNames } from '@shared/components/objective-outline';
import { STATUS_TEXT } from '@shared/components/status-lozenge';
import { organisationTree } from '@shared/organisation-tree';
import { count } from '@shared/plural';
import { ExportCsvButton } from '@shared/components/export-csv-button';
import { csvFileName, rollupCsv } from '@shared/rollup-csv';
import { useResource } from '@shared/use-resource';
import { useUsers } from '@shared/use-users';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { narrowed, NO_FILTERS, payloadOf, type OrganisationFilters } from './organisation-filters';

function Choice({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div style={SMALL_LABEL_STYLE}>
      <label htmlFor={id}>{label}</label>
      <NativeSelect
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        {children}
      </NativeSelect>
    </div>
  );
}

function FilterBar({
  view,
  filters,
  onChange,
  ownerName,
}: {
  view: OrganisationView;
  filters: OrganisationFilters;
  onChange: (next: OrganisationFilters) => void;
  ownerName: (accountId: string) => string;
}) {
  const set = (change: Partial<OrganisationFilters>) => onChange({ ...filters, ...change });
  return (
    <div
      role="group"
      aria-label="Filters"
      style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150'), alignItems: 'flex-end' }}
    >
      <Choice label="Period" value={filters.periodId ?? view.periodId} onChange={(periodId) => set({ periodId })}>
        {view.periodId === null ? <option value="">Every period</option> : null}
        {view.periods.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Choice>
      <Choice label="Level" value={filters.levelId} onChange={(levelId) => set({ levelId })}>
        <option value="">Every level</option>
        {view.levels.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </Choice>
      <Choice label="Workgroup" value={filters.workgroupId} onChange={(workgroupId) => set({ workgroupId })}>
        <option value="">Every workgroup</option>
        <option value={NO_WORKGROUP}>No workgroup</option>
        {view.workgroups.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </Choice>
      <Choice
        label="Status"
        value={filters.status}
        onChange={(status) => set({ status: status === null ? null : RollupStatus.parse(status) })}
      >
        <option value="">Every status</option>
        <EnumOptions values={RollupStatus.options} text={STATUS_TEXT} />
      </Choice>
      <Choice label="Owner" value={filters.owner} onChange={(owner) => set({ owner })}>
        <option value="">Everyone</option>
        {view.owners.map((id) => (
          <option key={id} value={id}>
            {ownerName(id)}
          </option>
        ))}
      </Choice>
      {narrowed(filters) ? (
        <Button appearance="subtle" onClick={() => onChange({ ...NO_FILTERS, periodId: filters.periodId })}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** The pages loaded after the first one, for the filters they were asked with. */
interface MorePages {
  forFilters: string;
  entries: OrganisationEntry[];
  context: OrganisationEntry[];
  next: string | null;
}

export function OrganisationPage() {
  const { client } = useHost();
  const [filters, setFilters] = useState<OrganisationFilters>(NO_FILTERS);
  const filterKey = JSON.stringify(filters);
  const first = useResource('organisation/view', payloadOf(filters));
  const [more, setMore] = useState<MorePages | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Parameters<typeof ErrorNotice>[0]['error'] | null>(null);
  const view = first.data;
  const extra = more !== null && more.forFilters === filterKey ? more : null;
  const entries = useMemo(() => [...(view?.entries ?? []), ...(extra?.entries ?? [])], [view, extra]);
  const context = useMemo(() => [...(view?.context ?? []), ...(extra?.context ?? [])], [view, extra]);
  const next = extra !== null ? extra.next : (view?.next ?? null);
  const users = useUsers(view === null ? [] : view.owners);

  const names = useMemo<OutlineNames>(() => {
    const levels = new Map((view?.levels ?? []).map((l) => [l.id, l.name]));
    const workgroups = new Map((view?.workgroups ?? []).map((w) => [w.id, w.name]));
    return {
      level: (id) => levels.get(id) ?? id,
      workgroup: (id) => (id === null ? 'No workgroup' : (workgroups.get(id) ?? id)),
      person: (id) => users.get(id)?.displayName ?? id,
    };
  }, [view, users]);
  const roots = useMemo(
    () => (view === null ? [] : organisationTree(entries, context, view.levels)),
    [view, entries, context],
  );

  const showMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    setMoreError(null);
    const reply = await client.call('organisation/view', payloadOf(filters, next));
    setLoadingMore(false);
    if (!reply.ok) {
      setMoreError(reply.error);
      return;
    }
    setMore({
      forFilters: filterKey,
      entries: [...(extra?.entries ?? []), ...reply.data.entries],
      context: [...(extra?.context ?? []), ...reply.data.context],
      next: reply.data.next,
    });
  };

  if (first.state === 'loading') return <Loading label="Loading the organisation's objectives" />;
  if (view === null) return first.error === null ? null : <ErrorNotice error={first.error} onRetry={first.reload} />;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.200'), padding: token('space.100') }}>
      <FilterBar view={view} filters={filters} onChange={setFilters} ownerName={names.person} />
      {/* the page's actions: what is shown, and the export of what is shown (the same objectives and figures) */}
      <div
        data-testid="organisation-actions"
        style={{ display: 'flex', alignItems: 'center', gap: token('space.150'), minHeight: 32 }}
      >
        <span role="status" style={{ color: token('color.text.subtle') }}>
          {entries.length < view.total
            ? `${count(entries.length, 'objective')} of ${view.total} shown`
            : `${count(view.total, 'objective')}`}
          {first.refreshing ? ' (updating…)' : ''}
        </span>
        <ExportCsvButton
          label={entries.length < view.total ? `Export the ${entries.length} shown as CSV` : 'Export CSV'}
          isDisabled={entries.length === 0}
          fileName={csvFileName('organisation', view.periodId ?? 'all-periods')}
          build={() =>
            rollupCsv(
              entries.map((entry) => ({
                entry,
                workgroup: entry.objective.workgroupId === null ? null : names.workgroup(entry.objective.workgroupId),
              })),
              { level: names.level, owner: names.person },
            )
          }
        />
      </div>
      {first.error !== null ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {view.total === 0 ? (
        <Empty title={narrowed(filters) ? 'No objective matches these filters' : 'No objectives you can see here'}>
          {narrowed(filters)
            ? 'Clear a filter to see more.'
            : 'Objectives of this period that you may see will show here: those of the projects you can browse, your workgroups and your own.'}
        </Empty>
      ) : (
        <ObjectiveOutline roots={roots} names={names} label="The organisation's objectives" />
      )}
      {moreError !== null ? <ErrorNotice error={moreError} onRetry={() => void showMore()} alert /> : null}
      {next !== null ? (
        <div>
          <Button onClick={() => void showMore()} isDisabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
