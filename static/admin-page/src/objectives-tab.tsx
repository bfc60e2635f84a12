/**
 * The organisation's objectives of a period as a tree by primary parent (ancestors from other
 * periods shown for context). Re-parent by dragging a row onto another (drag and drop is loaded
 * only here) or, from the keyboard, with the row's "Move to…" action; both call
 * `objectives/move` with the version read and show the server's refusal when the hierarchy
 * forbids it.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import DragHandleIcon from '@atlaskit/icon/core/drag-handle-vertical';
import type { ObjectiveView } from '@contract/api';
import type { Level } from '@contract/levels';
import type { Period } from '@contract/periods';
import { useHost } from '@shared/app-context';
import { useAction, useResource } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Empty } from '@shared/components/empty';
import { Loading } from '@shared/components/loading';
import { FieldRow, Hidden, PeriodOptions, SectionTitle } from './form-bits';
import { NativeSelect } from '@shared/components/field';
import { MoveObjective, type MoveRequest } from './move-objective';
import { NewObjective } from './new-objective';
import { buildTree, subtreeKeys, type TreeNode } from './objective-tree';
import { MoveFormContext, MoveSlot, TreeFlags, useRowFlags } from './tree-flags';
import type { SettingsState } from './use-settings';

type Dnd = typeof import('./tree-dnd');

const NONE: readonly ObjectiveView[] = [];

/** The open period containing today (the shortest), else the latest open one, else none (all periods). */
export function defaultPeriod(periods: readonly Period[], today: string): string {
  const open = periods.filter((p) => p.state === 'open');
  const current = open
    .filter((p) => p.start <= today && today <= p.end)
    .sort((a, b) => Date.parse(a.end) - Date.parse(a.start) - (Date.parse(b.end) - Date.parse(b.start)))[0];
  return (current ?? open[open.length - 1])?.id ?? '';
}

interface RowProps {
  node: TreeNode;
  depth: number;
  levels: readonly Level[];
  periodName: (id: string) => string;
  dnd: Dnd | null;
  flags: TreeFlags;
  onStartMove: (key: string) => void;
}

