/**
 * Values as Jira exports write them: date-times in every format Jira has used, dates, Atlassian
 * Document Format (v3 descriptions) as plain text, and issue keys.
 */

/**
 * Milliseconds since the epoch of a Jira date-time, or null when `text` is none:
 * `2021-11-03T12:34:56.000+0000` (Jira's own), `…+08:00`, `…Z`, without seconds or fraction,
 * without zone (read as UTC), a bare `YYYY-MM-DD` (midnight UTC); epoch milliseconds as a number.
 */
export function parseJiraDateTime(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      value.trim(),
    );
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!z) return null;
    const offset = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000;
    ms -= z[1] === '-' ? -offset : offset;
  }
  return ms;
}

/** `YYYY-MM-DD` of a Jira due date (`2024-03-09`, or a date-time whose date part is taken), or null. */
export function parseJiraDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** An issue key as the local store writes it (`ABC-12`); Jira keys are upper-case. */
export const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

export function looksLikeIssueKey(value: unknown): value is string {
  return typeof value === 'string' && ISSUE_KEY.test(value.trim().toUpperCase());
}

/** An Atlassian Document Format node, as far as plain text needs it. */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
}

/** Nodes that end a line (their text is followed by a line break). */
const BLOCKS: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'panel',
  'rule',
  'mediaSingle',
  'mediaGroup',
  'expand',
  'nestedExpand',
  'decisionItem',
  'taskItem',
  'blockCard',
  'embedCard',
]);

/**
 * The text of an ADF document: text nodes as written, one line per block (paragraph, heading,
 * list item …), list items marked `- ` or `1. `, a table row's cells joined with ` | `, mentions
 * and emoji by their text, cards by their URL, dates as YYYY-MM-DD. Marks (bold, links …) are dropped.
 */
export function adfToText(doc: AdfNode): string {
  return render(doc)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function attr(node: AdfNode, name: string): string {
  const v = node.attrs?.[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function render(node: AdfNode): string {
  const inner = () => (node.content ?? []).map(render).join('');
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return attr(node, 'text') || `@${attr(node, 'id')}`;
    case 'emoji':
      return attr(node, 'text') || attr(node, 'shortName');
    case 'status':
      return attr(node, 'text');
    case 'inlineCard':
      return attr(node, 'url');
    case 'date': {
      const ts = Number(attr(node, 'timestamp'));
      return Number.isFinite(ts) && ts > 0 ? new Date(ts).toISOString().slice(0, 10) : '';
    }
    case 'bulletList':
    case 'orderedList': {
      const start = Number(node.attrs?.order ?? 1);
      return (node.content ?? [])
        .map((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${(Number.isFinite(start) ? start : 1) + i}. `;
          return line(marker + render(item).replace(/\n(?!$)/g, '\n  '));
        })
        .join('');
    }
    case 'tableRow':
      return line(
        (node.content ?? [])
          .map((cell) =>
            render(cell)
              .trim()
              .replace(/\s*\n\s*/g, ' '),
          )
          .join(' | '),
      );
    case 'blockCard':
    case 'embedCard':
      return line(attr(node, 'url'));
    default: {
      const text = inner();
      return BLOCKS.has(node.type) ? line(text) : text;
    }
  }
}

/**
 * Names compared without case, spaces and punctuation: `Epic Link`, `epic_link` and `epicLink` are
 * all `epiclink`; `Sub-task` and `Subtask` are the same. Letters of any script count (`子任务`).
 */
export function normaliseName(name: string): string {
  const letters = name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return letters === '' ? name.trim().toLowerCase() : letters;
}
