/**
 * import-jira on generated exports: every input form (array, search reply, board reply, JSON
 * Lines, gzip by magic bytes), v2 and v3 issue shapes, Server and Cloud users, the three epic link
 * shapes and sub-task parents, bad records reported by position, re-import in place, one-step
 * apply, progress.
 */
import { gzipSync } from 'node:zlib';
import { STORY_POINT_ESTIMATE, STORY_POINTS } from '../../../local/jira/fields';
import { LocalJira } from '../../../local/jira/local-jira';
import type { StoredIssue } from '../../../local/jira/model';
import type { JiraStore } from '../../../local/jira/store';
import { importJira, ImportError, type ImportProgress } from '../../../local/import';
import { at, call } from '../jira/http';
import { CLD, SRV, TempDir, cloudIssue, demoStore, serverIssue, serverStatus, serverType } from './fixtures';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.remove());

function issue(store: JiraStore, key: string): StoredIssue {
  const found = store.issue(key);
  if (!found) throw new Error(`${key} was not imported`);
  return found;
}
const keyOf = (store: JiraStore, id: string | null) =>
  id === null ? null : (store.issueById(id)?.key ?? `missing id ${id}`);

describe('input forms', () => {
  const three = () => [serverIssue({ key: 'SRV-1' }), serverIssue({ key: 'SRV-2' }), serverIssue({ key: 'SRV-3' })];

  test('a JSON array of issues (pretty-printed)', async () => {
    const store = demoStore();
    const report = await importJira(store, [dir.json('issues.json', three())]);
    expect(report.issues).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect(report.files).toEqual([expect.objectContaining({ format: 'json', gzip: false, records: 3 })]);
    expect(store.issue('SRV-2')?.summary).toBe('Server issue SRV-2');
  });

  test('a v2 /search reply and a v3 /search/jql reply, one line each or pretty-printed', async () => {
    const store = demoStore();
    const v2 = { expand: 'names,schema', startAt: 0, maxResults: 50, total: 2, issues: three().slice(0, 2) };
    const v3 = { issues: [cloudIssue({ key: 'CLD-1', id: '10100' })], nextPageToken: 'abc', isLast: false };
    const report = await importJira(store, [dir.json('search-v2.json', v2), dir.json('search-v3.json', v3, false)]);
    expect(report.issues.added).toBe(3);
    expect(report.files.map((f) => f.format)).toEqual(['json', 'jsonl']);
    expect(store.issue('CLD-1')?.summary).toBe('Cloud issue CLD-1');
  });

  test('an agile board issue reply', async () => {
    const store = demoStore();
    const board = {
      expand: 'schema,names',
      startAt: 0,
      maxResults: 50,
      total: 2,
      issues: [
        serverIssue({ key: 'SRV-1', type: SRV.epic }),
        serverIssue({ key: 'SRV-2', epic: { key: 'SRV-1', name: 'The epic', done: false } }),
      ],
    };
    const report = await importJira(store, [dir.json('board.json', board)]);
    expect(report.issues.added).toBe(2);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');
  });

  test('JSON Lines of issues and of reply pages', async () => {
    const store = demoStore();
    const pages = [
      { issues: [serverIssue({ key: 'SRV-4' })] },
      { issues: [serverIssue({ key: 'SRV-5' }), serverIssue({ key: 'SRV-6' })] },
    ];
    const report = await importJira(store, [dir.jsonl('issues.jsonl', three()), dir.jsonl('pages.jsonl', pages)]);
    expect(report.issues.added).toBe(6);
    expect(report.files.map((f) => [f.format, f.records])).toEqual([
      ['jsonl', 3],
      ['jsonl', 3],
    ]);
  });

  test('gzip is recognised by its magic bytes, whatever the name', async () => {
    const store = demoStore();
    const jsonl = three()
      .map((i) => JSON.stringify(i))
      .join('\n');
    const array = JSON.stringify([serverIssue({ key: 'SRV-7' })], null, 2);
    const report = await importJira(store, [
      dir.gzip('issues.jsonl', jsonl),
      dir.gzip('export.txt', array),
      dir.gzip('real.jsonl.gz', jsonl.replace(/SRV-(\d)/g, 'SRV-1$1')),
    ]);
    expect(report.files.map((f) => [f.gzip, f.format])).toEqual([
      [true, 'jsonl'],
      [true, 'json'],
      [true, 'jsonl'],
    ]);
    expect(report.issues.added).toBe(7);
    // and an uncompressed file with a .gz name is read as it is
    const plain = await importJira(demoStore(), [dir.file('not-really.json.gz', jsonl)]);
    expect(plain.files[0]).toMatchObject({ gzip: false, format: 'jsonl', records: 3 });
  });

  test('a file that cannot be read fails the import and leaves the store as it was', async () => {
    const store = demoStore();
    const before = store.toSnapshot();
    await expect(importJira(store, [dir.json('ok.json', three()), `${dir.path}/missing.json`])).rejects.toThrow(
      /missing\.json/,
    );
    await expect(importJira(store, [dir.file('broken.json', '{\n  "issues": [\n')])).rejects.toThrow(
      /neither a JSON document nor JSON Lines/,
    );
    await expect(
      importJira(store, [dir.file('cut.gz', gzipSync(Buffer.from(JSON.stringify(three()))).subarray(0, 40))]),
    ).rejects.toThrow(/cut\.gz/);
    expect(store.toSnapshot()).toEqual(before);
  });
});

