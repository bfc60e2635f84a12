/**
 * The Vite configuration every surface shares: relative asset paths (Forge serves a resource from
 * its own path), the `@contract` alias to src/contract, one JavaScript bundle per surface.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { cjsDefaultImports } from './cjs-default-imports.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function surfaceConfig(surfaceDir: string): UserConfig {
  return defineConfig({
    root: surfaceDir,
    base: './',
    logLevel: 'warn',
    plugins: [cjsDefaultImports(resolve(repo, 'static'))],
    resolve: {
      alias: [
        { find: /^@contract\//, replacement: `${resolve(repo, 'src/contract')}/` },
        // Atlaskit's experiment client is never initialised in a Forge frame: answer "off" without it.
        { find: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/, replacement: resolve(repo, 'static/shared/src/feature-gates-off.ts') },
      ],
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: resolve(surfaceDir, 'build'),
      emptyOutDir: true,
      target: 'es2020',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2000,
    },
  });
}
