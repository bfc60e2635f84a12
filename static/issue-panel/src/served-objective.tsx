import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { IssuePanelView, IssueLink } from '@contract/api/views';
import type { ContributionChange } from '@contract/api/contributions';
import { useAction } from '@shared/use-resource';
import { StatusLozenge } from '@shared/components/status-lozenge';
import { ProgressMeter } from '@shared/components/progress-meter';
import { ErrorNotice } from '@shared/components/error-notice';
import { IssueAnchor } from './issue-anchor';
import { phraseShare, workOf } from './share-phrases';

type ServedEntry = IssuePanelView['serves'][number];

function keyResultName(entry: ServedEntry, keyResultId: string): string {
  const kr = entry.objective.keyResults.find((k) => k.id === keyResultId);
  return kr === undefined ? 'a key result' : `${kr.key} ${kr.title}`;
}

function targetOf(entry: ServedEntry, keyResultId: string | null): string {
  return keyResultId === null ? 'the objective as a whole' : keyResultName(entry, keyResultId);
}

/** Where an ancestor sits: "its parent", "2 levels up". */
function relation(ancestors: readonly string[], issueKey: string): string {
  const at = ancestors.indexOf(issueKey);
  if (at === 0) return 'its parent';
  if (at > 0) return `${at + 1} levels up`;
  return 'above it';
}

function LinkLine({
  entry,
  link,
  issueKey,
  ancestors,
  canEdit,
  busy,
  onUnlink,
}: {
  entry: ServedEntry;
  link: IssueLink;
  issueKey: string;
  ancestors: readonly string[];
  canEdit: boolean;
  busy: boolean;
  onUnlink(link: IssueLink): void;
}) {
  if (link.direct) {
    return (
      <li style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: token('space.100') }}>
        <span>Linked here to {targetOf(entry, link.keyResultId)}</span>
        {canEdit ? (
          <Button
            appearance="subtle"
            spacing="compact"
            isDisabled={busy}
            aria-label={`Unlink ${issueKey} from ${entry.objective.key}${link.keyResultId === null ? '' : ` ${keyResultName(entry, link.keyResultId)}`}`}
            onClick={() => onUnlink(link)}
          >
            Unlink
          </Button>
        ) : null}
      </li>
    );
  }
  return (
    <li>
      Through <IssueAnchor issueKey={link.issueKey} /> ({relation(ancestors, link.issueKey)}), linked to{' '}
      {targetOf(entry, link.keyResultId)}. To unlink, open <IssueAnchor issueKey={link.issueKey} />.
    </li>
  );
}

/** What the issue weighs in the objective's work and its key results' (one line when they all say the same). */
function Weight({ entry, issueKey }: { entry: ServedEntry; issueKey: string }) {
  const lines = entry.shares.map((share) => ({
    label: share.keyResultId === null ? 'Its work' : keyResultName(entry, share.keyResultId),
    text: phraseShare(share, workOf(entry.rollup, share.keyResultId), issueKey),
  }));
  if (lines.length === 0) return null;
  const style = { margin: 0, font: token('font.body.small'), color: token('color.text') } as const;
  const first = lines[0];
  if (first !== undefined && lines.every((l) => l.text === first.text)) return <p style={style}>{first.text}</p>;
  return (
    <ul
      style={{
        ...style,
        padding: 0,
        listStyle: 'none',
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.050'),
      }}
    >
      {lines.map((l) => (
        <li key={l.label}>
          <span style={{ color: token('color.text.subtlest') }}>{l.label}:</span> {l.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * One objective the issue serves: its status and progress, where each link is (here, or on an
 * ancestor, with a way there), and what the issue weighs in its work. Direct links can be
 * unlinked here when the user may edit the issue.
 */
export function ServedObjective({
  entry,
  issueKey,
  ancestors,
  canEdit,
  onUnlinked,
  onReload,
}: {
  entry: ServedEntry;
  issueKey: string;
  ancestors: readonly string[];
  canEdit: boolean;
  onUnlinked(change: ContributionChange): void;
  onReload(): void;
}) {
  const { objective, rollup, links } = entry;
  const unlink = useAction('contributions/unlink');
  const headingId = `served-${objective.key}`;

  const onUnlink = async (link: IssueLink) => {
    const change = await unlink.run({ issueKey, objectiveKey: objective.key, keyResultId: link.keyResultId });
    if (change !== null) onUnlinked(change);
  };

  return (
    <li
      aria-labelledby={headingId}
      style={{
        listStyle: 'none',
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.100'),
        padding: token('space.150'),
        border: `1px solid ${token('color.border')}`,
        borderRadius: token('radius.large'),
      }}
    >
      <div
        style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: token('space.100') }}
      >
        <h3
          id={headingId}
          style={{ margin: 0, font: token('font.heading.xsmall'), color: token('color.text'), minWidth: 0 }}
        >
          {/* the space keeps the key and the title apart in the heading's accessible name ("O-12 Title", not "O-12Title") */}
          <span style={{ color: token('color.text.subtle') }}>{objective.key}</span> {objective.title}
        </h3>
        {rollup === null ? null : <StatusLozenge status={rollup.status} />}
      </div>
      <ProgressMeter
        progress={rollup?.progress ?? null}
        expected={rollup?.expected ?? null}
        label={`${objective.key} ${objective.title}`}
      />
      <ul
        style={{
          margin: 0,
          padding: 0,
          listStyle: 'none',
          display: 'flex',
          flexDirection: 'column',
          gap: token('space.050'),
          font: token('font.body.small'),
          color: token('color.text.subtle'),
        }}
      >
        {links.map((link) => (
          <LinkLine
            key={`${link.issueKey}/${link.keyResultId ?? '-'}`}
            entry={entry}
            link={link}
            issueKey={issueKey}
            ancestors={ancestors}
            canEdit={canEdit}
            busy={unlink.pending}
            onUnlink={(l) => void onUnlink(l)}
          />
        ))}
      </ul>
      <Weight entry={entry} issueKey={issueKey} />
      {unlink.pending ? (
        <p role="status" style={{ margin: 0, font: token('font.body.small'), color: token('color.text.subtle') }}>
          Unlinking…
        </p>
      ) : null}
      {unlink.error !== null ? <ErrorNotice error={unlink.error} alert onReload={onReload} /> : null}
    </li>
  );
}
