/**
 * A server error in the user's words: a detail's path (`parentId`, `projects.1`,
 * `keyResult.target`) as the name of the field it is about, and the request-level refusal as a
 * plain sentence. The one place the surfaces turn what the contract says into what a user reads.
 */
import type { AppError } from '@contract/errors';

/** Names a path segment could not be given by splitting its words. */
const FIELD_NAMES: Record<string, string> = {
  parentId: 'Parent',
  parentIds: 'Parents',
  workgroupId: 'Workgroup',
  periodId: 'Period',
  levelId: 'Level',
  ownerId: 'Owner',
  accountId: 'Person',
  objectiveId: 'Objective',
  objectiveKey: 'Objective',
  keyResult: 'Key result',
  keyResultId: 'Key result',
  issueKey: 'Issue',
  jql: 'JQL query',
  id: 'Identifier',
  version: 'Version',
};

/** `startValue` → "Start value"; `parentId` → "Parent". */
function words(segment: string): string {
  const named = FIELD_NAMES[segment];
  if (named !== undefined) return named;
  const spaced = segment
    .replace(/Ids?$/, (s) => (s === 'Ids' ? 's' : ''))
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * The field a detail's path names, in words: `labels` (a form's own field labels by path) first,
 * then the path's segments, a number read as "item n" counted from 1 (`projects.1` → "Projects,
 * item 2"). The empty path is the whole request: null.
 */
export function fieldLabel(path: string, labels: Readonly<Record<string, string>> = {}): string | null {
  if (path === '') return null;
  const own = labels[path];
  if (own !== undefined) return own;
  const parts: string[] = [];
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) parts.push(`item ${Number(segment) + 1}`);
    else parts.push(parts.length === 0 ? words(segment) : words(segment).toLowerCase());
  }
  return parts.join(', ');
}

const REQUEST_NOT_VALID = /^The request \S+ is not valid\.?$/;

/** The error's message as a sentence for a user: never a resolver key. */
export function errorSentence(error: AppError): string {
  if (REQUEST_NOT_VALID.test(error.message)) return 'Some of what was entered is not valid.';
  return error.message;
}
