/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { fail, ok, renderSurface } from '../support/render-surface';
import { callsOf, pageHost } from './page-host';

describe('project page: email about prompts, in the inbox', () => {
  it("shows the caller's choice and saves a change at once", async () => {
    const user = userEvent.setup();
    let emails = true;
    const host = pageHost({
      'me/notifications': (p) => {
        if (p.emails !== undefined) emails = p.emails;
        return ok({ emails });
      },
    });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: /Your prompts/ });
    const box = await within(inbox).findByRole('checkbox', { name: 'Email me about prompts on issues' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() => expect(callsOf(host, 'me/notifications')).toContainEqual({ emails: false }));
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false));
    expect(emails).toBe(false);
  });

  it('keeps what is stored and says why when saving fails', async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'me/notifications': (p) =>
        p.emails === undefined ? ok({ emails: true }) : fail('UNAVAILABLE', 'Storage is busy.'),
    });
    renderSurface(<ProjectPage />, host);
    const box = await screen.findByRole('checkbox', { name: 'Email me about prompts on issues' });
    await user.click(box);
    expect(await screen.findByText(/Storage is busy/)).toBeTruthy();
    expect((box as HTMLInputElement).checked).toBe(true);
  });
});
