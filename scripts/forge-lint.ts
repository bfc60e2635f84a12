/**
 * `npm run forge:lint [-- path/to/manifest.yml]`: Forge's own linter (@forge/lint) on an app,
 * offline and without a login, as `forge lint` runs its client-side half:
 *
 * - the manifest is checked against Forge's schema (modules, references, icons, runtime, …);
 * - every file under `src/` beside the manifest is parsed and each `requestJira(route`…`)` is
 *   matched against the product's OpenAPI spec to find the OAuth scopes it needs, which the
 *   manifest's `permissions.scopes` must hold; storage, fetch and UI hooks likewise.
 *
 * `forge lint` from @forge/cli also runs a server-side half, which needs a login; this does not.
 * The permission linter reads the product specs from files when USE_LOCAL_SWAGGER and all six
 * LOCAL_*_SWAGGER paths are set (node_modules/@forge/lint/out/lint/linters/permission-linter/
 * permission-linter.js, bootstrap), else it downloads them: we always set all six, and replace
 * `fetch` so nothing can leave the machine. Feature flags (Statsig) are answered "unset" here.
 *
 * Prints every problem as `file:line:column  error|warning  message  (reference)` (or, with
 * `--json`, one object: manifest path → problems); exits 1 when there is an error (warnings
 * alone pass), 2 when the linter could not run.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  ConfigFile,
  FileSystemReader,
  FileSystemWriter,
  listGitIgnoreFiles,
  NullLogger,
  StatsigService,
  type DynamicConfig,
  type DynamicConfigKey,
} from '@forge/cli-shared';
import { lint, type LintResult } from '@forge/lint';

const REPO_ROOT = resolve(__dirname, '..');
const STUBS = join(REPO_ROOT, 'scripts', 'forge-lint-stubs');
const SHARED_OPENAPI = resolve(REPO_ROOT, '..', 'shared', 'jira-data', 'openapi');

/** Where the permission linter reads each product's spec: the real Jira specs when present, stubs otherwise. */
export function specPaths(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const real = (name: string) => join(SHARED_OPENAPI, name);
  const pick = (override: string | undefined, shared: string, stub: string) =>
    override ? override : existsSync(shared) ? shared : join(STUBS, stub);
  return {
    LOCAL_JIRA_SWAGGER: pick(
      env.JIRA_OPENAPI_SPEC,
      real('jira-cloud-platform-swagger-v3.v3.2025-12.json'),
      'jira-platform-openapi.json',
    ),
    LOCAL_JSW_SWAGGER: pick(undefined, real('jira-software-agile-swagger.v3.2022-07-16.json'), 'empty-openapi.json'),
    LOCAL_JSM_SWAGGER: join(STUBS, 'empty-openapi.json'),
    LOCAL_CONF_SWAGGER: join(STUBS, 'empty-openapi.json'),
    LOCAL_CONF_V2_SWAGGER: join(STUBS, 'empty-openapi.json'),
    LOCAL_BB_SWAGGER: join(STUBS, 'empty-openapi.json'),
  };
}

/** Feature flags as if none were set: what the CLI falls back to when it cannot reach Statsig. */
class UnsetFlags extends StatsigService {
  constructor() {
    super(
      NullLogger,
      undefined,
      { getCredentials: () => Promise.reject(new Error('forge-lint runs without credentials')) },
      { readConfigSection: () => Promise.resolve('missing') },
    );
  }

  override checkGate(): Promise<boolean | null> {
    return Promise.resolve(null);
  }

  override getDynamicConfig<F extends DynamicConfigKey>(): Promise<DynamicConfig[F] | null> {
    return Promise.resolve(null);
  }
}

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  level: 'error' | 'warning';
  message: string;
  reference: string;
}

/** The app folder of a manifest path (a manifest.yml, or the folder holding one). */
export function appFolder(manifestPath: string): string {
  const path = resolve(manifestPath);
  if (existsSync(path) && statSync(path).isDirectory()) return path;
  if (basename(path) !== 'manifest.yml')
    throw new Error(
      `forge lint reads the file manifest.yml in the app's folder; ${manifestPath} is not named manifest.yml`,
    );
  return dirname(path);
}

