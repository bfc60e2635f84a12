/**
 * Runs a JQL query over the issues the actor may browse: parse, check, filter, sort.
 */
import type { StoredIssue } from '../model';
import { canBrowse } from '../permissions';
import { compileWhere } from './compile';
import type { JqlContext } from './context';
import { invalid } from './errors';
import { compileOrderBy } from './order';
import { parseJql } from './parse';

export interface CompiledJql {
  matches: (issue: StoredIssue) => boolean;
  compare: (a: StoredIssue, b: StoredIssue) => number;
  bounded: boolean;
}

/** Parses and checks a query (throws JqlError); the result tests and sorts issues. */
export function compileJql(ctx: JqlContext, jql: string): CompiledJql {
  const { where, orderBy } = parseJql(jql);
  const matches = where ? compileWhere(ctx, jql, where) : () => true;
  return { matches, compare: compileOrderBy(ctx, jql, orderBy), bounded: where !== undefined };
}

export const UNBOUNDED_MESSAGE =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

/**
 * The issues matching `jql` that the actor may browse, in query order. `requireBounded` refuses
 * a query without a search restriction, as /rest/api/3/search/jql does. `issues` is what search
 * sees (the search endpoint's eventually consistent view); default every issue as it is.
 */
export function searchIssues(
  ctx: JqlContext,
  jql: string,
  options: { requireBounded: boolean; issues?: readonly StoredIssue[] },
): StoredIssue[] {
  const compiled = compileJql(ctx, jql);
  if (options.requireBounded && !compiled.bounded) throw invalid(UNBOUNDED_MESSAGE);
  const visible = new Set(
    ctx.store
      .projects()
      .filter((p) => canBrowse(ctx.actor, p))
      .map((p) => p.id),
  );
  return (options.issues ?? ctx.store.issues())
    .filter((issue) => visible.has(issue.projectId) && compiled.matches(issue))
    .sort(compiled.compare);
}
