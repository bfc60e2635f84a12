/** The accounts of an issue as the contract takes them: an assignee becomes a prompt's recipient, so it must be an AccountId. */
import { toIssueState } from '../../../src/forge/jira/issue-state-mapping';

const fields = (assignee: string | null, reporter: string | null) => ({
  summary: 'S',
  issuetype: { id: '1', name: 'Task' },
  status: { statusCategory: { key: 'done' } },
  created: '2026-11-01T10:00:00.000+0000',
  updated: '2026-11-02T10:00:00.000+0000',
  assignee: assignee === null ? null : { accountId: assignee },
  reporter: reporter === null ? null : { accountId: reporter },
});

const mapping = { storyPointsFieldIds: [], bugIssueTypeIds: new Set<string>() };

describe('toIssueState', () => {
  it('keeps account ids as Jira gives them', () => {
    expect(
      toIssueState('GET', { id: '1', key: 'WEB-1', fields: fields('557058:ann', '5b10ac8d82e05b22cc7d4ef5') }, mapping),
    ).toMatchObject({ assignee: '557058:ann', reporter: '5b10ac8d82e05b22cc7d4ef5' });
  });

  it('reads an account id the contract refuses as nobody, instead of failing the issue', () => {
    expect(
      toIssueState('GET', { id: '1', key: 'WEB-1', fields: fields('ann / admin', 'x'.repeat(129)) }, mapping),
    ).toMatchObject({ assignee: null, reporter: null });
  });
});
