/**
 * The project page (team leads): the workgroups of this project with their objectives under the
 * organisation objectives they serve, filtered on the page; an objective's detail beside the tree;
 * the caller's prompts; and the open work that serves no objective.
 */
import { count } from '@shared/plural';
import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ProjectObjectiveRow } from '@contract/api';
import { useHost } from '@shared/app-context';
import { useResource } from '@shared/use-resource';
import { nameOf, useUsers } from '@shared/use-users';
import { Loading } from '@shared/components/loading';
import { ErrorNotice } from '@shared/components/error-notice';
import { Empty } from '@shared/components/empty';
import { NativeSelect } from '@shared/components/field';
import { abilitiesOf, canCreate, type Abilities } from './abilities';
import { FilterBar } from './filter-bar';
import {
  buildSections,
  entriesByKey,
  filterSections,
  NO_FILTER,
  narrows,
  type Section,
  type TreeFilter,
  type TreeNode,
} from './objective-tree';
import { PAGE_STYLE } from './page-layout';
import { WorkgroupSection } from './workgroup-section';
import { PromptInbox } from './prompt-inbox';
import { ExportRollupButton } from './export-rollup';
import { UnlinkedWork } from './unlinked-work';
import { withStatusReasons } from './status-reasons';
import { LiveNote } from './live-note';
import { useLiveUpdates } from './use-live-updates';
import { useWorkgroupFeedback } from './use-workgroup-feedback';

const ObjectiveDetail = lazy(() => import('./objective-detail-loader'));
const ObjectiveForm = lazy(() => import('./objective-form'));

export function ProjectPage() {
  const { context } = useHost();
  if (context.projectKey === null || context.projectKey === '') {
    return (
      <Empty title="Open Tether from a Jira project">
        This page shows the objectives of one project&apos;s workgroups: open a project in Jira, then Tether in its
        sidebar.
      </Empty>
    );
  }
  return <ProjectObjectives projectKey={context.projectKey} />;
}

/** Every row id of the trees that has rows below it. */
function foldable(sections: readonly Section[]): string[] {
  const ids: string[] = [];
  const walk = (nodes: readonly TreeNode[]) =>
    nodes.forEach((n) => {
      if (n.children.length > 0) ids.push(n.rowId);
      walk(n.children);
    });
  sections.forEach((s) => walk(s.roots));
  return ids;
}

