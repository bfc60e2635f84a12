/**
 * One workgroup's objectives as an accessible tree (WAI-ARIA tree pattern): one tab stop, arrow
 * keys move and fold, Enter opens the objective's detail. A row's name comes from its content
 * ("O-2 Checkout converts better · 2/4 issues At risk 25% Ana Alves"), so what is seen is what is heard. Rows are memoised so that typing in the
 * search box re-renders only the rows that change.
 */
import { noun } from '@shared/plural';
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { token } from '@atlaskit/tokens';
import { ProgressMeter } from '@shared/components/progress-meter';
import { StatusLozenge } from '@shared/components/status-lozenge';
import { Person } from '@shared/components/person';
import type { UserSummary } from '@shared/jira-users';
import { statusOf, type TreeRow } from './objective-tree';

export const TREE_STYLE = `
.tether-row { cursor: pointer; border-radius: ${token('radius.small')}; }
.tether-row:hover > .tether-row-body { background: ${token('color.background.neutral.subtle.hovered')}; }
.tether-row:focus { outline: none; }
.tether-row:focus-visible > .tether-row-body { outline: 2px solid ${token('color.border.focused')}; outline-offset: -2px; }
.tether-row[aria-selected="true"] > .tether-row-body { background: ${token('color.background.selected')}; }
`;

function Chevron({ expanded }: { expanded: boolean | null }) {
  if (expanded === null) return <span style={{ display: 'inline-block', width: 16 }} />;
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms', flex: 'none' }}
    >
      <path
        d="M6 4l4 4-4 4"
        fill="none"
        stroke={token('color.icon')}
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

interface ItemProps {
  row: TreeRow;
  focused: boolean;
  selected: boolean;
  owner: UserSummary | undefined;
  levelName: string;
  onToggle: (rowId: string) => void;
  onOpen: (key: string) => void;
  onFocusRow: (rowId: string) => void;
  /** Beside the detail panel: the title takes its own line, the figures go below it. */
  compact: boolean;
}

const TreeItem = memo(function TreeItem({
  row,
  focused,
  selected,
  owner,
  levelName,
  onToggle,
  onOpen,
  onFocusRow,
  compact,
}: ItemProps) {
  const { node } = row;
  const { objective, rollup } = node.entry;
  const work = rollup?.work;
  return (
    <li
      role="treeitem"
      id={`row-${row.node.rowId}`}
      className="tether-row"
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.expanded ?? undefined}
      aria-selected={selected}
      data-objective-key={objective.key}
      tabIndex={focused ? 0 : -1}
      data-rowid={row.node.rowId}
      onClick={(e) => {
        e.stopPropagation();
        onFocusRow(row.node.rowId);
        onOpen(objective.key);
      }}
      style={{ listStyle: 'none' }}
    >
      <div
        className="tether-row-body"
        style={{
          display: 'grid',
          gridTemplateColumns: compact ? 'auto 1fr auto' : 'minmax(0, 1fr) 96px 180px 170px',
          alignItems: 'center',
          columnGap: token('space.150'),
          rowGap: token('space.050'),
          padding: `${token('space.075')} ${token('space.100')}`,
          paddingLeft: `calc(${token('space.100')} + ${(row.level - 1) * 20}px)`,
          minHeight: 40,
          borderRadius: token('radius.small'),
        }}
      >
        <span
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: token('space.075'),
            minWidth: 0,
            gridColumn: compact ? '1 / -1' : undefined,
          }}
        >
          <span
            onClick={(e) => {
              if (row.expanded === null) return;
              e.stopPropagation();
              onFocusRow(row.node.rowId);
              onToggle(row.node.rowId);
            }}
            style={{ display: 'inline-flex', padding: 2 }}
          >
            <Chevron expanded={row.expanded} />
          </span>
          <span style={{ font: token('font.body.small'), color: token('color.text.subtle'), flex: 'none' }}>
            {objective.key}
          </span>
          <span
            data-title
            style={{
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
              color: node.context ? token('color.text.subtle') : token('color.text'),
              fontWeight: node.context ? undefined : token('font.weight.medium'),
            }}
          >
            {objective.title}
          </span>
          {node.context ? (
            <span style={{ font: token('font.body.small'), color: token('color.text.subtle'), flex: 'none' }}>
              · {levelName}
            </span>
          ) : null}
          {work && work.issues > 0 ? (
            <span
              style={{ font: token('font.body.small'), color: token('color.text.subtle'), flex: 'none' }}
              title={`${work.done} of ${work.issues} contributing issues done`}
            >
              · {work.done}/{work.issues} {noun(work.issues, 'issue')}
            </span>
          ) : null}
        </span>
        <span style={{ paddingLeft: compact ? 22 : undefined }}>
          <StatusLozenge status={statusOf(node.entry)} />
        </span>
        <ProgressMeter
          progress={rollup?.progress ?? null}
          expected={rollup?.expected ?? null}
          label={`${objective.key} progress`}
          inNamedRow
        />
        <Person accountId={objective.owner} user={owner} />
      </div>
    </li>
  );
});

