/**
 * Builds the Custom UI surfaces before browser tests use them, when a build is missing or older
 * than any source in static/. Test files in parallel workers share one build: a lock folder makes
 * the others wait for the first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const STATIC = join(ROOT, 'static');
const LOCK = join(ROOT, 'test-output', '.surface-build.lock');
const SURFACES = [
  'project-page',
  'issue-panel',
  'admin-page',
  'issue-context',
  'organisation-page',
  'dashboard-gadget',
] as const;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'build' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(surface: string): number {
  const index = join(STATIC, surface, 'build', 'index.html');
  return existsSync(index) ? statSync(index).mtimeMs : -1;
}

function staleSurfaces(): string[] {
  const sources = Math.max(newestSource(STATIC), newestSource(join(ROOT, 'src', 'contract')));
  return SURFACES.filter((s) => builtAt(s) < sources);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `npm run build` once when any surface is stale; throws with the build's output when it fails. */
export function ensureSurfacesBuilt(): void {
  if (staleSurfaces().length === 0) return;
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another build holds ${LOCK}; remove it if no build is running`);
      sleep(500);
    }
  }
  try {
    if (staleSurfaces().length === 0) return;
    execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 5 * 60_000 });
  } catch (error) {
    const out =
      error instanceof Error && 'stdout' in error
        ? `${String(Reflect.get(error, 'stdout'))}${String(Reflect.get(error, 'stderr'))}`
        : String(error);
    throw new Error(`npm run build failed:\n${out}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
