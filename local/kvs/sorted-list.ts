/**
 * A list kept in order by a comparator, stored as sorted chunks of at most CHUNK items. Finding
 * a position is a binary search over the chunks and then within one; inserting or removing moves
 * at most one chunk's items, so building an index of 200,000 entries stays well under a second
 * and a query costs a search plus the page it reads.
 */
const CHUNK = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  /** A list holding `items` (any order; equal items keep the last one), built in one sort. */
  static of<T>(compare: (a: T, b: T) => number, items: T[]): SortedList<T> {
    const list = new SortedList(compare);
    const sorted = items.sort(compare).filter((item, i, all) => {
      const next = all[i + 1];
      return next === undefined || compare(item, next) !== 0;
    });
    for (let i = 0; i < sorted.length; i += CHUNK / 2) list.chunks.push(sorted.slice(i, i + CHUNK / 2));
    list.count = sorted.length;
    return list;
  }

  get length(): number {
    return this.count;
  }

  /**
   * The position of the first item for which `before` is false; `before` must hold for a prefix
   * of the list and fail for the rest (as "sorts before x" does).
   */
  firstIndexWhereNot(before: (item: T) => boolean): number {
    const [c, i] = this.locate(before);
    let position = i;
    for (let k = 0; k < c; k += 1) position += this.chunks[k]?.length ?? 0;
    return position;
  }

  /** The items at positions [lo, hi), in order or in reverse. */
  *walk(lo: number, hi: number, descending: boolean): Generator<T> {
    if (hi <= lo) return;
    let remaining = hi - lo;
    let [c, i] = this.chunkAt(descending ? hi - 1 : lo);
    while (remaining > 0) {
      const chunk = this.chunks[c];
      if (chunk === undefined) return;
      const item = chunk[i];
      if (item === undefined) return;
      yield item;
      remaining -= 1;
      if (descending) {
        i -= 1;
        if (i < 0) {
          c -= 1;
          i = (this.chunks[c]?.length ?? 0) - 1;
        }
      } else {
        i += 1;
        if (i >= chunk.length) {
          c += 1;
          i = 0;
        }
      }
    }
  }

  /** Inserts `item`, or replaces the item equal to it under the comparator. */
  upsert(item: T): void {
    const [c, i] = this.locate((x) => this.compare(x, item) < 0);
    const chunk = this.chunks[c];
    if (chunk === undefined) {
      const last = this.chunks.at(-1);
      if (last !== undefined && last.length < CHUNK) last.push(item);
      else this.chunks.push([item]);
      this.count += 1;
      return;
    }
    const there = chunk[i];
    if (there !== undefined && this.compare(there, item) === 0) {
      chunk[i] = item;
      return;
    }
    chunk.splice(i, 0, item);
    this.count += 1;
    if (chunk.length > CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK / 2));
  }

  remove(item: T): void {
    const [c, i] = this.locate((x) => this.compare(x, item) < 0);
    const chunk = this.chunks[c];
    const there = chunk?.[i];
    if (chunk === undefined || there === undefined || this.compare(there, item) !== 0) return;
    chunk.splice(i, 1);
    this.count -= 1;
    if (chunk.length === 0) this.chunks.splice(c, 1);
  }

  /** Chunk and offset of the first item for which `before` is false (past the end: [chunks, 0]). */
  private locate(before: (item: T) => boolean): [number, number] {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = this.chunks[mid]?.at(-1);
      if (last !== undefined && before(last)) lo = mid + 1;
      else hi = mid;
    }
    const chunk = this.chunks[lo];
    if (chunk === undefined) return [this.chunks.length, 0];
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const item = chunk[mid];
      if (item !== undefined && before(item)) a = mid + 1;
      else b = mid;
    }
    return [lo, a];
  }

  /** Chunk and offset of a position known to be inside the list. */
  private chunkAt(position: number): [number, number] {
    let rest = position;
    for (let c = 0; c < this.chunks.length; c += 1) {
      const size = this.chunks[c]?.length ?? 0;
      if (rest < size) return [c, rest];
      rest -= size;
    }
    return [this.chunks.length, 0];
  }
}
