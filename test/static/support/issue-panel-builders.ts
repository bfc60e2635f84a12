/**
 * Builders for what the issue panel is sent (issue-panel/view, prompts/inbox), parsed through the
 * contract so each is a reply the real backend could give.
 */
import { IssuePanelView, type IssueLink, type IssueShare } from '@contract/api/views';
import type { PromptItem } from '@contract/api/prompts';
import type { ObjectiveView } from '@contract/api/objectives';
import type { ObjectiveRollup } from '@contract/rollup';
import { T0 } from '../../support/builders';
import { anObjectiveCan, anOutcomeReviewOf } from './view-builders';

export function aLink(issueKey: string, over: Partial<IssueLink> = {}): IssueLink {
  return { issueKey, direct: true, keyResultId: null, createdBy: 'acc-member', createdAt: T0, ...over };
}

export function aShare(over: Partial<IssueShare> = {}): IssueShare {
  return {
    keyResultId: null,
    measure: 'count',
    share: null,
    byCount: null,
    byPoints: null,
    withDescendants: null,
    ...over,
  };
}

export function aServedEntry(
  objective: ObjectiveView,
  rollup: ObjectiveRollup | null,
  links: IssueLink[],
  shares: IssueShare[] = [],
) {
  return { objective, rollup, can: anObjectiveCan(objective), links, shares };
}

export function anIssuePanelView(over: Record<string, unknown> = {}): IssuePanelView {
  return IssuePanelView.parse({
    issueKey: 'WEB-3',
    canEdit: true,
    known: true,
    ancestors: [],
    serves: [],
    hiddenServed: 0,
    ...over,
  });
}

export function anOutcomeReview(over: Record<string, unknown> = {}): PromptItem {
  return anOutcomeReviewOf('WEB-3', 'O-1', 'acc-member', over);
}
