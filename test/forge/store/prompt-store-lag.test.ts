/**
 * The prompt store under query lag (strict host: queries show writes a second late): what one
 * store (one invocation) wrote is merged into its lists, in its written state, so a run that
 * raises and delivers prompts for several rules counts them all against the weekly cap. Another
 * invocation finds a prompt raised a moment ago through its recipient's mailbox, read by key.
 */
import { forgePromptStore } from '../../../src/forge/store/prompt-store';
import { asPersona, startAppHost, type AppHost } from '../../support/app-host';
import { pinClock } from '../../support/clock';
import { aQueuedPrompt } from '../../support/prompt-builders';

pinClock();

let app: AppHost;
beforeEach(() => {
  app = startAppHost({ forge: 'strict', kvs: { queryLagMs: 1_000 } });
});
afterEach(() => app.close());

describe('the prompt store of one invocation', () => {
  it('lists the prompts it just created and delivered, in their new state, before queries show them', async () => {
    const first = aQueuedPrompt({ id: 'check-in-due:kr-1:2026-11-20', recipient: 'acc-member' });
    const second = aQueuedPrompt({ id: 'check-in-due:kr-2:2026-11-20', recipient: 'acc-member' });
    const seen = await asPersona(app.host, null, async () => {
      const store = forgePromptStore();
      await store.createMissing([first, second]);
      const afterCreate = (await store.ofRecipient('acc-member')).map((p) => [p.id, p.state]);
      await store.update([{ ...first, state: 'open' }]);
      return {
        afterCreate,
        queued: (await store.inState('queued')).map((p) => p.id),
        open: (await store.inState('open')).map((p) => p.id),
        // the version it wrote guards its next update: no conflict
        again: await store.update([{ ...first, state: 'snoozed' }]).then(() => 'updated'),
      };
    });
    expect(seen).toEqual({
      afterCreate: [
        [first.id, 'queued'],
        [second.id, 'queued'],
      ],
      queued: [second.id],
      open: [first.id],
      again: 'updated',
    });
    // another invocation a moment later, before the queries caught up: the recipient's mailbox, read
    // by key, names them, so their inbox has them in their current state; a list by state lags
    const elsewhere = await asPersona(app.host, null, async () => {
      const store = forgePromptStore();
      return {
        inbox: (await store.ofRecipient('acc-member')).map((p) => [p.id, p.state]),
        queued: (await store.inState('queued')).map((p) => p.id),
      };
    });
    expect(elsewhere).toEqual({
      inbox: [
        [first.id, 'snoozed'],
        [second.id, 'queued'],
      ],
      queued: [],
    });
  });
});
