import type { Prompt, PromptPolicy, Workgroup } from '../../contract';
import { distinct } from './distinct';
import { isoWeek } from './iso-week';
import { isEnabled, newPrompt, promptId } from './new-prompt';

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
    const count = issueKeys.length === 1 ? '1 open epic' : `${issueKeys.length} open epics`;
    const reason = `${count} in ${workgroup.name}'s projects ${issueKeys.length === 1 ? 'serves' : 'serve'} no objective: ${issueKeys.join(', ')}`;
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
