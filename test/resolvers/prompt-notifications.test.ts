/**
 * Prompts reach their recipient's inbox outside Tether (issue 15, item 4; docs/prompts.md,
 * "Outside Tether"): an outcome review delivered about an issue puts a Jira notification email in
 * the outbox in the prompt's own transaction, and the job queue sends it with
 * POST /rest/api/3/issue/{key}/notify, which the local Jira records (/notifications). A retried job
 * sends nothing twice; someone who opted out, or who may no longer see the objective, gets nothing;
 * Jira's rate limit sends it later. On the local host (strict by default), clock pinned.
 */
import type { NotificationOrder } from '../../src/contract';
import { Prompt } from '../../src/contract';
import { promptAudience } from '../../src/app/prompts/prompt-audience';
import { raisePrompts } from '../../src/app/prompts/raise-prompts';
import {
  NOTIFY_SWEEP_AFTER_MS,
  sendNotifications,
  sweepNotifications,
  type NotifyPorts,
} from '../../src/app/prompts/send-notifications';
import { createJiraClient } from '../../src/forge/jira';
import { unavailable } from '../../src/forge/jira/jira-errors';
import { NOTIFY_ENDPOINT } from '../../src/forge/jira/notify-issue';
import { forgeNotificationQueue } from '../../src/forge/queue/job-queue';
import { forgeNotificationOutbox, forgeNotificationPrefs } from '../../src/forge/store/notification-store';
import { ForgeObjectiveStore } from '../../src/forge/store/objective-store';
import { forgePromptStore } from '../../src/forge/store/prompt-store';
import { ForgeWorkgroupStore } from '../../src/forge/store/workgroup-store';
import { retryAfterFor } from '../../src/triggers/retry-later';
import { queueConsumer } from '../../src/triggers/reconcile';
import { onIssueEvent } from '../../src/triggers/issue-events';
import type { JiraPort } from '../../src/ports';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, asPersona, useAppHost } from '../support/app-host';
import { createSquadObjective, organisation } from './objective-kit';
import { storedPrompt } from './prompt-kit';
import { ok, queriesCaughtUp } from './resolver-kit';
import { transition } from './live-host';

const REVIEW = 'outcome-review:WEB-5:O-2';

const app = useAppHost(async () => {
  await organisation(app);
  await createSquadObjective(app, { title: 'Nightingale launch plan' }); // O-2, public: the outsider sees it through WEB
});

const sent = () => app.host.jira.notifications.list();
const orderOf = (id: string) => asPersona(app.host, null, () => forgeNotificationOutbox().get(id));

/**
 * WEB-5, linked to O-2, assigned to the outsider and finished; Jira's event reaches the app, whose
 * outcome review opens at once in the outsider's inbox. The queued send is not delivered yet.
 */
async function outsiderFinishesWeb5(): Promise<void> {
  await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-5', objectiveKey: 'O-2' });
  const assigned = await app.host.jiraRequest({
    method: 'PUT',
    path: '/rest/api/3/issue/WEB-5',
    body: JSON.stringify({ fields: { assignee: { accountId: ACCOUNT.outsider } } }),
    asUser: ACCOUNT.lead,
  });
  expect(assigned.status).toBe(204);
  await transition(app, 'outsider', 'WEB-5', 'done');
  await asPersona(app.host, null, () => onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } }));
  await queriesCaughtUp(app);
}

/** The queue delivers what waits (the send job), as Forge would shortly after. */
async function queueRuns(): Promise<void> {
  await app.host.settle();
}

