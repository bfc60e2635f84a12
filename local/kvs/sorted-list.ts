/**
 * An array kept in order by a comparator, with binary search. Inserting or removing one item
 * moves the tail of the array (a memmove), which stays cheap well past 10^5 items and keeps
 * every query a binary search plus a scan of the page it returns.
 */
export class SortedList<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get length(): number {
    return this.items.length;
  }

  at(i: number): T | undefined {
    return this.items[i];
  }

  /** The first index whose item is not `before` (the predicate must be true then false). */
  firstIndexWhereNot(before: (item: T) => boolean, from = 0, to = this.items.length): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const item = this.items[mid];
      if (item !== undefined && before(item)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts or replaces the item equal to `item` under the comparator. */
  upsert(item: T): void {
    const i = this.firstIndexWhereNot((x) => this.compare(x, item) < 0);
    const there = this.items[i];
    if (there !== undefined && this.compare(there, item) === 0) this.items[i] = item;
    else this.items.splice(i, 0, item);
  }

  remove(item: T): void {
    const i = this.firstIndexWhereNot((x) => this.compare(x, item) < 0);
    const there = this.items[i];
    if (there !== undefined && this.compare(there, item) === 0) this.items.splice(i, 1);
  }
}
