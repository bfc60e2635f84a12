/**
 * The Vite configuration every surface shares: relative asset paths (Forge serves a resource from
 * its own path), the `@contract` alias to src/contract and `@shared` to static/shared/src (the same
 * two as tsconfig.json's paths and Jest's moduleNameMapper), and two stand-ins that keep the bundles
 * small (docs/ui.md, "Size"). The configuration files are `.mts` (ES modules for Node) while the
 * sources stay ordinary modules, so CommonJS packages (Atlaskit's core icons) keep the usual
 * `__esModule` default-import interop.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function surfaceConfig(surfaceDir: string): UserConfig {
  return defineConfig({
    root: surfaceDir,
    base: './',
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: /^@contract\//, replacement: `${resolve(repo, 'src/contract')}/` },
        { find: /^@shared\//, replacement: `${resolve(repo, 'static/shared/src')}/` },
        // Atlaskit's experiment client is never initialised in a Forge frame: answer "off" without it.
        {
          find: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/,
          replacement: resolve(repo, 'static/shared/src/feature-gates-off.ts'),
        },
        // @forge/bridge is CommonJS: its index brings every bridge API; the host needs a few.
        { find: /^@forge\/bridge$/, replacement: resolve(repo, 'static/shared/src/forge-bridge-parts.ts') },
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
