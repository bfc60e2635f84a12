/**
 * The secret that seals list cursors (src/app/list-cursor.ts), in Forge's secret storage
 * (`kvs.getSecret`/`setSecret`: encrypted, readable by the app's backend only). Made on first use,
 * 32 random bytes; made at most once: the write is `FAIL_IF_EXISTS`, and whoever loses a race to
 * make it reads the winner's.
 */
import { randomBytes } from 'node:crypto';
import { ForgeKvsAPIError } from '@forge/kvs';
import { kvs } from './kvs';
import { z } from 'zod';
import type { CursorSecret } from '../../ports';

export const CURSOR_SECRET_KEY = 'list-cursor-secret';

const Secret = z.string().min(32);

async function read(): Promise<string | null> {
  const stored: unknown = await kvs.getSecret<unknown>(CURSOR_SECRET_KEY);
  const parsed = Secret.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function forgeCursorSecret(): CursorSecret {
  let known: string | null = null;
  return {
    async existing() {
      known ??= await read();
      return known;
    },
    async ensure() {
      known ??= await read();
      if (known !== null) return known;
      try {
        await kvs.setSecret(CURSOR_SECRET_KEY, randomBytes(32).toString('base64url'), { keyPolicy: 'FAIL_IF_EXISTS' });
      } catch (error) {
        if (!(error instanceof ForgeKvsAPIError && error.code === 'KEY_ALREADY_EXISTS')) throw error;
      }
      known = await read();
      if (known === null) throw new Error('The list-cursor secret could not be stored');
      return known;
    },
  };
}
