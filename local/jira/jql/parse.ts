/**
 * Parses JQL with Atlassian's own parser (`@atlaskit/jql-ast`) and turns its syntax errors into
 * messages worded like Jira's ("Error in the JQL Query: Expecting … but got …").
 */
import { JastBuilder, JQLSyntaxError, type Clause, type JQLParseError, type OrderBy } from '@atlaskit/jql-ast';
import { JqlError } from './errors';

export interface ParsedJql {
  where: Clause | undefined;
  orderBy: OrderBy | undefined;
}

export function parseJql(jql: string): ParsedJql {
  // A new builder each time: JastBuilder memoises the token stream of the last input, so
  // building the same text twice on one builder parses an exhausted stream (and finds nothing).
  const jast = new JastBuilder().build(jql);
  const first = jast.errors[0];
  if (first) throw new JqlError(describeSyntaxError(first), 'syntax');
  const query = jast.query;
  return { where: query?.where ?? undefined, orderBy: query?.orderBy ?? undefined };
}

const OPERATORS_NOTE =
  " The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

function describeExpected(expected: string): { what: string; note: string } {
  const set = expected.replace(/^\{|\}$/g, '');
  const has = (token: string) => set.split(/,\s*/).includes(token);
  if (has("'='") || has('IN')) return { what: 'operator', note: OPERATORS_NOTE };
  if (has('EMPTY') && has('STRING')) return { what: 'either a value, list or function', note: '' };
  if (has("'('") && (has('NOT') || has('CUSTOMFIELD'))) return { what: 'a field name', note: '' };
  if (has('<EOF>') && has('ORDER')) return { what: "either 'OR' or 'AND'", note: '' };
  if (has('CUSTOMFIELD') || (has('STRING') && !has('EMPTY'))) return { what: 'a field name', note: '' };
  if (has('BY')) return { what: "'by'", note: '' };
  return { what: set, note: '' };
}

const got = (token: string): string => (token === '<EOF>' ? 'end of query' : `'${token}'`);

/** Exported for tests. */
export function describeSyntaxError(error: JQLParseError): string {
  const where =
    error instanceof JQLSyntaxError ? ` (line ${error.line}, character ${error.charPositionInLine + 1})` : '';
  const msg = error.message;
  let text: string;
  const mismatch = /^(?:mismatched|extraneous) input '([\s\S]*)' expecting ([\s\S]*)$/.exec(msg);
  const missing = /^missing ([\s\S]*) at '([\s\S]*)'$/.exec(msg);
  const noViable = /^no viable alternative at input '([\s\S]*)'$/.exec(msg);
  const badToken = /^token recognition error at: '([\s\S]*)'$/.exec(msg);
  if (mismatch) {
    const { what, note } = describeExpected(mismatch[2] ?? '');
    text = `Expecting ${what} but got ${got(mismatch[1] ?? '')}.${note}`;
  } else if (missing) {
    text = `Expecting ${describeExpected(missing[1] ?? '').what} but got ${got(missing[2] ?? '')}.`;
  } else if (noViable) {
    text = `The JQL could not be understood at ${got(noViable[1] ?? '')}.`;
  } else if (badToken) {
    text = `The character '${(badToken[1] ?? '').slice(-1)}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${((badToken[1] ?? ' ').slice(-1).codePointAt(0) ?? 32).toString(16).padStart(4, '0')}' instead.`;
  } else {
    text = msg;
  }
  return `Error in the JQL Query: ${text}${where}`;
}
