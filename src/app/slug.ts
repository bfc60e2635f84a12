/**
 * Readable ids made from names ("2026 Q4" -> `2026-q4`), as used in the objectives file.
 * They satisfy RecordId: letters, digits, `.`, `_` and `-`, at most 64 characters.
 */
const MAX_BASE = 48;

export function slugOf(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** `base`, or `base-2`, `base-3`, … : the first one not taken. */
export function firstFreeId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken(id)) return id;
  }
}

/** As firstFreeId, asking an async store; gives up after `attempts`. */
export async function firstFreeIdAsync(
  base: string,
  taken: (id: string) => Promise<boolean>,
  attempts = 50,
): Promise<string | null> {
  for (let n = 1; n <= attempts; n += 1) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(id))) return id;
  }
  return null;
}
