/**
 * The objective form's draft: what is typed, as typed (numbers stay text until sent). Pure: no
 * React, no DOM. The form keeps it with `useReducer(reduce, source, draftFrom)` and renders; this
 * module says what is wrong with it (`validate`), what creating sends (`toCreatePayload`) and what
 * changed (`toPatch`, `toUpdatePayload`: only the changed fields, nothing when nothing changed).
 */
import {
  ObjectivesCreatePayload,
  ObjectivesUpdatePayload,
  type ObjectiveView,
  type ProjectPageView,
} from '@contract/api';
import { AccountId, Title } from '@contract/common';
import type { ErrorDetail } from '@contract/errors';
import { ObjectiveStatus, Visibility } from '@contract/objectives';
import { numberText } from '../number-input';
import { asSent, detailsOf, numberAt, orNull, parseWith, type Checked } from './checked';

export interface AlignmentDraft {
  objectiveId: string;
  weight: string;
}

export interface ObjectiveDraft {
  title: string;
  description: string;
  /** The owner picked; null keeps the objective's owner (a new objective's is its creator). */
  owner: string | null;
  /** '' for none. */
  workgroupId: string;
  levelId: string;
  periodId: string;
  /** '' for none. */
  parentId: string;
  /** Blank takes the policy's default. */
  weight: string;
  visibility: Visibility;
  status: ObjectiveStatus;
  alignments: AlignmentDraft[];
}

/** Where a new objective starts. */
export interface NewObjectiveDefaults {
  workgroupId: string;
  levelId: string;
  periodId: string;
}

export type DraftSource = { existing: ObjectiveView } | { defaults: NewObjectiveDefaults };

/** A new objective goes to the first workgroup offered, at the lowest level, in the period shown (else the open one). */
export function defaultsFor(
  view: Pick<ProjectPageView, 'levels' | 'periods'>,
  workgroupIds: readonly string[],
  periodId: string | null,
): NewObjectiveDefaults {
  return {
    workgroupId: workgroupIds[0] ?? '',
    levelId: view.levels[view.levels.length - 1]?.id ?? '',
    periodId: periodId ?? view.periods.find((p) => p.state === 'open')?.id ?? '',
  };
}

export function draftFrom(source: DraftSource): ObjectiveDraft {
  if ('defaults' in source) {
    return {
      title: '',
      description: '',
      owner: null,
      ...source.defaults,
      parentId: '',
      weight: '',
      visibility: 'public',
      status: 'active',
      alignments: [],
    };
  }
  const o = source.existing;
  return {
    title: o.title,
    description: o.description,
    owner: o.owner,
    workgroupId: o.workgroupId ?? '',
    levelId: o.levelId,
    periodId: o.periodId,
    parentId: o.parentId ?? '',
    weight: numberText(o.weight),
    visibility: o.visibility,
    status: o.status,
    alignments: o.alignments.map((a) => ({ objectiveId: a.objectiveId, weight: String(a.weight) })),
  };
}

/** The fields typed or chosen as text. */
export type TextField =
  'title' | 'description' | 'workgroupId' | 'levelId' | 'periodId' | 'parentId' | 'weight' | 'visibility' | 'status';

export type ObjectiveDraftAction =
  /** A field typed or chosen; a visibility or state the contract does not know is ignored. */
  | { type: 'set'; field: TextField; value: string }
  | { type: 'owner'; owner: string | null }
  | { type: 'add-alignment'; objectiveId: string }
  | { type: 'set-alignment'; index: number; field: keyof AlignmentDraft; value: string }
  | { type: 'remove-alignment'; index: number };

export function reduce(draft: ObjectiveDraft, action: ObjectiveDraftAction): ObjectiveDraft {
  switch (action.type) {
    case 'set': {
      if (action.field === 'visibility') {
        const v = Visibility.safeParse(action.value);
        return v.success ? { ...draft, visibility: v.data } : draft;
      }
      if (action.field === 'status') {
        const s = ObjectiveStatus.safeParse(action.value);
        return s.success ? { ...draft, status: s.data } : draft;
      }
      return { ...draft, [action.field]: action.value };
    }
    case 'owner':
      return { ...draft, owner: action.owner };
    case 'add-alignment':
      return { ...draft, alignments: [...draft.alignments, { objectiveId: action.objectiveId, weight: '1' }] };
    case 'set-alignment':
      return {
        ...draft,
        alignments: draft.alignments.map((a, i) => (i === action.index ? { ...a, [action.field]: action.value } : a)),
      };
    case 'remove-alignment':
      return { ...draft, alignments: draft.alignments.filter((_, i) => i !== action.index) };
  }
}