describe('issue shapes', () => {
  test('Server (v2): name/key users get local accounts, catalogue entries are created, dates and wiki text kept', async () => {
    const store = demoStore();
    const records = [
      serverIssue({
        key: 'SRV-1',
        status: SRV.closed,
        resolution: { id: '1', name: 'Fixed' },
        resolutiondate: '2021-11-05T10:00:00.000+0000',
        labels: ['regression', 'ios'],
      }),
      serverIssue({
        key: 'SRV-2',
        status: SRV.inQa,
        type: SRV.technical,
        parent: 'SRV-1',
        assignee: null,
        priority: null,
      }),
    ];
    const report = await importJira(store, [dir.json('server.json', records)]);
    expect(report.skipped.count).toBe(0);
    expect(report.projectsAdded).toEqual(['SRV']);
    expect(report.statusesAdded).toEqual(['Closed', 'In QE Test']);
    expect(report.issueTypesAdded).toEqual(['Technical task']);
    expect(report.resolutionsAdded).toEqual(['Fixed']);
    expect(report.prioritiesAdded).toEqual(['Critical']);

    const one = issue(store, 'SRV-1');
    expect(one.id).toBe('200001'); // the exported id, free locally
    expect(one.assigneeId).toBe('local:ann');
    expect(one.reporterId).toBe('local:JIRAUSER10100'); // the user key, not the user name
    expect(store.user('local:JIRAUSER10100')).toMatchObject({
      displayName: 'Bob Baker',
      emailAddress: 'bob@example.org',
      timeZone: 'Europe/Berlin',
      active: true,
    });
    expect(one.created).toBe(Date.parse('2021-11-03T12:34:56.000Z'));
    expect(one.updated).toBe(Date.parse('2021-11-04T07:00:00.000Z')); // +0100
    expect(one.resolutiondate).toBe(Date.parse('2021-11-05T10:00:00.000Z'));
    expect(one.statusCategoryChanged).toBe(one.resolutiondate);
    expect(one.labels).toEqual(['regression', 'ios']);
    expect(one.description).toBe('h1. About SRV-1\nSee {code}foo(){code}');
    expect(store.status(one.statusId)).toMatchObject({ name: 'Closed', categoryKey: 'done' });
    expect(store.resolution(one.resolutionId ?? '')?.name).toBe('Fixed');
    expect(store.priority(one.priorityId ?? '')?.name).toBe('Critical');
    // a new priority goes after the nearest higher-ranked one the site has (by exported id); none here, so first
    expect(
      store
        .priorities()
        .map((p) => p.name)
        .slice(0, 2),
    ).toEqual(['Critical', 'Highest']);

    const two = issue(store, 'SRV-2');
    expect(keyOf(store, two.parentId)).toBe('SRV-1');
    expect(store.issueType(two.issueTypeId)).toMatchObject({ name: 'Technical task', hierarchyLevel: -1 });
    expect(store.status(two.statusId)).toMatchObject({ name: 'In QE Test', categoryKey: 'indeterminate' });
    expect(two.assigneeId).toBeNull();
    expect(two.priorityId).toBeNull();

    const project = store.project('SRV');
    expect(project).toMatchObject({ id: '12000', name: 'Server Project', leadAccountId: 'local-lead' });
    expect(project?.roles).toMatchObject({
      'local-lead': 'administrator',
      'local-member': 'member',
      'local:ann': 'member',
      'local:JIRAUSER10100': 'member',
    });
    expect(project?.roles['local-outsider']).toBeUndefined();
  });

  test('Cloud (v3): accountIds kept, ADF descriptions as plain text, parent epics, due dates', async () => {
    const store = demoStore();
    const records = [
      cloudIssue({ key: 'CLD-1', id: '10100', type: CLD.epic, status: CLD.done }),
      cloudIssue({ key: 'CLD-2', id: '10101', parent: { id: '10100', key: 'CLD-1' }, status: CLD.review }),
      cloudIssue({ key: 'CLD-3', id: '10102', type: CLD.subtask, parent: { id: '10101', key: 'CLD-2' } }),
    ];
    const report = await importJira(store, [dir.json('cloud.json', { issues: records })]);
    expect(report.parentsResolved).toMatchObject({ parent: 2 });
    const epic = issue(store, 'CLD-1');
    expect(epic.assigneeId).toBe('5b10a2844c20165700ede21g');
    expect(store.user('712020:0e1c3d4b-aaaa-bbbb-cccc-1234567890ab')?.displayName).toBe('Dan Delta');
    expect(epic.description).toBe('What CLD-1 is about.\nSecond paragraph.');
    expect(epic.duedate).toBe('2025-03-31');
    expect(epic.created).toBe(Date.parse('2025-01-31T22:00:00.000Z'));
    expect(epic.statusCategoryChanged).toBe(Date.parse('2025-02-01T23:00:00.000Z'));
    expect(store.issueType(epic.issueTypeId)?.name).toBe('Epic'); // matched to the site's own
    expect(keyOf(store, issue(store, 'CLD-2').parentId)).toBe('CLD-1');
    expect(keyOf(store, issue(store, 'CLD-3').parentId)).toBe('CLD-2');
    expect(store.issueType(issue(store, 'CLD-3').issueTypeId)).toMatchObject({ name: 'Sub-task', hierarchyLevel: -1 }); // names match without case and punctuation
    expect(store.status(issue(store, 'CLD-2').statusId)).toMatchObject({
      name: 'Peer Review',
      categoryKey: 'indeterminate',
    });
  });

  test('names in any script are told apart (issue types, statuses)', async () => {
    const store = demoStore();
    const story = serverIssue({
      key: 'SRV-1',
      type: serverType('10001', '故事'),
      status: serverStatus('10068', '已完成', 'done'),
    });
    const sub = serverIssue({
      key: 'SRV-2',
      type: serverType('10003', '子任务', true),
      status: serverStatus('10069', '进行中', 'indeterminate'),
      parent: 'SRV-1',
    });
    const report = await importJira(store, [dir.json('zh.json', [story, sub])]);
    expect(report.issueTypesAdded).toEqual(['故事', '子任务']);
    expect(report.statusesAdded).toEqual(['已完成', '进行中']);
    expect(store.issueType(issue(store, 'SRV-2').issueTypeId)).toMatchObject({ name: '子任务', hierarchyLevel: -1 });
  });

  test('descriptions: none keeps summaries only', async () => {
    const store = demoStore();
    await importJira(
      store,
      [dir.json('cloud.json', [cloudIssue({ key: 'CLD-1', id: '10100' }), serverIssue({ key: 'SRV-1' })])],
      { descriptions: 'none' },
    );
    expect(issue(store, 'CLD-1').description).toBeNull();
    expect(issue(store, 'SRV-1').description).toBeNull();
  });

  test('ADF: lists, mentions, hard breaks, tables and cards become readable text', async () => {
    const store = demoStore();
    const description = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Plan' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Ask ' },
            { type: 'mention', attrs: { id: 'x', text: '@Cleo' } },
            { type: 'hardBreak' },
            { type: 'text', text: 'then ship' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
          ],
        },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] },
                { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] },
              ],
            },
          ],
        },
        { type: 'paragraph', content: [{ type: 'inlineCard', attrs: { url: 'https://example.org/x' } }] },
      ],
    };
    await importJira(store, [
      dir.json('adf.json', [cloudIssue({ key: 'CLD-1', id: '10100', extraFields: { description } })]),
    ]);
    expect(issue(store, 'CLD-1').description).toBe(
      'Plan\nAsk @Cleo\nthen ship\n- one\n- two\na | b\nhttps://example.org/x',
    );
  });

  test('story points: the local field ids without names, a field called Story Points through names', async () => {
    const store = demoStore();
    const cloud = cloudIssue({ key: 'CLD-1', id: '10100', extraFields: { [STORY_POINT_ESTIMATE]: 5 } });
    const server = serverIssue({ key: 'SRV-1', extraFields: { customfield_10002: 8, customfield_10003: 13 } });
    const serverEstimate = serverIssue({ key: 'SRV-2', extraFields: { customfield_10002: '3.0' } });
    const names = { customfield_10002: 'Story Points', customfield_10003: 'Business Value' };
    const report = await importJira(store, [
      dir.json('cloud.json', [cloud]),
      dir.json('server.json', { names, issues: [server, serverEstimate] }),
    ]);
    expect(report.skipped.count).toBe(0);
    expect(issue(store, 'CLD-1').numbers).toEqual({ [STORY_POINT_ESTIMATE]: 5 });
    expect(issue(store, 'SRV-1').numbers).toEqual({ [STORY_POINTS]: 8 });
    expect(issue(store, 'SRV-2').numbers).toEqual({ [STORY_POINTS]: 3 });

    // a names map that says customfield_10016 is something else: not taken as points
    const other = demoStore();
    await importJira(other, [dir.json('other.json', { names: { [STORY_POINT_ESTIMATE]: 'Rank' }, issues: [cloud] })]);
    expect(issue(other, 'CLD-1').numbers).toEqual({});
    // pointsInto chooses the local field
    const into = demoStore();
    await importJira(into, [dir.json('server.json', { names, issues: [server] })], {
      pointsInto: STORY_POINT_ESTIMATE,
    });
    expect(issue(into, 'SRV-1').numbers).toEqual({ [STORY_POINT_ESTIMATE]: 8 });
  });
});