/** Rows drawn in the first paint; the rest follow at once, without holding it up. */
export const FIRST_ROWS = 40;

interface ObjectiveTreeProps {
  label: string;
  rows: TreeRow[];
  selectedKey: string | null;
  users: ReadonlyMap<string, UserSummary>;
  levelNames: ReadonlyMap<string, string>;
  onToggle: (rowId: string, expand?: boolean) => void;
  onOpen: (key: string) => void;
  compact: boolean;
}

export function ObjectiveTree({
  label,
  rows,
  selectedKey,
  users,
  levelNames,
  onToggle,
  onOpen,
  compact,
}: ObjectiveTreeProps) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // a long tree shows its top first: the other rows are added in a transition right after
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  useEffect(() => {
    if (rows.length <= drawn) return;
    const timer = setTimeout(() => startTransition(() => setDrawn(Number.POSITIVE_INFINITY)), 0);
    return () => clearTimeout(timer);
  }, [rows.length, drawn]);
  const listRef = useRef<HTMLUListElement>(null);
  const moved = useRef(false);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.node.rowId, i])), [rows]);
  const focusIndex = focusedId !== null && indexById.has(focusedId) ? (indexById.get(focusedId) ?? 0) : 0;
  const currentId = rows[focusIndex]?.node.rowId ?? null;

  useEffect(() => {
    if (!moved.current || currentId === null) return;
    moved.current = false;
    listRef.current?.querySelector<HTMLElement>(`[data-rowid="${currentId}"]`)?.focus();
  }, [currentId]);

  const moveTo = useCallback((rowId: string | undefined) => {
    if (rowId === undefined) return;
    moved.current = true;
    setFocusedId(rowId);
  }, []);

  const open = useCallback((key: string) => onOpen(key), [onOpen]);
  const toggle = useCallback((rowId: string) => onToggle(rowId), [onToggle]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const row = rows[focusIndex];
    if (row === undefined) return;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(rows[focusIndex + 1]?.node.rowId);
        break;
      case 'ArrowUp':
        moveTo(rows[focusIndex - 1]?.node.rowId);
        break;
      case 'Home':
        moveTo(rows[0]?.node.rowId);
        break;
      case 'End':
        moveTo(rows[rows.length - 1]?.node.rowId);
        break;
      case 'ArrowRight':
        if (row.expanded === false) onToggle(row.node.rowId, true);
        else if (row.expanded === true) moveTo(rows[focusIndex + 1]?.node.rowId);
        break;
      case 'ArrowLeft':
        if (row.expanded === true) onToggle(row.node.rowId, false);
        else if (row.parentRowId !== null) moveTo(row.parentRowId);
        break;
      case 'Enter':
      case ' ':
        onOpen(row.node.entry.objective.key);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <ul ref={listRef} role="tree" aria-label={label} onKeyDown={onKeyDown} style={{ margin: 0, padding: 0 }}>
      {(rows.length > drawn ? rows.slice(0, drawn) : rows).map((row, i) => (
        <TreeItem
          key={row.node.rowId}
          row={row}
          focused={i === focusIndex}
          selected={row.node.entry.objective.key === selectedKey}
          owner={users.get(row.node.entry.objective.owner)}
          levelName={levelNames.get(row.node.entry.objective.levelId) ?? ''}
          onToggle={toggle}
          onOpen={open}
          onFocusRow={setFocusedId}
          compact={compact}
        />
      ))}
    </ul>
  );
}
