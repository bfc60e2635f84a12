/**
 * `npm run bundle [-- --out <dir>]`: bundles the app's functions with Forge's own bundler
 * (@forge/bundler, the package `forge deploy` calls), offline and without a login, into `<dir>`
 * (default `.tether/bundle`, git-ignored), as the CLI packs them into the archive it uploads:
 *
 * - the handlers are those of manifest.yml's `function` modules (`ConfigFile.getAppHandlers`), one
 *   entry per file under `src/` (`getEntryPoints`), bundled by `getNodeBundler(...).bundle` with
 *   the app folder as `appDirectory` (@forge/cli `out/deploy/packager/runtime-bundler.js`,
 *   `packageCode`): webpack 5, ts-loader with this repo's tsconfig.json (so a type error fails the
 *   bundle), target node18, CommonJS, one `<entry>.cjs` (here `index.cjs`) with its source map;
 * - beside it, what the CLI adds to the archive (`packageDependencies`): the manifest (as JSON, in
 *   `manifest.yml`) and package.json / package-lock.json.
 *
 * One part is not Forge's: the runtime's loader and wrapper (`__forge__.cjs`,
 * `__forge_wrapper__.cjs`, `runtime.json`), which the bundler downloads from Atlassian's CDN
 * (`NetworkWrapperProvider` in @forge/bundler `out/wrapper-provider.js`) unless
 * `FORGE_RUNTIME_PATH` names a local copy. Without that variable this writes placeholders that say
 * so: the local host plays the runtime's part when it runs the bundle (test/bundle).
 *
 * Prints the files written and the time taken; exits 1 when the bundler fails, with its message.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { getEntryPoints, getNodeBundler, getWrapperProvider } from '@forge/bundler';
import {
  ConfigFile,
  dependencyFileNames,
  FileSystemReader,
  FileSystemWriter,
  manifestFileName,
  type Logger,
} from '@forge/cli-shared';

const REPO_ROOT = resolve(__dirname, '..');
export const DEFAULT_BUNDLE_DIR = join(REPO_ROOT, '.tether', 'bundle');

type WrapperProvider = Parameters<typeof getNodeBundler>[1];

/** Where the runtime's loader and wrapper would come from, and what stands in for them offline. */
const NOT_INCLUDED =
  "Not included: Forge's runtime loader and wrapper, which `forge deploy` downloads from Atlassian's CDN " +
  '(@forge/bundler out/wrapper-provider.js, NetworkWrapperProvider) unless FORGE_RUNTIME_PATH names a local ' +
  "copy. The local host plays the runtime's part.";

/** The runtime's scripts without the network: Forge's local copy when FORGE_RUNTIME_PATH is set, else placeholders. */
function offlineWrapperProvider(): WrapperProvider {
  if (process.env.FORGE_RUNTIME_PATH) return getWrapperProvider({ fileSystemReader: new FileSystemReader() });
  const placeholder = { script: `// ${NOT_INCLUDED}\n`, source: 'none', version: 'not-included' };
  return {
    getNodeRuntimeWrapper: () => Promise.resolve(placeholder),
    getNodeRuntimeLoader: () => Promise.resolve(placeholder),
  };
}

function consoleLogger(): Logger {
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => {},
    debug: () => {},
    info: (message) => console.log(message),
    warn: (message) => console.warn(`warning: ${message}`),
    error: (error) => console.error(error.message),
  };
}

export interface BundleResult {
  outDir: string;
  /** Paths relative to outDir, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
  /** The entry files the manifest's handlers name, bundled (`index.cjs`). */
  entries: string[];
  ms: number;
}

/** Bundles the app in `appDirectory` (its manifest.yml, tsconfig.json and src/) into `outDir`, replacing what was there. */
export async function bundleApp(
  appDirectory: string = REPO_ROOT,
  outDir: string = DEFAULT_BUNDLE_DIR,
): Promise<BundleResult> {
  const started = performance.now();
  const target = resolve(outDir);
  const cwd = process.cwd();
  // the bundler writes into a fresh temporary folder (tmp's dirSync under os.tmpdir()) and leaves it
  // behind when it fails: give it one of ours, removed whatever happens
  const scratch = mkdtempSync(join(tmpdir(), 'tether-bundling-'));
  const tmpEnv = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  // the CLI bundles from the app's folder: entries are resolved against it, the manifest and tsconfig.json read from it
  process.chdir(appDirectory);
  try {
    const reader = new FileSystemReader();
    const configFile = new ConfigFile(reader, new FileSystemWriter());
    const handlers = await configFile.getAppHandlers();
    const entryPoints = getEntryPoints(handlers);
    const bundler = getNodeBundler(consoleLogger(), offlineWrapperProvider(), configFile);
    const output = await bundler.bundle({ appDirectory: process.cwd(), entryPoints });

    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(output.outputDir, target, { recursive: true });
    for (const [name, content] of output.additionalOutputs ?? []) {
      const path = join(target, name);
      mkdirSync(dirname(path), { recursive: true });
      // a string is a file to copy (i18n bundles), a Buffer the content
      if (typeof content === 'string') copyFileSync(content, path);
      else writeFileSync(path, content);
    }
    writeFileSync(join(target, manifestFileName), JSON.stringify(await configFile.readConfig()));
    for (const name of dependencyFileNames) if (existsSync(name)) copyFileSync(name, join(target, name));

    const files = listFiles(target).map((path) => ({ path, bytes: statSync(join(target, path)).size }));
    return { outDir: target, files, entries: entryPoints.map((e) => `${e.name}.cjs`), ms: performance.now() - started };
  } finally {
    process.chdir(cwd);
    if (tmpEnv === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpEnv;
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every file under `dir`, as paths relative to it, sorted. */
function listFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? listFiles(dir, join(under, d.name)) : [join(under, d.name)]));
}

function parseOut(argv: readonly string[]): string {
  const at = argv.indexOf('--out');
  if (at === -1) return DEFAULT_BUNDLE_DIR;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error('--out needs a folder');
  return resolve(value);
}

async function main(): Promise<void> {
  const outDir = parseOut(process.argv.slice(2));
  try {
    const result = await bundleApp(REPO_ROOT, outDir);
    console.log(
      `Bundled ${result.entries.join(', ')} with @forge/bundler into ${relative(process.cwd(), result.outDir) || '.'}:`,
    );
    for (const f of result.files) console.log(`  ${f.path}  ${(f.bytes / 1024).toFixed(1)} KB`);
    console.log(`in ${(result.ms / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`npm run bundle: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
