/**
 * The demo organisation's feedback prompts, made by the app itself: the situations that raise each
 * kind are set up through the resolvers, the app's hourly job asks (seed-organisation.ts runs it),
 * and then the recipients answer, dismiss and snooze through the resolvers, and an archived
 * objective makes its prompts expire — so the demo shows every kind of prompt and every state:
 *
 * - check-in due: two objectives whose key results were set up three weeks ago (the resolvers run
 *   with the clock set back; nobody has checked in since);
 * - period review: a short "Hack week" period that ended yesterday (not closed yet), with an
 *   objective each for the member and the lead;
 * - escalation: check-ins whose confidence drops from high to low;
 * - alignment gap: open epics in the workgroups' projects that serve no objective (the demo Jira has some);
 * - outcome review: stories finished in Jira during seeding (seed-organisation.ts);
 * - queued: whatever the weekly cap (5 per person) holds back.
 */
import type { Host } from '../host/create-host';
import { DEMO_ACCOUNTS } from '../jira/seed';
import { call, type Json, type Who } from './seed-call';

const DAY = 86_400_000;

/** Runs `fn` with the process clock set to `at` (moving on from there), then puts it back. */
async function asOf<T>(at: number, fn: () => Promise<T>): Promise<T> {
  const real = Date.now;
  const offset = at - real();
  Date.now = () => real() + offset;
  try {
    return await fn();
  } finally {
    Date.now = real;
  }
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface PromptSetup {
  /** The objective archived after the job asked, so that its prompts expire, and its period. */
  toArchive: string;
  quarterId: string;
  /** Objectives made for the prompts (added to the demo's 40). */
  objectives: number;
}

/** Before the hourly job runs: the situations that make it ask. */
export async function setUpPromptSituations(host: Host, ctx: { now: number; quarterId: string; keyOf: (title: string) => string }): Promise<PromptSetup> {
  const { member, lead } = DEMO_ACCOUNTS;
  const { now, quarterId } = ctx;

  // a short period that ended yesterday and is not closed yet: period reviews are open (it is
  // not the project page's current period, which stays the quarter)
  const settings = await call(host, 'admin', 'settings/get', {});
  const hack = (await call(host, 'admin', 'periods/create', { version: settings['version'], name: 'Hack week', start: isoDay(now - 8 * DAY), end: isoDay(now - DAY) })) as { period: { id: string } };
  await call(host, 'lead', 'objectives/create', { title: 'Hack week: one-tap reorder', levelId: 'workgroup', periodId: hack.period.id, workgroupId: 'checkout-squad', parentId: ctx.keyOf('Loyalty that brings people back'), owner: member }, 'WEB');
  await call(host, 'lead', 'objectives/create', { title: 'Hack week: widget for order status', levelId: 'workgroup', periodId: hack.period.id, workgroupId: 'mobile-experience', parentId: ctx.keyOf('Mobile checkout parity'), owner: lead }, 'MOB');

  // key results nobody has checked in on for three weeks: check-ins are due
  const aged = async (who: Who, objective: Json, keyResults: Json[], project: 'WEB' | 'MOB') =>
    asOf(now - 21 * DAY, async () => {
      const created = (await call(host, who, 'objectives/create', objective, project)) as { objective: { key: string; version: number } };
      let version = created.objective.version;
      for (const kr of keyResults) version = ((await call(host, who, 'key-results/create', { objectiveKey: created.objective.key, version, keyResult: kr }, project)) as { objective: { version: number } }).objective.version;
      return created.objective.key;
    });
  await aged(
    'lead',
    { title: 'Answer customers within the hour', levelId: 'workgroup', periodId: quarterId, workgroupId: 'checkout-squad', parentId: ctx.keyOf('Checkout rebuilt end to end'), owner: member },
    [
      { kind: 'metric', title: 'Median first reply (minutes)', unit: 'min', direction: 'decrease', baseline: 180, target: 60, owner: member },
      { kind: 'metric', title: 'Tickets solved the same day', unit: '%', direction: 'increase', baseline: 40, target: 75, owner: member },
      { kind: 'milestone', title: 'Support macros live', owner: member },
    ],
    'WEB',
  );
  const toArchive = await aged(
    'lead',
    { title: 'Fewer app-store complaints', levelId: 'workgroup', periodId: quarterId, workgroupId: 'mobile-experience', parentId: ctx.keyOf('A fast, stable app'), owner: lead },
    [
      { kind: 'metric', title: 'One-star reviews per week', unit: 'reviews', direction: 'decrease', baseline: 40, target: 15, owner: lead },
      { kind: 'metric', title: 'Store rating', unit: 'stars', direction: 'increase', baseline: 3.9, target: 4.5, owner: lead },
    ],
    'MOB',
  );

  // confidence dropping from high to low: the parent's owner and the workgroup's leads are asked
  const drops: [Who, string][] = [
    ['lead', ctx.keyOf('Deliver mobile checkout')],
    ['lead', ctx.keyOf('Deliver biometric login')],
    ['admin', ctx.keyOf('Deliver observability')],
    ['admin', ctx.keyOf('Deliver release automation')],
  ];
  for (const [who, objectiveKey] of drops) {
    await call(host, who, 'check-ins/create', { objectiveKey, confidence: 'high', note: 'Looking good.' });
    await call(host, who, 'check-ins/create', { objectiveKey, confidence: 'low', note: 'A dependency slipped; this will not make the quarter as planned.' });
  }
  return { toArchive, quarterId, objectives: 4 };
}

type Item = { id: string; kind: string; context: { objective: { key: string } | null; keyResult: { kind: string } | null } };

const ANSWERS: Record<string, (p: Item, i: number) => Json> = {
  'outcome-review': (_p, i) => ({ kind: 'outcome-review', impact: (['fully', 'partly', 'more-than-expected'] as const)[i % 3], note: 'Customers noticed.' }),
  'check-in-due': (p) => ({ kind: 'check-in-due', confidence: 'medium', note: 'Moving, slower than hoped.', ...(p.context.keyResult?.kind === 'metric' ? { value: 50 } : {}) }),
  escalation: (_p, i) => ({ kind: 'escalation', choice: (['adjust-scope', 'keep-course', 're-plan'] as const)[i % 3], note: 'Agreed with the team on Monday.' }),
  'period-review': () => ({ kind: 'period-review', grade: 0.7, helped: 'Pairing with support.', hindered: 'Two outages in the middle of the week.' }),
  'alignment-gap': () => ({ kind: 'alignment-gap', note: 'Linking these to objectives this sprint.' }),
};

/**
 * After the job asked: each person answers the first prompt of each kind in their inbox; the
 * member snoozes the next one for a week, the lead and the admin dismiss it; the rest stay open.
 * Then one objective is archived, so its prompts not acted on expire (answers given stay).
 * Returns how many prompts were acted on.
 */
export async function actOnPrompts(host: Host, setup: PromptSetup): Promise<{ answered: number; dismissed: number; snoozed: number }> {
  const done = { answered: 0, dismissed: 0, snoozed: 0 };
  for (const who of ['member', 'lead', 'admin'] as const) {
    const inbox = (await call(host, who, 'prompts/inbox', {})) as { prompts: Item[] };
    const byKind = new Map<string, Item[]>();
    // the prompts about the objective to archive are left open, to expire
    for (const p of inbox.prompts.filter((q) => q.context.objective?.key !== setup.toArchive)) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
    let n = 0;
    for (const [kind, prompts] of byKind) {
      const [first, second] = prompts;
      if (first !== undefined) {
        await call(host, who, 'prompts/answer', { promptId: first.id, answer: ANSWERS[kind]?.(first, n++) ?? {} });
        done.answered += 1;
      }
      if (second !== undefined && who === 'member') {
        await call(host, who, 'prompts/snooze', { promptId: second.id, days: 7 });
        done.snoozed += 1;
      } else if (second !== undefined) {
        await call(host, who, 'prompts/dismiss', { promptId: second.id, reason: 'Not the right moment; covered in the weekly review.' });
        done.dismissed += 1;
      }
    }
  }
  const page = (await call(host, 'lead', 'project-page/view', { projectKey: 'MOB', periodId: setup.quarterId }, 'MOB')) as { workgroups: { objectives: { objective: { key: string; version: number } }[] }[] };
  const target = page.workgroups.flatMap((w) => w.objectives).find((e) => e.objective.key === setup.toArchive);
  if (target !== undefined) await call(host, 'lead', 'objectives/archive', { key: setup.toArchive, version: target.objective.version }, 'MOB');
  return done;
}
