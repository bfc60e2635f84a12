import type { Prompt, PromptPolicy, Workgroup } from '../../contract';
import { distinct } from './distinct';
import { isoWeek } from './iso-week';
import { clipReason, isEnabled, newPrompt, promptId } from './new-prompt';

export interface WorkgroupGap {
  workgroup: Pick<Workgroup, 'id' | 'name' | 'leads'>;
  /** Keys of the open epics in the workgroup's projects that serve no objective. */
  unalignedEpics: readonly string[];
}

export interface AlignmentGapInput {
  gaps: readonly WorkgroupGap[];
  policy: Pick<PromptPolicy, 'enabled' | 'answerWithinDays'>;
  now: number;
}

/** Orders issue keys as people read them: by project, then by number (ABC-2 before ABC-10). */
export function compareIssueKeys(a: string, b: string): number {
  const [pa, na] = splitKey(a);
  const [pb, nb] = splitKey(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitKey(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  const n = Number(key.slice(dash + 1));
  return dash < 0 || !Number.isFinite(n) ? [key, 0] : [key.slice(0, dash), n];
}

/**
 * What an alignment gap says: "2 open epics in Checkout's projects serve no objective: WEB-1, WEB-4";
 * with `closed`, how many it listed serve one now: "… serves no objective (2 more serve one since
 * this was asked): WEB-4".
 */
export function gapReason(workgroupName: string, issueKeys: readonly string[], closed = 0): string {
  const count = issueKeys.length === 1 ? '1 open epic' : `${issueKeys.length} open epics`;
  const since = closed === 0 ? '' : ` (${closed} more ${closed === 1 ? 'serves' : 'serve'} one since this was asked)`;
  return `${count} in ${workgroupName}'s projects ${issueKeys.length === 1 ? 'serves' : 'serve'} no objective${since}: ${issueKeys.join(', ')}`;
}

/**
 * An alignment gap as it stands now: the epics that have come to serve an objective since it was
 * raised are no longer listed, and its reason says how many. Null when every
 * epic it listed serves an objective now: the gap is closed, there is nothing left to ask. Other
 * prompts are returned as they are.
 */
export function narrowGap<P extends Prompt>(
  prompt: P,
  serves: (issueKey: string) => boolean,
  workgroupName: string,
): P | null {
  const s = prompt.subject;
  if (prompt.kind !== 'alignment-gap' || s.type !== 'workgroup') return prompt;
  const left = s.issueKeys.filter((key) => !serves(key));
  if (left.length === s.issueKeys.length) return prompt;
  if (left.length === 0) return null;
  const closed = s.issueKeys.length - left.length;
  return { ...prompt, subject: { ...s, issueKeys: left }, reason: clipReason(gapReason(workgroupName, left, closed)) };
}

/**
 * Once per ISO week, show each lead of a workgroup the open epics in its projects that serve no
 * objective. Nothing to show, nothing asked.
 */
export function alignmentGapPrompts(input: AlignmentGapInput): Prompt[] {
  const { policy, now } = input;
  if (!isEnabled(policy, 'alignment-gap')) return [];
  const week = isoWeek(now);
  const prompts = new Map<string, Prompt>();

  for (const { workgroup, unalignedEpics } of input.gaps) {
    const issueKeys = distinct(unalignedEpics).sort(compareIssueKeys);
    if (issueKeys.length === 0) continue;
    const reason = gapReason(workgroup.name, issueKeys);
    for (const lead of distinct(workgroup.leads)) {
      const id = promptId('alignment-gap', workgroup.id, lead, week);
      if (prompts.has(id)) continue;
      prompts.set(
        id,
        newPrompt(
          {
            id,
            kind: 'alignment-gap',
            recipient: lead,
            subject: { type: 'workgroup', workgroupId: workgroup.id, issueKeys },
            reason,
          },
          policy,
          now,
        ),
      );
    }
  }
  return [...prompts.values()];
}