function ProjectObjectives({ projectKey }: { projectKey: string }) {
  const [periodId, setPeriodId] = useState<string | null>(null);
  const view = useResource('project-page/view', periodId === null ? { projectKey } : { projectKey, periodId });
  const [filter, setFilter] = useState<TreeFilter>(NO_FILTER);
  const deferredFilter = useDeferredValue(filter);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // a change in Jira (or by someone else) reloads the view in place: detail, scroll, focus and forms stay
  const [liveUpdates, setLiveUpdates] = useState(0);
  useLiveUpdates(projectKey, () => {
    view.reload();
    setLiveUpdates((n) => n + 1);
  });
  const [unlinkedCount, setUnlinkedCount] = useState<string | null>(null);

  // each row's status reason, from its rollup and the view's policy (not served per objective)
  const data = useMemo(() => (view.data === null ? null : withStatusReasons(view.data)), [view.data]);
  const users = useUsers(data?.owners ?? []);
  // the headers' feedback figures: asked once the rows are on the page (project-page/view reads none)
  const feedback = useWorkgroupFeedback(view.data);
  const sections = useMemo(() => (data === null ? [] : buildSections(data)), [data]);
  const entries = useMemo(() => (data === null ? new Map<string, ProjectObjectiveRow>() : entriesByKey(data)), [data]);
  const ownerName = useCallback((id: string) => nameOf(users, id), [users]);
  const shown = useMemo(
    () => filterSections(sections, deferredFilter, ownerName),
    [sections, deferredFilter, ownerName],
  );
  const levelNames = useMemo(() => new Map((data?.levels ?? []).map((l) => [l.id, l.name])), [data]);
  const owners = useMemo(() => {
    const ids = new Set<string>();
    for (const w of data?.workgroups ?? []) for (const e of w.objectives) ids.add(e.objective.owner);
    return [...ids]
      .map((accountId) => ({ accountId, name: nameOf(users, accountId) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [data, users]);
  // what the caller may do: the view's answers (`can`), not rules of the page's own
  const abilities: Abilities = useMemo(() => abilitiesOf(data), [data]);

  const toggle = useCallback((rowId: string, expand?: boolean) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      const open = expand ?? next.has(rowId);
      if (open) next.delete(rowId);
      else next.add(rowId);
      return next;
    });
  }, []);
  const openDetail = useCallback((key: string) => setSelectedKey(key), []);
  const startCreating = useCallback(() => setCreating(true), []);
  const closeDetail = useCallback(() => {
    const key = selectedKey;
    setSelectedKey(null);
    // back to where the user was: the objective's row (its first one when it sits in several trees)
    if (key !== null)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[role="treeitem"][data-objective-key="${key}"]`)?.focus(),
      );
  }, [selectedKey]);

  if (view.state === 'loading') return <Loading label="Loading objectives" height={320} />;
  if (data === null)
    return view.state === 'error' ? (
      <ErrorNotice error={view.error} onRetry={view.reload} onReload={view.reload} />
    ) : null;

  const selected = selectedKey === null ? undefined : entries.get(selectedKey);
  const openAll = narrows(deferredFilter);
  const ownCount = data.workgroups.reduce((n, w) => n + w.objectives.length, 0);
  const shownCount = shown.reduce((n, s) => n + s.own, 0);
  const filtered = narrows(filter) || filter.workgroupId !== null;

  return (
    <main style={{ padding: `${token('space.200')} ${token('space.300')}`, color: token('color.text') }}>
      <style>{PAGE_STYLE}</style>
      <header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: token('space.200'),
          marginBottom: token('space.200'),
        }}
      >
        <h1 style={{ font: token('font.heading.large'), margin: 0, flex: '1 1 auto' }}>Objectives</h1>
        <label
          style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.100'), font: token('font.body') }}
        >
          Period
          <NativeSelect
            value={data.periodId ?? ''}
            onChange={(e) => setPeriodId(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          >
            {data.periodId === null ? <option value="">All periods</option> : null}
            {data.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.state === 'closed' ? ' (closed)' : ''}
              </option>
            ))}
          </NativeSelect>
        </label>
        {view.refreshing ? (
          <span role="status" style={{ color: token('color.text.subtlest'), font: token('font.body.small') }}>
            Updating…
          </span>
        ) : null}
        <LiveNote updates={liveUpdates} refreshing={view.refreshing} />
        {unlinkedCount === null ? null : (
          <a
            href="#unlinked-work"
            onClick={(e) => {
              e.preventDefault();
              const heading = document.getElementById('unlinked-work');
              heading?.scrollIntoView({ block: 'start' });
              heading?.focus();
            }}
            style={{ color: token('color.link'), font: token('font.body') }}
          >
            Work not tied ({unlinkedCount})
          </a>
        )}
        <ExportRollupButton view={data} ownerName={ownerName} levelNames={levelNames} />
        {canCreate(data) ? (
          <Button appearance="primary" onClick={() => setCreating(true)} isDisabled={creating}>
            Create objective
          </Button>
        ) : null}
      </header>

      {view.state === 'error' ? <ErrorNotice error={view.error} onRetry={view.reload} onReload={view.reload} /> : null}

      <PromptInbox
        onAnswered={view.reload}
        onOpenObjective={{ isShown: (key) => entries.has(key), open: openDetail }}
      />

      {creating ? (
        <Suspense fallback={<Loading label="Loading the form" />}>
          <ObjectiveForm
            mode={{ kind: 'create' }}
            view={data}
            abilities={abilities}
            periodId={data.periodId}
            onDone={(key) => {
              setCreating(false);
              if (key !== null) {
                setSelectedKey(key);
                view.reload();
              }
            }}
            onReload={view.reload}
          />
        </Suspense>
      ) : null}

      {data.workgroups.length === 0 ? (
        <Empty title={`No workgroup works in ${data.projectKey} yet`}>
          A Jira administrator adds workgroups and their projects on Tether's admin page (Jira settings → Apps →
          Tether). Their objectives then show here.
        </Empty>
      ) : (
        <>
          <FilterBar filter={filter} onChange={setFilter} workgroups={data.workgroups} owners={owners} />
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: token('space.100'),
              margin: `0 0 ${token('space.100')}`,
            }}
          >
            <p
              role="status"
              aria-live="polite"
              style={{ font: token('font.body.small'), color: token('color.text.subtle'), margin: 0, flex: '1 1 auto' }}
            >
              {filtered ? `${shownCount} of ${count(ownCount, 'objective')} match` : count(ownCount, 'objective')}
            </p>
            {openAll ? null : (
              <>
                <Button
                  appearance="subtle"
                  spacing="compact"
                  onClick={() => setCollapsed(new Set())}
                  isDisabled={collapsed.size === 0}
                >
                  Expand all
                </Button>
                <Button appearance="subtle" spacing="compact" onClick={() => setCollapsed(new Set(foldable(sections)))}>
                  Collapse all
                </Button>
              </>
            )}
          </div>
          {/* page-layout.ts: the detail beside the trees where the frame is wide, in their place where it is not */}
          <div className="tether-layout" data-detail={selected ? 'open' : undefined}>
            <div className="tether-trees">
              {filtered && shownCount === 0 ? (
                <Empty
                  title="No objective matches these filters"
                  action={<Button onClick={() => setFilter(NO_FILTER)}>Clear filters</Button>}
                >
                  Try another status or owner, or fewer words.
                </Empty>
              ) : (
                shown.map((section) => (
                  <WorkgroupSection
                    key={section.workgroup.id}
                    section={section}
                    collapsed={collapsed}
                    openAll={openAll}
                    selectedKey={selectedKey}
                    users={users}
                    levelNames={levelNames}
                    onToggle={toggle}
                    onOpen={openDetail}
                    canAdd={section.workgroup.can.create}
                    onAdd={startCreating}
                    feedback={feedback.get(section.workgroup.id) ?? section.workgroup.feedback}
                  />
                ))
              )}
            </div>
            {selected ? (
              <Suspense fallback={<Loading label="Loading the objective" />}>
                <ObjectiveDetail
                  key={selected.objective.key}
                  row={selected}
                  view={data}
                  abilities={abilities}
                  users={users}
                  onClose={closeDetail}
                  onChanged={view.reload}
                  onOpen={openDetail}
                />
              </Suspense>
            ) : null}
          </div>
          <UnlinkedWork
            projectKey={data.projectKey}
            view={data}
            selectedKey={selectedKey}
            onLinked={view.reload}
            refresh={liveUpdates}
            onCount={setUnlinkedCount}
          />
        </>
      )}
    </main>
  );
}
