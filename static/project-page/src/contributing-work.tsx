/**
 * The work that serves an objective: the rollup's counts (by status category, story points,
 * delivery figures), then the issues themselves from Jira (`objective = O-n`), each opening in Jira.
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ObjectiveRollup } from '@contract/rollup';
import { useHost } from '@shared/app-context';
import { percent } from '@shared/components/progress-meter';
import { issuePath, issueSearchPath, searchIssues, type IssueSearch, type IssueSummary } from '@shared/jira-issues';
import { formatNumber } from './format';

const CATEGORY_LOZENGE: Record<IssueSummary['category'], 'default' | 'inprogress' | 'success'> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success',
  undefined: 'default',
};
const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };

export function ContributingWork({ objectiveKey, rollup }: { objectiveKey: string; rollup: ObjectiveRollup | null }) {
  const { jira, open } = useHost();
  const jql = `objective = ${objectiveKey} ORDER BY statusCategory ASC, key ASC`;
  const [issues, setIssues] = useState<IssueSearch | null>(null);
  useEffect(() => {
    if (jira === undefined) return;
    let live = true;
    void searchIssues(jira, jql, 50).then((result) => {
      if (live) setIssues(result);
    });
    return () => {
      live = false;
    };
  }, [jira, jql]);

  const work = rollup?.work;
  const delivery = rollup?.delivery;
  return (
    <section aria-labelledby={`work-${objectiveKey}`}>
      <h3
        id={`work-${objectiveKey}`}
        style={{ font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.075')}` }}
      >
        Contributing work
      </h3>
      {work && work.issues > 0 ? (
        <dl
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))',
            gap: token('space.100'),
            margin: 0,
          }}
        >
          {[
            ['Issues', String(work.issues)],
            ['Done', String(work.done)],
            ['In progress', String(work.inProgress)],
            ['To do', String(work.toDo)],
            ...(work.points > 0
              ? [['Story points', `${formatNumber(work.pointsDone)} / ${formatNumber(work.points)}`]]
              : []),
            ...(delivery?.onTimeRate != null ? [['On time', percent(delivery.onTimeRate)]] : []),
            ...(delivery?.medianCycleDays != null
              ? [['Median cycle', `${formatNumber(delivery.medianCycleDays)} d`]]
              : []),
            ...(delivery?.throughputPerWeek != null ? [['Per week', formatNumber(delivery.throughputPerWeek)]] : []),
            ...(delivery?.bugShare != null ? [['Bugs', percent(delivery.bugShare)]] : []),
          ].map(([label, value]) => (
            <div key={label}>
              <dt style={muted}>{label}</dt>
              <dd style={{ margin: 0, font: token('font.heading.small') }}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p style={muted}>
          No Jira work serves {objectiveKey} yet. Link an epic or issue from its issue panel, or from "Work not tied to
          any objective" below.
        </p>
      )}
      {jira === undefined ? null : issues === null ? (
        <p role="status" style={muted}>
          Loading the issues…
        </p>
      ) : !issues.ok ? (
        <p role="alert" style={{ ...muted, color: token('color.text.danger') }}>
          {issues.message}
        </p>
      ) : issues.issues.length === 0 ? null : (
        <ul aria-label={`Issues serving ${objectiveKey}`} style={{ margin: `${token('space.100')} 0 0`, padding: 0 }}>
          {issues.issues.map((issue) => (
            <li
              key={issue.key}
              style={{
                listStyle: 'none',
                display: 'flex',
                alignItems: 'center',
                gap: token('space.100'),
                padding: `${token('space.025')} 0`,
              }}
            >
              <a
                href={issuePath(issue.key)}
                onClick={(e) => {
                  e.preventDefault();
                  open(issuePath(issue.key));
                }}
                style={{ color: token('color.link'), flex: 'none' }}
              >
                {issue.key}
              </a>
              <span style={{ flex: '1 1 auto', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {issue.summary}
              </span>
              <span style={muted}>{issue.type}</span>
              <Lozenge appearance={CATEGORY_LOZENGE[issue.category]}>{issue.status}</Lozenge>
            </li>
          ))}
        </ul>
      )}
      <Button
        appearance="subtle"
        spacing="compact"
        onClick={() => open(issueSearchPath(`objective = ${objectiveKey}`))}
      >
        {issues?.ok && issues.more ? 'See all the issues in Jira' : 'Search these issues in Jira'}
      </Button>
    </section>
  );
}
