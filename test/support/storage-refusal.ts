/**
 * Forge storage refusing a change half-way, on a strict host: for one call, the KVS's write quota
 * is cut to `units` write units a minute (a transaction of up to 10 KB is one unit), so the first
 * `units` writes are made and every later one is refused with 429 RATE_LIMIT_EXCEEDED; the app's
 * in-invocation retry gives up at once (setStorageRetry), as when an invocation's time is spent.
 * The call runs in a fresh quota minute and the next minute starts fresh again.
 */
import { setProcessClock } from '../../local/runtime/process-clock';
import { setStorageRetry } from '../../src/forge/store/kvs';
import type { AppHost } from './app-host';

export async function withWriteUnits<T>(app: AppHost, units: number, fn: () => Promise<T>): Promise<T> {
  const quotas = app.host.kvs.quotas;
  if (!quotas) throw new Error('withWriteUnits needs a strict host (one with KVS quotas)');
  setProcessClock(Date.now() + 61_000);
  const writeUnitsPerMinute = quotas.writeUnitsPerMinute;
  Object.assign(quotas, { writeUnitsPerMinute: units });
  const undo = setStorageRetry({ deadline: () => 0 });
  try {
    return await fn();
  } finally {
    undo();
    Object.assign(quotas, { writeUnitsPerMinute });
    setProcessClock(Date.now() + 61_000);
  }
}