describe('epic links and sub-task parents', () => {
  const epic = serverIssue({ key: 'SRV-1', type: SRV.epic });

  test('the agile epic object, also when the epic comes later in the file', async () => {
    const store = demoStore();
    const child = serverIssue({ key: 'SRV-2', type: SRV.story, epic: { key: 'SRV-1', name: 'E', done: false } });
    const orphan = serverIssue({ key: 'SRV-3', epic: { key: 'GONE-9', name: 'Elsewhere', done: true } });
    const report = await importJira(store, [dir.jsonl('agile.jsonl', [child, orphan, epic])]);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');
    expect(issue(store, 'SRV-3').parentId).toBeNull();
    expect(report.parentsResolved.epic).toBe(1);
    expect(report.parentsUnresolved.epic).toBe(1);
    expect(report.warnings.counts.epicNotFound).toBe(1);
    expect(report.warnings.listed).toContainEqual({ kind: 'epicNotFound', detail: 'SRV-3 → GONE-9' });
  });

  test('an Epic Link custom field found through the names map', async () => {
    const store = demoStore();
    const child = serverIssue({
      key: 'SRV-2',
      extraFields: { customfield_10008: 'SRV-1', customfield_10009: 'SRV-1 lookalike?', customfield_10010: 'SRV-1' },
    });
    const reply = {
      names: { customfield_10008: 'Epic Link', customfield_10009: 'Epic Name', customfield_10010: 'Linked Defect' },
      issues: [epic, child],
    };
    const report = await importJira(store, [dir.json('search.json', reply)]);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');
    expect(report.parentsResolved.epicLink).toBe(1);
  });

  test('an Epic Link custom field found through its schema type, or named by the caller', async () => {
    const store = demoStore();
    const child = serverIssue({ key: 'SRV-2', extraFields: { customfield_10100: 'SRV-1' } });
    await importJira(store, [
      dir.json('search.json', {
        schema: {
          customfield_10100: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link', customId: 10100 },
        },
        issues: [epic, child],
      }),
    ]);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');

    const named = demoStore();
    await importJira(named, [dir.json('plain.json', [epic, child])], { epicLinkField: 'customfield_10100' });
    expect(keyOf(named, issue(named, 'SRV-2').parentId)).toBe('SRV-1');
  });

  test('without names: a field named like epic link holding an issue key; an anonymous custom field is not guessed', async () => {
    const store = demoStore();
    const byName = serverIssue({ key: 'SRV-2', extraFields: { 'Epic Link': 'srv-1' } });
    const camel = serverIssue({ key: 'SRV-3', extraFields: { epicLink: 'SRV-1' } });
    const anonymous = serverIssue({ key: 'SRV-4', extraFields: { customfield_10008: 'SRV-1' } });
    const notAKey = serverIssue({ key: 'SRV-5', extraFields: { epic_link: 'the big one' } });
    await importJira(store, [dir.json('plain.json', [epic, byName, camel, anonymous, notAKey])]);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');
    expect(keyOf(store, issue(store, 'SRV-3').parentId)).toBe('SRV-1');
    expect(issue(store, 'SRV-4').parentId).toBeNull();
    expect(issue(store, 'SRV-5').parentId).toBeNull();
  });

  test('Cloud parent wins over the other shapes; sub-tasks found through their parent’s subtasks list', async () => {
    const store = demoStore();
    const other = serverIssue({ key: 'SRV-9', type: SRV.epic });
    const both = serverIssue({ key: 'SRV-2', parent: 'SRV-1', epic: { key: 'SRV-9', name: 'x', done: false } });
    const story = serverIssue({
      key: 'SRV-3',
      extraFields: { subtasks: [{ id: '200004', key: 'SRV-4', fields: { summary: 's' } }] },
    });
    const sub = serverIssue({ key: 'SRV-4', type: SRV.subtask });
    const report = await importJira(store, [dir.json('mixed.json', [epic, other, both, story, sub])]);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');
    expect(keyOf(store, issue(store, 'SRV-4').parentId)).toBe('SRV-3');
    expect(report.parentsResolved).toEqual({ parent: 1, epic: 0, epicLink: 0, subtasks: 1 });
  });

  test('a parent already in the store; a parent known only by id; a cycle is cut', async () => {
    const store = demoStore();
    const underWeb = serverIssue({ key: 'SRV-2', parent: 'WEB-1' });
    const byId = { ...serverIssue({ key: 'SRV-3' }) };
    (byId.fields as Record<string, unknown>).parent = { id: '200001' };
    const a = serverIssue({ key: 'SRV-5', parent: 'SRV-6' });
    const b = serverIssue({ key: 'SRV-6', parent: 'SRV-5' });
    const report = await importJira(store, [dir.json('refs.json', [epic, underWeb, byId, a, b])]);
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('WEB-1');
    expect(keyOf(store, issue(store, 'SRV-3').parentId)).toBe('SRV-1');
    expect([issue(store, 'SRV-5').parentId, issue(store, 'SRV-6').parentId].filter((p) => p === null)).toHaveLength(1);
    expect(report.warnings.counts.parentCycle).toBe(1);
  });
});

