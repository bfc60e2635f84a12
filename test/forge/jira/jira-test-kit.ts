/**
 * The real @forge/api against the local host's Jira: `installForgeRuntime` with the local Jira's
 * REST handler as the product, so every call the adapter makes goes through `requestJira` and the
 * runtime's counters. `wrap` puts a handler in front of Jira (to answer 429/503 first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsService } from '../../../local/kvs/kvs-service';
import { handleJiraRequest, type LocalJira } from '../../../local/jira';
import {
  installForgeRuntime,
  type ForgeHost,
  type ProductHandler,
  type ProductRequest,
} from '../../../local/runtime/install-forge-runtime';
import { aJira, type IssueSpec } from '../../local/jira/builders';
import type { LocalJiraOptions } from '../../../local/jira/local-jira';

export {
  ADMIN,
  LEAD,
  MEMBER,
  OUTSIDER,
  NOW,
  DAY,
  TYPE,
  STATUS,
  OBJECTIVE_INDEX,
  type IssueSpec,
} from '../../local/jira/builders';

export interface JiraKit {
  jira: LocalJira;
  host: ForgeHost;
  /** Every product request, in order. */
  requests: ProductRequest[];
  /** Runs `fn` as one invocation of `accountId` (null: no user, as in a trigger). */
  as<T>(accountId: string | null, fn: () => Promise<T>): Promise<T>;
  /** Search calls (POST /rest/api/3/search/jql) since the kit started or the last reset. */
  searchCalls(): number;
  close(): void;
}

export interface KitOptions {
  jira?: LocalJiraOptions;
  /** In front of the local Jira: return a response to answer yourself, or undefined to pass on. */
  wrap?: (request: ProductRequest) => { status: number; headers?: Record<string, string>; body?: string } | undefined;
}

export function jiraKit(specs: readonly IssueSpec[], options: KitOptions = {}): JiraKit {
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-jira-adapter-'));
  const kvs = KvsService.open({ dataDir });
  const { jira } = aJira(specs, options.jira);
  const requests: ProductRequest[] = [];
  const product: ProductHandler = async (request) => {
    requests.push(request);
    return options.wrap?.(request) ?? handleJiraRequest(jira, request);
  };
  const host = installForgeRuntime({ kvs, product });
  return {
    jira,
    host,
    requests,
    as: (accountId, fn) => host.runInvocation({ accountId, moduleKey: 'tether-test' }, fn),
    searchCalls: () => host.counters().productByRoute['jira POST /rest/api/3/search/jql'] ?? 0,
    close: () => {
      host.uninstall();
      kvs.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A sleep that only records how long it was asked to wait, and a clock it advances. */
export function fakeTime(startMs: number, budgetMs: number) {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    deadline: () => startMs + budgetMs - now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
