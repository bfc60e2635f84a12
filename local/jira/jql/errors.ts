/**
 * What can go wrong with a JQL query. Every kind is answered with HTTP 400 and the message in
 * `errorMessages`, as Jira does.
 *
 * - `syntax`: the query does not parse (Atlassian's own parser said so);
 * - `invalid`: it parses but Jira would refuse it too (unknown field or value, wrong operator);
 * - `unsupported`: valid JQL that the local Jira does not evaluate; the message names the
 *   clause, field, operator or function so the gap is obvious.
 */
export type JqlErrorKind = 'syntax' | 'invalid' | 'unsupported';

export class JqlError extends Error {
  constructor(
    message: string,
    readonly kind: JqlErrorKind,
  ) {
    super(message);
    this.name = 'JqlError';
  }
}

export const unsupported = (what: string, clause: string): JqlError =>
  new JqlError(`The local Jira does not support ${what} (in '${clause}').`, 'unsupported');

export const invalid = (message: string): JqlError => new JqlError(message, 'invalid');
