/**
 * A hand-written objectives file (issue 14, item 7): merged against what is stored, as
 * docs/objectives-file.md says; every problem at once (shape and references), each with its line
 * and column and a plain sentence; the stored levels kept when the file has none.
 */
import { ACCOUNT, startAppHost, type AppHost } from '../support/app-host';
import { failed, ok, queriesCaughtUp } from './resolver-kit';
import { organisation, PERIOD } from './objective-kit';

/** Two squad objectives under the stored O-1, in the stored period and workgroup; no levels, no periods, no workgroups. */
const handWritten = `format: tether-objectives/1
objectives:
  - key: O-20
    title: Checkout in one step
    level: workgroup
    period: ${PERIOD}
    owner: ${ACCOUNT.lead}
    workgroup: web-squad
    parent: O-1
    issues: [WEB-1]
  - key: O-21
    title: Wallet payments
    level: workgroup
    period: ${PERIOD}
    owner: ${ACCOUNT.lead}
    workgroup: web-squad
    parent: O-1
    keyResults:
      - kind: milestone
        title: Apple Pay live
`;

describe('a hand-written objectives file', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startAppHost();
    await organisation(app); // 2026-q4, web-squad and mobile-team, O-1 at the organisation level
    // the levels renamed: a file without levels keeps these names
    await ok(app, 'admin', 'levels/update', {
      version: 1,
      levels: [
        { id: 'organisation', name: 'Company bet' },
        { id: 'strategic', name: 'Strategic' },
        { id: 'programme', name: 'Programme' },
        { id: 'workgroup', name: 'Squad' },
      ],
    });
    await queriesCaughtUp(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('adding two objectives under a stored parent previews and applies, keeping the renamed levels', async () => {
    const preview = await ok(app, 'admin', 'objectives-file/import', { text: handWritten, apply: false });
    expect(preview.errors).toEqual([]);
    expect(preview.summary).toEqual({
      objectives: { created: ['O-20', 'O-21'], updated: [], unchanged: [] },
      keyResults: { created: ['O-21/KR-1'], updated: [], removed: [] },
      links: { added: 1, removed: 0 },
      periods: { created: [], updated: [] },
      workgroups: { created: [], updated: [] },
      levelsChanged: false,
      untouched: ['O-1'],
    });
    const applied = await ok(app, 'admin', 'objectives-file/import', { text: handWritten, apply: true });
    expect(applied).toMatchObject({ applied: true, errors: [] });
    expect(applied.progress).toMatchObject({ settingsWritten: false, objectivesWritten: 2, linksAdded: 1 });
    await queriesCaughtUp(app);
    const exported = (await ok(app, 'admin', 'objectives-file/export')).text;
    expect(exported).toContain('name: Company bet');
    expect(exported).toContain('name: Squad');
    expect(exported).toMatch(/key: O-20\n(?: {4}.*\n)*? {4}parent: O-1\n/);
    expect(exported).toMatch(/key: O-21\n(?: {4}.*\n)*? {4}parent: O-1\n/);
  });

  it('a file with levels replaces them, and says so', async () => {
    const withLevels = handWritten.replace(
      'objectives:\n',
      'levels:\n  - {id: organisation, name: Organisation priority}\n  - {id: workgroup, name: Workgroup}\nobjectives:\n',
    );
    const preview = await ok(app, 'admin', 'objectives-file/import', { text: withLevels, apply: false });
    expect(preview.errors).toEqual([]);
    expect(preview.summary?.levelsChanged).toBe(true);
  });

  it('reports a shape error and a reference error at once, each with line, column and a sentence', async () => {
    const broken = handWritten
      .replace(
        `    owner: ${ACCOUNT.lead}\n    workgroup: web-squad\n    parent: O-1\n    issues`,
        '    workgroup: web-squad\n    parent: O-1\n    issues',
      )
      .replace(
        `    period: ${PERIOD}\n    owner: ${ACCOUNT.lead}\n    workgroup: web-squad\n    parent: O-1\n    keyResults`,
        `    period: 2027-q1\n    owner: ${ACCOUNT.lead}\n    workgroup: web-squad\n    parent: O-5\n    keyResults`,
      );
    const preview = await ok(app, 'admin', 'objectives-file/import', { text: broken, apply: false });
    expect(preview.errors).toEqual([
      { path: 'objectives.0.owner', line: 3, column: 5, message: '"owner" is missing' },
      {
        path: 'objectives.1.period',
        line: 13,
        column: 13,
        message: `O-21: there is no period "2027-q1", neither in the file nor stored (periods: ${PERIOD})`,
      },
      {
        path: 'objectives.1.parent',
        line: 16,
        column: 13,
        message: 'O-21: its parent O-5 is neither in the file nor stored',
      },
    ]);
    const { error, writes } = await failed(app, 'admin', 'objectives-file/import', { text: broken, apply: true });
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual(preview.errors);
    expect(writes).toBe(0);
  });

  it('says plainly where the YAML breaks', async () => {
    const preview = await ok(app, 'admin', 'objectives-file/import', {
      text: 'format: tether-objectives/1\nobjectives:\n  - key: O-20\n   title: Checkout\n',
      apply: false,
    });
    expect(preview.errors).toEqual([
      {
        path: '',
        line: 4,
        column: 1,
        message:
          'the YAML cannot be read: something is missing here: the dash before a list item, or a closing bracket, brace or quote',
      },
    ]);
  });
});
