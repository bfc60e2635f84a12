import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { DEFAULT_LEVELS } from '../../../src/contract';
import { exportObjectivesFile } from '../../../src/app/objectives-file/export-objectives-file';
import type { Hierarchy } from '../../../src/app/objectives-file/hierarchy';
import { parseObjectivesFile } from '../../../src/app/objectives-file/parse-objectives-file';
import { planImport, type ImportContext } from '../../../src/app/objectives-file/plan-import';
import { T0 } from '../../support/builders';

const empty: Hierarchy = {
  levels: DEFAULT_LEVELS,
  periods: [],
  workgroups: [],
  objectives: [],
  keyResults: [],
  contributions: [],
};

function context(now = T0): ImportContext {
  let n = 0;
  return { now, actor: 'acc-admin', newId: (kind) => `${kind === 'objective' ? 'obj' : 'kr'}-${++n}` };
}

function read(text: string) {
  const parsed = parseObjectivesFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.file;
}

function importInto(current: Hierarchy, text: string, ctx = context()) {
  const plan = planImport(read(text), current, ctx);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  return plan;
}

const example = readFileSync('docs/examples/objectives.yaml', 'utf8');

describe('importing and exporting the objectives file', () => {
  it('creates everything from the example, with keys for key results and links to issues', () => {
    const plan = importInto(empty, example);
    expect(plan.summary.objectives.created).toEqual(['O-1', 'O-2', 'O-3']);
    expect(plan.summary.keyResults.created).toEqual(['O-2/KR-1', 'O-3/KR-1', 'O-3/KR-2', 'O-3/KR-3', 'O-3/KR-4']);
    expect(plan.summary.links.added).toBe(2);
    const o3 = plan.next.objectives.find((o) => o.key === 'O-3')!;
    expect(plan.next.objectives.find((o) => o.id === o3.parentId)!.key).toBe('O-2');
    expect(plan.next.contributions.map((c) => c.issueKey).sort()).toEqual(['SHOP-1', 'SHOP-12']);
  });

  it('round-trips: export, then import the export, changes nothing', () => {
    const first = importInto(empty, example).next;
    const exported = exportObjectivesFile(first);
    const again = importInto(first, stringify(exported), context(T0 + 1000));
    expect(again.summary.objectives).toEqual({ created: [], updated: [], unchanged: ['O-1', 'O-2', 'O-3'] });
    expect(again.summary.keyResults).toEqual({ created: [], updated: [], removed: [] });
    expect(again.summary.links).toEqual({ added: 0, removed: 0 });
    expect(again.next).toEqual(first);
    expect(exportObjectivesFile(again.next)).toEqual(exported);
  });

  it('updates in place, and says which key results and links go away', () => {
    const first = importInto(empty, example).next;
    const edited = example
      .replace('title: Ship one-click payment', 'title: Ship one-click payment everywhere')
      .replace(/ {6}- key: KR-4\n {8}kind: milestone\n {8}title: PCI review passed\n/, '')
      .replace('issues: [SHOP-12]', 'issues: [SHOP-13]');
    const plan = importInto(first, edited, context(T0 + 1000));
    expect(plan.summary.objectives.updated).toEqual(['O-3']);
    expect(plan.summary.keyResults.removed).toEqual(['O-3/KR-4']);
    expect(plan.summary.links).toEqual({ added: 1, removed: 1 });
    const o3 = plan.next.objectives.find((o) => o.key === 'O-3')!;
    expect(o3).toMatchObject({
      title: 'Ship one-click payment everywhere',
      version: 1,
      createdAt: T0,
      updatedAt: T0 + 1000,
    });
    expect(o3.id).toBe(first.objectives.find((o) => o.key === 'O-3')!.id);
  });

  it('leaves objectives the file does not mention as they are', () => {
    const first = importInto(empty, example).next;
    const onlyTop = stringify({
      ...exportObjectivesFile(first),
      objectives: exportObjectivesFile(first).objectives.filter((o) => o.key === 'O-1'),
    });
    const plan = importInto(first, onlyTop);
    expect(plan.summary.untouched).toEqual(['O-2', 'O-3']);
    expect(plan.next.objectives).toHaveLength(3);
    expect(plan.next.contributions).toHaveLength(2);
  });

  it('refuses levels that would strand objectives the file does not mention, writing nothing', () => {
    const first = importInto(empty, example).next;
    const file = {
      ...exportObjectivesFile(first),
      levels: [
        { id: 'organisation', name: 'Organisation priority' },
        { id: 'programme', name: 'Programme' },
      ],
    };
    file.objectives = file.objectives.filter((o) => o.key === 'O-1');
    const plan = planImport(read(stringify(file)), first, context());
    expect(plan.ok).toBe(false);
    expect(plan.ok ? [] : plan.errors.map((e) => e.message).join('\n')).toMatch(
      /O-3 \(not in the file\) is at level "workgroup"/,
    );
  });
});
