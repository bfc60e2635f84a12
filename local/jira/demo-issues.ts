/**
 * The demo organisation's Jira: the demo site (WEB-1…WEB-5, MOB-1…MOB-3, kept as they are) and
 * about 300 more issues after them — epics with stories, sub-tasks and bugs in WEB and MOB, in
 * all three status categories, with story points, due dates and created/resolved dates spread over
 * the current quarter up to `now`. Deterministic: the same `now` gives the same site (a seeded
 * PRNG, no Math.random).
 */
import { DAY, formatDate } from './dates';
import { STORY_POINT_ESTIMATE } from './fields';
import type { JiraSnapshotInput } from './model';
import { mulberry32 } from '../prng';
import { DEMO_ACCOUNTS, demoSite } from './seed';

type Issue = JiraSnapshotInput['issues'][number];

/** The first instant of the calendar quarter holding `now` (UTC). */
export function quarterStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

const TYPE = { epic: '10000', story: '10001', task: '10002', bug: '10003', subtask: '10004' } as const;
const STATUS = { todo: '10000', progress: '10001', review: '10002', done: '10003' } as const;

/** Epic themes per project: [summary, story summaries]. */
export const DEMO_EPICS: Record<'WEB' | 'MOB', [string, string[]][]> = {
  WEB: [
    [
      'One-page checkout',
      [
        'Merge shipping and payment steps',
        'Inline address editing',
        'Order summary sidebar',
        'Guest checkout without account',
        'Remember last delivery option',
        'Checkout progress autosave',
        'Express pay buttons',
        'Checkout error messages rewrite',
      ],
    ],
    [
      'Saved payment methods',
      [
        'Vault cards with the PSP',
        'Choose default card',
        'Delete a saved card',
        'Card expiry reminders',
        'Re-authenticate before paying',
        '3-D Secure challenge flow',
      ],
    ],
    [
      'Search relevance',
      [
        'Typo-tolerant search',
        'Synonym dictionary',
        'Boost in-stock products',
        'Search analytics dashboard',
        'Zero-result suggestions',
        'Facet counts',
        'Category landing search',
      ],
    ],
    [
      'Accessibility audit fixes',
      [
        'Keyboard navigation in menus',
        'Alt text for product images',
        'Colour contrast on buttons',
        'Screen reader labels in forms',
        'Focus trap in modals',
        'Skip to content link',
      ],
    ],
    [
      'Page speed',
      [
        'Lazy-load below-the-fold images',
        'Split the vendor bundle',
        'Preconnect to the CDN',
        'Server-side render the home page',
        'Cache product API responses',
        'Remove unused CSS',
        'Font loading strategy',
      ],
    ],
    [
      'Loyalty programme',
      [
        'Points balance in header',
        'Earn points on orders',
        'Redeem points at checkout',
        'Loyalty tiers page',
        'Points expiry emails',
      ],
    ],
    [
      'Returns self-service',
      [
        'Start a return from order history',
        'Printable return label',
        'Refund status tracking',
        'Return reasons survey',
        'Exchange instead of refund',
        'Returns policy page',
      ],
    ],
    [
      'Design system migration',
      [
        'Buttons to the new tokens',
        'Form fields to the new tokens',
        'Navigation header',
        'Product cards',
        'Footer and legal links',
        'Dark mode groundwork',
        'Icon set update',
      ],
    ],
    [
      'Customer reviews',
      [
        'Write a review form',
        'Review moderation queue',
        'Star rating summary',
        'Helpful votes',
        'Photos in reviews',
        'Review request emails',
      ],
    ],
    [
      'Observability',
      [
        'Front-end error tracking',
        'Checkout funnel metrics',
        'Synthetic checks for login',
        'Alert routing to on-call',
        'Service level dashboard',
      ],
    ],
    [
      'Internationalisation',
      [
        'Currency switcher',
        'Translate checkout',
        'Localised date formats',
        'VAT display per country',
        'Right-to-left layout support',
        'Country-specific payment methods',
      ],
    ],
    [
      'Promotions engine',
      [
        'Percentage discount codes',
        'Buy-one-get-one rules',
        'Free shipping threshold',
        'Promo banner scheduling',
        'Stacking rules for codes',
        'Promotion reporting',
      ],
    ],
  ],
  MOB: [
    [
      'Offline basket',
      [
        'Store basket locally',
        'Sync basket on reconnect',
        'Conflict resolution for basket',
        'Offline banner',
        'Queue orders placed offline',
        'Offline product images',
      ],
    ],
    [
      'Push notifications',
      [
        'Notification permission prompt',
        'Order shipped notification',
        'Price drop alerts',
        'Notification preferences screen',
        'Deep links from notifications',
        'Quiet hours',
      ],
    ],
    [
      'App start-up time',
      [
        'Defer analytics initialisation',
        'Trim the launch storyboard',
        'Preload the home feed',
        'Reduce DI graph at launch',
        'Measure start-up in CI',
        'Cache config on device',
      ],
    ],
    [
      'Biometric login',
      [
        'Face ID sign-in',
        'Fingerprint sign-in on Android',
        'Fallback to passcode',
        'Biometric settings toggle',
        'Re-prompt after inactivity',
      ],
    ],
    [
      'Mobile checkout',
      [
        'Apple Pay',
        'Google Pay',
        'Address from device contacts',
        'One-tap reorder',
        'Checkout in a bottom sheet',
        'Payment error recovery',
        'Order confirmation screen',
      ],
    ],
    [
      'Crash-free sessions',
      [
        'Fix image cache crash',
        'Fix background fetch crash',
        'Crash reporting symbol upload',
        'Out-of-memory on product gallery',
        'Crash triage rota',
        'ANR in search screen',
      ],
    ],
    [
      'Product discovery',
      [
        'Personalised home feed',
        'Recently viewed carousel',
        'Barcode scanner',
        'Visual search',
        'Wish list sync with web',
        'Category navigation redesign',
      ],
    ],
    [
      'Release automation',
      [
        'Automated store screenshots',
        'Phased rollout script',
        'Release notes from Jira',
        'Beta channel builds',
        'Feature flag cleanup',
      ],
    ],
    [
      'Mobile accessibility',
      ['Dynamic type support', 'VoiceOver labels', 'TalkBack labels', 'Reduce motion setting', 'Touch target sizes'],
    ],
    [
      'Account and profile',
      [
        'Edit profile screen',
        'Delete my account',
        'Manage addresses',
        'Order history pagination',
        'Marketing consent settings',
        'Language preference',
      ],
    ],
  ],
};

