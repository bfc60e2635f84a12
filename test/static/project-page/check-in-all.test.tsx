/** @jest-environment jsdom */
/** "Check in on all key results" in the objective detail: one form, one check-in per key result filled in. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { RECORDED_ALREADY, type PayloadIn } from '@contract/api';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { pinClock } from '../../support/clock';
import { fail, ok, renderSurface } from '../support/render-surface';
import { aPage, LEAD } from './page-builders';
import { callsOf, pageHost } from './page-host';

const now = pinClock();

/** check-ins/create-many as the server answers it: each check-in recorded, as the lead. */
function recorded(p: PayloadIn<'check-ins/create-many'>) {
  return ok({
    checkIns: p.checkIns.map((c, i) => ({
      id: `ci-${i}`,
      objectiveId: 'O-2',
      keyResultId: c.keyResultId,
      value: c.value ?? null,
      confidence: c.confidence,
      note: c.note ?? '',
      author: LEAD,
      at: now + i,
    })),
    alreadyRecorded: [] as string[],
    rollup: null,
  });
}

/** A page whose check-ins/create-many answers the n-th call with `answers[n]`, and records every call after them. */
function answering(...answers: ((p: PayloadIn<'check-ins/create-many'>) => ReturnType<typeof recorded>)[]) {
  let calls = 0;
  return pageHost({
    'check-ins/create-many': (p) => {
      const answer = answers[calls] ?? recorded;
      calls += 1;
      return answer(p);
    },
  });
}

async function openForm(user: ReturnType<typeof userEvent.setup>) {
  const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
  await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
  const detail = await screen.findByRole('complementary', { name: 'O-2 details' });
  await user.click(within(detail).getByRole('button', { name: 'Check in on all key results' }));
  const form = await within(detail).findByRole('form', { name: 'Check in on all key results of O-2' });
  return { detail, form };
}

