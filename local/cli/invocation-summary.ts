/** One line per invocation for the terminal: what ran, how it ended, what it cost. */
import type { InvocationRecord } from '../host/create-host';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function invocationLine(r: InvocationRecord): string {
  const what = `${r.kind} ${r.moduleKey} (function ${r.functionKey})${r.attempt > 0 ? `, retry ${r.attempt}` : ''}`;
  const cost = `${plural(r.counts.kvsRoundTrips, 'KVS round trip', 'KVS round trips')}, ${plural(r.counts.productCalls, 'Jira call', 'Jira calls')}`;
  return r.ok
    ? `${what}: ok in ${r.durationMs} ms; ${cost}`
    : `${what}: FAILED in ${r.durationMs} ms: ${r.error ?? 'unknown error'}; ${cost}`;
}
