import { STORY_POINT_ESTIMATE } from '../../../local/jira/fields';
import {
  aJira,
  DAY,
  keys,
  keySet,
  LEAD,
  MEMBER,
  NOW,
  OBJECTIVE_INDEX,
  PRIORITY,
  STATUS,
  type IssueSpec,
} from './builders';

const specs: IssueSpec[] = [
  {
    key: 'WEB-1',
    created: NOW - 1 * DAY,
    duedate: '2026-11-01',
    numbers: { [STORY_POINT_ESTIMATE]: 2 },
    priorityId: PRIORITY.low,
    assigneeId: MEMBER,
    summary: 'beta',
  },
  {
    key: 'WEB-2',
    created: NOW - 3 * DAY,
    priorityId: PRIORITY.highest,
    statusId: STATUS.done,
    summary: 'Alpha',
    properties: { 'tether-objectives': { objectives: ['O-12', 'O-7'] } },
  },
  {
    key: 'WEB-10',
    created: NOW - 2 * DAY,
    duedate: '2026-10-20',
    numbers: { [STORY_POINT_ESTIMATE]: 8 },
    assigneeId: LEAD,
    summary: 'gamma',
    properties: { 'tether-objectives': { objectives: ['O-7'], weight: 3 } },
  },
  {
    key: 'MOB-1',
    created: NOW - 4 * DAY,
    statusId: STATUS.inProgress,
    summary: 'delta',
    properties: { 'tether-objectives': { objectives: [] }, other: { objectives: ['O-12'] } },
  },
];

describe('ORDER BY', () => {
  const { jira } = aJira(specs);

  it('defaults to key descending (newest key first), project by project', () => {
    expect(keys(jira, 'created < now()')).toEqual(['WEB-10', 'WEB-2', 'WEB-1', 'MOB-1']);
    expect(keys(jira, 'created < now() ORDER BY key ASC')).toEqual(['MOB-1', 'WEB-1', 'WEB-2', 'WEB-10']);
  });

  it('sorts dates, numbers, text and users; EMPTY last ascending, first descending', () => {
    expect(keys(jira, 'created < now() ORDER BY created')).toEqual(['MOB-1', 'WEB-2', 'WEB-10', 'WEB-1']);
    expect(keys(jira, 'created < now() ORDER BY created DESC')).toEqual(['WEB-1', 'WEB-10', 'WEB-2', 'MOB-1']);
    expect(keys(jira, 'created < now() ORDER BY duedate ASC')).toEqual(['WEB-10', 'WEB-1', 'WEB-2', 'MOB-1']);
    expect(keys(jira, 'created < now() ORDER BY duedate DESC')).toEqual(['WEB-2', 'MOB-1', 'WEB-1', 'WEB-10']);
    expect(keys(jira, 'created < now() ORDER BY "Story point estimate" DESC, key ASC')).toEqual([
      'MOB-1',
      'WEB-2',
      'WEB-10',
      'WEB-1',
    ]);
    expect(keys(jira, 'created < now() ORDER BY summary')).toEqual(['WEB-2', 'WEB-1', 'MOB-1', 'WEB-10']);
    expect(keys(jira, 'created < now() ORDER BY assignee, key')).toEqual(['WEB-10', 'WEB-1', 'MOB-1', 'WEB-2']);
  });

  it('sorts priority highest first descending, status in workflow order', () => {
    expect(keys(jira, 'created < now() ORDER BY priority DESC, key ASC')).toEqual([
      'WEB-2',
      'MOB-1',
      'WEB-10',
      'WEB-1',
    ]);
    expect(keys(jira, 'created < now() ORDER BY status ASC, key ASC')).toEqual(['WEB-1', 'WEB-10', 'MOB-1', 'WEB-2']);
  });
});

describe('indexed issue properties', () => {
  const weight = { propertyKey: 'tether-objectives', path: 'weight', type: 'number' as const };
  const { jira } = aJira(specs, { propertyIndexes: [OBJECTIVE_INDEX, weight] });

  it('a search alias matches when the indexed array contains the value', () => {
    expect(keySet(jira, 'objective = O-12')).toEqual(['WEB-2']);
    expect(keySet(jira, 'objective = O-7')).toEqual(['WEB-2', 'WEB-10']);
    expect(keySet(jira, 'objective in (O-12, O-7)')).toEqual(['WEB-2', 'WEB-10']);
    expect(keySet(jira, 'Objective is EMPTY')).toEqual(['MOB-1', 'WEB-1']);
    expect(keySet(jira, 'objective != O-12')).toEqual(['WEB-10']);
    expect(keySet(jira, 'objective = O-99')).toEqual([]);
  });

  it('issue.property[key].path searches the same index; numbers compare', () => {
    expect(keySet(jira, 'issue.property[tether-objectives].objectives = O-12')).toEqual(['WEB-2']);
    expect(keySet(jira, 'issue.property[tether-objectives].weight >= 3')).toEqual(['WEB-10']);
    expect(keys(jira, 'objective is not EMPTY ORDER BY issue.property[tether-objectives].weight DESC')).toEqual([
      'WEB-2',
      'WEB-10',
    ]);
  });

  it('a path nobody indexed matches nothing, as in Jira', () => {
    expect(keySet(jira, 'issue.property[other].objectives = O-12')).toEqual([]);
  });

  it('combines with other clauses', () => {
    expect(keySet(jira, 'objective = O-7 AND statusCategory != Done')).toEqual(['WEB-10']);
  });
});
