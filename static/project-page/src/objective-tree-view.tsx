/**
 * One workgroup's objectives as an accessible tree (WAI-ARIA tree pattern): one tab stop, arrow
 * keys move and fold, Home/End, Enter opens the objective's detail. A row's name comes from its
 * content ("O-2 Checkout converts better · 2/4 issues At risk 25% against an even pace of 40% Ana Alves"), so
 * what is seen is what is heard.
 *
 * Rows are one line of ROW_HEIGHT px (dense: about 30 objectives a screen). A long title is cut
 * with an ellipsis and keeps its full text in a tooltip (`title`) and in the row's name. The
 * columns follow the tree's own width (CSS container queries), not the window's: beside the
 * detail or in a narrow Jira frame the owner's name gives way to the avatar, then the columns
 * narrow; a row never wraps or overflows.
 *
 * The tree is windowed (tree-window.ts): only the blocks of rows on screen, their neighbours and
 * the focused row's block are in the DOM, each row placed at its index × ROW_HEIGHT, so a
 * workgroup of 2,000 objectives draws its first screen as fast as one of 40. Every row still says
 * where it is in the whole tree (aria-level, aria-posinset, aria-setsize).
 */
import { noun } from '@shared/plural';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { token } from '@atlaskit/tokens';
import { ProgressMeter } from '@shared/components/progress-meter';
import { StatusLozenge } from '@shared/components/status-lozenge';
import { statusWords } from '@shared/figure-words';
import { shownStatus } from '@shared/status-text';
import { Person } from '@shared/components/person';
import type { UserSummary } from '@shared/jira-users';
import { Chevron } from './chevron';
import type { TreeRow } from './objective-tree';
import { BLOCK_ROWS, blocksToDraw, useVisibleBlocks } from './tree-window';

/** Every row's height in px: the windowing places rows by index with it. */
export const ROW_HEIGHT = 30;

export const TREE_STYLE = `
.tether-tree-box { container-type: inline-size; position: relative; }
.tether-row { cursor: pointer; border-radius: ${token('radius.small')}; position: absolute; left: 0; right: 0; height: ${ROW_HEIGHT}px; box-sizing: border-box; }
.tether-row:hover > .tether-row-body { background: ${token('color.background.neutral.subtle.hovered')}; }
.tether-row:focus { outline: none; }
.tether-row:focus-visible > .tether-row-body { outline: 2px solid ${token('color.border.focused')}; outline-offset: -2px; }
.tether-row[aria-selected="true"] > .tether-row-body { background: ${token('color.background.selected')}; }
.tether-row-body { display: grid; grid-template-columns: minmax(0, 1fr) 96px 168px 152px; align-items: center; column-gap: ${token('space.150')}; height: 100%; box-sizing: border-box; border-radius: ${token('radius.small')}; padding-right: ${token('space.100')}; }
.tether-row-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.tether-row-owner { min-width: 0; overflow: hidden; }
@container (max-width: 760px) {
  .tether-row-body { grid-template-columns: minmax(0, 1fr) 88px 120px 28px; column-gap: ${token('space.100')}; }
  .tether-row-owner-name { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
}
@container (max-width: 520px) {
  .tether-row-body { grid-template-columns: minmax(0, 1fr) 84px 88px 28px; column-gap: ${token('space.075')}; }
  .tether-row-issues { display: none; }
}
`;

interface ItemProps {
  row: TreeRow;
  index: number;
  focused: boolean;
  selected: boolean;
  owner: UserSummary | undefined;
  levelName: string;
  onToggle: (rowId: string) => void;
  onOpen: (key: string) => void;
  onFocusRow: (rowId: string) => void;
}

