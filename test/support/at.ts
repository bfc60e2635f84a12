/** Reads a nested member of a parsed answer without casts (tests only need to look): undefined where the path ends. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    const member: unknown = Object.getOwnPropertyDescriptor(v, p)?.value;
    v = member;
  }
  return v;
}
