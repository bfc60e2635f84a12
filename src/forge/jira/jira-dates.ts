/**
 * Jira's date-times (`2025-03-01T10:20:30.123+0000`: ISO 8601 with a zone offset written without
 * a colon) as milliseconds since the epoch; null when the text is not one.
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/;

export function parseJiraDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, local = '', zone = 'Z'] = m;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  // Date.parse reads at most milliseconds; keep three fraction digits.
  const trimmed = local.replace(/(\.\d{3})\d+$/, '$1');
  const ms = Date.parse(`${trimmed}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}
