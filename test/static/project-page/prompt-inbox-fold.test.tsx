/** @jest-environment jsdom */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { INBOX_FOLD_KEY } from '../../../static/project-page/src/prompt-inbox';
import { ok, renderSurface } from '../support/render-surface';
import { anInbox } from '../support/view-builders';
import { aPrompt } from './page-builders';
import { pageHost } from './page-host';

const prompts = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    aPrompt({ id: `outcome-review:O-2:WEB-${i + 1}`, reason: `WEB-${i + 1} is done: did it help O-2?` }),
  );

function renderWith(n: number) {
  renderSurface(<ProjectPage />, pageHost({ 'prompts/inbox': () => ok(anInbox(prompts(n))) }));
}

beforeEach(() => window.sessionStorage.clear());

describe('project page: the prompt inbox folds', () => {
  it('starts folded with more than two prompts, its count in the heading; unfolds on a click and remembers it for the session', async () => {
    const user = userEvent.setup();
    renderWith(5);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (5)' });
    const toggle = within(inbox).getByRole('button', { name: 'Your prompts (5)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(inbox).queryAllByRole('listitem')).toHaveLength(0);

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(inbox).getAllByRole('listitem')).toHaveLength(5);
    expect(window.sessionStorage.getItem(INBOX_FOLD_KEY)).toBe('false');

    // the page opened again in the same session keeps the user's choice
    cleanup();
    renderWith(5);
    const again = await screen.findByRole('region', { name: 'Your prompts (5)' });
    expect(within(again).getAllByRole('listitem')).toHaveLength(5);
  });

  it('starts open with two prompts, and folds them away when asked, for the session', async () => {
    const user = userEvent.setup();
    renderWith(2);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (2)' });
    expect(within(inbox).getAllByRole('listitem')).toHaveLength(2);
    await user.click(within(inbox).getByRole('button', { name: 'Your prompts (2)' }));
    expect(within(inbox).queryAllByRole('listitem')).toHaveLength(0);
    cleanup();
    renderWith(2);
    const again = await screen.findByRole('region', { name: 'Your prompts (2)' });
    expect(within(again).getByRole('button', { name: 'Your prompts (2)' }).getAttribute('aria-expanded')).toBe('false');
    expect(within(again).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('has nothing to fold when nothing waits', async () => {
    renderWith(0);
    const inbox = await screen.findByRole('region', { name: 'Your prompts' });
    expect(within(inbox).queryByRole('button')).toBeNull();
    expect(within(inbox).getByText(/Nothing is waiting for you/)).toBeTruthy();
  });
});