describe('bad records', () => {
  test('JSON Lines: the bad lines are reported by line number and skipped, the rest imported', async () => {
    const store = demoStore();
    const noStatus = serverIssue({ key: 'SRV-4' });
    delete (noStatus.fields as Record<string, unknown>).status;
    const badDate = serverIssue({ key: 'SRV-6', created: 'yesterday' });
    const lines = [
      serverIssue({ key: 'SRV-1' }),
      serverIssue({ key: 'SRV-2' }),
      '{"key": "SRV-3", "fields": {',
      noStatus,
      '',
      serverIssue({ key: 'SRV-5' }),
      badDate,
      '42',
      serverIssue({ key: 'SRV-7' }),
    ];
    const report = await importJira(store, [dir.jsonl('issues.jsonl', lines)]);
    expect(report.issues.added).toBe(4);
    expect(report.records).toBe(8);
    expect(report.skipped.count).toBe(4);
    const listed = report.skipped.listed.map((s) => [s.position, s.key, s.reason]);
    expect(listed).toEqual([
      ['line 3', null, expect.stringMatching(/^not JSON/)],
      ['line 4', 'SRV-4', expect.stringMatching(/^fields\.status: /)],
      ['line 7', 'SRV-6', expect.stringMatching(/^fields\.created: not a date-time: "yesterday"/)],
      ['line 8', null, 'a JSON number, not an object'],
    ]);
    expect(report.skipped.listed[0]?.file).toMatch(/issues\.jsonl$/);
    for (const key of ['SRV-1', 'SRV-2', 'SRV-5', 'SRV-7']) expect(store.issue(key)).toBeDefined();
    expect(store.issue('SRV-4')).toBeUndefined();
  });

  test('arrays and replies: the bad record is reported by index', async () => {
    const store = demoStore();
    const wrongProject = serverIssue({ key: 'SRV-3', project: { id: '1', key: 'OTHER', name: 'Other' } });
    const badKey = { ...serverIssue({ key: 'SRV-9' }), key: 'not a key' };
    const report = await importJira(store, [
      dir.json('array.json', [serverIssue({ key: 'SRV-1' }), wrongProject, serverIssue({ key: 'SRV-2' })]),
      dir.json('reply.json', { issues: [badKey, serverIssue({ key: 'SRV-4' })] }),
    ]);
    expect(report.issues.added).toBe(3);
    expect(report.skipped.listed.map((s) => [s.position, s.key, s.reason])).toEqual([
      ['index 1', 'SRV-3', 'key SRV-3 is not in its project OTHER'],
      ['issues[0]', 'not a key', expect.stringMatching(/^key: an issue key is PROJECT-number/)],
    ]);
  });

  test('only the first N are listed; all are counted', async () => {
    const store = demoStore();
    const lines = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 'nope' : serverIssue({ key: `SRV-${i}` })));
    const report = await importJira(store, [dir.jsonl('many.jsonl', lines)], { listLimit: 5 });
    expect(report.skipped.count).toBe(15);
    expect(report.skipped.listed).toHaveLength(5);
    expect(report.issues.added).toBe(15);
  });

  test('a missing summary gets a placeholder; a long one is cut to 255 characters', async () => {
    const store = demoStore();
    const report = await importJira(store, [
      dir.json('s.json', [
        serverIssue({ key: 'SRV-1', summary: null }),
        serverIssue({ key: 'SRV-2', summary: 'x'.repeat(300) }),
      ]),
    ]);
    expect(issue(store, 'SRV-1').summary).toBe('(no summary) SRV-1');
    expect(issue(store, 'SRV-2').summary).toHaveLength(255);
    expect(report.warnings.counts).toMatchObject({ summaryMissing: 1, summaryTruncated: 1 });
  });
});