describe('project page: check in on all key results', () => {
  it('records one check-in per key result filled in, focusing the first field to fix on a bad submit', async () => {
    const user = userEvent.setup();
    const host = pageHost({ 'check-ins/create-many': recorded });
    renderSurface(<ProjectPage />, host);
    const { detail, form } = await openForm(user);
    const kr1 = within(form).getByRole('group', { name: 'KR-1 Conversion rate' });
    const kr2 = within(form).getByRole('group', { name: 'KR-2 Payment bugs fixed' });
    // no confidence is suggested
    expect((within(kr1).getByLabelText('Confidence') as HTMLSelectElement).value).toBe('');
    expect((within(kr2).getByLabelText('Confidence') as HTMLSelectElement).value).toBe('');

    // nothing entered: the banner says what to do and takes the focus
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    const banner = await within(form).findByRole('alert');
    expect(banner.textContent).toContain('Enter a check-in for at least one key result');
    await waitFor(() => expect(document.activeElement).toBe(banner));

    // a metric with a note but no value: the value is asked for there, and focused
    await user.type(within(kr1).getByLabelText('Note'), 'Checkout copy changed');
    await user.selectOptions(within(kr2).getByLabelText('Confidence'), 'High');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    expect(await within(kr1).findByText('a check-in of a metric gives its new value')).toBeTruthy();
    expect(within(kr1).getByText('choose how sure you are that it will be met')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(kr1).getByLabelText('New value (%)')));
    expect(callsOf(host, 'check-ins/create-many')).toHaveLength(0);

    await user.type(within(kr1).getByLabelText('New value (%)'), '3.4');
    await user.selectOptions(within(kr1).getByLabelText('Confidence'), 'Medium');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    await waitFor(() => expect(callsOf(host, 'check-ins/create-many')).toHaveLength(1));
    expect(callsOf(host, 'check-ins/create-many')[0]).toEqual({
      objectiveKey: 'O-2',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
      checkIns: [
        { keyResultId: 'O-2.KR-1', value: 3.4, confidence: 'medium', note: 'Checkout copy changed' },
        { keyResultId: 'O-2.KR-2', value: null, confidence: 'high', note: '' },
      ],
    });
    // the form closes, the page says so and reloads; the check-ins show at once
    await waitFor(() => expect(within(detail).queryByRole('form')).toBeNull());
    expect(host.flags).toEqual([{ type: 'success', title: '2 check-ins recorded on O-2' }]);
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
    expect(within(detail).getByText('Checkout copy changed')).toBeTruthy();
  });

  it('sends the same request again after a failure, and shows a refusal about a key result at its fields', async () => {
    const user = userEvent.setup();
    const host = answering(
      () => fail('UNAVAILABLE', 'Jira is busy; try again in a moment'),
      () =>
        fail('VALIDATION', 'The check-ins were not recorded', [
          { path: 'checkIns.0.value', message: 'a check-in of the metric KR-1 gives its new value' },
        ]),
    );
    renderSurface(<ProjectPage />, host);
    const { form } = await openForm(user);
    const kr1 = within(form).getByRole('group', { name: 'KR-1 Conversion rate' });
    await user.type(within(kr1).getByLabelText('New value (%)'), '3');
    await user.selectOptions(within(kr1).getByLabelText('Confidence'), 'Low');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Jira is busy');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    // the server's detail about the first key result sent shows at KR-1's value, focused
    expect(await within(kr1).findByText('a check-in of the metric KR-1 gives its new value')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(kr1).getByLabelText('New value (%)')));
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    await waitFor(() => expect(callsOf(host, 'check-ins/create-many')).toHaveLength(3));
    const ids = callsOf(host, 'check-ins/create-many').map((p) => (p as { requestId: string }).requestId);
    expect(new Set(ids).size).toBe(1);
  });

  it('after a refusal half-way, shows the key results recorded all the same and keeps them as recorded; sending again records the others', async () => {
    const user = userEvent.setup();
    const host = answering(
      // storage refused after KR-1 (the first sent) was stored
      () =>
        fail(
          'UNAVAILABLE',
          'Storage is busy; try again in a minute. Recorded already: KR-1; send the same check-ins again to record the others.',
          [{ path: 'checkIns.0', message: RECORDED_ALREADY }],
        ),
      (p) => {
        const again = recorded(p);
        return again.ok ? ok({ ...again.data, alreadyRecorded: ['O-2.KR-1'] }) : again;
      },
    );
    renderSurface(<ProjectPage />, host);
    const { detail, form } = await openForm(user);
    const kr1 = within(form).getByRole('group', { name: 'KR-1 Conversion rate' });
    const kr2 = within(form).getByRole('group', { name: 'KR-2 Payment bugs fixed' });
    await user.type(within(kr1).getByLabelText('New value (%)'), '3');
    await user.selectOptions(within(kr1).getByLabelText('Confidence'), 'Low');
    await user.selectOptions(within(kr2).getByLabelText('Confidence'), 'High');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));

    // the refusal says what was recorded; KR-1's row says it and offers nothing more to change
    expect((await within(form).findByRole('alert')).textContent).toContain('Recorded already: KR-1');
    expect((await within(kr1).findByText(/^Recorded already: 3%, confidence Low\./)).textContent).toBe(
      'Recorded already: 3%, confidence Low. It stays as recorded; check in on KR-1 again to change it.',
    );
    expect(within(kr1).queryByLabelText('New value (%)')).toBeNull();
    expect(within(kr1).queryByLabelText('Confidence')).toBeNull();
    // the banner lists no stray "checkIns.0" detail
    expect(within(form).getByRole('alert').textContent).not.toContain('checkIns.0');
    // KR-2 can still be changed; sending again is the same request, with KR-1 as it was recorded
    await user.selectOptions(within(kr2).getByLabelText('Confidence'), 'Medium');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    await waitFor(() => expect(within(detail).queryByRole('form')).toBeNull());
    const [first, second] = callsOf(host, 'check-ins/create-many') as PayloadIn<'check-ins/create-many'>[];
    expect(second?.requestId).toBe(first?.requestId);
    expect(second?.checkIns).toEqual([
      { keyResultId: 'O-2.KR-1', value: 3, confidence: 'low', note: '' },
      { keyResultId: 'O-2.KR-2', value: null, confidence: 'medium', note: '' },
    ]);
    // what was recorded is what was sent: no warning
    expect(host.flags).toEqual([{ type: 'success', title: '2 check-ins recorded on O-2' }]);
  });

  it('says so when a reply was lost and a change made since was not recorded (the earlier check-in kept)', async () => {
    const user = userEvent.setup();
    const host = answering(
      // the first attempt stored KR-1 at 3 but its reply never came
      () => fail('UNAVAILABLE', 'The app did not answer; try again'),
      (p) => {
        const again = recorded(p);
        if (!again.ok) return again;
        const [kr1, ...rest] = again.data.checkIns;
        return ok({ ...again.data, checkIns: [{ ...kr1!, value: 3 }, ...rest], alreadyRecorded: ['O-2.KR-1'] });
      },
    );
    renderSurface(<ProjectPage />, host);
    const { form } = await openForm(user);
    const kr1 = within(form).getByRole('group', { name: 'KR-1 Conversion rate' });
    await user.type(within(kr1).getByLabelText('New value (%)'), '3');
    await user.selectOptions(within(kr1).getByLabelText('Confidence'), 'Low');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('did not answer');
    // nothing says KR-1 was recorded: the row stays open, and the user changes the value
    await user.clear(within(kr1).getByLabelText('New value (%)'));
    await user.type(within(kr1).getByLabelText('New value (%)'), '4');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    await waitFor(() => expect(host.flags).toHaveLength(2));
    expect(host.flags[1]).toEqual({
      type: 'warning',
      title: 'KR-1 kept the check-in recorded before',
      description:
        'An earlier attempt had recorded KR-1; the change made since was not recorded. Check in on it again to change it.',
    });
  });

  it('has no serious or critical axe violation, as opened and with its errors shown', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost({ 'check-ins/create-many': recorded }));
    const { form } = await openForm(user);
    // jsdom lays nothing out: contrast is checked in the local host's walks (test/e2e/looks)
    const serious = async () =>
      (await axe.run(form, { rules: { 'color-contrast': { enabled: false } } })).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    expect(await serious()).toEqual([]);
    const kr1 = within(form).getByRole('group', { name: 'KR-1 Conversion rate' });
    await user.type(within(kr1).getByLabelText('Note'), 'No value yet');
    await user.click(within(form).getByRole('button', { name: 'Record check-ins' }));
    await within(kr1).findByText('a check-in of a metric gives its new value');
    expect(await serious()).toEqual([]);
  });

  it('is not offered to someone who may check in on no key result', async () => {
    const user = userEvent.setup();
    const outsider = { accountId: 'acc-someone', leads: [] };
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(aPage({}, outsider)) }));
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
    const detail = await screen.findByRole('complementary', { name: 'O-2 details' });
    expect(within(detail).queryByRole('button', { name: 'Check in on all key results' })).toBeNull();
  });
});
