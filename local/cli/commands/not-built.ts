/**
 * Commands whose part of Tether is not built yet. Each says so, what it needs and which issue
 * delivers it, and exits 2; none pretends to work. When the part lands, its command moves to its
 * own file and out of this table.
 */
const BACKEND = 'the app\'s Forge backend (src/index.ts and its resolvers, triggers and KVS adapters), which the issue "Forge backend" delivers';

export const NOT_BUILT: ReadonlyMap<string, string> = new Map([
  ['apply', `applies an objectives file to the app's data; it needs ${BACKEND}.`],
  ['export', `writes the app's objectives, key results and links as an objectives file; it needs ${BACKEND}.`],
]);

export function notBuiltMessage(command: string, what: string): string {
  return `tether ${command}: not built yet. It ${what}`;
}

export const NOT_BUILT_EXIT = 2;
