import { NotificationOrder } from '../../../src/contract';
import { notificationOrder, notificationOrders } from '../../../src/domain/prompts/notification';
import { deliver } from '../../../src/domain/prompts/weekly-cap';
import { aPrompt, aQueuedPrompt, T0 } from '../../support/prompt-builders';

const review = (over = {}) =>
  aPrompt({
    id: 'outcome-review:WEB-5:O-2',
    subject: { type: 'issue', issueKey: 'WEB-5', objectiveId: 'O-2' },
    reason: `WEB-5 is done: did it deliver what "Grow <checkout> & co" needed?`,
    ...over,
  });

describe('which delivered prompts are emailed, and what the email says', () => {
  it('emails an outcome review about an issue to its recipient, as the inbox words it, with where to answer', () => {
    const order = notificationOrder(review(), T0)!;
    expect(NotificationOrder.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      id: 'outcome-review:WEB-5:O-2',
      kind: 'outcome-review',
      recipient: 'acc-member',
      issueKey: 'WEB-5',
      objectiveId: 'O-2',
      subject: 'Tether: outcome review for WEB-5',
      state: 'pending',
      createdAt: T0,
    });
    expect(order.textBody).toContain('WEB-5 is done: did it deliver what "Grow <checkout> & co" needed?');
    expect(order.textBody).toContain('Answer it on WEB-5 in Jira');
    expect(order.textBody).toContain('Email me about prompts');
    // the HTML escapes what the reason holds
    expect(order.htmlBody).toContain('&#34;Grow &#60;checkout&#62; &#38; co&#34;');
    expect(order.htmlBody).not.toContain('<checkout>');
  });

  it('emails nothing for a prompt that names no issue, or that was not delivered', () => {
    expect(notificationOrder(aPrompt({ kind: 'escalation' }), T0)).toBeNull();
    expect(notificationOrder(aPrompt({ kind: 'check-in-due' }), T0)).toBeNull();
    expect(notificationOrder(aPrompt({ kind: 'period-review' }), T0)).toBeNull();
    expect(notificationOrder(aPrompt({ kind: 'alignment-gap' }), T0)).toBeNull();
    expect(notificationOrder(review({ state: 'queued', deliveredAt: null }), T0)).toBeNull();
  });

  it('owes one email per prompt the weekly cap opens, none for those it holds back', () => {
    const queued = [1, 2, 3].map((n) =>
      aQueuedPrompt({
        id: `outcome-review:WEB-${n}:O-2`,
        subject: { type: 'issue', issueKey: `WEB-${n}`, objectiveId: 'O-2' },
        createdAt: T0 + n,
      }),
    );
    const { delivered } = deliver(queued, new Map(), 2, T0 + 10);
    expect(notificationOrders(delivered, T0 + 10).map((o) => o.issueKey)).toEqual(['WEB-1', 'WEB-2']);
  });
});
