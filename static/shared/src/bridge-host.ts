/**
 * The production host: @forge/bridge for resolver calls, context, flags and navigation.
 * Only this file, bridge-jira.ts and start-surface.tsx import @forge/bridge, so components stay testable.
 */
import { invoke, router, showFlag, view } from '@forge/bridge';
import { z } from 'zod';
import { bridgeJira } from './bridge-jira';
import { createClient } from './client';
import type { Host, SurfaceContext } from './app-context';

/** The parts of Forge's `view.getContext()` a surface uses, parsed like anything from outside. */
const ForgeContext = z.object({
  accountId: z.string().min(1),
  locale: z.string().default('en-US'),
  siteUrl: z.string().default(''),
  extension: z
    .object({
      project: z.object({ key: z.string() }).optional(),
      issue: z.object({ key: z.string() }).optional(),
    })
    .passthrough()
    .default({}),
});

export async function bridgeHost(): Promise<Host> {
  const raw = await view.getContext();
  const parsed = ForgeContext.parse(raw);
  const context: SurfaceContext = {
    accountId: parsed.accountId,
    projectKey: parsed.extension.project?.key ?? null,
    issueKey: parsed.extension.issue?.key ?? null,
    locale: parsed.locale,
    siteUrl: parsed.siteUrl,
  };
  return {
    client: createClient((key, payload) => invoke(key, payload as Record<string, unknown>)),
    context,
    flag: (message) => {
      showFlag({
        id: `tether-${Date.now()}`,
        title: message.title,
        description: message.description,
        type: message.type,
        isAutoDismiss: message.type !== 'error',
      });
    },
    open: (path) => {
      void router.navigate(path);
    },
    jira: bridgeJira,
  };
}
