/**
 * The "Check in on all key results" form's draft: one check-in draft (./check-in-draft) per key
 * result the caller may check in on, and the request id that makes sending it again safe. Pure: no
 * React, no DOM. The form keeps it with `useReducer(reduce, …, draftFor)` and renders; this module
 * says which key results were touched, what is wrong with them (at `<keyResultId>.value`,
 * `.confidence`, `.note`) and what recording sends (`toManyPayload`: check-ins/create-many).
 */
import { CheckInsCreateManyPayload } from '@contract/api';
import type { ErrorDetail } from '@contract/errors';
import type { KeyResult } from '@contract/key-results';
import { draftFrom, reduce as reduceOne, toCreatePayload, type CheckInDraft } from './check-in-draft';
import { parseWith, type Checked } from './checked';

export type Line = Pick<KeyResult, 'id' | 'key' | 'kind'>;

export interface CheckInAllDraft {
  /** Sent with every attempt of this form: a retry after a lost reply records nothing twice. */
  requestId: string;
  /** The key results offered, in the objective's order. */
  lines: readonly Line[];
  /** What is typed, by key result id. */
  drafts: Readonly<Record<string, CheckInDraft>>;
}

/** A new form: every key result offered, nothing chosen or typed. */
export function draftFor(input: { lines: readonly Line[]; requestId: string }): CheckInAllDraft {
  return {
    requestId: input.requestId,
    lines: input.lines,
    drafts: Object.fromEntries(input.lines.map((l) => [l.id, draftFrom()])),
  };
}

export type CheckInAllAction =
  | { type: 'set'; keyResultId: string; field: 'value' | 'note'; value: string }
  | { type: 'confidence'; keyResultId: string; value: string };

export function reduce(draft: CheckInAllDraft, action: CheckInAllAction): CheckInAllDraft {
  const one = draft.drafts[action.keyResultId];
  if (one === undefined) return draft;
  const next =
    action.type === 'set'
      ? reduceOne(one, { type: 'set', field: action.field, value: action.value })
      : reduceOne(one, { type: 'confidence', value: action.value });
  return next === one ? draft : { ...draft, drafts: { ...draft.drafts, [action.keyResultId]: next } };
}

/** A key result is checked in on when anything was chosen or typed for it; the others are left as they are. */
export function touched(draft: CheckInAllDraft): Line[] {
  return draft.lines.filter((l) => {
    const d = draft.drafts[l.id];
    return d !== undefined && (d.confidence !== null || d.value.trim() !== '' || d.note.trim() !== '');
  });
}

/** Said in the form's banner when nothing was entered. */
export const NOTHING_ENTERED = 'Enter a check-in for at least one key result: a confidence, and a value for a metric.';

/** Where the form shows a key result's field. */
export const fieldPath = (keyResultId: string, field: 'value' | 'confidence' | 'note') => `${keyResultId}.${field}`;

/**
 * What recording sends (the key results touched, in order), or the problems: each touched key
 * result checked as a single check-in is (a metric's value, a chosen confidence), each at its
 * field; nothing touched is one problem for the banner (path '').
 */
export function toManyPayload(draft: CheckInAllDraft, objectiveKey: string): Checked<CheckInsCreateManyPayload> {
  const lines = touched(draft);
  if (lines.length === 0) return { ok: false, details: [{ path: '', message: NOTHING_ENTERED }] };
  const problems: ErrorDetail[] = [];
  const checkIns = lines.flatMap((line) => {
    const checked = toCreatePayload(draft.drafts[line.id] ?? draftFrom(), { objectiveKey, keyResult: line });
    if (!checked.ok) {
      problems.push(...checked.details.map((d) => ({ ...d, path: `${line.id}.${d.path}` })));
      return [];
    }
    const { value, confidence, note } = checked.payload;
    return [{ keyResultId: line.id, value, confidence, note }];
  });
  if (problems.length > 0) return { ok: false, details: problems };
  return parseWith(CheckInsCreateManyPayload, { objectiveKey, requestId: draft.requestId, checkIns });
}

/**
 * The server's details at the form's fields: `checkIns.<i>.<field>` names the i-th key result
 * sent, shown at `<keyResultId>.<field>`; any other path is left as it is (the banner shows it).
 */
export function atFields(details: readonly ErrorDetail[], sent: CheckInsCreateManyPayload | null): ErrorDetail[] {
  return details.map((d) => {
    const m = /^checkIns\.(\d+)\.(value|confidence|note)$/.exec(d.path);
    const id = m === null ? undefined : sent?.checkIns[Number(m[1])]?.keyResultId;
    return id === undefined || m === null ? d : { ...d, path: `${id}.${m[2]}` };
  });
}
