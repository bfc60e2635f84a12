import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseObjectivesFile } from '../../../src/app/objectives-file/parse-objectives-file';

const example = readFileSync('docs/examples/objectives.yaml', 'utf8');

describe('reading an objectives file', () => {
  it('accepts the documented example, filling in defaults', () => {
    const result = parseObjectivesFile(example);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.file.objectives.map((o) => o.key)).toEqual(['O-1', 'O-2', 'O-3']);
    expect(result.file.objectives[2]!.keyResults.map((k) => k.kind)).toEqual([
      'completion',
      'delivery-quality',
      'query',
      'milestone',
    ]);
    expect(result.file.objectives[0]!.status).toBe('active');
  });

  it('reads the same document written as JSON', () => {
    const yaml = parseObjectivesFile(example);
    const json = parseObjectivesFile(JSON.stringify(yaml.ok ? yaml.file : null));
    expect(json).toEqual(yaml);
  });

  it('reports every problem at once, each with where it is', () => {
    const broken = stringify({
      format: 'tether-objectives/1',
      periods: [{ id: 'q4', name: 'Q4', start: '2026-10-01', end: '2026-12-31' }],
      objectives: [
        { key: 'O-1', title: 'Top', level: 'organisation', period: 'q4', owner: 'a', parent: 'O-2' },
        { key: 'O-2', title: 'Below', level: 'strategic', period: 'q3', owner: 'a', parent: 'O-1' },
        { key: 'O-2', title: 'Again', level: 'nowhere', period: 'q4', owner: 'a' },
      ],
    });
    const result = parseObjectivesFile(broken);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['objectives.2.key', 'objectives.1.period', 'objectives.2.level', 'objectives.0.parent']),
    );
    expect(result.ok ? '' : result.errors.map((e) => e.message).join('\n')).toContain('circle');
  });

  it('says a shape problem in a sentence, with its line and column', () => {
    const result = parseObjectivesFile(
      'format: tether-objectives/1\nobjectives:\n  - key: O-1\n    title: Top\n    level: organisation\n    period: q4\n    weight: heavy\n    status: open\n',
    );
    expect(result.ok ? [] : result.errors.slice(0, 3)).toEqual([
      { path: 'objectives.0.owner', line: 3, column: 5, message: '"owner" is missing' },
      { path: 'objectives.0.weight', line: 7, column: 13, message: '"weight" should be a number, not text' },
      {
        path: 'objectives.0.status',
        line: 8,
        column: 13,
        message: '"status" is one of draft, active, done, cancelled, not "open"',
      },
    ]);
    // the references are checked too, in the same pass
    expect(result.ok ? [] : result.errors.slice(3)).toEqual([
      expect.objectContaining({ path: 'objectives.0.period', line: 6, column: 13 }),
    ]);
  });

  it('names the field of a shape error', () => {
    const result = parseObjectivesFile('format: tether-objectives/1\nobjectives:\n  - key: X-1\n    title: ""\n');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.path)).toEqual(
        expect.arrayContaining(['objectives.0.key', 'objectives.0.title']),
      );
  });

  it('refuses a band whose bounds are upside down', () => {
    const text = example.replace(
      'direction: decrease\n        baseline: 12\n        target: 2',
      'direction: band\n        bandMin: 5\n        bandMax: 1',
    );
    const result = parseObjectivesFile(text);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['objectives.2.keyResults.2.bandMax']);
  });

  it('says where YAML syntax breaks, and rejects the wrong format line', () => {
    const bad = parseObjectivesFile('format: tether-objectives/1\nobjectives: [\n');
    expect(bad.ok ? null : bad.errors[0]).toMatchObject({ path: '', line: 3, column: 1 });
    const old = parseObjectivesFile('format: something-else\n');
    expect(old.ok ? '' : old.errors[0]!.message).toContain('format: tether-objectives/1');
  });
});
