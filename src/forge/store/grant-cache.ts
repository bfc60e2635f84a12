/**
 * GrantCache on plain Forge keys: `grant:{accountId}:{grant}` → `{at}`, written with a KVS TTL
 * of GRANT_TTL_MS so that storage drops them by itself; the reader checks `at` as well (the TTL
 * is a clean-up, not a guarantee of the moment a key disappears).
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { GRANT_TTL_MS, type GrantCache } from '../../app/grant-cache';
import { checkKey } from './storage-limits';
import { KeyValueStore } from './key-value-store';

const Grant = z.object({ at: z.number().int().nonnegative() });

export function grantKey(accountId: string, grant: string): string {
  return `grant:${accountId}:${grant}`;
}

export class ForgeGrantCache implements GrantCache {
  private readonly keys = new KeyValueStore();

  async grantedAt(accountId: string, grant: string): Promise<number | null> {
    return (await this.keys.get(grantKey(accountId, grant), Grant))?.at ?? null;
  }

  async remember(accountId: string, grant: string, at: number): Promise<void> {
    const key = grantKey(accountId, grant);
    checkKey(key);
    await kvs.set(key, { at }, { ttl: { value: Math.ceil(GRANT_TTL_MS / 1000), unit: 'SECONDS' } });
  }
}
