/**
 * Links several issues to one target through `contributions/link-many`, LINK_MANY_MAX a call, one
 * call after the other, and gathers what each issue came to: linked (with the issues below it that
 * now serve the target through it), or refused with the server's error. A call that fails as a
 * whole (the objective archived meanwhile, the network) marks each of its issues with that error:
 * nothing is left unreported, and sending the same issues again is safe (linking is idempotent).
 */
import { LINK_MANY_MAX } from '@contract/api';
import type { AppError } from '@contract/errors';
import type { ApiClient } from '@shared/client';
import type { LinkTarget } from './link-targets';

export interface LinkManyOutcome {
  /** The issues linked, in the order asked. */
  linked: string[];
  /** Every issue that now serves the target: the linked ones and the issues below them. */
  serving: Set<string>;
  /** The issues refused, each with why. */
  refused: { issueKey: string; error: AppError }[];
}

export async function linkMany(
  client: ApiClient,
  issueKeys: readonly string[],
  target: LinkTarget,
): Promise<LinkManyOutcome> {
  const outcome: LinkManyOutcome = { linked: [], serving: new Set(), refused: [] };
  for (let i = 0; i < issueKeys.length; i += LINK_MANY_MAX) {
    const chunk = issueKeys.slice(i, i + LINK_MANY_MAX);
    const reply = await client.call('contributions/link-many', { issueKeys: chunk, ...target });
    if (!reply.ok) {
      for (const issueKey of chunk) outcome.refused.push({ issueKey, error: reply.error });
      continue;
    }
    for (const r of reply.data.results) {
      if (!r.ok) {
        outcome.refused.push({ issueKey: r.issueKey, error: r.error });
        continue;
      }
      outcome.linked.push(r.issueKey);
      outcome.serving.add(r.issueKey);
      for (const d of r.change.descendants ?? []) outcome.serving.add(d);
    }
  }
  return outcome;
}
