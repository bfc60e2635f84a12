/**
 * The demo organisation's feedback prompts, made by the app itself: every kind (outcome review,
 * check-in due, escalation, period review, alignment gap) in every state (queued, open, snoozed,
 * answered, dismissed, expired). The situations that raise each kind are set up through the
 * resolvers and the local Jira, the app's triggers and its hourly job ask, and the personas act on
 * their inboxes through prompts/answer|dismiss|snooze; prompts expire the ways the app expires
 * them (an objective archived, a key result deleted, an issue deleted in Jira, a workgroup deleted).
 *
 * It happens in two weeks, so that inboxes look lived in and the weekly cap (5 new prompts per
 * person in 7 days) leaves the lead and the member room for what people try first:
 *
 * - **last week** (the clock set 8 days back): stories finished, confidence drops, the hourly job
 *   (check-ins due on key results set up a month ago, period reviews of the "Hack week" period that
 *   ends 2 days before now, alignment gaps, one for a short-lived workgroup); the lead, the member
 *   and the admin answer and dismiss, one story is deleted in Jira, one key result and one
 *   workgroup are deleted, one objective is archived;
 * - **this week**: more stories finished and confidence drops, the job again (this week's check-ins
 *   due and alignment gaps, period reviews of two new hack-week objectives); the admin's week is
 *   full, so what reaches the admin after that waits, queued; people snooze and dismiss some.
 *
 * Inboxes after seeding: the member has an open outcome review (on a story: the issue panel) and an
 * open check-in; the lead an open escalation, period review (since last week) and alignment gap;
 * the admin open outcome reviews and escalations, and queued prompts of every kind but escalation
 * (an escalation is never held back by the weekly cap).
 *
 * The same on any day it is made (test/local/demo: a quarter's last week, a year's last day, a
 * quarter's first day, a leap day): what the app would raise on its own depending on the day — the
 * quarter's period reviews, escalations of objectives whose pace turns — is held back while seeding.
 */
import { z } from 'zod';
import type { PayloadIn, PromptAnswerInput, PromptItem } from '../../src/contract/api';
import type { Host } from '../host/create-host';
import { atTime } from '../runtime/process-clock';
import { DEMO_ACCOUNTS } from '../jira/seed';
import { call, momentLater, type KeyResultDraftIn, type ProjectKey, type Who } from './seed-call';

const DAY = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface PromptContext {
  now: number;
  keyOf: (title: string) => string;
  /** Issues linked to objectives, and how many objectives each serves: stories under them serve those. */
  linked: ReadonlyMap<string, number>;
  /** Runs the app's hourly trigger (refresh, then the prompt job); false when the manifest has none. */
  runHourly: () => Promise<boolean>;
}

export interface PromptSeedResult {
  /** Objectives made for the prompts (added to the demo's 40). */
  objectives: number;
  /** Stories finished in Jira, each asking its assignee for an outcome review. */
  finished: number;
  answered: number;
  dismissed: number;
  snoozed: number;
  /** The member's story with an open outcome review (for the issue panel). */
  memberReviewIssue: string | null;
}

const Stories = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      fields: z.object({
        parent: z.object({ key: z.string() }).nullish(),
        assignee: z.object({ accountId: z.string() }).nullish(),
        created: z.string(),
      }),
    }),
  ),
});
const Transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), to: z.object({ statusCategory: z.object({ key: z.string() }) }) })),
});
type Item = PromptItem;
type AnswerIn = z.input<typeof PromptAnswerInput>;

