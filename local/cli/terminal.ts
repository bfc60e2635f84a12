/**
 * The width of the terminal a progress line is drawn on. A terminal that reports no size (0
 * columns: a pseudo-terminal nobody sized, as in `script`, CI runners and some IDE consoles; or
 * none at all) is taken to be FALLBACK_COLUMNS wide, so the line keeps its bar and words instead of
 * being cut to a stub; a real width is never exceeded.
 */
export const FALLBACK_COLUMNS = 80;

export function terminalColumns(stream: { columns?: number | undefined }): number {
  const c = stream.columns;
  return typeof c === 'number' && Number.isFinite(c) && c > 0 ? Math.floor(c) : FALLBACK_COLUMNS;
}

/** `text` cut to fit one line of `columns` (the last column stays free, so the cursor does not wrap). */
export function fitLine(text: string, columns: number): string {
  return text.slice(0, Math.max(1, columns - 1));
}

/** A bar `[####......]` of `width` cells for a fraction from 0 to 1. */
export function bar(fraction: number, width: number): string {
  const cells = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(cells).padEnd(width, '.')}]`;
}
