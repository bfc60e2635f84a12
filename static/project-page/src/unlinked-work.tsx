/**
 * "Work not tied to any objective": the open epics and issues of this project that serve nothing
 * (JQL on Tether's `objective` issue property), each linkable to an objective in one step.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ProjectPageView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { Empty } from '@shared/components/empty';
import { ErrorNotice } from '@shared/components/error-notice';
import { NativeSelect } from '@shared/components/field';
import { issuePath, issueSearchPath, searchIssues, type IssueSearch, type IssueSummary } from '@shared/jira-issues';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
const LIMIT = 50;

function unlinkedJql(projectKey: string): string {
  return `project = ${projectKey} AND statusCategory != Done AND objective IS EMPTY ORDER BY updated DESC`;
}

function keyResultKey(view: ProjectPageView, objectiveKey: string, keyResultId: string): string {
  for (const w of view.workgroups)
    for (const e of w.objectives)
      if (e.objective.key === objectiveKey)
        return e.objective.keyResults.find((k) => k.id === keyResultId)?.key ?? keyResultId;
  return keyResultId;
}

function UnlinkedRow({
  issue,
  view,
  defaultKey,
  onLinked,
}: {
  issue: IssueSummary;
  view: ProjectPageView;
  defaultKey: string;
  onLinked: (issueKey: string, objectiveKey: string) => void;
}) {
  const { client, open } = useHost();
  const [objectiveKey, setObjectiveKey] = useState(defaultKey);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => setObjectiveKey(defaultKey), [defaultKey]);
  // an option's value is the objective's key, or `O-2#<key result id>` for one of its key results
  const [target, keyResultId = null] = objectiveKey.split('#');
  const link = async () => {
    if (target === undefined || target === '') return;
    setPending(true);
    const reply = await client.call('contributions/link', { issueKey: issue.key, objectiveKey: target, keyResultId });
    setPending(false);
    if (reply.ok)
      onLinked(issue.key, keyResultId === null ? target : `${keyResultKey(view, target, keyResultId)} of ${target}`);
    else setError(reply.error);
  };
  const selectId = `link-${issue.key}`;
  return (
    <li
      style={{
        listStyle: 'none',
        padding: `${token('space.075')} 0`,
        borderBottom: `${token('border.width')} solid ${token('color.border')}`,
      }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}>
        <a
          href={issuePath(issue.key)}
          onClick={(e) => {
            e.preventDefault();
            open(issuePath(issue.key));
          }}
          style={{ color: token('color.link'), minWidth: 72 }}
        >
          {issue.key}
        </a>
        <span
          style={{ flex: '1 1 200px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          {issue.summary}
        </span>
        <span style={muted}>{issue.type}</span>
        <Lozenge appearance={issue.category === 'indeterminate' ? 'inprogress' : 'default'}>{issue.status}</Lozenge>
        <label
          htmlFor={selectId}
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          Objective for {issue.key}
        </label>
        <NativeSelect
          id={selectId}
          value={objectiveKey}
          onChange={(e) => setObjectiveKey(e.currentTarget.value)}
          style={{ maxWidth: 260 }}
        >
          <option value="">Choose an objective…</option>
          {view.workgroups.map((w) => {
            // the objectives the server takes new links to (`can.link`: not archived)
            const linkable = w.objectives.filter((e) => e.can.link);
            return linkable.length === 0 ? null : (
              <optgroup key={w.id} label={w.name}>
                {linkable.flatMap(({ objective }) => [
                  <option key={objective.id} value={objective.key}>
                    {objective.key} {objective.title}
                  </option>,
                  // key results measured by the work linked to them
                  ...objective.keyResults
                    .filter(
                      (kr) => (kr.kind === 'completion' || kr.kind === 'delivery-quality') && kr.scope === 'key-result',
                    )
                    .map((kr) => (
                      <option key={kr.id} value={`${objective.key}#${kr.id}`}>
                        {objective.key} › {kr.key} {kr.title}
                      </option>
                    )),
                ])}
              </optgroup>
            );
          })}
        </NativeSelect>
        <Button
          spacing="compact"
          isDisabled={objectiveKey === '' || pending}
          onClick={() => void link()}
          aria-label={`Link ${issue.key}${target === undefined || target === '' ? '' : ` to ${keyResultId === null ? target : `${keyResultKey(view, target, keyResultId)} of ${target}`}`}`}
        >
          Link
        </Button>
      </div>
      {error ? <ErrorNotice error={error} alert /> : null}
    </li>
  );
}

export function UnlinkedWork({
  projectKey,
  view,
  selectedKey,
  onLinked,
}: {
  projectKey: string;
  view: ProjectPageView;
  selectedKey: string | null;
  onLinked: () => void;
}) {
  const { jira, flag, open } = useHost();
  const [result, setResult] = useState<IssueSearch | null>(null);
  const [linked, setLinked] = useState<ReadonlySet<string>>(new Set());
  const jql = unlinkedJql(projectKey);
  const load = useCallback(() => {
    if (jira === undefined) return () => undefined;
    let live = true;
    setResult(null);
    void searchIssues(jira, jql, LIMIT).then((r) => {
      if (live) setResult(r);
    });
    return () => {
      live = false;
    };
  }, [jira, jql]);
  useEffect(load, [load]);

  const own = useMemo(
    () => new Set(view.workgroups.flatMap((w) => w.objectives.filter((e) => e.can.link).map((e) => e.objective.key))),
    [view],
  );
  const defaultKey = selectedKey !== null && own.has(selectedKey) ? selectedKey : '';
  const issues = result?.ok
    ? result.issues
        .filter((i) => !linked.has(i.key))
        .sort((a, b) => Number(b.type === 'Epic') - Number(a.type === 'Epic'))
    : [];

  const onRowLinked = (issueKey: string, objectiveKey: string) => {
    setLinked((s) => new Set(s).add(issueKey));
    flag({
      type: 'success',
      title: `${issueKey} now serves ${objectiveKey}`,
      description: 'Its progress counts in the objective from now on.',
    });
    onLinked();
  };

  return (
    <section aria-labelledby="unlinked-work" style={{ marginTop: token('space.400') }}>
      <h2 id="unlinked-work" style={{ font: token('font.heading.small'), margin: `0 0 ${token('space.050')}` }}>
        Work not tied to any objective
      </h2>
      <p style={muted}>
        Open epics and issues of {projectKey} that serve no objective. Link each to the objective it is for, or question
        why it is being done.
      </p>
      {jira === undefined ? null : result === null ? (
        <p role="status" style={{ ...muted, minHeight: 40 }}>
          Looking for unlinked work…
        </p>
      ) : !result.ok ? (
        <ErrorNotice error={{ code: 'UNAVAILABLE', message: result.message }} onRetry={load} />
      ) : issues.length === 0 ? (
        <Empty title="All open work serves an objective">
          Every open epic and issue of {projectKey} is linked to an objective.
        </Empty>
      ) : (
        <>
          <ul aria-label="Unlinked issues" style={{ margin: 0, padding: 0 }}>
            {issues.map((issue) => (
              <UnlinkedRow key={issue.key} issue={issue} view={view} defaultKey={defaultKey} onLinked={onRowLinked} />
            ))}
          </ul>
          {result.more ? (
            <Button appearance="subtle" onClick={() => open(issueSearchPath(jql))}>
              Showing the first {LIMIT}: see them all in Jira
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
