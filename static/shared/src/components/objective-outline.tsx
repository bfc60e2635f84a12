/**
 * Objectives as a nested list, each with its level, workgroup, owner, status and progress: the
 * organisation page's tree and the dashboard gadget's (static/shared/src/organisation-tree.ts
 * builds the nodes). A list, not a tree widget: nothing in it is selected or edited, and a
 * screen reader hears each objective by its key and title.
 */
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { OutlineNode } from '../organisation-tree';
import { shownStatus } from '../status-text';
import { ProgressMeter } from './progress-meter';
import { StatusLozenge } from './status-lozenge';

export interface OutlineNames {
  level(levelId: string): string;
  workgroup(workgroupId: string | null): string;
  person(accountId: string): string;
}

const rowStyle = {
  display: 'grid',
  gridTemplateColumns: 'minmax(12rem, 1fr) auto auto',
  alignItems: 'center',
  gap: token('space.150'),
  padding: `${token('space.075')} 0`,
  borderBottom: `${token('border.width')} solid ${token('color.border')}`,
};

function Row({ node, names, compact }: { node: OutlineNode; names: OutlineNames; compact: boolean }) {
  const o = node.entry.objective;
  const label = `${o.key} ${o.title}`;
  const detail = [names.level(o.levelId), names.workgroup(o.workgroupId), compact ? null : names.person(o.owner)]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');
  return (
    <div style={{ ...rowStyle, color: node.context ? token('color.text.subtle') : token('color.text') }}>
      <div>
        <span style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>{o.key} </span>
        <span style={{ fontWeight: node.context ? undefined : token('font.weight.medium') }}>{o.title}</span>
        <div style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>
          {detail}
          {node.context ? ' · shown for context' : ''}
          {o.visibility === 'restricted' ? ' · restricted' : ''}
        </div>
      </div>
      <StatusLozenge status={shownStatus(node.entry)} />
      <ProgressMeter
        progress={node.entry.rollup?.progress ?? null}
        expected={node.entry.rollup?.expected ?? null}
        status={shownStatus(node.entry)}
        label={label}
      />
    </div>
  );
}

function Branch({
  nodes,
  names,
  compact,
  depth,
}: {
  nodes: readonly OutlineNode[];
  names: OutlineNames;
  compact: boolean;
  depth: number;
}): ReactNode {
  return (
    <ul style={{ listStyle: 'none', margin: 0, paddingLeft: depth === 0 ? 0 : token('space.300') }}>
      {nodes.map((node) => (
        <li key={node.entry.objective.id} aria-label={`${node.entry.objective.key} ${node.entry.objective.title}`}>
          <Row node={node} names={names} compact={compact} />
          {node.children.length > 0 ? (
            <Branch nodes={node.children} names={names} compact={compact} depth={depth + 1} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The tree; `compact` (a gadget) leaves the owner out of each line. */
export function ObjectiveOutline({
  roots,
  names,
  label,
  compact = false,
}: {
  roots: readonly OutlineNode[];
  names: OutlineNames;
  label: string;
  compact?: boolean;
}) {
  return (
    <div role="region" aria-label={label}>
      <Branch nodes={roots} names={names} compact={compact} depth={0} />
    </div>
  );
}
