/**
 * objectives-file/export and objectives-file/import on the local host: the whole hierarchy out as
 * YAML and into a fresh site (rollups, links, issue properties and keys following), the preview
 * with every error and its path, all-or-nothing at the validation level, admins only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseObjectivesFile } from '../../src/app/objectives-file/parse-objectives-file';
import { ACCOUNT, REPO_ROOT, startAppHost, type AppHost } from '../support/app-host';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { issueProperty, jql, startLiveHost } from './live-host';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';

const example = readFileSync(join(REPO_ROOT, 'docs', 'examples', 'objectives.yaml'), 'utf8');

/** A site with O-1 (organisation), O-2 (Web Squad, two key results, WEB-1 linked), O-3 (Mobile Team, restricted, aligned to O-2). */
async function hierarchy(app: AppHost) {
  await organisation(app);
  await createSquadObjective(app, { owner: ACCOUNT.member, weight: 2 });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'completion', title: 'Checkout redesign shipped', measure: 'story-points' },
  });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 2,
    keyResult: { kind: 'metric', title: 'Conversion', unit: '%', direction: 'increase', baseline: 2, target: 4 },
  });
  await ok(app, 'admin', 'objectives/create', {
    title: 'Offline mode',
    levelId: 'workgroup',
    periodId: PERIOD,
    workgroupId: 'mobile-team',
    parentId: 'O-1',
    visibility: 'restricted',
    alignments: [{ objectiveId: 'O-2', weight: 0.5 }],
  });
  await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' });
  // the site as it stood before anyone exports or imports: storage's queries show it (strict mode)
  await queriesCaughtUp(app);
}

