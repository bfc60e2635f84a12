/** Builds the fixture Custom UI (test/local/fixtures/ui-app) with esbuild into a temporary folder. */
import { build } from 'esbuild';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const APP = join(__dirname, '..', 'fixtures', 'ui-app');

export interface FixtureBuild {
  dir: string;
  remove(): Promise<void>;
}

export async function buildFixtureUi(): Promise<FixtureBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'tether-fixture-ui-'));
  await build({
    entryPoints: [join(APP, 'src', 'main.ts')],
    outfile: join(dir, 'main.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
    // @forge/bridge's dependencies read process.env here and there
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await copyFile(join(APP, 'index.html'), join(dir, 'index.html'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