const BUGS = [
  'Crash when opening the basket',
  'Price shows wrong currency',
  'Login button does nothing on slow network',
  'Images stretched on tablets',
  'Promo code accepted twice',
  'Search returns deleted products',
  'Address form loses input on back',
  'Timeout on order history',
  'Wrong tax on gift cards',
  'Layout broken in landscape',
  'Duplicate confirmation emails',
  'Spinner never stops after payment',
  'Notification opens the wrong screen',
  'Date picker off by one day',
  'Cannot remove last basket item',
  'Broken link in footer',
  'Review stars misaligned',
  'Session expires during checkout',
  'Out-of-stock items can be ordered',
  'Sorting by price is reversed',
];

const SUBTASKS = [
  'Write the API contract',
  'Build the UI',
  'Add tests',
  'Update the docs',
  'QA on devices',
  'Analytics events',
];

/**
 * The demo site plus the demo organisation's issues (new keys after the demo site's, e.g. WEB-6
 * onwards). Issues are created from the start of the current quarter (or 45 days back, when the
 * quarter has barely begun) up to `now`; resolved ones are resolved before `now`.
 */
export function demoOrganisationSite(now: number): JiraSnapshotInput {
  const site = demoSite(now);
  const { admin, lead, member, outsider } = DEMO_ACCOUNTS;
  const rand = mulberry32(20270101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const from = Math.min(quarterStart(now), now - 45 * DAY);
  const span = now - from;
  const projectId = { WEB: '10000', MOB: '10001' } as const;
  const assignees = { WEB: [lead, member, member, outsider, null], MOB: [lead, member, member, admin, null] } as const;
  const next: Record<string, number> = {};
  for (const p of site.projects) next[p.key] = p.lastIssueNumber ?? 0;
  let lastId = site.lastIssueId ?? 10000;
  const issues: Issue[] = [...site.issues];

  /** `progress` in [0, 1]: how far along the work is, which biases the status toward done. */
  const add = (
    project: 'WEB' | 'MOB',
    type: keyof typeof TYPE,
    summary: string,
    parent: Issue | null,
    progress: number,
    opts: { points?: number | null; created?: number } = {},
  ): Issue => {
    next[project] = (next[project] ?? 0) + 1;
    lastId += 1;
    const r = rand();
    const status =
      r < progress * 0.85
        ? STATUS.done
        : r < progress * 0.85 + 0.25
          ? rand() < 0.6
            ? STATUS.progress
            : STATUS.review
          : STATUS.todo;
    const created = Math.round(opts.created ?? from + rand() * span * 0.75);
    const done = status === STATUS.done;
    const resolved = done ? Math.round(Math.min(now - DAY / 4, created + between(2, 25) * DAY)) : null;
    const updated = resolved ?? Math.round(Math.min(now, created + between(0, 20) * DAY));
    const numbers: Record<string, number> = {};
    if (opts.points !== undefined && opts.points !== null) numbers[STORY_POINT_ESTIMATE] = opts.points;
    const due = type === 'subtask' || rand() < 0.3 ? null : formatDate(created + between(14, 70) * DAY);
    const issue: Issue = {
      id: String(lastId),
      key: `${project}-${next[project] ?? 0}`,
      projectId: projectId[project],
      issueTypeId: TYPE[type],
      statusId: status,
      summary,
      parentId: parent?.id ?? null,
      numbers,
      assigneeId: type === 'epic' ? lead : pick(assignees[project]),
      reporterId: pick([lead, admin, member]),
      creatorId: lead,
      created,
      updated,
      statusCategoryChanged: updated,
      resolutionId: done ? '10000' : null,
      resolutiondate: resolved,
      duedate: due,
      priorityId: type === 'bug' ? pick(['1', '2', '2', '3', '4']) : pick(['2', '3', '3', '3', '4']),
      labels: type === 'bug' ? ['demo', 'bug-bash'] : ['demo'],
    };
    issues.push(issue);
    return issue;
  };

  for (const project of ['WEB', 'MOB'] as const) {
    DEMO_EPICS[project].forEach(([epicSummary, stories], e) => {
      // Earlier epics are further along, so the demo has finished, running and fresh work.
      const progress = Math.max(0.05, 0.95 - (e / DEMO_EPICS[project].length) * 0.9);
      const epicCreated = from + (e / DEMO_EPICS[project].length) * span * 0.4;
      const epic = add(project, 'epic', epicSummary, null, progress > 0.85 ? 0.9 : 0, { created: epicCreated });
      if (epic.statusId === STATUS.todo && progress > 0.1) epic.statusId = STATUS.progress;
      for (const story of stories) {
        const points = rand() < 0.85 ? pick([1, 2, 3, 3, 5, 5, 8, 13]) : null;
        const s = add(project, 'story', story, epic, progress, {
          points,
          created: between(epicCreated, from + span * 0.8),
        });
        if (rand() < 0.3) {
          const n = 1 + Math.floor(rand() * 3);
          for (let i = 0; i < n; i++)
            add(
              project,
              'subtask',
              `${pick(SUBTASKS)}: ${story.toLowerCase()}`,
              s,
              s.statusId === STATUS.done ? 1.2 : progress * 0.7,
              { created: s.created + DAY },
            );
        }
      }
      if (rand() < 0.6)
        add(project, 'bug', `${pick(BUGS)} (${epicSummary.toLowerCase()})`, epic, progress, {
          points: pick([1, 2, 3]),
        });
    });
    for (let i = 0; i < 24; i++)
      add(project, i % 3 === 0 ? 'task' : 'bug', `${pick(BUGS)} #${i + 1}`, null, 0.55, {
        points: i % 3 === 0 ? pick([1, 2, 3]) : null,
      });
  }

  site.issues = issues;
  site.lastIssueId = lastId;
  site.projects = site.projects.map((p) => ({ ...p, lastIssueNumber: next[p.key] ?? p.lastIssueNumber ?? 0 }));
  return site;
}