const TreeItem = memo(function TreeItem({
  row,
  index,
  focused,
  selected,
  owner,
  levelName,
  onToggle,
  onOpen,
  onFocusRow,
}: ItemProps) {
  const { node } = row;
  const { objective, rollup } = node.entry;
  const work = rollup?.work;
  const status = shownStatus(node.entry);
  // why the status, as the server worked it out: the lozenge's tooltip and the row's description
  const why = node.entry.statusReason ? statusWords(node.entry.statusReason, Date.now()) : undefined;
  return (
    <li
      role="treeitem"
      aria-description={why}
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
      style={{ listStyle: 'none', top: index * ROW_HEIGHT }}
    >
      <div
        className="tether-row-body"
        style={{ paddingLeft: `calc(${token('space.050')} + ${(row.level - 1) * 16}px)` }}
      >
        <span style={{ display: 'flex', alignItems: 'center', gap: token('space.075'), minWidth: 0 }}>
          <span
            onClick={(e) => {
              if (row.expanded === null) return;
              e.stopPropagation();
              onFocusRow(row.node.rowId);
              onToggle(row.node.rowId);
            }}
            style={{ display: 'inline-flex', padding: 2, flex: 'none' }}
          >
            <Chevron expanded={row.expanded} />
          </span>
          <span style={{ font: token('font.body.small'), color: token('color.text.subtle'), flex: 'none' }}>
            {objective.key}
          </span>
          <span
            data-title
            className="tether-row-title"
            title={objective.title}
            style={{
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
              className="tether-row-issues"
              style={{ font: token('font.body.small'), color: token('color.text.subtle'), flex: 'none' }}
              title={`${work.done} of ${work.issues} contributing issues done`}
            >
              · {work.done}/{work.issues} {noun(work.issues, 'issue')}
            </span>
          ) : null}
        </span>
        <span style={{ display: 'flex', minWidth: 0 }} title={why}>
          <StatusLozenge status={status} />
        </span>
        <ProgressMeter
          progress={rollup?.progress ?? null}
          expected={rollup?.expected ?? null}
          status={status}
          label={`${objective.key} progress`}
          inNamedRow
        />
        <span className="tether-row-owner" title={owner?.displayName ?? objective.owner}>
          <OwnerCell accountId={objective.owner} owner={owner} />
        </span>
      </div>
    </li>
  );
});

/** The owner: avatar and name; where the tree is narrow the name is hidden from sight, not from screen readers. */
function OwnerCell({ accountId, owner }: { accountId: string; owner: UserSummary | undefined }) {
  return (
    <span className="tether-row-owner-cell" style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
      <Person accountId={accountId} user={owner} nameClassName="tether-row-owner-name" />
    </span>
  );
}

interface ObjectiveTreeProps {
  label: string;
  rows: TreeRow[];
  selectedKey: string | null;
  users: ReadonlyMap<string, UserSummary>;
  levelNames: ReadonlyMap<string, string>;
  onToggle: (rowId: string, expand?: boolean) => void;
  onOpen: (key: string) => void;
}

export function ObjectiveTree({ label, rows, selectedKey, users, levelNames, onToggle, onOpen }: ObjectiveTreeProps) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const moved = useRef(false);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.node.rowId, i])), [rows]);
  const focusIndex = focusedId !== null && indexById.has(focusedId) ? (indexById.get(focusedId) ?? 0) : 0;
  const currentId = rows[focusIndex]?.node.rowId ?? null;
  const blockCount = Math.ceil(rows.length / BLOCK_ROWS);
  const { visible, sentinels } = useVisibleBlocks(blockCount, BLOCK_ROWS * ROW_HEIGHT);
  const drawn = useMemo(() => blocksToDraw(visible, blockCount, focusIndex), [visible, blockCount, focusIndex]);

  useEffect(() => {
    if (!moved.current || currentId === null) return;
    moved.current = false;
    const items = Array.from(listRef.current?.children ?? []);
    const item = items.find((el) => el instanceof HTMLElement && el.dataset['rowid'] === currentId);
    if (item instanceof HTMLElement) item.focus();
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

  const items: JSX.Element[] = [];
  for (const block of drawn) {
    const end = Math.min(rows.length, (block + 1) * BLOCK_ROWS);
    for (let i = block * BLOCK_ROWS; i < end; i += 1) {
      const row = rows[i];
      if (row === undefined) continue;
      items.push(
        <TreeItem
          key={row.node.rowId}
          row={row}
          index={i}
          focused={i === focusIndex}
          selected={row.node.entry.objective.key === selectedKey}
          owner={users.get(row.node.entry.objective.owner)}
          levelName={levelNames.get(row.node.entry.objective.levelId) ?? ''}
          onToggle={toggle}
          onOpen={open}
          onFocusRow={setFocusedId}
        />,
      );
    }
  }

  return (
    <div className="tether-tree-box">
      {sentinels}
      <ul
        ref={listRef}
        role="tree"
        aria-label={label}
        onKeyDown={onKeyDown}
        style={{ margin: 0, padding: 0, position: 'relative', height: rows.length * ROW_HEIGHT }}
      >
        {items}
      </ul>
    </div>
  );
}
