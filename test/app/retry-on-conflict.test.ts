import { VersionConflict } from '../../src/app/app-failure';
import { retryOnConflict } from '../../src/app/retry-on-conflict';
import { RollupConflict } from '../../src/ports';

/** A write that loses its race the first `losses` times, then succeeds with the try's number. */
function racingWrite(losses: number, conflict: () => Error = () => new RollupConflict('changed meanwhile')) {
  const tries: number[] = [];
  const attempt = async (n: number) => {
    tries.push(n);
    if (tries.length <= losses) throw conflict();
    return `written on try ${n}`;
  };
  return { attempt, tries };
}

describe('retryOnConflict', () => {
  it('tries again from the start after a conflict, and returns what the winning try returned', async () => {
    const write = racingWrite(2);
    await expect(retryOnConflict(write.attempt, { attempts: 5 })).resolves.toBe('written on try 3');
    expect(write.tries).toEqual([1, 2, 3]);
  });

  it('treats a version conflict of a record like a rollup conflict', async () => {
    const write = racingWrite(1, () => new VersionConflict('Objective O-1', 3, 4));
    await expect(retryOnConflict(write.attempt, { attempts: 2 })).resolves.toBe('written on try 2');
  });

  it('throws the last conflict after the bound, without a try more', async () => {
    const write = racingWrite(10);
    await expect(retryOnConflict(write.attempt, { attempts: 3 })).rejects.toBeInstanceOf(RollupConflict);
    expect(write.tries).toEqual([1, 2, 3]);
  });

  it('answers with giveUp instead of throwing when every try lost', async () => {
    const write = racingWrite(10);
    await expect(retryOnConflict(write.attempt, { attempts: 2, giveUp: () => 'left to the hourly job' })).resolves.toBe(
      'left to the hourly job',
    );
  });

  it('throws any other error at once', async () => {
    const write = racingWrite(10, () => new Error('storage is down'));
    await expect(retryOnConflict(write.attempt, { attempts: 5 })).rejects.toThrow('storage is down');
    expect(write.tries).toEqual([1]);
  });

  it('tells onConflict of each conflict before the next try', async () => {
    const seen: number[] = [];
    const write = racingWrite(2);
    await retryOnConflict(write.attempt, { attempts: 5, onConflict: (_e, n) => seen.push(n) });
    expect(seen).toEqual([1, 2]);
  });
});
