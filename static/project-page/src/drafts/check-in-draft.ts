/**
 * The check-in form's draft: confidence, a note and, for a metric key result, its new value as
 * typed. Pure: no React, no DOM. The form keeps it with `useReducer(reduce, undefined, draftFrom)`
 * and renders; this module says what is wrong (`validate`) and what recording sends
 * (`toCreatePayload`).
 */
import { CheckInsCreatePayload } from '@contract/api';
import { Confidence } from '@contract/check-ins';
import type { ErrorDetail } from '@contract/errors';
import type { KeyResult } from '@contract/key-results';
import { readNumber } from '../number-input';
import { detailsOf, parseWith, type Checked } from './checked';

export interface CheckInDraft {
  /** null until the user chooses: the form suggests no confidence. */
  confidence: Confidence | null;
  /** The metric's new value, as typed. */
  value: string;
  note: string;
}

/** A new check-in: nothing chosen, nothing typed. */
export function draftFrom(): CheckInDraft {
  return { confidence: null, value: '', note: '' };
}

/** Said at the confidence when a check-in is recorded without one. */
export const CHOOSE_CONFIDENCE = 'choose how sure you are that it will be met';

export type CheckInDraftAction =
  | { type: 'set'; field: 'value' | 'note'; value: string }
  /** A confidence the contract does not know is ignored. */
  | { type: 'confidence'; value: string };

export function reduce(draft: CheckInDraft, action: CheckInDraftAction): CheckInDraft {
  switch (action.type) {
    case 'set':
      return { ...draft, [action.field]: action.value };
    case 'confidence': {
      const picked = Confidence.safeParse(action.value);
      return picked.success ? { ...draft, confidence: picked.data } : draft;
    }
  }
}

/** What the check-in is on: an objective (`keyResult` null) or one of its key results. */
export interface CheckInSubject {
  objectiveKey: string;
  keyResult: Pick<KeyResult, 'id' | 'kind'> | null;
}

/** Only a metric takes a value from a check-in; the others' values are computed. */
export function takesValue<K extends Pick<KeyResult, 'kind'>>(
  keyResult: K | null,
): keyResult is Extract<K, { kind: 'metric' }> {
  return keyResult?.kind === 'metric';
}

/**
 * What recording sends, or the problems at their fields (`value`, `confidence`, `note`): a
 * metric's value (it is required and must be a number) and a chosen confidence first (then
 * nothing else is checked), else what the contract refuses. A value typed for anything but a
 * metric is not sent.
 */
export function toCreatePayload(draft: CheckInDraft, subject: CheckInSubject): Checked<CheckInsCreatePayload> {
  let value: number | null = null;
  const missing: ErrorDetail[] = [];
  if (takesValue(subject.keyResult)) {
    const read = readNumber(draft.value);
    if (!read.ok || read.value === null)
      missing.push({ path: 'value', message: read.ok ? 'a check-in of a metric gives its new value' : read.message });
    else value = read.value;
  }
  if (draft.confidence === null) missing.push({ path: 'confidence', message: CHOOSE_CONFIDENCE });
  if (missing.length > 0) return { ok: false, details: missing };
  return parseWith(CheckInsCreatePayload, {
    objectiveKey: subject.objectiveKey,
    keyResultId: subject.keyResult?.id ?? null,
    value,
    confidence: draft.confidence,
    note: draft.note,
  });
}

/** What is wrong with the draft, in plain words, each at its field; empty when it may be sent. */
export function validate(draft: CheckInDraft, subject: CheckInSubject): ErrorDetail[] {
  return detailsOf(toCreatePayload(draft, subject));
}
