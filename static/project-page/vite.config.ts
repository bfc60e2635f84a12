import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { AliasOptions } from 'vite';
import { surfaceConfig } from '../shared/vite-surface.ts';

const here = dirname(fileURLToPath(import.meta.url));
const base = surfaceConfig(here);
const aliases: AliasOptions = Array.isArray(base.resolve?.alias) ? base.resolve.alias : [];

// @forge/bridge's index pulls every API the bridge has (about 28 KB gzipped of i18n, realtime, the
// ADF renderer with iframe-resizer…); the shared host only needs a few (static/shared/src/forge-bridge-parts.ts).
export default {
  ...base,
  resolve: {
    ...base.resolve,
    alias: [...aliases, { find: /^@forge\/bridge$/, replacement: resolve(here, '../shared/src/forge-bridge-parts.ts') }],
  },
};