describe('objectives-file/export', () => {
  let app: AppHost;
  beforeAll(async () => {
    app = startAppHost();
    await hierarchy(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('writes the whole hierarchy as a YAML objectives file that reads back', async () => {
    const exported = await ok(app, 'admin', 'objectives-file/export');
    expect(exported).toMatchObject({ objectives: 3, keyResults: 2, links: 1 });
    expect(exported.text.startsWith('format: tether-objectives/1\n')).toBe(true);
    const parsed = parseObjectivesFile(exported.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.file.objectives.map((o) => [o.key, o.parent, o.workgroup, o.visibility])).toEqual([
      ['O-1', null, null, 'public'],
      ['O-2', 'O-1', 'web-squad', 'public'],
      ['O-3', 'O-1', 'mobile-team', 'restricted'],
    ]);
    expect(parsed.file.objectives[1]?.keyResults.map((k) => [k.key, k.issues])).toEqual([
      ['KR-1', ['WEB-1']],
      ['KR-2', []],
    ]);
    expect(parsed.file.workgroups.map((w) => w.id)).toEqual(['mobile-team', 'web-squad']);
  });

  it.each(['lead', 'member', 'outsider'] as const)('is refused to %s', async (persona) => {
    const { error, counts } = await failed(app, persona, 'objectives-file/export');
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can export the objectives file' });
    expect(counts.kvsRoundTrips).toBe(0);
  });
});

describe('objectives-file/import', () => {
  let source: AppHost;
  let text: string;
  let app: AppHost;
  beforeAll(async () => {
    source = startAppHost();
    await hierarchy(source);
    text = (await ok(source, 'admin', 'objectives-file/export')).text;
    await source.close();
  });
  beforeEach(() => {
    app = startLiveHost();
  });
  afterEach(async () => {
    await app.close();
  });

  it('previews what an import would do, writing nothing', async () => {
    const { reply, writes } = await call(app, 'admin', 'objectives-file/import', { text, apply: false });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data).toMatchObject({ applied: false, errors: [], progress: null });
    expect(reply.data.summary).toMatchObject({
      objectives: { created: ['O-1', 'O-2', 'O-3'], updated: [], unchanged: [] },
      keyResults: { created: ['O-2/KR-1', 'O-2/KR-2'], updated: [], removed: [] },
      links: { added: 1, removed: 0 },
      periods: { created: [PERIOD], updated: [] },
      workgroups: { created: ['mobile-team', 'web-squad'], updated: [] },
      levelsChanged: false,
    });
    expect(writes).toBe(0);
    expect((await ok(app, 'admin', 'workgroups/list', {})).workgroups).toEqual([]);
  });

  it('applies the file to a fresh site: the same hierarchy, rolled up, linked, searchable, and exported identically', async () => {
    const { progress, applied } = await ok(app, 'admin', 'objectives-file/import', { text, apply: true });
    expect(applied).toBe(true);
    expect(progress).toEqual({
      settingsWritten: true,
      workgroupsWritten: 2,
      objectivesWritten: 3,
      rollupsUpdated: 3,
      linksAdded: 1,
      linksRemoved: 0,
      issuesRecomputed: 1,
      propertiesWritten: 5,
      propertiesPending: [],
    });
    const page = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: PERIOD });
    expect(page.workgroups[0]?.objectives.map((o) => o.objective.key)[0]).toBe('O-2');
    // whole, as its detail reads it (the view serves rows)
    const o2 = (await ok(app, 'lead', 'project-page/objective', { projectKey: 'WEB', objectiveKey: 'O-2' })).entry;
    expect(o2.objective).toMatchObject({ key: 'O-2', owner: ACCOUNT.member, weight: 2 });
    expect(o2.objective.keyResults.map((k) => k.id)).toEqual(['O-2.KR-1', 'O-2.KR-2']);
    expect(o2.rollup?.work).toMatchObject({ issues: 3, done: 1, points: 10, pointsDone: 5 });
    expect(page.aligned[0]?.rollup?.progress).not.toBeNull();
    expect(await jql(app, 'admin', 'objective = O-2')).toEqual(['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5']);
    expect(await issueProperty(app, 'WEB-1')).toEqual({ objectives: ['O-2'] });
    expect((await ok(app, 'admin', 'objectives-file/export')).text).toBe(text);
    // the counter moved past the imported keys; key results go on from KR-3
    expect(
      (await ok(app, 'admin', 'objectives/create', { title: 'Next', levelId: 'organisation', periodId: PERIOD }))
        .objective.key,
    ).toBe('O-4');
    expect(
      (
        await ok(app, 'lead', 'key-results/create', {
          objectiveKey: 'O-2',
          version: 1,
          keyResult: { kind: 'milestone', title: 'Launched' },
        })
      ).keyResult.key,
    ).toBe('KR-3');
  });

  it('changes nothing when the same file is applied again', async () => {
    await ok(app, 'admin', 'objectives-file/import', { text, apply: true });
    await queriesCaughtUp(app); // applied again later: the plan reads the site through storage's queries
    const again = await ok(app, 'admin', 'objectives-file/import', { text, apply: true });
    expect(again.summary?.objectives).toEqual({ created: [], updated: [], unchanged: ['O-1', 'O-2', 'O-3'] });
    expect(again.progress).toMatchObject({
      settingsWritten: false,
      workgroupsWritten: 0,
      objectivesWritten: 0,
      linksAdded: 0,
      linksRemoved: 0,
      issuesRecomputed: 0,
    });
  });

  it('updates in place: a changed title, a removed link and key result', async () => {
    await ok(app, 'admin', 'objectives-file/import', { text, apply: true });
    await queriesCaughtUp(app); // the admin edits the file before applying it again
    const edited = text
      .replace('title: One-click checkout', 'title: One-click checkout everywhere')
      .replace(/\n {8}issues:\n {10}- WEB-1\n/, '\n        issues: []\n')
      .replace(/ {6}- key: KR-2\n(?: {8}.*\n)+/, '');
    const { summary, progress } = await ok(app, 'admin', 'objectives-file/import', { text: edited, apply: true });
    expect(summary).toMatchObject({
      objectives: { updated: ['O-2'] },
      keyResults: { removed: ['O-2/KR-2'] },
      links: { added: 0, removed: 1 },
    });
    expect(progress).toMatchObject({ objectivesWritten: 1, linksRemoved: 1, issuesRecomputed: 1 });
    await queriesCaughtUp(app); // the lead opens the page afterwards
    const page = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: PERIOD });
    expect(page.workgroups[0]?.objectives[0]?.objective).toMatchObject({
      title: 'One-click checkout everywhere',
      keyResults: [expect.objectContaining({ key: 'KR-1' })],
    });
    expect(page.workgroups[0]?.objectives[0]?.rollup?.work.issues).toBe(0);
    expect(await jql(app, 'admin', 'objective = O-2')).toEqual([]);
  });

  it('answers every problem with its path; applied, it writes nothing', async () => {
    const broken = text
      .replace('parent: O-1\n    weight: 2', 'parent: O-3\n    weight: 2')
      .replace(
        'level: workgroup\n    period: 2026-q4\n    owner: local-admin',
        'level: programme\n    period: 2026-q4\n    owner: local-admin',
      );
    const preview = await ok(app, 'admin', 'objectives-file/import', { text: broken, apply: false });
    expect(preview.applied).toBe(false);
    expect(preview.errors.length).toBeGreaterThan(0);
    expect(preview.errors.every((e) => e.path.startsWith('objectives'))).toBe(true);
    expect(preview.errors.map((e) => e.message).join('\n')).toMatch(
      /O-2 → O-3 → O-2|O-2's parent O-3 must sit at a higher level/,
    );
    const { error, writes } = await failed(app, 'admin', 'objectives-file/import', { text: broken, apply: true });
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual(preview.errors);
    expect(writes).toBe(0);
    expect((await ok(app, 'admin', 'objectives-file/export')).objectives).toBe(0);
  });

  it('refuses projects, accounts, issues and JQL Jira does not have, and files that do not parse', async () => {
    const shop = await ok(app, 'admin', 'objectives-file/import', { text: example, apply: false });
    // every problem at once, in file order: the project, the people, the issues the file links and the query's JQL
    const noAccount = (id: string) => `there is no Jira account with the id ${id}`;
    expect(shop.errors.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'workgroups.0.projects.0', message: 'there is no Jira project SHOP (or you cannot see it)' },
      { path: 'workgroups.0.leads.0', message: noAccount('557058:lead-lena') },
      { path: 'workgroups.0.members.0', message: noAccount('557058:member-max') },
      { path: 'workgroups.0.members.1', message: noAccount('557058:member-mia') },
      { path: 'objectives.0.owner', message: noAccount('557058:cfo-carla') },
      { path: 'objectives.1.owner', message: noAccount('557058:lead-lena') },
      { path: 'objectives.2.owner', message: noAccount('557058:lead-lena') },
      { path: 'objectives.2.issues.0', message: 'there is no Jira issue SHOP-12 (or it cannot be seen)' },
      { path: 'objectives.2.keyResults.0.issues.0', message: 'there is no Jira issue SHOP-1 (or it cannot be seen)' },
      {
        path: 'objectives.2.keyResults.2.jql',
        message: "Jira does not accept this JQL: The value 'SHOP' does not exist for the field 'project'.",
      },
    ]);
    expect(shop.summary?.objectives.created).toEqual(['O-1', 'O-2', 'O-3']);
    const yaml = await ok(app, 'admin', 'objectives-file/import', {
      text: 'format: tether-objectives/1\nobjectives: [\n',
    });
    expect(yaml.errors[0]).toMatchObject({ path: '', line: 3, column: 1 });
    const shape = await ok(app, 'admin', 'objectives-file/import', {
      text: 'format: tether-objectives/1\nobjectives:\n  - key: O-1\n',
    });
    expect(shape.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['objectives.0.title', 'objectives.0.level']),
    );
    expect((await failed(app, 'admin', 'objectives-file/import', { text: '' })).error.details).toEqual([
      { path: 'text', message: 'the file is empty' },
    ]);
  });

  it.each(['lead', 'member', 'outsider'] as const)('is refused to %s, reading and writing nothing', async (persona) => {
    const { error, counts } = await failed(app, persona, 'objectives-file/import', { text, apply: true });
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can import the objectives file' });
    expect(counts.kvsRoundTrips).toBe(0);
  });
});
