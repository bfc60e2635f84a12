/**
 * Runs a benchmark the way Forge runs the app: its module and everything it imports bundled into
 * one file (esbuild; Forge's bundler is webpack, and the two bundles of the domain measured alike,
 * docs/benchmarks.md) and run by plain Node in a process of its own. `npm run bench` itself runs
 * through tsx, and a process that has loaded tsx ran the same bundle 10–18 % slower
 * (docs/benchmarks.md, "The bench's process is slower than Forge's"): the figures of a benchmark
 * that times code would be tsx's, not Forge's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { z } from 'zod';

const Figures = z.record(z.string(), z.number());

/**
 * Bundles `bench/<file>`, runs its export `run` (an async function returning figures, printing as
 * it goes) in a plain `node` process, and returns the figures it wrote. Throws when the build or
 * the run fails, saying which.
 */
export function runBundled(file: string, run: string): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'tether-bench-'));
  try {
    const bundle = join(dir, 'bench.cjs');
    const figuresAt = join(dir, 'figures.json');
    buildSync({
      stdin: {
        contents: [
          `import { writeFileSync } from 'node:fs';`,
          `import { ${run} } from ${JSON.stringify(`./${file}`)};`,
          `void ${run}().then((figures) => writeFileSync(process.argv[2], JSON.stringify(figures)));`,
        ].join('\n'),
        resolveDir: __dirname,
        loader: 'ts',
        sourcefile: `${file} (bundled)`,
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
    });
    // plain Node: no loader, no flags of this process (tsx's among them)
    const child = spawnSync(process.execPath, [bundle, figuresAt], { stdio: 'inherit', env: plainEnv() });
    if (child.status !== 0)
      throw new Error(`${file} (bundled) ended with ${child.status ?? child.signal}; its output is above`);
    return Figures.parse(JSON.parse(readFileSync(figuresAt, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** This process's environment without NODE_OPTIONS, so nothing is loaded into the benchmark's process before it. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}
