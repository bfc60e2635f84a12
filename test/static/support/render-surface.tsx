/**
 * Renders a surface component the way start-surface mounts it, with a host whose resolver calls
 * go to a test double: replies are parsed by the real typed client, so a double that answers in
 * the wrong shape fails like the real backend would.
 */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ApiKey, DataOf, PayloadIn } from '@contract/api';
import type { AppError, Reply } from '@contract/errors';
import type { FlagMessage, Host, SurfaceContext } from '@shared/app-context';
import { createClient } from '@shared/client';
import { SurfaceRoot } from '@shared/surface-root';

type Handler<K extends ApiKey> = (payload: PayloadIn<K>) => Reply<DataOf<K>> | Promise<Reply<DataOf<K>>>;
export type Handlers = { [K in ApiKey]?: Handler<K> };

export interface Call {
  key: string;
  payload: unknown;
}

export interface FakeHost extends Host {
  calls: Call[];
  flags: FlagMessage[];
  opened: string[];
}

export function ok<T>(data: T): Reply<T> {
  return { ok: true, data };
}

export function fail(code: AppError['code'], message: string, details?: AppError['details']): Reply<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

export function fakeHost(handlers: Handlers, context: Partial<SurfaceContext> = {}): FakeHost {
  const calls: Call[] = [];
  const flags: FlagMessage[] = [];
  const opened: string[] = [];
  const transport = async (key: string, payload: unknown): Promise<unknown> => {
    calls.push({ key, payload });
    const handler = (handlers as Record<string, ((p: unknown) => unknown) | undefined>)[key];
    if (handler === undefined) throw new Error(`no test reply for ${key}`);
    return handler(payload);
  };
  return {
    client: createClient(transport),
    context: {
      accountId: 'acc-lead',
      projectKey: 'SHOP',
      issueKey: null,
      locale: 'en-US',
      siteUrl: 'https://example.atlassian.net',
      ...context,
    },
    flag: (m) => void flags.push(m),
    open: (p) => void opened.push(p),
    calls,
    flags,
    opened,
  };
}

export function renderSurface(ui: ReactNode, host: FakeHost): RenderResult {
  return render(<SurfaceRoot host={host}>{ui}</SurfaceRoot>);
}
