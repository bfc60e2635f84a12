/**
 * The Jira users behind a list of account ids, looked up once per page (cached per Jira request
 * function) through the host's Jira access. Until they arrive, or without Jira access, the map
 * lacks them and names fall back to the account id.
 */
import { useEffect, useState } from 'react';
import { useHost } from './app-context';
import type { JiraRequest } from './jira';
import { lookUpUsers, type UserSummary } from './jira-users';

const known = new WeakMap<JiraRequest, Map<string, UserSummary | null>>();

function cacheOf(jira: JiraRequest): Map<string, UserSummary | null> {
  let cache = known.get(jira);
  if (cache === undefined) {
    cache = new Map();
    known.set(jira, cache);
  }
  return cache;
}

function snapshot(cache: Map<string, UserSummary | null> | undefined): ReadonlyMap<string, UserSummary> {
  const out = new Map<string, UserSummary>();
  cache?.forEach((user, id) => {
    if (user !== null) out.set(id, user);
  });
  return out;
}

export function useUsers(accountIds: readonly string[]): ReadonlyMap<string, UserSummary> {
  const { jira } = useHost();
  const idsKey = [...new Set(accountIds)].sort().join(',');
  const [users, setUsers] = useState<ReadonlyMap<string, UserSummary>>(() =>
    snapshot(jira === undefined ? undefined : known.get(jira)),
  );
  useEffect(() => {
    if (jira === undefined || idsKey === '') return;
    const cache = cacheOf(jira);
    const missing = idsKey.split(',').filter((id) => !cache.has(id));
    if (missing.length === 0) {
      setUsers(snapshot(cache));
      return;
    }
    let live = true;
    void lookUpUsers(jira, missing)
      .catch(() => new Map<string, UserSummary>())
      .then((found) => {
        for (const id of missing) cache.set(id, found.get(id) ?? null);
        if (live) setUsers(snapshot(cache));
      });
    return () => {
      live = false;
    };
  }, [jira, idsKey]);
  return users;
}

/** A person's name for display: Jira's display name, else the account id. */
export function nameOf(users: ReadonlyMap<string, UserSummary>, accountId: string): string {
  return users.get(accountId)?.displayName ?? accountId;
}
