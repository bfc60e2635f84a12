/**
 * `tether start` builds a Custom UI surface first when it has sources (a Vite config in
 * static/<surface>/) but no build yet, with the project's `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppManifest } from '../host/manifest';

/** The Vite configuration names scripts/build.mjs looks for, in its order. */
export const VITE_CONFIGS = ['vite.config.mts', 'vite.config.ts', 'vite.config.mjs'];

/** Whether static/<surface>/ has Custom UI sources to build (a Vite configuration). */
export function hasSources(surfaceDir: string): boolean {
  return VITE_CONFIGS.some((f) => existsSync(join(surfaceDir, f)));
}

export function surfacesToBuild(manifest: Pick<AppManifest, 'path' | 'resources'>): string[] {
  const root = dirname(manifest.path);
  return [...manifest.resources.values()]
    .filter((r) => hasSources(join(root, dirname(r.path))) && !existsSync(join(root, r.path, 'index.html')))
    .map((r) => r.key);
}

/** Runs `npm run build` in the manifest's folder when a surface needs it; false when the build failed. */
export function buildIfNeeded(manifest: Pick<AppManifest, 'path' | 'resources'>, log: (line: string) => void): boolean {
  const missing = surfacesToBuild(manifest);
  if (missing.length === 0) return true;
  log(`Building ${missing.join(', ')} (npm run build)…`);
  const run = spawnSync('npm', ['run', 'build'], { cwd: dirname(manifest.path), stdio: 'inherit' });
  return run.status === 0;
}
