/**
 * The commands the README and the docs tell people to run exist: every `npm run <script>` is a
 * script of package.json, every `npm run bench -- <name>` a benchmark, every `tether <command>` (and
 * its options) a command of the CLI's usage, and every TETHER_* variable named is read by the code.
 * Docs that drift from the code fail here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { USAGE } from '../../local/cli/usage';

const ROOT = join(__dirname, '..', '..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

const scripts = Object.keys(z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(text('package.json'))).scripts);
const benchmarks = [...text('bench/run.ts').matchAll(/\{ name: '([a-z-]+)', run:/g)].map((m) => m[1]);
/** `tether` commands: the first word of each usage line indented by two spaces under "Commands:". */
const commands = [...USAGE.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]);
const options = new Set([...USAGE.matchAll(/--([a-z-]+)/g)].map((m) => m[1]));

/** Every match of `pattern` in the docs, with where it stands. */
function mentions(pattern: RegExp): { file: string; found: string; groups: string[] }[] {
  return DOCS.flatMap((file) => [...text(file).matchAll(pattern)].map((m) => ({ file, found: m[0], groups: m.slice(1).map((g) => g ?? '') })));
}

/** Source files whose text is searched for the environment variables they read. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'build' ? [] : sources(path);
    return /\.(ts|tsx|mjs|cjs|js)$/.test(e.name) ? [path] : [];
  });
}

it('knows the lists it checks against', () => {
  expect(scripts).toEqual(expect.arrayContaining(['start', 'test', 'lint', 'typecheck', 'bench', 'build', 'screenshots']));
  expect(benchmarks).toEqual(expect.arrayContaining(['rollup', 'ui']));
  expect(commands).toEqual(expect.arrayContaining(['start', 'jira', 'trigger', 'reset', 'import-jira', 'apply', 'export', 'rollup']));
});

it('names only npm scripts that package.json has', () => {
  const unknown = mentions(/npm run ([a-z][a-z:-]*)/g).filter((m) => !scripts.includes(m.groups[0]!));
  expect(unknown.map((m) => `${m.file}: ${m.found}`)).toEqual([]);
});

it('names only benchmarks that npm run bench has', () => {
  const named = mentions(/npm run bench -- ((?:[a-z]+ ?)+)/g).flatMap((m) => m.groups[0]!.trim().split(' ').map((name) => ({ ...m, name })));
  expect(named.length).toBeGreaterThan(0);
  expect(named.filter((m) => !benchmarks.includes(m.name)).map((m) => `${m.file}: ${m.found}`)).toEqual([]);
});

it('names only tether commands and options that the command line has', () => {
  const used = mentions(/`(?:npx )?tether ([a-z][a-z-]*)((?: [^`]*)?)`/g);
  expect(used.length).toBeGreaterThan(3);
  const unknown = used.filter((m) => !commands.includes(m.groups[0]!) || [...m.groups[1]!.matchAll(/--([a-z-]+)/g)].some((o) => !options.has(o[1]!)));
  expect(unknown.map((m) => `${m.file}: ${m.found}`)).toEqual([]);
});

it('names only TETHER_* variables that the code reads', () => {
  const code = ['src', 'local', 'scripts', 'test', 'bench'].flatMap(sources).map(text).join('\n');
  // read as process.env.TETHER_X or env['TETHER_X']
  const reads = (v: string) => code.includes(`.${v}`) || code.includes(`'${v}'`);
  const named = [...new Set(mentions(/\bTETHER_[A-Z_]+\b/g).map((m) => m.found))];
  expect(named).toEqual(expect.arrayContaining(['TETHER_NOW', 'TETHER_DATA']));
  expect(named.filter((v) => !reads(v))).toEqual([]);
});
