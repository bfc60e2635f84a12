import { STORY_POINT_ESTIMATE } from '../../../local/jira/fields';
import { aJira, DAY, keySet, LEAD, MEMBER, NOW, OUTSIDER, PRIORITY, STATUS, TYPE, type IssueSpec } from './builders';

const specs: IssueSpec[] = [
  {
    key: 'WEB-1',
    issueTypeId: TYPE.epic,
    statusId: STATUS.inProgress,
    summary: 'Checkout redesign',
    assigneeId: LEAD,
    labels: ['checkout'],
  },
  {
    key: 'WEB-2',
    parent: 'WEB-1',
    statusId: STATUS.done,
    resolutionId: '10000',
    resolutiondate: NOW - 2 * DAY,
    summary: 'Card payment form',
    description: 'Accept Visa and Mastercard',
    assigneeId: MEMBER,
    numbers: { [STORY_POINT_ESTIMATE]: 5 },
    labels: ['checkout', 'Payments'],
    created: NOW - 30 * DAY,
    duedate: '2026-10-10',
  },
  {
    key: 'WEB-3',
    parent: 'WEB-1',
    statusId: STATUS.inReview,
    summary: 'Address autocomplete',
    assigneeId: MEMBER,
    numbers: { [STORY_POINT_ESTIMATE]: 3 },
    priorityId: PRIORITY.high,
    created: NOW - 3 * DAY,
    duedate: '2026-10-20',
  },
  {
    key: 'WEB-4',
    parent: 'WEB-3',
    issueTypeId: TYPE.subtask,
    summary: 'Validate postcodes',
    priorityId: PRIORITY.low,
    created: Date.parse('2026-10-14T09:30:00Z'),
  },
  {
    key: 'WEB-5',
    issueTypeId: TYPE.bug,
    statusId: STATUS.done,
    resolutionId: '10001',
    resolutiondate: NOW - 20 * DAY,
    summary: 'Totals round the wrong way',
    reporterId: OUTSIDER,
    priorityId: PRIORITY.highest,
  },
  {
    key: 'MOB-1',
    issueTypeId: TYPE.task,
    summary: 'Measure cold start',
    assigneeId: LEAD,
    numbers: { [STORY_POINT_ESTIMATE]: 8 },
  },
];

const { jira } = aJira(specs);
const q = (jql: string, asUser: string | null = null) => keySet(jira, jql, asUser);

