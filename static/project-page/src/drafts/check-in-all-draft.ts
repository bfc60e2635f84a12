/**
 * The "Check in on all key results" form's draft: one check-in draft (./check-in-draft) per key
 * result the caller may check in on, and the request id that makes sending it again safe. Pure: no
 * React, no DOM. The form keeps it with `useReducer(reduce, …, draftFor)` and renders; this module
 * says which key results were touched, what is wrong with them (at `<keyResultId>.value`,
 * `.confidence`, `.note`) and what recording sends (`toManyPayload`: check-ins/create-many).
 *
 * A retry is honest: one request id for the form's life, so sending again records nothing twice;
 * a key result a refused attempt recorded all the same (the refusal names it, `recordedIn`) is
 * locked — its row is shown as recorded and takes no more changes, so what is sent again for it is
 * what was recorded; and a key result whose stored check-in differs from what was sent (a reply
 * lost, then a change) is named after recording (`keptOver`), never dropped in silence.
 */
import { CheckInsCreateManyPayload, RECORDED_ALREADY, type CheckInsRecorded } from '@contract/api';
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
  /** Key results an earlier attempt of this request recorded: locked as they were sent. */
  recorded: readonly string[];
}

/** A new form: every key result offered, nothing chosen or typed. */
export function draftFor(input: { lines: readonly Line[]; requestId: string }): CheckInAllDraft {
  return {
    requestId: input.requestId,
    lines: input.lines,
    drafts: Object.fromEntries(input.lines.map((l) => [l.id, draftFrom()])),
    recorded: [],
  };
}

export type CheckInAllAction =
  | { type: 'set'; keyResultId: string; field: 'value' | 'note'; value: string }
  | { type: 'confidence'; keyResultId: string; value: string }
  | { type: 'recorded'; keyResultIds: readonly string[] };

export function reduce(draft: CheckInAllDraft, action: CheckInAllAction): CheckInAllDraft {
  if (action.type === 'recorded') {
    const more = action.keyResultIds.filter((id) => draft.drafts[id] !== undefined && !draft.recorded.includes(id));
    return more.length === 0 ? draft : { ...draft, recorded: [...draft.recorded, ...more] };
  }
  const one = draft.drafts[action.keyResultId];
  if (one === undefined || draft.recorded.includes(action.keyResultId)) return draft;
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

/**
 * The key results a refusal says were recorded all the same (storage refusing half-way): its
 * details at `checkIns.<i>` with RECORDED_ALREADY name the i-th key result sent.
 */
export function recordedIn(details: readonly ErrorDetail[], sent: CheckInsCreateManyPayload | null): string[] {
  return details.flatMap((d) => {
    const m = /^checkIns\.(\d+)$/.exec(d.path);
    const id = m === null || d.message !== RECORDED_ALREADY ? undefined : sent?.checkIns[Number(m[1])]?.keyResultId;
    return id === undefined ? [] : [id];
  });
}

/** A refusal's details without those `recordedIn` reads (the form shows those rows as recorded instead). */
export function withoutRecorded(details: readonly ErrorDetail[]): ErrorDetail[] {
  return details.filter((d) => !(d.message === RECORDED_ALREADY && /^checkIns\.\d+$/.test(d.path)));
}

/**
 * The key results the reply answers as recorded by an earlier attempt (`alreadyRecorded`) with a
 * check-in other than the one sent: a change made after that attempt, which was not recorded.
 */
export function keptOver(
  sent: CheckInsCreateManyPayload,
  reply: Pick<CheckInsRecorded, 'checkIns' | 'alreadyRecorded'>,
): string[] {
  return sent.checkIns.flatMap((c) => {
    if (!reply.alreadyRecorded.includes(c.keyResultId)) return [];
    const kept = reply.checkIns.find((k) => k.keyResultId === c.keyResultId);
    const same =
      kept !== undefined &&
      kept.confidence === c.confidence &&
      (kept.value ?? null) === (c.value ?? null) &&
      kept.note === (c.note ?? '');
    return same ? [] : [c.keyResultId];
  });
}
