/**
 * Objectives files of any size for import tests and the import benchmark: one period, the two
 * demo workgroups (Web Squad on WEB, Mobile Team on MOB), a tenth of the objectives at the
 * organisation level and the rest workgroup objectives under them, each with two key results
 * (completion and metric); every third workgroup objective links one or two of `issues`.
 * Deterministic: the same arguments give the same text.
 */
import { ACCOUNT } from './app-host';

const BUILT_PERIOD = '2026-q4';

export interface BuiltFileOptions {
  objectives: number;
  /** Issue keys the local Jira has (e.g. WEB-1…WEB-5, MOB-1…MOB-3), linked round-robin. */
  issues: readonly string[];
  /** Appended to every title, so two files of the same size differ. */
  titleSuffix?: string;
}

export function buildObjectivesFile(options: BuiltFileOptions): string {
  const { objectives: count, issues, titleSuffix = '' } = options;
  const orgCount = Math.max(1, Math.ceil(count / 10));
  let nextIssue = 0;
  const pick = () => issues[nextIssue++ % issues.length] as string;
  const objectives: unknown[] = [];
  for (let n = 1; n <= count; n += 1) {
    const key = `O-${n}`;
    if (n <= orgCount) {
      objectives.push({
        key,
        title: `Organisation goal ${n}${titleSuffix}`,
        level: 'organisation',
        period: BUILT_PERIOD,
        owner: ACCOUNT.admin,
      });
      continue;
    }
    const web = n % 2 === 0;
    const links = issues.length > 0 && n % 3 === 0;
    const krIssues = links ? [pick()] : [];
    const objectiveIssues = links && n % 6 === 0 ? [pick()].filter((k) => !krIssues.includes(k)) : [];
    objectives.push({
      key,
      title: `Workgroup objective ${n}${titleSuffix}`,
      description: `Generated objective ${n}, serving organisation goal ${((n - 1) % orgCount) + 1}.`,
      level: 'workgroup',
      period: BUILT_PERIOD,
      owner: web ? ACCOUNT.lead : ACCOUNT.admin,
      workgroup: web ? 'web-squad' : 'mobile-team',
      parent: `O-${((n - 1) % orgCount) + 1}`,
      issues: objectiveIssues,
      keyResults: [
        {
          key: 'KR-1',
          kind: 'completion',
          title: `Delivery of ${key}`,
          measure: n % 4 === 0 ? 'story-points' : 'count',
          issues: krIssues,
        },
        {
          key: 'KR-2',
          kind: 'metric',
          title: `Conversion for ${key}`,
          unit: '%',
          direction: 'increase',
          baseline: 2,
          target: 4 + (n % 5),
        },
      ],
    });
  }
  return JSON.stringify(
    {
      format: 'tether-objectives/1',
      periods: [{ id: BUILT_PERIOD, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' }],
      workgroups: [
        { id: 'mobile-team', name: 'Mobile Team', kind: 'permanent-team', leads: [ACCOUNT.admin], projects: ['MOB'] },
        {
          id: 'web-squad',
          name: 'Web Squad',
          kind: 'squad',
          leads: [ACCOUNT.lead],
          members: [ACCOUNT.member],
          projects: ['WEB'],
        },
      ],
      objectives,
    },
    null,
    1,
  );
}

/** The demo site's issues (local/jira/seed.ts demoSite). */
export const DEMO_ISSUES = ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'MOB-1', 'MOB-2', 'MOB-3'] as const;