function problemsOf(results: readonly LintResult[], folder: string): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const result of results) {
    const file = relative(folder, resolve(folder, result.file)) || result.file;
    for (const [level, rules] of [
      ['error', result.errors],
      ['warning', result.warnings],
    ] as const) {
      for (const rule of rules)
        problems.push({
          file,
          line: rule.line,
          column: rule.column,
          level,
          message: rule.message,
          reference: rule.reference,
        });
    }
  }
  return problems;
}

/** Lints the app whose manifest is at `manifestPath`. Changes the working directory to its folder (the linter reads manifest.yml, tsconfig.json and src/ from there). */
export async function forgeLint(manifestPath: string): Promise<LintProblem[]> {
  const folder = appFolder(manifestPath);
  if (!existsSync(join(folder, 'manifest.yml'))) throw new Error(`no manifest.yml in ${folder}`);
  const specs = specPaths();
  for (const [name, path] of Object.entries(specs))
    if (!existsSync(path)) throw new Error(`${name}: no OpenAPI spec at ${path}`);
  // With all six set the permission linter reads files; with any missing it would download the specs
  Object.assign(process.env, { USE_LOCAL_SWAGGER: '1', ...specs });
  globalThis.fetch = (input) =>
    Promise.reject(new Error(`forge-lint runs offline; something asked for ${String(input)}`));
  process.chdir(folder);

  const reader = new FileSystemReader();
  const configFile = new ConfigFile(reader, new FileSystemWriter());
  const manifest = await configFile.readConfig();
  // As `forge lint` does (@forge/cli out/service/lint-service.js): src/ and UI Kit resource folders, less .gitignore'd files
  const exclude = [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const uiKitFolders = (await configFile.getResources(['nativeUI'])).map((r) => dirname(r.path));
  const files = new Set<string>();
  for (const dir of ['./src', ...uiKitFolders]) {
    if (existsSync(dir)) for (const file of await reader.recursiveReadDir(dir, exclude)) files.add(file);
  }
  const results = await lint([...files], manifest, 'default', { info: () => undefined }, new UnsetFlags(), {
    linter: { mode: 'client-side' },
  });
  return problemsOf(results, folder);
}

export function formatProblem(p: LintProblem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.level}  ${p.message}${p.reference ? `  (${p.reference})` : ''}`;
}

/**
 * `forge-lint [--json] [manifest.yml ...]` (default ./manifest.yml). Several manifests in one run
 * share Forge's compiled manifest schema, which takes most of a run's time.
 */
async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const paths = argv.filter((a) => a !== '--json').map((a) => resolve(a));
  if (paths.length === 0) paths.push(resolve('manifest.yml'));
  const specs = specPaths();
  const report: Record<string, LintProblem[]> = {};
  // The linter opens a settings cache (the `conf` package, under $XDG_CONFIG_HOME); keep it out of the home folder
  const configHome = mkdtempSync(join(tmpdir(), 'tether-forge-lint-'));
  process.env.XDG_CONFIG_HOME = configHome;
  let current = '';
  try {
    for (current of paths) report[current] = await forgeLint(current);
  } catch (e) {
    console.error(`forge-lint: could not lint ${current}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  } finally {
    rmSync(configHome, { recursive: true, force: true });
  }
  let failed = false;
  for (const [manifestPath, problems] of Object.entries(report)) {
    const errors = problems.filter((p) => p.level === 'error').length;
    failed ||= errors > 0;
    if (json) continue;
    for (const p of problems) console.log(formatProblem(p));
    console.log(
      `forge-lint: ${errors} error(s), ${problems.length - errors} warning(s) in ${manifestPath} (Jira spec: ${relative(REPO_ROOT, specs.LOCAL_JIRA_SWAGGER ?? '')})`,
    );
  }
  if (json) console.log(JSON.stringify(report));
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
