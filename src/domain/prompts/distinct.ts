/** The values in first-seen order, each once. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The items in first-seen order, one per key. */
export function distinctBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
