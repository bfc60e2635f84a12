/**
 * GrantCache on plain Forge keys: `grant:{accountId}:{grant}` → `{at, siteAdmin}`, written with a
 * KVS TTL of GRANT_TTL_MS so that storage drops them by itself; the reader checks `at` as well
 * (the TTL is a clean-up, not a guarantee of the moment a key disappears).
 */
import { kvs } from './kvs';
import { z } from 'zod';
import { GRANT_TTL_MS } from '../../app/grant-ttl';
import { checkKey } from './storage-limits';
import { KeyValueStore } from './key-value-store';
import type { GrantCache, RememberedGrant } from '../../ports';

const Grant = z.object({ at: z.number().int().nonnegative(), siteAdmin: z.boolean().nullable().default(null) });

export function grantKey(accountId: string, grant: string): string {
  return `grant:${accountId}:${grant}`;
}

export class ForgeGrantCache implements GrantCache {
  private readonly keys = new KeyValueStore();

  recall(accountId: string, grant: string): Promise<RememberedGrant | null> {
    return this.keys.get(grantKey(accountId, grant), Grant);
  }

  async remember(accountId: string, grant: string, remembered: RememberedGrant): Promise<void> {
    const key = grantKey(accountId, grant);
    checkKey(key);
    await kvs.set(key, Grant.parse(remembered), { ttl: { value: Math.ceil(GRANT_TTL_MS / 1000), unit: 'SECONDS' } });
  }
}
