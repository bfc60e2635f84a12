/** One workgroup: its name, leads and what its prompts yielded, then its objectives as a tree. */
import { memo, useMemo } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { Empty } from '@shared/components/empty';
import { Person } from '@shared/components/person';
import type { FeedbackSummary } from '@contract/prompts';
import type { UserSummary } from '@shared/jira-users';
import { FeedbackFigures } from './feedback-figures';
import { visibleRows, type Section } from './objective-tree';
import { ObjectiveTree } from './objective-tree-view';

const KIND: Record<string, string> = {
  'permanent-team': 'Permanent team',
  'cross-functional-team': 'Cross-functional team',
  squad: 'Squad',
  'delivery-group': 'Delivery group',
};

export const WorkgroupSection = memo(function WorkgroupSection({
  section,
  collapsed,
  openAll,
  selectedKey,
  users,
  levelNames,
  onToggle,
  onOpen,
  canAdd,
  onAdd,
  feedback,
}: {
  section: Section;
  collapsed: ReadonlySet<string>;
  openAll: boolean;
  selectedKey: string | null;
  users: ReadonlyMap<string, UserSummary>;
  levelNames: ReadonlyMap<string, string>;
  onToggle: (rowId: string, expand?: boolean) => void;
  onOpen: (key: string) => void;
  canAdd: boolean;
  onAdd: () => void;
  /** Its header's feedback figures (project-page/feedback, asked after the first screen); null: none yet. */
  feedback: FeedbackSummary | null;
}) {
  const { workgroup } = section;
  const rows = useMemo(() => visibleRows(section.roots, collapsed, openAll), [section.roots, collapsed, openAll]);
  const headingId = `wg-${workgroup.id}`;
  return (
    <section aria-labelledby={headingId} style={{ marginBottom: token('space.300') }}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: token('space.150'),
          borderBottom: `${token('border.width')} solid ${token('color.border')}`,
          paddingBottom: token('space.075'),
          marginBottom: token('space.075'),
        }}
      >
        <h2 id={headingId} style={{ font: token('font.heading.small'), margin: 0 }}>
          {workgroup.name}
        </h2>
        <span style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>
          {KIND[workgroup.kind] ?? workgroup.kind}
        </span>
        {workgroup.youLead ? <Lozenge appearance="inprogress">You lead</Lozenge> : null}
        <span
          style={{
            display: 'inline-flex',
            gap: token('space.100'),
            font: token('font.body.small'),
            color: token('color.text.subtle'),
          }}
          aria-label="Leads"
        >
          {workgroup.leads.map((id) => (
            <Person key={id} accountId={id} user={users.get(id)} />
          ))}
        </span>
        {feedback ? <FeedbackFigures feedback={feedback} compact /> : null}
      </div>
      {section.roots.length === 0 ? (
        <Empty
          title={`${workgroup.name} has no objectives in this period`}
          action={canAdd ? <Button onClick={onAdd}>Create objective</Button> : undefined}
        >
          {canAdd
            ? 'Add what the workgroup aims for, aligned to an organisation objective.'
            : "The workgroup's leads add its objectives."}
        </Empty>
      ) : (
        <ObjectiveTree
          label={`Objectives of ${workgroup.name}`}
          rows={rows}
          selectedKey={selectedKey}
          users={users}
          levelNames={levelNames}
          onToggle={onToggle}
          onOpen={onOpen}
        />
      )}
    </section>
  );
});
