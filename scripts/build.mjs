// `npm run build`: builds each Custom UI surface named in manifest.yml's resources into its
// `build` folder (the folder the manifest points at). A surface is built with Vite from
// static/<surface>/ when its sources exist; a surface with no sources yet is named, and the
// command fails, so nobody mistakes a missing surface for a built one.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { parse } from 'yaml';

const manifest = parse(readFileSync('manifest.yml', 'utf8'));
const resources = Array.isArray(manifest?.resources) ? manifest.resources : [];
let missing = 0;
for (const resource of resources) {
  const surface = dirname(String(resource.path)); // static/<surface>/build -> static/<surface>
  const config = ['vite.config.mts', 'vite.config.ts', 'vite.config.mjs']
    .map((f) => `${surface}/${f}`)
    .find((f) => existsSync(f));
  if (!config) {
    console.error(`${resource.key}: no Custom UI sources in ${surface}/ (no vite.config.mts, .ts or .mjs there).`);
    missing += 1;
    continue;
  }
  console.log(`${resource.key}: building ${surface} -> ${resource.path}`);
  // A production build whoever calls it (Jest sets NODE_ENV=test, which would make Vite compile JSX for development)
  const run = spawnSync('npx', ['vite', 'build', '--config', config], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
process.exit(missing > 0 ? 1 : 0);
