/** Number fields: what the user typed, read as a number, null when empty, or a message when it is not one. */
type ReadNumber = { ok: true; value: number | null } | { ok: false; message: string };

export function readNumber(text: string): ReadNumber {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, value: null };
  const value = Number(trimmed);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `"${text.trim()}" is not a number` };
}

export function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