describe('applying', () => {
  test('re-importing the same file updates issues in place by key', async () => {
    const store = demoStore();
    const records = [
      serverIssue({ key: 'SRV-1', type: SRV.epic }),
      serverIssue({ key: 'SRV-2', epic: { key: 'SRV-1', name: 'E', done: false } }),
      cloudIssue({ key: 'CLD-1', id: '10100' }),
    ];
    const file = dir.json('issues.json', records);
    const first = await importJira(store, [file]);
    expect(first.issues).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const count = store.issues().length;
    const ids = ['SRV-1', 'SRV-2', 'CLD-1'].map((k) => issue(store, k).id);

    const again = await importJira(store, [file]);
    expect(again.issues).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(again.usersAdded).toBe(0);
    expect(again.projectsAdded).toEqual([]);
    expect(store.issues()).toHaveLength(count);

    (records[1]?.fields as Record<string, unknown>).summary = 'Renamed';
    const changed = await importJira(store, [dir.json('issues.json', records)]);
    expect(changed.issues).toEqual({ added: 0, updated: 1, unchanged: 2 });
    expect(['SRV-1', 'SRV-2', 'CLD-1'].map((k) => issue(store, k).id)).toEqual(ids);
    expect(issue(store, 'SRV-2').summary).toBe('Renamed');
    expect(keyOf(store, issue(store, 'SRV-2').parentId)).toBe('SRV-1');
    expect(store.issues()).toHaveLength(count);
  });

  test('an exported id taken by another issue is replaced by a fresh one; keys already local keep their id', async () => {
    const store = demoStore();
    const clash = serverIssue({ key: 'SRV-1', id: '10001' }); // WEB-1's id in the demo site
    const web = serverIssue({
      key: 'WEB-2',
      id: '999',
      project: { id: '10000', key: 'WEB', name: 'Web Platform' },
      summary: 'Card payment form, imported',
    });
    const report = await importJira(store, [dir.json('ids.json', [clash, web])]);
    expect(report.issues).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect(issue(store, 'SRV-1').id).not.toBe('10001');
    expect(issue(store, 'WEB-1').id).toBe('10001');
    expect(issue(store, 'WEB-2')).toMatchObject({ id: '10002', summary: 'Card payment form, imported' });
    // a new issue created afterwards gets a fresh id and key
    expect(Number(store.nextIssueId())).toBeGreaterThan(Number(issue(store, 'SRV-1').id));
  });

  test('the same key twice in one import: the later record wins', async () => {
    const store = demoStore();
    const report = await importJira(store, [
      dir.json('a.json', [serverIssue({ key: 'SRV-1', summary: 'old' })]),
      dir.json('b.json', [serverIssue({ key: 'SRV-1', summary: 'new' })]),
    ]);
    expect(report.issues.added).toBe(1);
    expect(issue(store, 'SRV-1').summary).toBe('new');
    expect(report.warnings.counts.duplicateKey).toBe(1);
  });

  test('nothing half-imported: the store is untouched until the one apply step, and unchanged when it fails', async () => {
    const store = demoStore();
    const before = store.toSnapshot();
    const replaceAll = jest.spyOn(store, 'replaceAll').mockImplementation(() => {
      expect(store.toSnapshot()).toEqual(before); // nothing applied while reading and building
      throw new Error('disk on fire');
    });
    const error = await importJira(store, [dir.json('issues.json', [serverIssue({ key: 'SRV-1' })])]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/store is unchanged: disk on fire/);
    expect((error as ImportError).report?.issues.added).toBe(1);
    expect(replaceAll).toHaveBeenCalledTimes(1);
    replaceAll.mockRestore();
    expect(store.toSnapshot()).toEqual(before);
  });

  test('the store refuses a snapshot that breaks its rules and keeps what it had', () => {
    const store = demoStore();
    const before = store.toSnapshot();
    const broken = store.toSnapshot();
    broken.issues.push({ ...(broken.issues[0] as StoredIssue), id: '99999', key: 'WEB-99', parentId: '123456' });
    expect(() => store.replaceAll(broken)).toThrow(/unknown parent 123456/);
    expect(store.toSnapshot()).toEqual(before);
    expect(store.issue('WEB-99')).toBeUndefined();
  });

  test('imported issues are served by the local Jira: JQL, parents, users', async () => {
    const store = demoStore();
    const records = [
      serverIssue({ key: 'SRV-1', type: SRV.epic }),
      serverIssue({
        key: 'SRV-2',
        epic: { key: 'SRV-1', name: 'E', done: false },
        status: SRV.closed,
        labels: ['ios'],
      }),
      serverIssue({ key: 'SRV-3', epic: { key: 'SRV-1', name: 'E', done: false } }),
    ];
    await importJira(store, [dir.json('issues.json', records)]);
    const jira = new LocalJira(store, { now: () => Date.parse('2026-10-15T12:00:00Z') });
    const jql = encodeURIComponent('parent = SRV-1 AND statusCategory = Done AND assignee = "Ann Archer" ORDER BY key');
    const answer = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=summary,status,assignee,parent,labels`,
      { asUser: 'local-member' },
    );
    expect(answer.status).toBe(200);
    expect(at(answer.json, 'issues', 0, 'key')).toBe('SRV-2');
    expect(at(answer.json, 'issues', 1)).toBeUndefined();
    expect(at(answer.json, 'issues', 0, 'fields', 'status', 'statusCategory', 'key')).toBe('done');
    expect(at(answer.json, 'issues', 0, 'fields', 'assignee', 'accountId')).toBe('local:ann');
    expect(at(answer.json, 'issues', 0, 'fields', 'parent', 'key')).toBe('SRV-1');
    // the outsider has no role in an imported project
    const hidden = await call(jira, 'GET', '/rest/api/3/issue/SRV-1', { asUser: 'local-outsider' });
    expect(hidden.status).toBe(404);
  });

  test('the names option and new issue types and statuses for an empty catalogue entry', async () => {
    const store = demoStore();
    const odd = serverIssue({
      key: 'SRV-1',
      type: serverType('77', 'Spike'),
      status: { ...serverStatus('88', 'Parked', 'new'), statusCategory: undefined } as unknown as ReturnType<
        typeof serverStatus
      >,
      extraFields: { customfield_1: 'SRV-2' },
    });
    const report = await importJira(
      store,
      [dir.json('odd.json', [odd, serverIssue({ key: 'SRV-2', type: SRV.epic })])],
      { names: { customfield_1: 'Epic Link' } },
    );
    expect(store.issueType(issue(store, 'SRV-1').issueTypeId)).toMatchObject({
      id: '77',
      name: 'Spike',
      hierarchyLevel: 0,
    });
    expect(store.status(issue(store, 'SRV-1').statusId)).toMatchObject({
      id: '88',
      name: 'Parked',
      categoryKey: 'indeterminate',
    });
    expect(report.warnings.counts.statusCategoryGuessed).toBe(1);
    expect(keyOf(store, issue(store, 'SRV-1').parentId)).toBe('SRV-2');
    // new statuses go last, so the site's transition ids (11 … 41) keep their meaning
    expect(store.statuses().map((s) => s.name)).toEqual([
      'To Do',
      'In Progress',
      'In Review',
      'Done',
      'Parked',
      'Open',
    ]);
  });
});

describe('progress', () => {
  test('onProgress sees records read, totals when known, bytes, rate and each phase', async () => {
    const store = demoStore();
    const events: ImportProgress[] = [];
    const array = dir.json(
      'array.json',
      Array.from({ length: 10 }, (_, i) => serverIssue({ key: `SRV-${i + 1}` })),
    );
    const lines = dir.gzip(
      'lines.jsonl.gz',
      Array.from({ length: 7 }, (_, i) => JSON.stringify(serverIssue({ key: `SRV-${i + 20}` }))).join('\n'),
    );
    await importJira(store, [array, lines], { onProgress: (p) => events.push(p), progressEvery: 3 });
    const reading = events.filter((e) => e.phase === 'reading');
    expect(reading.map((e) => e.records)).toEqual([3, 6, 9, 10, 12, 15, 17]);
    expect(reading[0]).toMatchObject({ fileIndex: 1, fileCount: 2, fileTotal: 10, fileRecords: 3 });
    expect(reading[reading.length - 1]).toMatchObject({ fileIndex: 2, fileTotal: null, fileRecords: 7 });
    expect(reading[reading.length - 1]?.bytesRead).toBe(reading[reading.length - 1]?.bytesTotal);
    expect(reading.every((e) => e.rate >= 0 && e.elapsedMs >= 0)).toBe(true);
    expect(events.map((e) => e.phase).filter((p) => p !== 'reading')).toEqual(['building', 'applying', 'done']);
  });
});
