/**
 * The two browser scripts of the bridge, bundled once from their TypeScript sources with esbuild
 * (a development dependency: the local host only runs where devDependencies are installed).
 */
import { build } from 'esbuild';
import { join } from 'node:path';

export interface BrowserBundles {
  /** Runs first inside every Custom UI frame. */
  frameBridge: string;
  /** Runs on every Jira-like page. */
  pageBridge: string;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'browser', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

export async function buildBrowserBundles(): Promise<BrowserBundles> {
  const [frameBridge, pageBridge] = await Promise.all([bundle('frame-bridge.ts'), bundle('page-bridge.ts')]);
  return { frameBridge, pageBridge };
}
