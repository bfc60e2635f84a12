/**
 * Turns a parsed WHERE clause into a predicate over stored issues. Every field, operator, value
 * and function is checked while compiling, so errors come before any issue is looked at.
 *
 * Jira's semantics kept here: `!=`, `NOT IN` and `!~` never match an issue whose field is EMPTY
 * (use `OR field IS EMPTY`); on multi-value fields (labels, indexed arrays) `=` means "contains";
 * `NOT` is plain logical negation.
 */
import type { Clause, Operand, TerminalClause } from '@atlaskit/jql-ast';
import type { StoredIssue } from '../model';
import { EMPTY, type JqlContext, type Literal, type Resolved, type Scalar } from './context';
import { invalid, unsupported, JqlError } from './errors';
import { jqlField, type JqlField } from './fields';

export type IssuePredicate = (issue: StoredIssue) => boolean;

/** The source text of a node, for messages. */
export function sourceOf(jql: string, node: { position: [number, number] | null }): string {
  return node.position ? jql.slice(node.position[0], node.position[1]) : jql;
}

export function compileWhere(ctx: JqlContext, jql: string, clause: Clause): IssuePredicate {
  switch (clause.clauseType) {
    case 'compound': {
      const parts = clause.clauses.map((c) => compileWhere(ctx, jql, c));
      return clause.operator.value === 'and'
        ? (issue) => parts.every((p) => p(issue))
        : (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compileWhere(ctx, jql, clause.clause);
      return (issue) => !inner(issue);
    }
    case 'terminal':
      return compileTerminal(ctx, jql, clause);
  }
}

function literalsOf(operand: Operand): Literal[] {
  switch (operand.operandType) {
    case 'value':
      return [{ kind: 'value', text: operand.value }];
    case 'keyword':
      return [{ kind: 'empty' }];
    case 'function':
      return [{ kind: 'function', name: operand.function.value, args: operand.arguments.map((a) => a.value) }];
    case 'list':
      return operand.values.flatMap(literalsOf);
  }
}

function resolveAll(f: JqlField, literals: readonly Literal[]): Resolved[] {
  return literals.flatMap((l) => (l.kind === 'empty' ? [EMPTY] : f.resolve(l)));
}

const fold = (f: JqlField, v: Scalar): Scalar => (f.foldCase && typeof v === 'string' ? v.toLowerCase() : v);

function compileTerminal(ctx: JqlContext, jql: string, clause: TerminalClause): IssuePredicate {
  const text = sourceOf(jql, clause);
  const operator = clause.operator;
  if (!operator) throw new JqlError(`Error in the JQL Query: Expecting operator in '${text}'.`, 'syntax');
  const op = operator.value;
  if (clause.predicates.length > 0)
    throw unsupported(`the predicate '${clause.predicates[0]?.operator.value ?? ''}'`, text);
  if (op === 'was' || op === 'was in' || op === 'was not' || op === 'was not in' || op === 'changed') {
    throw unsupported(`the operator '${op.toUpperCase()}' (history search)`, text);
  }
  const f = jqlField(ctx, clause.field.value, clause.field.properties ?? undefined, text);
  if (!f.operators.has(op)) throw invalid(`The operator '${op}' is not supported by the '${f.name}' field.`);
  const operand = clause.operand;
  if (!operand)
    throw new JqlError(`Error in the JQL Query: Expecting either a value, list or function in '${text}'.`, 'syntax');
  const literals = literalsOf(operand);
  const listOperand = operand.operandType === 'list';
  const isListOp = op === 'in' || op === 'not in';
  if (listOperand && !isListOp)
    throw invalid(
      `The operator '${op}' does not support the list value '${sourceOf(jql, operand)}' for field '${f.name}'.`,
    );
  if (!isListOp && operand.operandType === 'function' && !['=', '!=', '<', '<=', '>', '>='].includes(op)) {
    throw invalid(`The operator '${op}' does not support a function for field '${f.name}'.`);
  }

  if (op === 'is' || op === 'is not') {
    const wantEmpty = op === 'is';
    return (issue) => (f.values(issue).length === 0) === wantEmpty;
  }

  if (op === '~' || op === '!~') {
    const needle = literals[0];
    if (!needle || needle.kind !== 'value')
      throw invalid(`The operator '${op}' needs a text value for field '${f.name}'.`);
    const terms = searchTerms(needle.text);
    if (terms.length === 0)
      throw invalid(`The value '${needle.text}' for field '${f.name}' has no text to search for.`);
    const contains = (issue: StoredIssue) => {
      const haystacks = f.values(issue).map((v) => String(v).toLowerCase());
      return terms.every((t) => haystacks.some((h) => h.includes(t)));
    };
    return op === '~' ? contains : (issue) => f.values(issue).length > 0 && !contains(issue);
  }

  const resolved = resolveAll(f, literals);
  const wantsEmpty = resolved.includes(EMPTY);
  const wanted = new Set(resolved.filter((r): r is Scalar => r !== EMPTY).map((v) => fold(f, v)));

  switch (op) {
    case '=':
    case 'in':
      return (issue) => {
        const values = f.values(issue);
        if (values.length === 0) return wantsEmpty;
        return values.some((v) => wanted.has(fold(f, v)));
      };
    case '!=':
    case 'not in':
      return (issue) => {
        const values = f.values(issue);
        if (values.length === 0) return false;
        if (wantsEmpty && wanted.size === 0) return true;
        return !values.some((v) => wanted.has(fold(f, v)));
      };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const bounds = [...wanted];
      if (wantsEmpty || bounds.length === 0)
        throw invalid(`The operator '${op}' does not support the value EMPTY for field '${f.name}'.`);
      const ok = (c: number) => (op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
      return (issue) =>
        f.values(issue).some((v) =>
          bounds.some((b) => {
            const c = f.compare(v, b);
            return c !== null && ok(c);
          }),
        );
    }
    default:
      throw unsupported(`the operator '${op}'`, text);
  }
}

/**
 * The words of a `~` search, lower-cased. A quoted phrase ("\"exact phrase\"") is one term; the
 * wildcards `*` and `?` are dropped (the rest must still be contained).
 */
function searchTerms(text: string): string[] {
  const trimmed = text.trim();
  const phrase = /^"([\s\S]*)"$/.exec(trimmed);
  if (phrase) return [(phrase[1] ?? '').toLowerCase()].filter((t) => t !== '');
  return trimmed
    .split(/\s+/)
    .map((t) => t.replace(/[*?]/g, '').toLowerCase())
    .filter((t) => t !== '');
}
