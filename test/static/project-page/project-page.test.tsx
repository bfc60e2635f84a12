/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { fail, fakeHost, ok, renderSurface } from '../support/render-surface';
import { anObjectiveView, aProjectPageView, aRollup, aWorkgroupRecord } from '../support/view-builders';

describe('project page', () => {
  it('shows each workgroup objective with its status and progress', async () => {
    const objective = anObjectiveView({ title: 'Checkout converts better', workgroupId: 'wg-checkout' });
    const view = aProjectPageView({ workgroups: [aWorkgroupRecord({ objectives: [{ objective, rollup: aRollup(objective.id, 'at-risk', 0.25) }] })] });
    const host = fakeHost({ 'project-page/view': () => ok(view) });
    renderSurface(<ProjectPage />, host);
    expect(await screen.findByText(/Checkout converts better/)).toBeTruthy();
    expect(screen.getByText('At risk')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: /Checkout converts better: 25%/ })).toBeTruthy();
    expect(host.calls).toEqual([{ key: 'project-page/view', payload: { projectKey: 'SHOP' } }]);
  });

  it("shows the server's refusal when the user may not browse the project", async () => {
    const host = fakeHost({ 'project-page/view': () => fail('FORBIDDEN', 'You cannot browse project SHOP.') });
    renderSurface(<ProjectPage />, host);
    expect(await screen.findByText("You don't have permission to do this")).toBeTruthy();
    expect(screen.getByText('You cannot browse project SHOP.')).toBeTruthy();
  });
});