describe('an outcome review delivered about an issue', () => {
  it('emails its recipient once through Jira, with the subject, the question and the issue', async () => {
    await outsiderFinishesWeb5();
    expect(await storedPrompt(app, REVIEW)).toMatchObject({ state: 'open', recipient: ACCOUNT.outsider });
    // owed in the outbox with the delivery, sent by the queue
    expect(await orderOf(REVIEW)).toMatchObject({ state: expect.stringMatching(/pending|sent/) });
    await queueRuns();

    expect(sent()).toHaveLength(1);
    const [email] = sent();
    expect(email!.to.map((r) => r.accountId)).toEqual([ACCOUNT.outsider]);
    expect(email!.from).toBe(app.host.jira.store.appAccountId);
    expect(email!.issueKey).toBe('WEB-5');
    expect(email!.issueUrl).toMatch(/\/browse\/WEB-5$/);
    expect(email!.subject).toBe('Tether: outcome review for WEB-5');
    expect(email!.textBody).toContain('WEB-5 is done: did it deliver what');
    expect(email!.textBody).toContain('Nightingale launch plan');
    expect(await orderOf(REVIEW)).toMatchObject({ state: 'sent', sentAt: expect.any(Number) });
  });

  it('is not emailed twice when the send job is delivered again, or the event replayed', async () => {
    await outsiderFinishesWeb5();
    await queueRuns();
    expect(sent()).toHaveLength(1);
    // the same job again (at-least-once delivery), and Jira's event again
    const again = queueConsumer();
    await app.host.runtime.runCounted({ accountId: null, moduleKey: 'reconcile-consumer' }, () =>
      again({
        queueName: 'tether-reconcile',
        jobId: 'job-again',
        eventId: 'event-again',
        body: { notifications: [REVIEW] },
      }),
    );
    await asPersona(app.host, null, () =>
      onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } }),
    );
    await queueRuns();
    expect(sent()).toHaveLength(1);
  });

  it('is not emailed to someone who opted out; the inbox still has it', async () => {
    expect(await ok(app, 'outsider', 'me/notifications', {})).toEqual({ emails: true });
    expect(await ok(app, 'outsider', 'me/notifications', { emails: false })).toEqual({ emails: false });
    expect(await ok(app, 'outsider', 'me/notifications', {})).toEqual({ emails: false });
    await outsiderFinishesWeb5();
    await queueRuns();
    expect(sent()).toEqual([]);
    expect(await orderOf(REVIEW)).toMatchObject({ state: 'skipped', skippedReason: 'opted-out' });
    expect((await ok(app, 'outsider', 'prompts/inbox', {})).prompts.map((p) => p.id)).toEqual([REVIEW]);
    // someone else's choice is their own: the lead still gets emails
    expect(await ok(app, 'lead', 'me/notifications', {})).toEqual({ emails: true });
  });

  it('is not emailed to a recipient who may no longer see the objective when it is sent', async () => {
    await outsiderFinishesWeb5();
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, visibility: 'restricted' });
    await queueRuns();
    expect(sent()).toEqual([]);
    expect(await orderOf(REVIEW)).toMatchObject({ state: 'skipped', skippedReason: 'may-not-see' });
  });
});

