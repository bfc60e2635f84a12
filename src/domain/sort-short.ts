/**
 * Sorts a short list in place by a string key, keeping the order of equal keys: an insertion sort.
 * For the few items an objective or an event's walk holds (key results, changed records), where
 * `Array.prototype.sort` would make a work array every time. Pass a function made once, not a new
 * closure per call (docs/rollup.md, "Compiled code that lasts").
 */
export function sortShortBy<T>(list: T[], keyOf: (item: T) => string): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as T;
    const key = keyOf(x);
    let j = i - 1;
    while (j >= 0 && keyOf(list[j] as T) > key) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = x;
  }
}
