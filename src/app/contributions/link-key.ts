import type { LinkRef } from '../../ports';

/** One key per link, as the contribution entity keys it: `{issue}:{objective}:{keyResult or -}`. */
export function issueLinkKey(ref: LinkRef): string {
  return `${ref.issueKey}:${ref.objectiveId}:${ref.keyResultId ?? '-'}`;
}