/** The draft's numbers as sent, and the texts that are not numbers (a blank alignment weight is 1). */
function readNumbers(d: ObjectiveDraft) {
  const problems: ErrorDetail[] = [];
  const weight = numberAt('weight', d.weight, problems);
  const alignments = d.alignments.map((a, i) => ({
    objectiveId: a.objectiveId,
    weight: numberAt(`alignments.${i}.weight`, a.weight, problems) ?? 1,
  }));
  return { weight, alignments, problems };
}

/** What creating sends: the contract's payload, or every problem at once, each at its field. */
export function toCreatePayload(draft: ObjectiveDraft): Checked<ObjectivesCreatePayload> {
  const { weight, alignments, problems } = readNumbers(draft);
  const input = {
    title: draft.title,
    description: draft.description,
    ...(draft.owner === null ? {} : { owner: draft.owner }),
    levelId: draft.levelId,
    periodId: draft.periodId,
    workgroupId: orNull(draft.workgroupId),
    parentId: orNull(draft.parentId),
    weight,
    alignments,
    visibility: draft.visibility,
    status: draft.status === 'draft' ? 'draft' : 'active',
  };
  return parseWith(ObjectivesCreatePayload, input, problems);
}

/** The fields an update may carry. */
export type ObjectivePatch = Omit<ObjectivesUpdatePayload, 'key' | 'version'>;

export interface PatchOptions {
  /** Only title and description: what an owner who does not manage the objective may change. */
  textOnly?: boolean;
}

function sameAlignments(
  a: readonly { objectiveId: string; weight: number }[],
  b: readonly { objectiveId: string; weight: number }[],
): boolean {
  return a.length === b.length && a.every((x, i) => x.objectiveId === b[i]?.objectiveId && x.weight === b[i]?.weight);
}

/**
 * The fields of `draft` that differ from `original`, as they would be sent (a title trimmed as the
 * contract trims it); `{}` when nothing changed. A number that is not one counts as blank here;
 * `validate` reports it.
 */
export function toPatch(original: ObjectiveView, draft: ObjectiveDraft, options: PatchOptions = {}): ObjectivePatch {
  const { weight, alignments } = readNumbers(draft);
  const patch: ObjectivePatch = {};
  const title = asSent(Title, draft.title);
  if (title !== original.title) patch.title = title;
  if (draft.description !== original.description) patch.description = draft.description;
  if (options.textOnly) return patch;
  const owner = draft.owner === null ? null : asSent(AccountId, draft.owner);
  if (owner !== null && owner !== original.owner) patch.owner = owner;
  if (orNull(draft.workgroupId) !== original.workgroupId) patch.workgroupId = orNull(draft.workgroupId);
  if (orNull(draft.parentId) !== original.parentId) patch.parentId = orNull(draft.parentId);
  if (weight !== original.weight) patch.weight = weight;
  if (draft.visibility !== original.visibility) patch.visibility = draft.visibility;
  if (draft.status !== original.status) patch.status = draft.status;
  if (!sameAlignments(alignments, original.alignments)) patch.alignments = alignments;
  return patch;
}

/**
 * What saving sends: the contract's update payload (at the version read) with the changed fields
 * only, null when nothing changed, or the problems: the numbers that are not numbers first (then
 * nothing else is checked), else what the contract refuses in the changes.
 */
export function toUpdatePayload(
  original: ObjectiveView,
  draft: ObjectiveDraft,
  options: PatchOptions = {},
): Checked<ObjectivesUpdatePayload | null> {
  const { problems } = readNumbers(draft);
  if (problems.length > 0) return { ok: false, details: problems };
  const patch = toPatch(original, draft, options);
  if (Object.keys(patch).length === 0) return { ok: true, payload: null };
  return parseWith(ObjectivesUpdatePayload, { key: original.key, version: original.version, ...patch });
}

/**
 * What is wrong with the draft, in plain words, each at its field's path (`title`,
 * `alignments.0.weight`): for a new objective what creating would refuse, for an existing one
 * (`original`) what saving the changes would refuse. Empty when it may be sent.
 */
export function validate(
  draft: ObjectiveDraft,
  original: ObjectiveView | null = null,
  options: PatchOptions = {},
): ErrorDetail[] {
  return detailsOf(original === null ? toCreatePayload(draft) : toUpdatePayload(original, draft, options));
}
