/**
 * The work that serves an objective: the rollup's counts (by status category, story points,
 * delivery figures), then the issues themselves from Jira (`objective = O-n`), each opening in Jira,
 * marked as the server counts them (`contributions/counted`, asked with the listed keys once Jira
 * has answered; the list shows without marks until then).
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { COUNTED_LISTED_MAX, type CountedListed } from '@contract/api';
import type { ObjectiveRollup } from '@contract/rollup';
import { useHost } from '@shared/app-context';
import { count, noun } from '@shared/plural';
import { percent } from '@shared/components/progress-meter';
import { issuePath, issueSearchPath, searchIssues, type IssueSearch, type IssueSummary } from '@shared/jira-issues';
import { countedWork, type CountedWork, type WhyNotCounted } from './counted-work';
import { formatNumber } from './format';

const CATEGORY_LOZENGE: Record<IssueSummary['category'], 'default' | 'inprogress' | 'success'> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success',
  undefined: 'default',
};
const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
const NOT_COUNTED_TEXT: Record<WhyNotCounted, string> = {
  'has-sub-tasks': 'not counted: has sub-tasks',
  'has-children': 'not counted: has child issues',
  'not-yet': 'not counted yet',
};

/** "10 issues counted: 8 listed here, 2 you cannot see. 5 listed issues are not counted: their sub-tasks or child issues count instead." */
function countedVsListed({ counted, countedListed, notSeen, containers, notYet }: CountedWork): string {
  const seen =
    notSeen === null
      ? `${count(counted, 'issue')} counted; the first ${countedListed} counted ${noun(countedListed, 'one is', 'ones are')} listed here`
      : `${count(counted, 'issue')} counted: ${countedListed} listed here${notSeen > 0 ? `, ${notSeen} you cannot see` : ''}`;
  const more =
    containers > 0
      ? ` ${count(containers, 'listed issue')} ${noun(containers, 'is', 'are')} not counted: ${noun(containers, 'its', 'their')} sub-tasks or child issues count instead.`
      : '';
  const later = notYet > 0 ? ` ${count(notYet, 'listed issue')} ${noun(notYet, 'is', 'are')} not counted yet.` : '';
  return `${seen}.${more}${later}`;
}

/** The server's answer for one list: null while asked, 'failed' when it could not be had. */
type Answer = { for: readonly IssueSummary[]; counted: CountedListed | 'failed' };

export function ContributingWork({ objectiveKey, rollup }: { objectiveKey: string; rollup: ObjectiveRollup | null }) {
  const { jira, open, client } = useHost();
  const jql = `objective = ${objectiveKey} ORDER BY statusCategory ASC, key ASC`;
  const [issues, setIssues] = useState<IssueSearch | null>(null);
  useEffect(() => {
    if (jira === undefined) return;
    let live = true;
    void searchIssues(jira, jql, COUNTED_LISTED_MAX, { family: true }).then((result) => {
      if (live) setIssues(result);
    });
    return () => {
      live = false;
    };
  }, [jira, jql]);

  // which listed issues the rollup counts, asked of the server once Jira has listed them (again when the count moves)
  const listedIssues = issues?.ok ? issues.issues : null;
  const countedNow = rollup?.work.issues ?? null;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (listedIssues === null || listedIssues.length === 0) return;
    let live = true;
    void client
      .call('contributions/counted', { objectiveKey, issueKeys: listedIssues.map((i) => i.key) })
      .then((reply) => {
        if (live) setAnswer({ for: listedIssues, counted: reply.ok ? reply.data : 'failed' });
      });
    return () => {
      live = false;
    };
  }, [client, objectiveKey, listedIssues, countedNow]);

  const work = rollup?.work;
  const delivery = rollup?.delivery;
  // what is listed against what the rollup counted: containers marked, the issues not visible counted
  const counted = answer !== null && answer.for === listedIssues ? answer.counted : null;
  const listed =
    issues?.ok && counted !== null && counted !== 'failed' ? countedWork(issues.issues, counted, !issues.more) : null;
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
            ['Counted issues', String(work.issues)],
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
        <>
          {counted === 'failed' ? null : (
            <p data-counted-vs-listed style={{ ...muted, margin: `${token('space.100')} 0 0` }}>
              {listed === null ? 'Checking which of these issues count…' : countedVsListed(listed)}
            </p>
          )}
          <ul aria-label={`Issues serving ${objectiveKey}`} style={{ margin: `${token('space.100')} 0 0`, padding: 0 }}>
            {(listed?.rows ?? issues.issues.map((issue) => ({ issue, notCounted: null }))).map(
              ({ issue, notCounted }) => (
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
                  <span
                    style={{ flex: '1 1 auto', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  >
                    {issue.summary}
                  </span>
                  <span style={muted}>{issue.type}</span>
                  {notCounted !== null ? <span style={muted}>{NOT_COUNTED_TEXT[notCounted]}</span> : null}
                  <Lozenge appearance={CATEGORY_LOZENGE[issue.category]}>{issue.status}</Lozenge>
                </li>
              ),
            )}
          </ul>
        </>
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
