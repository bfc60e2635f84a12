/**
 * Issue keys interned to indexes 0, 1, 2, …: an open-addressing hash table in a typed array.
 * Laying out an organisation interns every issue key and looks up every parent; with 200,000
 * keys this took about 40 % less time than a JS Map, and it makes no garbage.
 *
 * Each slot holds the key's index + 1 (0: empty) and the key's hash, side by side, so a probe
 * compares strings only when the hashes agree.
 */
export interface KeyIndex {
  /** The keys, by index (`size` of them). */
  readonly keys: string[];
  /** Slot s: [2s] index + 1 (0: empty), [2s + 1] the key's hash. */
  readonly slots: Int32Array;
  readonly mask: number;
  /** How many keys are interned. */
  size: number;
}

/** An empty index with room for `capacity` keys (its `keys` array is cut to size by `keysOf`). */
export function newKeyIndex(capacity: number): KeyIndex {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return { keys: new Array<string>(capacity), slots: new Int32Array(size * 2), mask: size - 1, size: 0 };
}

/** FNV-1a over the key's UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The key's index, or −1 when it is not interned. */
export function indexOf(ix: KeyIndex, key: string): number {
  const h = hashOf(key);
  const slots = ix.slots;
  for (let s = h & ix.mask; ; s = (s + 1) & ix.mask) {
    const at = (slots[2 * s] as number) - 1;
    if (at < 0) return -1;
    if (slots[2 * s + 1] === h && ix.keys[at] === key) return at;
  }
}

/** The key's index, interning it when new (the table must have room: `capacity` keys at most). */
export function intern(ix: KeyIndex, key: string): number {
  const h = hashOf(key);
  const slots = ix.slots;
  for (let s = h & ix.mask; ; s = (s + 1) & ix.mask) {
    const at = (slots[2 * s] as number) - 1;
    if (at >= 0) {
      if (slots[2 * s + 1] === h && ix.keys[at] === key) return at;
      continue;
    }
    const i = ix.size++;
    ix.keys[i] = key;
    slots[2 * s] = i + 1;
    slots[2 * s + 1] = h;
    return i;
  }
}

/** The interned keys by index, the array cut to their number (interning is over). */
export function keysOf(ix: KeyIndex): string[] {
  if (ix.keys.length !== ix.size) ix.keys.length = ix.size;
  return ix.keys;
}
