import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { AliasOptions } from 'vite';
import { surfaceConfig } from '../shared/vite-surface.ts';

const here = dirname(fileURLToPath(import.meta.url));
const base = surfaceConfig(here);
const aliases: AliasOptions = Array.isArray(base.resolve?.alias) ? base.resolve.alias : [];

// @forge/bridge's index pulls every API the bridge has (about 19 KB gzipped); the shared host needs
// a few of them (static/shared/src/forge-bridge-parts.ts), requestJira among them for user pickers.
export default {
  ...base,
  resolve: {
    ...base.resolve,
    alias: [...aliases, { find: /^@forge\/bridge$/, replacement: resolve(here, '../shared/src/forge-bridge-parts.ts') }],
  },
};
