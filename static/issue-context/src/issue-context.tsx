import { token } from '@atlaskit/tokens';
import { useHost } from '@shared/app-context';
import { VISUALLY_HIDDEN } from '@shared/visually-hidden';
import { useResource } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Notice } from '@shared/components/notice';
import { ContextPrompts } from './context-prompts';
import { ContextSkeleton } from './context-skeleton';
import { ServedLine } from './served-line';
import { PanelSection, StackedList } from '../../issue-panel/src/panel-section';
import { hiddenObjectivesNote } from '@shared/hidden-objectives';

const small = { margin: 0, font: token('font.body.small'), color: token('color.text.subtle') } as const;

/**
 * The issue context (`jira:issueContext`): on every issue, without the user adding anything, what
 * the issue serves (directly or through its epic or parent) with its share and each objective's
 * status, and the user's open prompts about the issue, answered in place. Linking and unlinking
 * stay in the issue panel.
 */
export function IssueContext() {
  const { context } = useHost();
  if (context.issueKey === null) {
    return (
      <Notice appearance="error" title="Tether could not tell which issue this is">
        Jira did not say which issue this is. Reload the issue.
      </Notice>
    );
  }
  return <IssueContextFor issueKey={context.issueKey} />;
}

function IssueContextFor({ issueKey }: { issueKey: string }) {
  const view = useResource('issue-panel/view', { issueKey });
  const inbox = useResource('prompts/inbox', { issueKey });

  // The skeleton holds the place until what the issue serves has answered; the user's questions come
  // below it whenever the inbox answers, so nothing already shown moves when they arrive.
  if (view.state === 'loading') return <ContextSkeleton />;
  const data = view.data;
  const hidden = data === null ? null : hiddenObjectivesNote(issueKey, data.hiddenServed, data.serves.length > 0);

  return (
    <main
      aria-busy={view.refreshing}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.150'),
        padding: token('space.025'),
        color: token('color.text'),
        font: token('font.body'),
      }}
    >
      <h1 style={VISUALLY_HIDDEN}>Tether: what {issueKey} serves</h1>
      {data === null ? (
        <ErrorNotice error={view.error} onRetry={view.reload} onReload={view.reload} />
      ) : (
        <PanelSection headingId="context-serves-heading" title={`What ${issueKey} serves`}>
          {view.error !== null ? (
            <ErrorNotice error={view.error} alert onRetry={view.reload} onReload={view.reload} />
          ) : null}
          {data.serves.length === 0 && data.hiddenServed === 0 ? (
            <p style={{ ...small, color: token('color.text') }}>
              {issueKey} doesn&apos;t serve any objective you can see yet.
            </p>
          ) : data.serves.length === 0 ? null : (
            <StackedList>
              {data.serves.map((entry) => (
                <ServedLine key={entry.objective.id} entry={entry} issueKey={issueKey} ancestors={data.ancestors} />
              ))}
            </StackedList>
          )}
          {hidden === null ? null : <p style={{ ...small, color: token('color.text') }}>{hidden}</p>}
          <p style={small}>
            {data.canEdit
              ? `To link ${issueKey} to an objective or unlink it, open Objectives from the issue's Apps button.`
              : `Someone who may edit ${issueKey} can link it, or its epic, to an objective from the issue's Apps button (Objectives).`}
          </p>
        </PanelSection>
      )}
      {inbox.state === 'error' ? (
        <ErrorNotice error={inbox.error} onRetry={inbox.reload} onReload={inbox.reload} />
      ) : null}
      {inbox.data !== null ? (
        <ContextPrompts
          prompts={inbox.data.prompts}
          waiting={inbox.data.waiting}
          issueKey={issueKey}
          onReload={inbox.reload}
        />
      ) : null}
    </main>
  );
}
