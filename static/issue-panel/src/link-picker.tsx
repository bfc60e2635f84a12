import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ContributionChange } from '@contract/api/contributions';
import { useAction, useResource } from '@shared/use-resource';
import { SearchCombobox } from '@shared/components/search-combobox';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { candidatesFrom, matching, type Candidate } from './link-candidates';

/** At most this many options are shown at once; typing narrows them. */
const SHOWN_OPTIONS = 50;

function OptionText({ c }: { c: Candidate }) {
  const where = [c.workgroup, c.level].filter((s): s is string => s !== null).join(' · ');
  return (
    <span style={{ display: 'block', paddingLeft: c.keyResultId === null ? 0 : token('space.200') }}>
      <span style={{ display: 'block' }}>
        {/* a space, not a margin, so the option's accessible name reads "KR-3 Title" */}
        <span style={{ color: token('color.text.subtle') }}>{c.key}</span> {c.title}
        {c.linked ? (
          <span style={{ marginLeft: token('space.075'), font: token('font.body.small') }}>(linked already)</span>
        ) : null}
      </span>
      <span style={{ display: 'block', font: token('font.body.small'), color: token('color.text.subtlest') }}>
        {c.keyResultId === null ? where || 'Objective' : `Key result of ${c.objectiveKey} ${c.objectiveTitle}`}
      </span>
    </span>
  );
}

/**
 * Links the issue to an objective or one of its key results, picked from the project page's
 * objectives. Loads them only when opened (the panel itself stays light).
 */
export function LinkPicker({
  issueKey,
  projectKey,
  linkedHere,
  onLinked,
  onClose,
}: {
  issueKey: string;
  projectKey: string;
  linkedHere: ReadonlySet<string>;
  onLinked(change: ContributionChange, picked: Candidate): void;
  onClose(): void;
}) {
  const page = useResource('project-page/view', { projectKey });
  const link = useAction('contributions/link');
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Candidate | null>(null);
  const all = useMemo(() => (page.data === null ? [] : candidatesFrom(page.data, linkedHere)), [page.data, linkedHere]);
  const found = useMemo(() => matching(all, query), [all, query]);
  const shown = useMemo(() => found.slice(0, SHOWN_OPTIONS), [found]);

  const select = async (c: Candidate) => {
    setPicked(c);
    const change = await link.run({ issueKey, objectiveKey: c.objectiveKey, keyResultId: c.keyResultId });
    if (change !== null) onLinked(change, c);
  };

  let body;
  if (page.state === 'loading') body = <Loading label="Loading objectives" height={96} />;
  else if (page.data === null)
    body = (
      <ErrorNotice
        error={page.error ?? { code: 'INTERNAL', message: 'No objectives were loaded.' }}
        onRetry={page.reload}
        onReload={page.reload}
      />
    );
  else if (all.length === 0)
    body = (
      <p style={{ margin: 0, color: token('color.text.subtle') }}>
        Project {projectKey} has no objectives in this period to link to yet. A workgroup lead adds them on the project
        page.
      </p>
    );
  else
    body = (
      <SearchCombobox
        id={`link-${issueKey}`}
        label={`Link ${issueKey} to`}
        placeholder="Search by key, title, workgroup or level"
        query={query}
        onQueryChange={setQuery}
        options={shown}
        optionId={(c) => c.id}
        renderOption={(c) => <OptionText c={c} />}
        isUnavailable={(c) => c.linked}
        onSelect={(c) => void select(c)}
        onEscape={onClose}
        emptyText={`Nothing matches "${query}". Try a key such as O-12, a word of the title, or a workgroup.`}
        footer={
          found.length > shown.length
            ? `Showing ${shown.length} of ${found.length}: type to narrow the list.`
            : undefined
        }
        isDisabled={link.pending}
        autoFocus
      />
    );

  return (
    <div
      role="group"
      aria-label={`Link ${issueKey} to an objective`}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.100'),
        padding: token('space.150'),
        border: `1px solid ${token('color.border')}`,
        borderRadius: token('radius.large'),
      }}
    >
      {body}
      {link.pending && picked !== null ? (
        <p role="status" style={{ margin: 0, color: token('color.text.subtle') }}>
          Linking {issueKey} to {picked.key}…
        </p>
      ) : null}
      {link.error !== null ? (
        <ErrorNotice
          error={link.error}
          alert
          onReload={page.reload}
          onRetry={picked === null ? undefined : () => void select(picked)}
        />
      ) : null}
      <div>
        <Button appearance="subtle" spacing="compact" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
