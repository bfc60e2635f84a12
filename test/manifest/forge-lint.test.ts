/**
 * `npm run forge:lint` (scripts/forge-lint.ts): Forge's linter, offline, on the repo's manifest and
 * on a small fixture app (test/manifest/fixtures/app) as it is and with parts taken out: a scope
 * the code needs, and the issue panel's icon. Each run is a child process, as `npm run` starts it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { ensureSurfacesBuilt } from '../support/surfaces-built';

const REPO = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'app');
const STUB_JIRA_SPEC = join(REPO, 'scripts', 'forge-lint-stubs', 'jira-platform-openapi.json');
const REAL_JIRA_SPEC = join(
  REPO,
  '..',
  'shared',
  'jira-data',
  'openapi',
  'jira-cloud-platform-swagger-v3.v3.2025-12.json',
);

const Problem = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  level: z.enum(['error', 'warning']),
  message: z.string(),
  reference: z.string(),
});
const Report = z.record(z.string(), z.array(Problem));
type Problem = z.infer<typeof Problem>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runLint(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO, 'node_modules', '.bin', 'tsx'), [join(REPO, 'scripts', 'forge-lint.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, JIRA_OPENAPI_SPEC: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A copy of the fixture app whose manifest is changed by `edit`. */
function variant(root: string, name: string, edit: (manifest: Record<string, unknown>) => void): string {
  const folder = join(root, name);
  cpSync(FIXTURE, folder, { recursive: true });
  const manifest = z.record(z.string(), z.unknown()).parse(parse(readFileSync(join(folder, 'manifest.yml'), 'utf8')));
  edit(manifest);
  writeFileSync(join(folder, 'manifest.yml'), stringify(manifest));
  return join(folder, 'manifest.yml');
}

const ModulesWithPanel = z.object({ 'jira:issuePanel': z.array(z.record(z.string(), z.unknown())) }).loose();

let root: string;
let paths: { repo: string; clean: string; noScope: string; noIcon: string; noModules: string };
let report: Record<string, Problem[]>;
let jsonRun: Run;
let textRun: Run;

beforeAll(async () => {
  // Forge's resource check wants each Custom UI folder built (static/<surface>/build/index.html).
  ensureSurfacesBuilt();
  root = mkdtempSync(join(tmpdir(), 'tether-forge-lint-'));
  paths = {
    repo: join(REPO, 'manifest.yml'),
    clean: join(FIXTURE, 'manifest.yml'),
    noScope: variant(root, 'no-scope', (m) => {
      m.permissions = { scopes: [] };
    }),
    noIcon: variant(root, 'no-icon', (m) => {
      // zod parses into a copy: put the edited modules back
      const modules = ModulesWithPanel.parse(m.modules);
      m.modules = {
        ...modules,
        'jira:issuePanel': modules['jira:issuePanel'].map(({ icon: _icon, ...panel }) => panel),
      };
    }),
    // what manifest.yml was before the Forge backend: the app and its runtime only
    noModules: variant(root, 'no-modules', (m) => {
      delete m.modules;
      delete m.resources;
      delete m.permissions;
    }),
  };
  // Two processes at once: one run over several manifests (JSON), one plain run on the stub spec
  [jsonRun, textRun] = await Promise.all([
    runLint(['--json', paths.repo, paths.clean, paths.noScope, paths.noIcon, paths.noModules]),
    runLint([paths.noScope], { JIRA_OPENAPI_SPEC: STUB_JIRA_SPEC }),
  ]);
  report = Report.parse(JSON.parse(jsonRun.stdout.trim().split('\n').at(-1) ?? '{}'));
}, 600_000); // a stale build of the six surfaces waits for the build (up to 5 min) and may wait for another worker's first

afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

const errorsOf = (path: string) => (report[path] ?? []).filter((p) => p.level === 'error');

describe('npm run forge:lint', () => {
  it('passes the fixture app as it is', () => {
    expect(report[paths.clean]).toEqual([]);
  });

  it('fails when the manifest lacks a scope the code needs, naming the call and the scope', () => {
    expect(errorsOf(paths.noScope)).toEqual([
      {
        file: 'src/index.ts',
        line: 5,
        column: 45,
        level: 'error',
        message: 'Jira endpoint: POST /rest/api/3/search/jql requires "read:jira-work" scope',
        reference: 'permission-scope-required',
      },
    ]);
    expect(jsonRun.code).toBe(1);
  });

  it('fails on an issue panel without an icon', () => {
    expect(errorsOf(paths.noIcon)).toEqual([
      expect.objectContaining({
        file: 'manifest.yml',
        message: "jira:issuePanel required properties are 'function, icon, title, key' or 'icon, resource, title, key'",
      }),
    ]);
  });

  it('prints each error with file, line and rule, and exits 1 (here on the stub Jira spec)', () => {
    expect(textRun.stderr).not.toMatch(/could not lint/);
    expect(textRun.stdout).toContain(
      'src/index.ts:5:45  error  Jira endpoint: POST /rest/api/3/search/jql requires "read:jira-work" scope  (permission-scope-required)',
    );
    expect(textRun.stdout).toContain('forge-lint: 1 error(s), 0 warning(s)');
    expect(textRun.stdout).toContain('Jira spec: scripts/forge-lint-stubs/jira-platform-openapi.json');
    expect(textRun.code).toBe(1);
  });

  it('fails on a manifest with the app and runtime only: Forge needs modules', () => {
    // (and the fixture's code still needs its scope)
    expect(errorsOf(paths.noModules).map((p) => [p.file, p.message])).toEqual([
      ['src/index.ts', 'Jira endpoint: POST /rest/api/3/search/jql requires "read:jira-work" scope'],
      ['manifest.yml', "document required properties are 'modules' or 'connectModules'"],
    ]);
  });

  it('lints the repo: manifest.yml, the code under src/ and the three built Custom UI resources pass', () => {
    expect(errorsOf(paths.repo)).toEqual([]);
  });

  it('exits 2 and says why when there is no manifest to lint', async () => {
    const run = await runLint([join(root, 'nowhere', 'manifest.yml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no manifest.yml in');
  }, 60_000);
});

describe('the stub Jira spec', () => {
  (existsSync(REAL_JIRA_SPEC) ? it : it.skip)("names the scopes of Atlassian's spec for each endpoint it lists", () => {
    const Scopes = z
      .object({
        'x-atlassian-oauth2-scopes': z.array(z.object({ state: z.string(), scopes: z.array(z.string()) }).loose()),
      })
      .loose();
    const Spec = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });
    const stub = Spec.parse(JSON.parse(readFileSync(STUB_JIRA_SPEC, 'utf8')));
    const real = Spec.parse(JSON.parse(readFileSync(REAL_JIRA_SPEC, 'utf8')));
    const scopesOf = (operation: unknown) => Scopes.parse(operation)['x-atlassian-oauth2-scopes'];
    const listed = Object.entries(stub.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(listed.length).toBeGreaterThan(5);
    for (const { path, method, operation } of listed) {
      expect([path, method, scopesOf(operation)]).toEqual([path, method, scopesOf(real.paths[path]?.[method])]);
    }
  });
});