describe('JQL evaluation, clause by clause', () => {
  it('project by key, name or id; key, issuekey and id by key or id', () => {
    expect(q('project = MOB')).toEqual(['MOB-1']);
    expect(q('project = "web platform"')).toEqual(['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5']);
    expect(q('project in (10001)')).toEqual(['MOB-1']);
    expect(q('project != WEB')).toEqual(['MOB-1']);
    expect(q('key = web-2')).toEqual(['WEB-2']);
    expect(q('issuekey in (WEB-1, MOB-1)')).toEqual(['MOB-1', 'WEB-1']);
    expect(q('id = 20003')).toEqual(['WEB-3']);
    expect(q('key > WEB-3')).toEqual(['WEB-4', 'WEB-5']);
    expect(q('key <= WEB-2')).toEqual(['WEB-1', 'WEB-2']);
  });

  it('issuetype/type, by name or id, and the issue-type functions', () => {
    expect(q('issuetype = Epic')).toEqual(['WEB-1']);
    expect(q('type in (Bug, 10002)')).toEqual(['MOB-1', 'WEB-5']);
    expect(q('issuetype in subTaskIssueTypes()')).toEqual(['WEB-4']);
    expect(q('issuetype not in standardIssueTypes()')).toEqual(['WEB-4']);
  });

  it('status and statusCategory (name, key or id)', () => {
    expect(q('status = "In Review"')).toEqual(['WEB-3']);
    expect(q('status in ("to do", 10001)')).toEqual(['MOB-1', 'WEB-1', 'WEB-4']);
    expect(q('statusCategory = Done')).toEqual(['WEB-2', 'WEB-5']);
    expect(q('statusCategory = indeterminate')).toEqual(['WEB-1', 'WEB-3']);
    expect(q('statusCategory in (2)')).toEqual(['MOB-1', 'WEB-4']);
    expect(q('statusCategory != done')).toEqual(['MOB-1', 'WEB-1', 'WEB-3', 'WEB-4']);
  });

  it('resolution, including Unresolved and EMPTY', () => {
    expect(q('resolution = Done')).toEqual(['WEB-2']);
    expect(q('resolution = "Won\'t Do"')).toEqual(['WEB-5']);
    expect(q('resolution = Unresolved')).toEqual(['MOB-1', 'WEB-1', 'WEB-3', 'WEB-4']);
    expect(q('resolution is EMPTY')).toEqual(q('resolution = Unresolved'));
    expect(q('resolution is not EMPTY')).toEqual(['WEB-2', 'WEB-5']);
  });

  it('assignee and reporter by account id, e-mail, display name, currentUser(); != never matches EMPTY', () => {
    expect(q(`assignee = ${MEMBER}`)).toEqual(['WEB-2', 'WEB-3']);
    expect(q('assignee = "lee@example.com"')).toEqual(['MOB-1', 'WEB-1']);
    expect(q('assignee = "Mia Member"')).toEqual(['WEB-2', 'WEB-3']);
    expect(q('assignee = currentUser()', MEMBER)).toEqual(['WEB-2', 'WEB-3']);
    expect(q('assignee is EMPTY')).toEqual(['WEB-4', 'WEB-5']);
    expect(q(`assignee != ${MEMBER}`)).toEqual(['MOB-1', 'WEB-1']);
    expect(q(`assignee not in (${MEMBER}, EMPTY)`)).toEqual(['MOB-1', 'WEB-1']);
    expect(q(`assignee in (${LEAD}, EMPTY)`)).toEqual(['MOB-1', 'WEB-1', 'WEB-4', 'WEB-5']);
    expect(q('reporter = currentUser()', OUTSIDER)).toEqual(['WEB-5']);
    expect(q(`creator = ${LEAD}`)).toHaveLength(6);
  });

  it('labels: contains, case-insensitive; != and NOT IN skip issues without labels', () => {
    expect(q('labels = checkout')).toEqual(['WEB-1', 'WEB-2']);
    expect(q('labels = payments')).toEqual(['WEB-2']);
    expect(q('labels in (Payments, nope)')).toEqual(['WEB-2']);
    expect(q('labels != payments')).toEqual(['WEB-1']);
    expect(q('labels not in (checkout)')).toEqual([]);
    expect(q('labels is EMPTY')).toEqual(['MOB-1', 'WEB-3', 'WEB-4', 'WEB-5']);
  });

  it('priority by name or id, ordered highest > lowest', () => {
    expect(q('priority = High')).toEqual(['WEB-3']);
    expect(q('priority > Medium')).toEqual(['WEB-3', 'WEB-5']);
    expect(q('priority >= High')).toEqual(['WEB-3', 'WEB-5']);
    expect(q('priority < Medium')).toEqual(['WEB-4']);
    expect(q('priority in (1, Low)')).toEqual(['WEB-4', 'WEB-5']);
  });

  it('parent by key or id, and parent is EMPTY', () => {
    expect(q('parent = WEB-1')).toEqual(['WEB-2', 'WEB-3']);
    expect(q('parent in (WEB-1, 20003)')).toEqual(['WEB-2', 'WEB-3', 'WEB-4']);
    expect(q('parent is EMPTY')).toEqual(['MOB-1', 'WEB-1', 'WEB-5']);
    expect(q('parent != WEB-1')).toEqual(['WEB-4']);
  });

  it('date comparisons: YYYY-MM-DD, "YYYY-MM-DD HH:mm", YYYY/MM/DD, periods, functions', () => {
    // created: WEB-2 30 days ago, WEB-3 3 days ago, WEB-4 2026-10-14 09:30, others 10 days ago
    expect(q('created >= -7d')).toEqual(['WEB-3', 'WEB-4']);
    expect(q('created < -20d')).toEqual(['WEB-2']);
    expect(q('created >= "2026-10-14 09:30"')).toEqual(['WEB-4']);
    expect(q('created > "2026/10/14 09:30"')).toEqual([]);
    expect(q('created >= 2026-10-14')).toEqual(['WEB-4']);
    expect(q('created >= startOfDay(-1d)')).toEqual(['WEB-4']);
    expect(q('created >= startOfWeek()')).toEqual(['WEB-3', 'WEB-4']);
    expect(q('created <= now()')).toHaveLength(6);
    expect(q('createdDate < "-1w 2d"')).toEqual(['MOB-1', 'WEB-1', 'WEB-2', 'WEB-5']);
    expect(q('updated >= -5d')).toHaveLength(6);
    expect(q('updated > -4d')).toEqual([]);
  });

  it('resolved/resolutiondate and due/duedate, with EMPTY', () => {
    expect(q('resolved >= -7d')).toEqual(['WEB-2']);
    expect(q('resolutiondate < -7d')).toEqual(['WEB-5']);
    expect(q('resolved is EMPTY')).toEqual(['MOB-1', 'WEB-1', 'WEB-3', 'WEB-4']);
    expect(q('duedate < 2026-10-15')).toEqual(['WEB-2']);
    expect(q('due = 2026-10-20')).toEqual(['WEB-3']);
    expect(q('duedate is not EMPTY')).toEqual(['WEB-2', 'WEB-3']);
    expect(q('duedate > endOfDay()')).toEqual(['WEB-3']);
  });

  it('~ on summary, description and text: every word contained, case-insensitive; phrases', () => {
    expect(q('summary ~ "card"')).toEqual(['WEB-2']);
    expect(q('summary ~ "FORM payment"')).toEqual(['WEB-2']);
    expect(q('summary ~ "payment card form"')).toEqual(['WEB-2']);
    expect(q('summary ~ "\\"form payment\\""')).toEqual([]);
    expect(q('summary ~ "\\"payment form\\""')).toEqual(['WEB-2']);
    expect(q('summary ~ "autocomp*"')).toEqual(['WEB-3']);
    expect(q('summary !~ "the"')).toEqual(['MOB-1', 'WEB-1', 'WEB-2', 'WEB-3', 'WEB-4']);
    expect(q('description ~ visa')).toEqual(['WEB-2']);
    expect(q('description is EMPTY')).toHaveLength(5);
    expect(q('text ~ mastercard')).toEqual(['WEB-2']);
    expect(q('text ~ postcodes')).toEqual(['WEB-4']);
  });

  it('number custom fields by name or cf[id]', () => {
    expect(q('"Story point estimate" >= 5')).toEqual(['MOB-1', 'WEB-2']);
    expect(q('cf[10016] = 3')).toEqual(['WEB-3']);
    expect(q('cf[10016] in (3, 8)')).toEqual(['MOB-1', 'WEB-3']);
    expect(q('"story point estimate" is EMPTY')).toEqual(['WEB-1', 'WEB-4', 'WEB-5']);
    expect(q('"Story Points" is EMPTY')).toHaveLength(6);
  });

  it('AND, OR, NOT (also ! && ||) and parentheses', () => {
    expect(q('project = WEB AND statusCategory != Done AND issuetype != Epic')).toEqual(['WEB-3', 'WEB-4']);
    expect(q('issuetype = Epic OR issuetype = Bug')).toEqual(['WEB-1', 'WEB-5']);
    expect(q('project = WEB AND (issuetype = Epic OR priority = Highest)')).toEqual(['WEB-1', 'WEB-5']);
    expect(q('project = WEB AND NOT (issuetype = Epic OR priority = Highest)')).toEqual(['WEB-2', 'WEB-3', 'WEB-4']);
    expect(q('NOT assignee = currentUser()', MEMBER)).toEqual(['MOB-1', 'WEB-1', 'WEB-4', 'WEB-5']);
    expect(q('issuetype = Epic || (issuetype = Bug && !priority = Low)')).toEqual(['WEB-1', 'WEB-5']);
  });

  it('only issues the actor may browse', () => {
    expect(q('project = WEB OR assignee = currentUser()', OUTSIDER)).toEqual([
      'WEB-1',
      'WEB-2',
      'WEB-3',
      'WEB-4',
      'WEB-5',
    ]);
    expect(q('assignee = currentUser()', LEAD)).toEqual(['MOB-1', 'WEB-1']);
    expect(q('updated > -30d', OUTSIDER)).not.toContain('MOB-1');
  });
});