const Row = memo(function Row({ node, depth, levels, periodName, dnd, flags, onStartMove }: RowProps) {
  const { objective, outside, children } = node;
  const rowRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!dnd || !rowRef.current || !handleRef.current) return;
    return dnd.bindRow(rowRef.current, handleRef.current, objective.key);
  }, [dnd, objective.key]);
  const { isOver, isMoving } = useRowFlags(flags, objective.key);
  const level = levels.find((l) => l.id === objective.levelId)?.name ?? objective.levelId;
  return (
    <li aria-label={`${objective.key} ${objective.title}`}>
      <div
        ref={rowRef}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: token('space.100'),
          padding: `${token('space.050')} ${token('space.100')}`,
          paddingLeft: `calc(${token('space.100')} + ${depth * 24}px)`,
          borderRadius: token('radius.small', '3px'),
          background: isOver ? token('color.background.selected') : 'transparent',
          boxShadow: isOver ? `inset 0 0 0 2px ${token('color.border.selected')}` : 'none',
          color: outside ? token('color.text.subtlest') : token('color.text'),
        }}
      >
        <span
          ref={handleRef}
          title={`Drag ${objective.key} onto its new parent`}
          aria-hidden="true"
          style={{ cursor: 'grab', display: 'inline-flex', color: token('color.icon.subtle') }}
        >
          <DragHandleIcon label="" />
        </span>
        <strong style={{ minWidth: 48 }}>{objective.key}</strong>
        <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {objective.title}
        </span>
        <span style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>{level}</span>
        {outside ? <span style={{ font: token('font.body.small') }}>{periodName(objective.periodId)}</span> : null}
        {objective.visibility === 'restricted' ? (
          <span style={{ font: token('font.body.small'), color: token('color.text.warning') }}>Restricted</span>
        ) : null}
        {objective.status !== 'active' ? (
          <span style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>
            {objective.status}
          </span>
        ) : null}
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={() => onStartMove(objective.key)}
          aria-expanded={isMoving}
        >
          Move to… <Hidden>{objective.key}</Hidden>
        </Button>
      </div>
      {isMoving ? <MoveSlot /> : null}
      {children.length > 0 ? (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {children.map((child) => (
            <Row
              key={child.objective.key}
              node={child}
              depth={depth + 1}
              levels={levels}
              periodName={periodName}
              dnd={dnd}
              flags={flags}
              onStartMove={onStartMove}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
});

function TopLevelZone({ dnd, over }: { dnd: Dnd | null; over: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!dnd || !ref.current) return;
    return dnd.bindTopLevel(ref.current);
  }, [dnd]);
  const active = dnd !== null && over === dnd.TOP_LEVEL;
  return (
    <div
      ref={ref}
      aria-hidden="true"
      style={{
        marginTop: token('space.100'),
        padding: token('space.100'),
        textAlign: 'center',
        border: `${token('border.width')} dashed ${active ? token('color.border.selected') : token('color.border')}`,
        borderRadius: token('radius.small', '3px'),
        color: token('color.text.subtlest'),
        font: token('font.body.small'),
      }}
    >
      Drop here to take an objective to the top of the tree
    </div>
  );
}

export function ObjectivesTab({ settings }: SettingsState) {
  const { flag } = useHost();
  const [periodId, setPeriodId] = useState(() =>
    defaultPeriod(settings.periods, new Date().toISOString().slice(0, 10)),
  );
  const list = useResource('objectives/list', periodId === '' ? {} : { periodId });
  const move = useAction('objectives/move');
  const [moving, setMoving] = useState<string | null>(null);
  const [dragError, setDragError] = useState(false);
  const [over, setOver] = useState<string | null>(null);
  const [dnd, setDnd] = useState<Dnd | null>(null);
  const [creating, setCreating] = useState(false);
  const [flags] = useState(() => new TreeFlags());
  // after a move (or a cancelled one), the focus returns to the objective's "Move to…", wherever it now sits
  const [refocus, setRefocus] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => flags.set({ over, moving }), [flags, over, moving]);

  const data = list.data;
  useEffect(() => {
    if (refocus === null || section.current === null) return;
    const button = Array.from(section.current.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent === `Move to… ${refocus}`,
    );
    if (button === undefined) return; // not drawn yet: the list is reloading
    button.focus();
    setRefocus(null);
  }, [refocus, data]);
  const objectives = data?.objectives ?? NONE;
  const all = useMemo(() => [...(data?.ancestors ?? []), ...(data?.objectives ?? [])], [data]);
  const tree = useMemo(() => buildTree(data?.objectives ?? [], data?.ancestors ?? []), [data]);
  const periodName = useMemo(() => {
    const names = new Map(settings.periods.map((p) => [p.id, p.name]));
    return (id: string) => names.get(id) ?? id;
  }, [settings.periods]);

  const runMove = async (request: MoveRequest, byDrag: boolean) => {
    const objective = all.find((o) => o.key === request.key);
    if (!objective) return;
    setDragError(byDrag);
    const done = await move.run({
      key: request.key,
      version: objective.version,
      parentId: request.parentId,
      ...(request.levelId ? { levelId: request.levelId } : {}),
    });
    if (done) {
      setMoving(null);
      setRefocus(request.key);
      setDragError(false);
      flag({
        type: 'success',
        title:
          request.parentId === null
            ? `${request.key} is now at the top of the tree`
            : `${request.key} now serves ${request.parentId}`,
      });
      list.reload();
    }
  };
  const latestMove = useRef(runMove);
  latestMove.current = runMove;

  // Drag and drop arrives with the tree, in a chunk of its own.
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    void import('./tree-dnd').then((m) => {
      if (!live) return;
      setDnd(m);
      stop = m.watchDrops({
        onOver: setOver,
        onDrop: (source, target) => void latestMove.current({ key: source, parentId: target }, true),
      });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  // Stable, so that the memoised rows do not re-render when the tab does.
  const clearMoveError = useRef(move.clearError);
  clearMoveError.current = move.clearError;
  const startMove = useCallback((key: string) => {
    clearMoveError.current();
    setDragError(false);
    setMoving((m) => (m === key ? null : key));
  }, []);
  const movingObjective = moving === null ? undefined : all.find((o) => o.key === moving);
  const renderMove = (objective: ObjectiveView) => {
    const below = subtreeKeys(all, objective.key);
    return (
      <MoveObjective
        objective={objective}
        candidates={all.filter((o) => !below.has(o.key))}
        levels={settings.levels}
        pending={move.pending}
        error={dragError ? null : move.error}
        onMove={(request) => void runMove(request, false)}
        onCancel={() => {
          setMoving(null);
          setRefocus(objective.key);
        }}
        onReload={() => {
          move.clearError();
          setMoving(null);
          list.reload();
        }}
      />
    );
  };

  return (
    <section aria-labelledby="objectives-title" ref={section}>
      <SectionTitle description="Each objective under the one it serves. Drag an objective by its handle onto its new parent, or use Move to… from the keyboard.">
        <span id="objectives-title">Organisation objectives</span>
      </SectionTitle>
      <div
        style={{ display: 'flex', alignItems: 'flex-end', gap: token('space.200'), marginBottom: token('space.200') }}
      >
        <FieldRow
          id="objectives-period"
          label="Period"
          hint={periodId === '' ? 'Choose a period to create objectives in it' : undefined}
        >
          {(control) => (
            <NativeSelect {...control} value={periodId} onChange={(e) => setPeriodId(e.currentTarget.value)}>
              <option value="">All periods</option>
              <PeriodOptions periods={settings.periods} />
            </NativeSelect>
          )}
        </FieldRow>
        {creating ? null : (
          <Button
            appearance="primary"
            isDisabled={periodId === '' || settings.periods.find((p) => p.id === periodId)?.state === 'closed'}
            onClick={() => setCreating(true)}
          >
            New objective
          </Button>
        )}
      </div>
      {periodId !== '' && creating ? (
        <NewObjective
          periodId={periodId}
          periodName={periodName(periodId)}
          levels={settings.levels}
          objectives={all}
          onCreated={() => {
            setCreating(false);
            list.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {dragError && move.error ? (
        <div style={{ marginBottom: token('space.200') }}>
          <ErrorNotice
            alert
            error={move.error}
            onReload={() => {
              move.clearError();
              list.reload();
            }}
          />
        </div>
      ) : null}
      {list.state === 'loading' ? <Loading label="Loading objectives" /> : null}
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} onReload={list.reload} /> : null}
      {list.data !== null && objectives.length === 0 ? (
        <Empty title="No objectives in this period">
          Create the organisation's objectives with New objective, or import the whole hierarchy at once from an
          objectives file (Import and export).
        </Empty>
      ) : null}
      {objectives.length > 0 ? (
        <>
          <MoveFormContext.Provider value={movingObjective ? renderMove(movingObjective) : null}>
            <ul
              aria-label="Objectives"
              aria-busy={list.refreshing || move.pending}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {tree.map((node) => (
                <Row
                  key={node.objective.key}
                  node={node}
                  depth={0}
                  levels={settings.levels}
                  periodName={periodName}
                  dnd={dnd}
                  flags={flags}
                  onStartMove={startMove}
                />
              ))}
            </ul>
          </MoveFormContext.Provider>
          <TopLevelZone dnd={dnd} over={over} />
        </>
      ) : null}
    </section>
  );
}
