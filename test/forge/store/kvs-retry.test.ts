/**
 * Storage quota refusals (429 RATE_LIMIT_EXCEEDED) are retried with backoff within the
 * invocation's time (src/forge/store/kvs.ts), on the strict local host with a small write quota.
 * The backoff's sleep moves the host clock instead of waiting.
 */
import { AppFailure } from '../../../src/app/app-failure';
import { KeyValueStore } from '../../../src/forge/store/key-value-store';
import { setStorageRetry } from '../../../src/forge/store/kvs';
import { setProcessClock } from '../../../local/runtime/process-clock';
import { asPersona, asPersonaCounted, startAppHost, type AppHost } from '../../support/app-host';
import { pinClock } from '../../support/clock';
import { z } from 'zod';

pinClock();

let app: AppHost;
let undoRetry: () => void = () => undefined;
const slept: number[] = [];

beforeEach(() => {
  // five write units a minute: the sixth small write of a minute is refused
  app = startAppHost({ forge: 'strict', kvs: { quotas: { writeUnitsPerMinute: 5 }, queryLagMs: 0 } });
  slept.length = 0;
  undoRetry = setStorageRetry({
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
      setProcessClock(Date.now() + ms);
    },
  });
});
afterEach(async () => {
  undoRetry();
  await app.close();
});

const store = new KeyValueStore();
const Note = z.object({ text: z.string() });
const notes = {
  put: (key: string, value: z.infer<typeof Note>) => store.set(`note:${key}`, value),
  get: (key: string) => store.get(`note:${key}`, Note),
};

describe('storage over its quota', () => {
  it('waits and sends the refused write again, so every write lands (in a queue consumer, which has 900 s)', async () => {
    setStorageRetry({ deadline: () => 900_000 });
    const { counts } = await asPersonaCounted(app.host, null, async () => {
      for (let i = 0; i < 8; i += 1) await notes.put(`n${i}`, { text: `note ${i}` });
    });
    expect(counts.kvsRateLimited).toBeGreaterThan(0);
    expect(slept.length).toBe(counts.kvsRateLimited);
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60_000 - 5_000); // until the minute has room
    const read = await asPersona(app.host, null, () => Promise.all([0, 7].map((i) => notes.get(`n${i}`))));
    expect(read).toEqual([{ text: 'note 0' }, { text: 'note 7' }]);
  });

  it('gives up with UNAVAILABLE, a sentence the user can act on, when the wait does not fit in the invocation', async () => {
    setStorageRetry({ deadline: () => 3_000 });
    const failure = await asPersona(app.host, null, async () => {
      for (let i = 0; i < 8; i += 1) await notes.put(`m${i}`, { text: `note ${i}` });
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure).toMatchObject({ code: 'UNAVAILABLE' });
    expect((failure as Error).message).toMatch(/Forge storage is busy for this site.*try again in a minute/);
  });
});
