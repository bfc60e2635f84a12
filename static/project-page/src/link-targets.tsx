/**
 * What work can be linked to on the project page: the workgroups' objectives that take new links
 * (`can.link`: shown, not archived) and their completion and delivery-quality key results that
 * count their own linked work. An option's value is the objective's key, or `O-2#<key result id>`.
 */
import { useState, type SelectHTMLAttributes } from 'react';
import type { ProjectPageView } from '@contract/api';
import { NativeSelect } from '@shared/components/field';

export interface LinkTarget {
  objectiveKey: string;
  keyResultId: string | null;
}

/** The target an option's value names; null for the empty choice. */
export function targetOf(value: string): LinkTarget | null {
  const [objectiveKey = '', keyResultId = null] = value.split('#');
  return objectiveKey === '' ? null : { objectiveKey, keyResultId };
}

/** How a target reads: "O-2", or "KR-1 of O-2". */
export function targetName(view: ProjectPageView, target: LinkTarget): string {
  if (target.keyResultId === null) return target.objectiveKey;
  for (const w of view.workgroups)
    for (const e of w.objectives)
      if (e.objective.key === target.objectiveKey) {
        const kr = e.objective.keyResults.find((k) => k.id === target.keyResultId);
        return `${kr?.key ?? target.keyResultId} of ${target.objectiveKey}`;
      }
  return `${target.keyResultId} of ${target.objectiveKey}`;
}

/** The objective keys the caller may link to on this page. */
export function linkableKeys(view: ProjectPageView): Set<string> {
  return new Set(view.workgroups.flatMap((w) => w.objectives.filter((e) => e.can.link).map((e) => e.objective.key)));
}

/** How a chosen value reads in its picker: as its option says it ("O-3 Faster page loads", "O-3 › KR-1 …"). */
function optionText(view: ProjectPageView, value: string): string {
  const target = targetOf(value);
  if (target === null) return value;
  for (const w of view.workgroups)
    for (const { objective } of w.objectives)
      if (objective.key === target.objectiveKey) {
        if (target.keyResultId === null) return `${objective.key} ${objective.title}`;
        const kr = objective.keyResults.find((k) => k.id === target.keyResultId);
        return kr === undefined ? value : `${objective.key} › ${kr.key} ${kr.title}`;
      }
  return value;
}

/**
 * A target picker that builds its options only when the user comes to it (focus, pointer or mouse
 * down, before the browser opens its list): until then it holds the empty choice and the chosen
 * one. With a workgroup of 2,000 objectives, 50 unlinked rows would otherwise build about 100,000
 * `<option>`s the user never opens (docs/project-page.md, "Size and speed").
 */
export function LinkTargetSelect({
  view,
  value,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { view: ProjectPageView; value: string; invalid?: boolean }) {
  const [built, setBuilt] = useState(false);
  const build = () => setBuilt(true);
  return (
    <NativeSelect
      {...props}
      value={value}
      onFocus={(e) => {
        build();
        props.onFocus?.(e);
      }}
      onPointerDown={build}
      onMouseDown={build}
    >
      {built ? (
        <LinkTargetOptions view={view} />
      ) : (
        <>
          <option value="">Choose an objective…</option>
          {value === '' ? null : <option value={value}>{optionText(view, value)}</option>}
        </>
      )}
    </NativeSelect>
  );
}

/** The `<option>`s of a target picker, grouped by workgroup. */
export function LinkTargetOptions({ view }: { view: ProjectPageView }) {
  return (
    <>
      <option value="">Choose an objective…</option>
      {view.workgroups.map((w) => {
        const linkable = w.objectives.filter((e) => e.can.link);
        return linkable.length === 0 ? null : (
          <optgroup key={w.id} label={w.name}>
            {linkable.flatMap(({ objective }) => [
              <option key={objective.id} value={objective.key}>
                {objective.key} {objective.title}
              </option>,
              // key results measured by the work linked to them
              ...objective.keyResults
                .filter(
                  (kr) => (kr.kind === 'completion' || kr.kind === 'delivery-quality') && kr.scope === 'key-result',
                )
                .map((kr) => (
                  <option key={kr.id} value={`${objective.key}#${kr.id}`}>
                    {objective.key} › {kr.key} {kr.title}
                  </option>
                )),
            ])}
          </optgroup>
        );
      })}
    </>
  );
}
