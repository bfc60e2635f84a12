import { count } from '@shared/plural';
import { useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ContributionChange } from '@contract/api/contributions';
import type { IssuePanelView } from '@contract/api/views';
import { useHost } from '@shared/app-context';
import { VISUALLY_HIDDEN } from '@shared/visually-hidden';
import { useResource } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Notice } from '@shared/components/notice';
import { Empty } from '@shared/components/empty';
import { hiddenObjectivesNote } from '@shared/hidden-objectives';
import { PanelSkeleton } from './panel-skeleton';
import { ServedObjective } from './served-objective';
import { LinkPicker } from './link-picker';
import { PromptList } from './prompt-list';
import { PanelSection, StackedList } from './panel-section';
import { targetId, type Candidate } from './link-candidates';

/** The project of an issue: its key's prefix (`WEB-12` → `WEB`). */
function projectOfIssue(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}

/** The issue panel: what this issue serves, linking and unlinking it, and the user's prompts about it. */
export function IssuePanel() {
  const { context } = useHost();
  if (context.issueKey === null) {
    return (
      <Notice appearance="error" title="Tether could not tell which issue this is">
        Jira did not say which issue this panel is on. Reload the issue.
      </Notice>
    );
  }
  return (
    <IssuePanelFor issueKey={context.issueKey} projectKey={context.projectKey ?? projectOfIssue(context.issueKey)} />
  );
}

function directTargets(view: IssuePanelView): Set<string> {
  return new Set(
    view.serves.flatMap((s) => s.links.filter((l) => l.direct).map((l) => targetId(s.objective.key, l.keyResultId))),
  );
}

function ReadOnlyNote({ issueKey }: { issueKey: string }) {
  return (
    <Notice appearance="information" title={`You can't link or unlink ${issueKey}`}>
      Linking an issue to an objective changes the issue, and you don't have permission to edit {issueKey} in Jira. Ask
      a project administrator for the Edit issues permission, or someone who has it to link the issue.
    </Notice>
  );
}

function IssuePanelFor({ issueKey, projectKey }: { issueKey: string; projectKey: string }) {
  const { flag } = useHost();
  const view = useResource('issue-panel/view', { issueKey });
  const inbox = useResource('prompts/inbox', { issueKey });
  const [picking, setPicking] = useState(false);
  const linkButton = useRef<HTMLButtonElement>(null);
  const linkedHere = useMemo(() => (view.data === null ? new Set<string>() : directTargets(view.data)), [view.data]);

  // One skeleton until both have answered, so nothing moves when the second arrives.
  if (view.state === 'loading' || inbox.state === 'loading') return <PanelSkeleton />;
  if (view.data === null) return <ErrorNotice error={view.error} onRetry={view.reload} onReload={view.reload} />;

  const data = view.data;
  const hidden = hiddenObjectivesNote(issueKey, data.hiddenServed, data.serves.length > 0);
  const closePicker = () => {
    setPicking(false);
    requestAnimationFrame(() => linkButton.current?.focus());
  };
  const linked = (change: ContributionChange, picked: Candidate) => {
    closePicker();
    view.reload();
    const pending = change.properties.pending.length;
    const searchable =
      pending === 0
        ? `JQL objective = ${change.objectiveKey} finds it.`
        : `${count(pending, 'issue')} under it ${pending === 1 ? 'is' : 'are'} not searchable by objective in JQL yet.`;
    flag({
      type: 'success',
      title: change.changed ? `Linked ${issueKey} to ${picked.key}` : `${issueKey} was already linked to ${picked.key}`,
      description: `${picked.title}. ${searchable}`,
    });
  };
  const unlinked = (change: ContributionChange) => {
    view.reload();
    flag({
      type: 'success',
      title: change.changed
        ? `Unlinked ${issueKey} from ${change.objectiveKey}`
        : `${issueKey} was not linked to ${change.objectiveKey}`,
    });
  };

  const linkAction =
    data.canEdit && !picking ? (
      <Button ref={linkButton} onClick={() => setPicking(true)}>
        Link to an objective
      </Button>
    ) : null;

  return (
    <main
      aria-busy={view.refreshing}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.200'),
        padding: token('space.025'),
        color: token('color.text'),
        font: token('font.body'),
      }}
    >
      <h1 style={VISUALLY_HIDDEN}>Tether: objectives of {issueKey}</h1>
      {view.error !== null ? (
        <ErrorNotice error={view.error} alert onRetry={view.reload} onReload={view.reload} />
      ) : null}
      {inbox.state === 'error' ? (
        <ErrorNotice error={inbox.error} onRetry={inbox.reload} onReload={inbox.reload} />
      ) : null}
      {inbox.data !== null ? (
        <PromptList
          prompts={inbox.data.prompts}
          waiting={inbox.data.waiting}
          issueKey={issueKey}
          onReload={inbox.reload}
          onLink={data.canEdit ? () => setPicking(true) : undefined}
        />
      ) : null}
      <PanelSection headingId="serves-heading" title={`What ${issueKey} serves`}>
        {data.canEdit ? null : <ReadOnlyNote issueKey={issueKey} />}
        {hidden === null ? null : <p style={{ margin: 0, font: token('font.body.small') }}>{hidden}</p>}
        {data.serves.length === 0 ? (
          <Empty
            title={
              data.hiddenServed > 0
                ? "This issue doesn't serve any objective you can see"
                : "This issue doesn't serve any objective yet"
            }
            action={linkAction}
          >
            {data.canEdit
              ? `Link it, or its epic, to an objective or key result of your workgroup so its progress counts there.`
              : `Someone who may edit ${issueKey} can link it, or its epic, to an objective or key result.`}
          </Empty>
        ) : (
          <>
            <StackedList>
              {data.serves.map((entry) => (
                <ServedObjective
                  key={entry.objective.id}
                  entry={entry}
                  issueKey={issueKey}
                  ancestors={data.ancestors}
                  canEdit={data.canEdit}
                  onUnlinked={unlinked}
                  onReload={view.reload}
                />
              ))}
            </StackedList>
            {linkAction === null ? null : <div>{linkAction}</div>}
          </>
        )}
        {picking ? (
          <LinkPicker
            issueKey={issueKey}
            projectKey={projectKey}
            linkedHere={linkedHere}
            onLinked={linked}
            onClose={closePicker}
          />
        ) : null}
      </PanelSection>
    </main>
  );
}