const ANSWER: { [Kind in Item['kind']]: (p: Item) => AnswerIn } = {
  'outcome-review': () => ({
    kind: 'outcome-review',
    impact: 'fully',
    note: 'Customers noticed: fewer support tickets about it.',
  }),
  'check-in-due': (p) => ({
    kind: 'check-in-due',
    confidence: 'medium',
    note: 'Moving, slower than hoped.',
    ...(p.context.keyResult?.kind === 'metric' ? { value: 150 } : {}),
  }),
  escalation: () => ({
    kind: 'escalation',
    choice: 'adjust-scope',
    note: 'Agreed with the team on Monday: the wallet waits for next quarter.',
  }),
  'period-review': () => ({
    kind: 'period-review',
    grade: 0.7,
    helped: 'Pairing with support.',
    hindered: 'Two outages in the middle of the week.',
  }),
  'alignment-gap': () => ({ kind: 'alignment-gap', note: 'Linking these to objectives this sprint.' }),
};

export async function seedPrompts(host: Host, ctx: PromptContext): Promise<PromptSeedResult> {
  const { admin, lead, member } = DEMO_ACCOUNTS;
  const { now, keyOf } = ctx;
  const lastWeek = now - 8 * DAY;
  const result: PromptSeedResult = {
    objectives: 0,
    finished: 0,
    answered: 0,
    dismissed: 0,
    snoozed: 0,
    memberReviewIssue: null,
  };

  // ---- helpers ----------------------------------------------------------------------------------
  const inbox = async (who: Who) => (await call(host, who, 'prompts/inbox', {})).prompts;
  const answer = async (who: Who, p: Item | undefined) => {
    if (p === undefined) return;
    await call(host, who, 'prompts/answer', { promptId: p.id, answer: ANSWER[p.kind](p) });
    result.answered += 1;
  };
  const dismiss = async (who: Who, p: Item | undefined, reason: string) => {
    if (p === undefined) return;
    await call(host, who, 'prompts/dismiss', { promptId: p.id, reason });
    result.dismissed += 1;
  };
  const snooze = async (who: Who, p: Item | undefined) => {
    if (p === undefined) return;
    await call(host, who, 'prompts/snooze', { promptId: p.id, days: 7 });
    result.snoozed += 1;
  };
  const objective = async (who: Who, body: PayloadIn<'objectives/create'>, project: ProjectKey) => {
    const created = await call(host, who, 'objectives/create', body, project);
    result.objectives += 1;
    return created.objective;
  };
  const keyResults = async (
    who: Who,
    o: { key: string; version: number },
    krs: KeyResultDraftIn[],
    project: ProjectKey,
  ) => {
    const ids: string[] = [];
    for (const kr of krs) {
      const added = await call(
        host,
        who,
        'key-results/create',
        { objectiveKey: o.key, version: o.version, keyResult: kr },
        project,
      );
      o.version = added.objective.version;
      ids.push(added.keyResult.id);
    }
    return ids;
  };
  /** Changes the prompt policy as the admin would on the admin page. */
  const policy = async (patch: NonNullable<PayloadIn<'settings/update'>['promptPolicy']>) => {
    const current = await call(host, 'admin', 'settings/get', {});
    await call(host, 'admin', 'settings/update', { version: current.version, promptPolicy: patch });
  };
  /**
   * Confidence from high to low: the parent's owner and the workgroup's leads are asked. Escalations
   * are on only for these drops: the ones the app raises on its own (an objective whose pace turns
   * off track as stories finish, or in the daily job) depend on the day the demo is made.
   */
  const drop = async (who: Who, objectiveKey: string) => {
    await call(host, who, 'check-ins/create', { objectiveKey, confidence: 'high', note: 'Looking good.' });
    await policy({ enabled: { escalation: true } });
    await call(host, who, 'check-ins/create', {
      objectiveKey,
      confidence: 'low',
      note: 'A dependency slipped; this will not make the quarter as planned.',
    });
    await policy({ enabled: { escalation: false } });
  };

  /**
   * The app's hourly trigger. Period reviews open `leadDays` before a period's end while it runs
   * (the default week last week, none this week): the hack week's reviews open as planned, the
   * quarter's never during seeding — they depend on the day the demo is made, and in a quarter's last
   * week they would fill every owner's weekly cap. The admin's lead time is put back afterwards.
   */
  const job = async (leadDays: number) => {
    const before = (await call(host, 'admin', 'settings/get', {})).promptPolicy.periodReviewLeadDays;
    await policy({ periodReviewLeadDays: leadDays });
    momentLater(host); // the job runs a while after what came before
    await ctx.runHourly();
    await policy({ periodReviewLeadDays: before });
  };

  // Stories not done yet, under linked epics, by assignee: finishing one asks its assignee.
  const found = await host.jiraRequest({
    method: 'GET',
    path: `/rest/api/3/search/jql?jql=${encodeURIComponent('issuetype = Story AND statusCategory != Done AND labels = demo ORDER BY key ASC')}&fields=parent,assignee,created&maxResults=100`,
    asUser: null,
  });
  const stories = new Map<string, string[]>();
  for (const s of Stories.parse(JSON.parse(found.body)).issues) {
    const assignee = s.fields.assignee?.accountId;
    const parent = s.fields.parent?.key;
    // created before last week, so finishing it then is in order
    // under an epic serving one objective (one review each), created before last week (finished then is in order)
    if (
      assignee === undefined ||
      parent === undefined ||
      ctx.linked.get(parent) !== 1 ||
      ctx.linked.has(s.key) ||
      Date.parse(s.fields.created) > lastWeek - DAY
    )
      continue;
    stories.set(assignee, [...(stories.get(assignee) ?? []), s.key]);
  }
  const finish = async (assignee: string): Promise<string | null> => {
    const key = stories.get(assignee)?.shift();
    if (key === undefined) return null;
    const listed = await host.jiraRequest({
      method: 'GET',
      path: `/rest/api/3/issue/${key}/transitions`,
      asUser: null,
    });
    const done = Transitions.parse(JSON.parse(listed.body)).transitions.find((t) => t.to.statusCategory.key === 'done');
    if (done === undefined) return finish(assignee);
    await host.jiraRequest({
      method: 'POST',
      path: `/rest/api/3/issue/${key}/transitions`,
      body: JSON.stringify({ transition: { id: done.id } }),
      asUser: lead,
    });
    await host.drain();
    result.finished += 1;
    return key;
  };
  const reviewOf = (items: Item[], issueKey: string | null) =>
    items.find((p) => p.kind === 'outcome-review' && p.subject.type === 'issue' && p.subject.issueKey === issueKey);

  // ---- set up before last week (the clock set back further) ------------------------------------
  // escalations only from the confidence drops (drop above); on again when the demo is made
  await policy({ enabled: { escalation: false } });
  const settings = await call(host, 'admin', 'settings/get', {});
  // a hack week that ends two days before now, not closed yet: its period reviews open a week before its end
  const hack = await call(host, 'admin', 'periods/create', {
    version: settings.version,
    name: 'Hack week',
    start: isoDay(now - 9 * DAY),
    end: isoDay(now - 2 * DAY),
  });
  // a support rota that began 45 days ago: its key results are due for check-ins on any day the demo
  // is made (in the quarter they would not be on a quarter's first days: no check-in is asked before
  // a period has run a cadence). Longer than a quarter, so the quarter stays the page's default.
  const rota = await call(host, 'admin', 'periods/create', {
    version: hack.settings.version,
    name: 'Support rota',
    start: isoDay(now - 45 * DAY),
    end: isoDay(now + 60 * DAY),
  });
  const hackObjective = (who: Who, title: string, workgroupId: string, parent: string, owner: string) =>
    objective(
      who,
      {
        title: `Hack week: ${title}`,
        levelId: 'workgroup',
        periodId: hack.period.id,
        workgroupId,
        parentId: keyOf(parent),
        owner,
      },
      workgroupId === 'checkout-squad' ? 'WEB' : 'MOB',
    );

  // key results nobody has checked in on since a month ago (two) and three weeks ago (two more), in the support rota
  const support = await atTime(now - 30 * DAY, async () => {
    const o = await objective(
      'lead',
      {
        title: 'Answer customers within the hour',
        levelId: 'workgroup',
        periodId: rota.period.id,
        workgroupId: 'checkout-squad',
        parentId: keyOf('Checkout rebuilt end to end'),
        owner: member,
      },
      'WEB',
    );
    const ids = await keyResults(
      'lead',
      o,
      [
        {
          kind: 'metric',
          title: 'Median first reply (minutes)',
          unit: 'min',
          direction: 'decrease',
          baseline: 180,
          target: 60,
          owner: member,
        },
        {
          kind: 'metric',
          title: 'Replies by chatbot (%)',
          unit: '%',
          direction: 'increase',
          baseline: 0,
          target: 30,
          owner: member,
        },
      ],
      'WEB',
    );
    return { o, ids };
  });
  await atTime(now - 21 * DAY, async () => {
    await keyResults(
      'lead',
      support.o,
      [
        {
          kind: 'metric',
          title: 'Tickets solved the same day',
          unit: '%',
          direction: 'increase',
          baseline: 40,
          target: 75,
          owner: member,
        },
        { kind: 'milestone', title: 'Support macros live', owner: member },
      ],
      'WEB',
    );
    const o = await objective(
      'lead',
      {
        title: 'Fewer app-store complaints',
        levelId: 'workgroup',
        periodId: rota.period.id,
        workgroupId: 'mobile-experience',
        parentId: keyOf('A fast, stable app'),
        owner: lead,
      },
      'MOB',
    );
    await keyResults(
      'lead',
      o,
      [
        {
          kind: 'metric',
          title: 'One-star reviews per week',
          unit: 'reviews',
          direction: 'decrease',
          baseline: 40,
          target: 15,
          owner: lead,
        },
        {
          kind: 'metric',
          title: 'Store rating',
          unit: 'stars',
          direction: 'increase',
          baseline: 3.9,
          target: 4.5,
          owner: admin,
        },
      ],
      'MOB',
    );
  });

  // ---- last week ------------------------------------------------------------------------------
  await atTime(lastWeek, async () => {
    // a workgroup that will not last: its lead's alignment gap expires when it is deleted
    const guild = await call(host, 'admin', 'workgroups/create', {
      name: 'Growth Guild',
      kind: 'squad',
      leads: [admin],
      members: [member],
      projects: ['WEB'],
    });
    await hackObjective('lead', 'one-tap reorder', 'checkout-squad', 'Loyalty that brings people back', member);
    await hackObjective('lead', 'gift cards at checkout', 'checkout-squad', 'Loyalty that brings people back', member);
    await hackObjective('lead', 'widget for order status', 'mobile-experience', 'Mobile checkout parity', lead);
    const flaky = await hackObjective('admin', 'flaky-test hunt', 'platform-team', 'Start fast, never crash', admin);

    const leadStory = await finish(lead);
    const adminStory = await finish(admin);
    const memberStory = await finish(member);
    await drop('lead', keyOf('Deliver push notifications'));
    await drop('admin', keyOf('Deliver release automation'));
    await drop('admin', flaky.key);
    await job(7);

    const l = await inbox('lead');
    await answer('lead', reviewOf(l, leadStory));
    await answer(
      'lead',
      l.find((p) => p.kind === 'escalation'),
    );
    await answer(
      'lead',
      l.find(
        (p) =>
          p.kind === 'alignment-gap' && p.subject.type === 'workgroup' && p.subject.workgroupId === 'checkout-squad',
      ),
    );
    await dismiss(
      'lead',
      l.find(
        (p) =>
          p.kind === 'alignment-gap' && p.subject.type === 'workgroup' && p.subject.workgroupId === 'mobile-experience',
      ),
      'Those epics are research spikes; they serve no objective on purpose.',
    );
    // the lead's period review stays open: still waiting this week

    const m = await inbox('member');
    const reviews = m.filter((p) => p.kind === 'period-review');
    await answer('member', reviews[0]);
    await dismiss('member', reviews[1], 'We dropped it on day one; nothing to grade.');
    await answer(
      'member',
      m.find(
        (p) => p.kind === 'check-in-due' && p.subject.type === 'key-result' && p.subject.keyResultId === support.ids[0],
      ),
    );
    // the lead drops a key result nobody measures: its check-in due expires
    const unmeasured = support.ids[1];
    if (unmeasured === undefined) throw new Error('Demo organisation: the support objective has no second key result');
    await call(
      host,
      'lead',
      'key-results/delete',
      { objectiveKey: support.o.key, version: support.o.version, keyResultId: unmeasured },
      'WEB',
    );
    // a story finished by mistake is deleted in Jira: its outcome review expires
    if (memberStory !== null)
      await host.jiraRequest({
        method: 'DELETE',
        path: `/rest/api/3/issue/${memberStory}?deleteSubtasks=true`,
        asUser: admin,
      });

    const a = await inbox('admin');
    await dismiss('admin', reviewOf(a, adminStory), 'Too small to tell.');
    await dismiss(
      'admin',
      a.find(
        (p) =>
          p.kind === 'escalation' &&
          p.subject.type !== 'workgroup' &&
          p.subject.objectiveId === keyOf('Deliver release automation'),
      ),
      'Already discussed in the platform review.',
    );
    // the flaky-test hunt is abandoned (its escalation and period review expire), the guild merged away
    await call(host, 'admin', 'objectives/archive', { key: flaky.key, version: flaky.version }, 'MOB');
    await call(host, 'admin', 'workgroups/delete', { id: guild.id, version: guild.version });
    await host.drain();
  });

  // ---- this week --------------------------------------------------------------------------------
  await atTime(now, async () => {
    result.memberReviewIssue = await finish(member);
    await finish(DEMO_ACCOUNTS.outsider);
    const snoozedStory = await finish(admin);
    await finish(admin);
    await drop('lead', keyOf('Deliver mobile checkout'));
    await drop('admin', keyOf('Deliver app start-up time'));
    await drop('admin', keyOf('Deliver crash-free sessions'));
    await hackObjective('lead', 'saved carts on mobile', 'checkout-squad', 'Loyalty that brings people back', member);
    await hackObjective('admin', 'build cache', 'platform-team', 'Start fast, never crash', admin);
    // the job asks this week's check-ins due, the hack week's period reviews and alignment gaps; the admin's week is full
    await job(0);
    // what reaches the admin now waits for next week (an outcome review), but an escalation opens at once
    await drop('admin', keyOf('Deliver mobile accessibility'));
    await finish(admin);

    const m = await inbox('member');
    const due = m.filter((p) => p.kind === 'check-in-due');
    await snooze('member', due[1]);
    await snooze(
      'member',
      m.find((p) => p.kind === 'period-review'),
    );

    const l = await inbox('lead');
    await dismiss(
      'lead',
      l.find((p) => p.kind === 'check-in-due'),
      'The store team reports this; no check-in needed from us.',
    );
    await snooze(
      'lead',
      l.find(
        (p) =>
          p.kind === 'alignment-gap' && p.subject.type === 'workgroup' && p.subject.workgroupId === 'mobile-experience',
      ),
    );

    const a = await inbox('admin');
    await snooze('admin', reviewOf(a, snoozedStory));
    await snooze(
      'admin',
      a.find(
        (p) =>
          p.kind === 'escalation' &&
          p.subject.type !== 'workgroup' &&
          p.subject.objectiveId === keyOf('Deliver app start-up time'),
      ),
    );
    await answer(
      'admin',
      a.find((p) => p.kind === 'alignment-gap'),
    );
    await policy({ enabled: { escalation: true } });
  });
  return result;
}