describe("when Jira's rate limit refuses the email", () => {
  it("is not lost when Jira's points are spent past the job's retries: the hourly sweep sends it in the next hour (the local Jira's 429)", async () => {
    await outsiderFinishesWeb5();
    const budget = app.host.jira.appBudget!;
    const start = Date.now();
    budget.charge(budget.remaining(start), start); // the hour's points are spent
    await queueRuns(); // the job and Forge's retries of it (this host redelivers at once) all meet the 429
    const runs = app.host.invocations().filter((r) => r.functionKey === 'on-reconcile');
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.slice(0, -1).every((r) => r.retryAfter !== undefined && r.retryAfter > 0)).toBe(true);
    expect(sent()).toEqual([]);
    const order = (await orderOf(REVIEW))!;
    expect(order).toMatchObject({ state: 'pending', claimedUntil: null });

    // the next hourly run, in Jira's next hour
    const renewed = Math.ceil(start / 3_600_000) * 3_600_000;
    setProcessClock(Math.max(renewed, order.createdAt + NOTIFY_SWEEP_AFTER_MS) + 60_000);
    await queriesCaughtUp(app);
    const swept = await asPersona(app.host, null, () =>
      sweepNotifications({ outbox: forgeNotificationOutbox(), queue: forgeNotificationQueue }, Date.now()),
    );
    expect(swept).toBe(1);
    await queueRuns();
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.at).toBeGreaterThanOrEqual(renewed);
    expect(await orderOf(REVIEW)).toMatchObject({ state: 'sent' });
  });

  /** The send as the queue runs it, on Forge's stores and the local Jira, with Jira's notify replaced. */
  const sendWith = (notifyIssue: NonNullable<JiraPort['notifyIssue']>) =>
    asPersona(app.host, null, () => {
      const jira = createJiraClient();
      const objectiveStore = new ForgeObjectiveStore();
      const ports: NotifyPorts = {
        outbox: forgeNotificationOutbox(),
        prefs: forgeNotificationPrefs(),
        prompts: forgePromptStore(),
        objectiveStore,
        audience: promptAudience({ jira, objectiveStore, workgroups: new ForgeWorkgroupStore() }),
        jira: { notifyIssue },
        clock: { now: () => Date.now() },
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      };
      return sendNotifications(ports, [REVIEW]);
    });

  it('gives the order back and asks for the job again after Retry-After; the later run sends it once', async () => {
    await outsiderFinishesWeb5();
    const limited = unavailable(NOTIFY_ENDPOINT, 429, 'Jira asked to wait 120 s', 120_000);
    const refused = await sendWith(() => Promise.reject(limited)).catch((e: unknown) => e);
    expect(refused).toBe(limited);
    expect(retryAfterFor(refused, () => 0)).toBe(120);
    expect(await orderOf(REVIEW)).toMatchObject<Partial<NotificationOrder>>({ state: 'pending', claimedUntil: null });
    expect(sent()).toEqual([]);

    // the job's next delivery, after the wait: Jira takes it
    const later = await sendWith((key, n) => createJiraClient().notifyIssue!(key, n));
    expect(later.sent).toEqual([REVIEW]);
    await queueRuns(); // the job pushed with the delivery finds it sent
    expect(sent()).toHaveLength(1);
  });

  it('is queued again by the hourly sweep when still pending an hour after its delivery, or held by a run that died', async () => {
    await outsiderFinishesWeb5();
    const limited = unavailable(NOTIFY_ENDPOINT, 429, 'Jira asked to wait 900 s', 900_000);
    await sendWith(() => Promise.reject(limited)).catch(() => undefined);
    const order = (await orderOf(REVIEW))!;
    const pushed: string[][] = [];
    const sweep = (at: number) =>
      asPersona(app.host, null, () =>
        sweepNotifications(
          { outbox: forgeNotificationOutbox(), queue: { push: async (ids) => void pushed.push([...ids]) } },
          at,
        ),
      );
    await queriesCaughtUp(app);
    expect(await sweep(order.createdAt + NOTIFY_SWEEP_AFTER_MS)).toBe(0); // not yet an hour
    expect(await sweep(order.createdAt + NOTIFY_SWEEP_AFTER_MS + 1)).toBe(1);
    expect(pushed).toEqual([[REVIEW]]);

    // a run that claimed it and died: a retried job meets the claim and ends; the sweep queues it once the claim is over
    const claimedUntil = order.createdAt + 10 * 60_000;
    await asPersona(app.host, null, () => forgeNotificationOutbox().put({ ...order, state: 'sending', claimedUntil }));
    await queriesCaughtUp(app);
    expect(await sweep(claimedUntil - 1)).toBe(0);
    expect(await sweep(claimedUntil)).toBe(1);
    expect(pushed).toEqual([[REVIEW], [REVIEW]]);
  });

  it('keeps the delivery when the queue refuses the send: the order waits, pending, for the hourly sweep', async () => {
    const now = Date.now();
    const review = Prompt.parse({
      id: 'outcome-review:WEB-4:O-2',
      kind: 'outcome-review',
      recipient: ACCOUNT.member,
      subject: { type: 'issue', issueKey: 'WEB-4', objectiveId: 'O-2' },
      reason: 'WEB-4 is done: did it deliver what "Nightingale launch plan" needed?',
      createdAt: now,
      dueAt: now + 7 * 86_400_000,
      state: 'queued',
    });
    const refusing = { push: () => Promise.reject(new Error('the queue is busy')) };
    const { opened } = await asPersona(app.host, null, () =>
      raisePrompts(forgePromptStore(refusing), [review], { weeklyCapPerUser: 5 }, now, {
        mayReceive: async (p) => [...p],
      }),
    );
    expect(opened.map((p) => p.id)).toEqual([review.id]);
    expect(await storedPrompt(app, review.id)).toMatchObject({ state: 'open' });
    expect(await orderOf(review.id)).toMatchObject({ state: 'pending', recipient: ACCOUNT.member, issueKey: 'WEB-4' });
    await queueRuns();
    expect(sent()).toEqual([]); // nothing was queued
  });
});
