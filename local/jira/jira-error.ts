/** A refusal with Jira's HTTP status and error body, thrown by operations and answered as is. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
    this.name = 'JiraError';
  }
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export const issueNotFound = (): JiraError => new JiraError(404, [ISSUE_NOT_FOUND]);

/** Field errors (400), e.g. `{summary: 'You must specify a summary of the issue.'}`. */
export const fieldErrors = (errors: Record<string, string>): JiraError => new JiraError(400, [], errors);
