import { token } from '@atlaskit/tokens';
import type { IssueLink, IssuePanelView } from '@contract/api/views';
// The issue panel's own phrasing of a share and its issue links: the two issue surfaces say the same.
import { IssueAnchor } from '../../issue-panel/src/issue-anchor';
import { phraseShare, workOf } from '../../issue-panel/src/share-phrases';
import { ProgressLine, StatusPill } from './light';

type ServedEntry = IssuePanelView['serves'][number];

/** Where an ancestor sits: "its parent", "2 levels up". */
function relation(ancestors: readonly string[], issueKey: string): string {
  const at = ancestors.indexOf(issueKey);
  if (at === 0) return 'its parent';
  if (at > 0) return `${at + 1} levels up`;
  return 'above it';
}

function target(entry: ServedEntry, keyResultId: string | null): string | null {
  if (keyResultId === null) return null;
  const kr = entry.objective.keyResults.find((k) => k.id === keyResultId);
  return kr === undefined ? 'a key result' : `${kr.key} ${kr.title}`;
}

/** How the issue serves the objective: linked here, or through an ancestor (with a way there). */
function Via({ entry, link, ancestors }: { entry: ServedEntry; link: IssueLink; ancestors: readonly string[] }) {
  const kr = target(entry, link.keyResultId);
  const to = kr === null ? null : <>, to {kr}</>;
  if (link.direct) return <li>Linked here{to}</li>;
  return (
    <li>
      Through <IssueAnchor issueKey={link.issueKey} /> ({relation(ancestors, link.issueKey)}){to}
    </li>
  );
}

/** The issue's share of the objective's work and of its key results' (one line when they all say the same). */
function Share({ entry, issueKey }: { entry: ServedEntry; issueKey: string }) {
  const lines = entry.shares.map((share) => ({
    label: share.keyResultId === null ? null : (target(entry, share.keyResultId) ?? ''),
    text: phraseShare(share, workOf(entry.rollup, share.keyResultId), issueKey),
  }));
  const first = lines[0];
  if (first === undefined) return null;
  const style = { margin: 0, padding: 0, listStyle: 'none', font: token('font.body.small') } as const;
  if (lines.every((l) => l.text === first.text)) return <p style={style}>{first.text}</p>;
  return (
    <ul style={style}>
      {lines.map((l) => (
        <li key={l.label ?? '-'}>
          <span style={{ color: token('color.text.subtlest') }}>{l.label ?? 'Its work'}:</span> {l.text}
        </li>
      ))}
    </ul>
  );
}

/** One objective the issue serves, compact: key, title and status; progress; how; the issue's share. */
export function ServedLine({
  entry,
  issueKey,
  ancestors,
}: {
  entry: ServedEntry;
  issueKey: string;
  ancestors: readonly string[];
}) {
  const { objective, rollup } = entry;
  const headingId = `context-served-${objective.key}`;
  return (
    <li
      aria-labelledby={headingId}
      style={{
        listStyle: 'none',
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.075'),
        paddingBottom: token('space.100'),
        borderBottom: `1px solid ${token('color.border')}`,
      }}
    >
      <div
        style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: token('space.100') }}
      >
        <h3
          id={headingId}
          style={{ margin: 0, font: token('font.heading.xxsmall'), color: token('color.text'), minWidth: 0 }}
        >
          {/* the space keeps key and title apart in the heading's accessible name */}
          <span style={{ color: token('color.text.subtle') }}>{objective.key}</span> {objective.title}
        </h3>
        {rollup === null ? null : <StatusPill status={rollup.status} />}
      </div>
      <ProgressLine progress={rollup?.progress ?? null} label={`${objective.key} ${objective.title}`} />
      <ul
        style={{
          margin: 0,
          padding: 0,
          listStyle: 'none',
          font: token('font.body.small'),
          color: token('color.text.subtle'),
        }}
      >
        {entry.links.map((link) => (
          <Via key={`${link.issueKey}/${link.keyResultId ?? '-'}`} entry={entry} link={link} ancestors={ancestors} />
        ))}
      </ul>
      <Share entry={entry} issueKey={issueKey} />
    </li>
  );
}
