/** The issue WEB-3 as the panel tests see it: it serves O-1 directly and O-2 through its epic WEB-1. */
import { aKeyResultOf, anObjectiveView, aRollup } from '../support/view-builders';
import { aLink, aServedEntry, aShare, anIssuePanelView } from '../support/issue-panel-builders';

export const checkout = anObjectiveView({
  id: 'O-1',
  key: 'O-1',
  title: 'Checkout converts better',
  workgroupId: 'wg-checkout',
});
export const checkoutFlow = aKeyResultOf('O-1', {
  id: 'kr-1',
  key: 'KR-1',
  title: 'New checkout flow shipped',
  measure: 'story-points',
});
checkout.keyResults.push(checkoutFlow);

export const retention = anObjectiveView({
  id: 'O-2',
  key: 'O-2',
  title: 'Customers come back',
  workgroupId: 'wg-checkout',
});

const work = (issues: number, points: number) => ({
  issues,
  done: 0,
  inProgress: 0,
  toDo: issues,
  points,
  pointsDone: 0,
});

export const checkoutRollup = aRollup('O-1', 'at-risk', 0.4, {
  work: work(12, 40),
  keyResults: [{ keyResultId: 'kr-1', progress: 0.5, overshoot: 0, value: null, target: null, work: work(10, 40) }],
});
export const retentionRollup = aRollup('O-2', 'on-track', 0.7, { work: work(40, 0) });

export function web3View(over: Record<string, unknown> = {}) {
  return anIssuePanelView({
    issueKey: 'WEB-3',
    ancestors: ['WEB-1'],
    serves: [
      aServedEntry(
        checkout,
        checkoutRollup,
        [aLink('WEB-3', { keyResultId: 'kr-1' })],
        [
          aShare({ share: 1 / 12, byCount: 1 / 12, byPoints: 5 / 40 }),
          aShare({ keyResultId: 'kr-1', measure: 'story-points', share: 5 / 40, byCount: 1 / 10, byPoints: 5 / 40 }),
        ],
      ),
      aServedEntry(
        retention,
        retentionRollup,
        [aLink('WEB-1', { direct: false })],
        [aShare({ share: 1 / 40, byCount: 1 / 40 })],
      ),
    ],
    ...over,
  });
}
