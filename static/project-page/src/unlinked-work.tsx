/**
 * "Work not tied": the open epics and issues of this project that serve no objective (JQL on
 * Tether's `objective` issue property), with their count in the heading. Each is linkable to an
 * objective in one step; several are linked at once (checkboxes, then "Link 3 to…"); every issue
 * of a JQL search is linked after its count is shown (jql-link.tsx). What a link takes out of the
 * list — the issue and the issues below it that Jira showed the server — leaves at once, by key,
 * whatever Jira's search still says; a change in Jira refreshes the list in place (`refresh`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ProjectPageView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { Empty } from '@shared/components/empty';
import { ErrorNotice } from '@shared/components/error-notice';
import { issuePath, issueSearchPath, searchIssues, type IssueSearch, type IssueSummary } from '@shared/jira-issues';
import { count } from '@shared/plural';
import { VISUALLY_HIDDEN } from '@shared/visually-hidden';
import { JqlLink } from './jql-link';
import { linkMany, type LinkManyOutcome } from './link-many';
import { linkableKeys, LinkTargetSelect, targetName, targetOf } from './link-targets';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
const LIMIT = 50;

function unlinkedJql(projectKey: string): string {
  return `project = ${projectKey} AND statusCategory != Done AND objective IS EMPTY ORDER BY updated DESC`;
}

function UnlinkedRow({
  issue,
  view,
  defaultKey,
  checked,
  onCheck,
  onLinked,
}: {
  issue: IssueSummary;
  view: ProjectPageView;
  defaultKey: string;
  checked: boolean;
  onCheck: (issueKey: string, checked: boolean) => void;
  onLinked: (issueKey: string, targetText: string, serving: readonly string[]) => void;
}) {
  const { client, open } = useHost();
  const [value, setValue] = useState(defaultKey);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => setValue(defaultKey), [defaultKey]);
  const target = targetOf(value);
  const link = async () => {
    if (target === null) return;
    setPending(true);
    const reply = await client.call('contributions/link', { issueKey: issue.key, ...target });
    setPending(false);
    if (reply.ok) onLinked(issue.key, targetName(view, target), [issue.key, ...(reply.data.descendants ?? [])]);
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
        <input
          type="checkbox"
          aria-label={`Select ${issue.key}`}
          checked={checked}
          onChange={(e) => onCheck(issue.key, e.currentTarget.checked)}
        />
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
          title={issue.summary}
          style={{ flex: '1 1 200px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        >
          {issue.summary}
        </span>
        <span style={muted}>{issue.type}</span>
        <Lozenge appearance={issue.category === 'indeterminate' ? 'inprogress' : 'default'}>{issue.status}</Lozenge>
        <label htmlFor={selectId} style={VISUALLY_HIDDEN}>
          Objective for {issue.key}
        </label>
        <LinkTargetSelect
          id={selectId}
          view={view}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          style={{ maxWidth: 260 }}
        />
        <Button
          spacing="compact"
          isDisabled={target === null || pending}
          onClick={() => void link()}
          aria-label={`Link ${issue.key}${target === null ? '' : ` to ${targetName(view, target)}`}`}
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
  refresh = 0,
  onCount,
}: {
  projectKey: string;
  view: ProjectPageView;
  selectedKey: string | null;
  onLinked: () => void;
  /** Changes when the page learns that something changed in Jira: the list is searched again, in place. */
  refresh?: number;
  /** The count the heading shows ("12", "50+"), for the page's link to this section; null while unknown. */
  onCount?: (count: string | null) => void;
}) {
  const { jira, client, flag, open } = useHost();
  const [result, setResult] = useState<IssueSearch | null>(null);
  /** Issues linked from this page: out of the list at once, whatever Jira's search (which lags) still says. */
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [bulkValue, setBulkValue] = useState('');
  const [bulkPending, setBulkPending] = useState(false);
  const [refused, setRefused] = useState<LinkManyOutcome['refused']>([]);
  const [message, setMessage] = useState('');
  const [jqlOpen, setJqlOpen] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const jql = unlinkedJql(projectKey);

  const search = useCallback(
    (quiet: boolean) => {
      if (jira === undefined) return () => undefined;
      let live = true;
      if (!quiet) setResult(null);
      void searchIssues(jira, jql, LIMIT).then((r) => {
        // a quiet search that fails keeps the list shown
        if (live && (!quiet || r.ok)) setResult(r);
      });
      return () => {
        live = false;
      };
    },
    [jira, jql],
  );
  const load = useCallback(() => search(false), [search]);
  useEffect(load, [load]);
  useEffect(() => (refresh > 0 ? search(true) : undefined), [refresh, search]);

  const own = useMemo(() => linkableKeys(view), [view]);
  const defaultKey = selectedKey !== null && own.has(selectedKey) ? selectedKey : '';
  useEffect(() => setBulkValue(defaultKey), [defaultKey]);
  const issues = useMemo(
    () =>
      result?.ok
        ? result.issues
            .filter((i) => !gone.has(i.key))
            .sort((a, b) => Number(b.type === 'Epic') - Number(a.type === 'Epic'))
        : [],
    [result, gone],
  );
  const shownKeys = useMemo(() => new Set(issues.map((i) => i.key)), [issues]);
  const selected = [...checked].filter((k) => shownKeys.has(k));
  const countText = result?.ok ? `${issues.length}${result.more ? '+' : ''}` : null;
  useEffect(() => onCount?.(countText), [countText, onCount]);

  const takeOut = (serving: Iterable<string>) => {
    const out = [...serving];
    setGone((s) => new Set([...s, ...out]));
    setChecked((s) => new Set([...s].filter((k) => !out.includes(k))));
  };

  const onRowLinked = (issueKey: string, targetText: string, serving: readonly string[]) => {
    takeOut(serving);
    flag({
      type: 'success',
      title: `${issueKey} now serves ${targetText}`,
      description: 'Its progress counts in the objective from now on.',
    });
    onLinked();
  };

  const reportOutcome = (outcome: LinkManyOutcome, targetText: string) => {
    takeOut(outcome.serving);
    setRefused(outcome.refused);
    setChecked(new Set(outcome.refused.map((r) => r.issueKey)));
    const linked = outcome.linked.length;
    setMessage(
      linked === 0
        ? `Nothing was linked to ${targetText}.`
        : `${count(linked, 'issue')} now serve${linked === 1 ? 's' : ''} ${targetText}${
            outcome.serving.size > linked ? `, with ${count(outcome.serving.size - linked, 'issue')} below them` : ''
          }.`,
    );
    if (linked > 0) {
      flag({ type: 'success', title: `Linked ${count(linked, 'issue')} to ${targetText}` });
      onLinked();
    }
    // the rows the user was on are gone: their attention goes to what happened
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  const bulkTarget = targetOf(bulkValue);
  const linkSelected = async () => {
    if (bulkTarget === null || selected.length === 0) return;
    setBulkPending(true);
    const outcome = await linkMany(client, selected, bulkTarget);
    setBulkPending(false);
    reportOutcome(outcome, targetName(view, bulkTarget));
  };
  const allChecked = issues.length > 0 && selected.length === issues.length;

  return (
    <section aria-labelledby="unlinked-work" style={{ marginTop: token('space.400') }}>
      <h2
        id="unlinked-work"
        tabIndex={-1}
        style={{ font: token('font.heading.small'), margin: `0 0 ${token('space.050')}` }}
      >
        Work not tied{countText === null ? '' : ` (${countText})`}
      </h2>
      <p style={muted}>
        Open epics and issues of {projectKey} that serve no objective. Link each to the objective it is for, or question
        why it is being done.
      </p>
      {jira === undefined ? null : (
        <div style={{ margin: `${token('space.100')} 0` }}>
          <Button appearance="subtle" spacing="compact" aria-expanded={jqlOpen} onClick={() => setJqlOpen((o) => !o)}>
            Link the issues of a JQL search…
          </Button>
          {jqlOpen ? (
            <JqlLink
              view={view}
              defaultTarget={defaultKey}
              onDone={(outcome, targetText) => {
                setJqlOpen(false);
                reportOutcome(outcome, targetText);
              }}
            />
          ) : null}
        </div>
      )}
      <p
        ref={messageRef}
        tabIndex={-1}
        role="status"
        aria-live="polite"
        style={{ margin: 0, font: token('font.body') }}
      >
        {message}
      </p>
      {refused.length > 0 ? (
        <div role="alert" style={{ margin: `${token('space.100')} 0`, color: token('color.text.danger') }}>
          <p style={{ margin: 0 }}>
            {count(refused.length, 'issue')} {refused.length === 1 ? 'was' : 'were'} not linked (still selected: link
            them again when the cause is fixed):
          </p>
          <ul aria-label="Not linked" style={{ margin: 0 }}>
            {refused.map((r) => (
              <li key={r.issueKey}>
                {r.issueKey}: {r.error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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
          <div
            role="group"
            aria-label="Link several at once"
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'center',
              gap: token('space.100'),
              padding: `${token('space.075')} 0`,
              borderBottom: `${token('border.width')} solid ${token('color.border')}`,
            }}
          >
            <label
              style={{
                display: 'inline-flex',
                alignItems: 'center',
                gap: token('space.075'),
                font: token('font.body'),
              }}
            >
              <input
                type="checkbox"
                checked={allChecked}
                ref={(el) => {
                  if (el) el.indeterminate = selected.length > 0 && !allChecked;
                }}
                onChange={(e) => setChecked(e.currentTarget.checked ? new Set(issues.map((i) => i.key)) : new Set())}
              />
              Select all
            </label>
            <span style={muted}>{selected.length === 0 ? 'None selected' : `${selected.length} selected`}</span>
            <label htmlFor="link-selected-target" style={VISUALLY_HIDDEN}>
              Objective for the selected issues
            </label>
            <LinkTargetSelect
              id="link-selected-target"
              view={view}
              value={bulkValue}
              onChange={(e) => setBulkValue(e.currentTarget.value)}
              style={{ maxWidth: 300 }}
            />
            <Button
              appearance="primary"
              spacing="compact"
              isDisabled={selected.length === 0 || bulkTarget === null || bulkPending}
              onClick={() => void linkSelected()}
            >
              {`Link ${selected.length === 0 ? 'selected' : selected.length} to ${bulkTarget === null ? '…' : targetName(view, bulkTarget)}`}
            </Button>
          </div>
          <ul aria-label="Unlinked issues" style={{ margin: 0, padding: 0 }}>
            {issues.map((issue) => (
              <UnlinkedRow
                key={issue.key}
                issue={issue}
                view={view}
                defaultKey={defaultKey}
                checked={checked.has(issue.key)}
                onCheck={(key, on) =>
                  setChecked((s) => {
                    const next = new Set(s);
                    if (on) next.add(key);
                    else next.delete(key);
                    return next;
                  })
                }
                onLinked={onRowLinked}
              />
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
