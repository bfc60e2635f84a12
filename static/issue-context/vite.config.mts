/**
 * The issue context loads on every issue view, so it has the tightest budget (80 KB of JavaScript
 * gzipped, docs/issue-context.md): the shared configuration, with React's API served by Preact's
 * compatibility layer (react-dom alone is 41 KB gzipped; Preact with compat is about 5). Only this
 * surface does it; it uses no Atlaskit component but the core icons, only design tokens.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { Alias } from 'vite';
import { surfaceConfig } from '../shared/vite-surface.mts';

const here = dirname(fileURLToPath(import.meta.url));
const preact = (path: string) => resolve(here, '../../node_modules/preact', path);
const config = surfaceConfig(here);
const aliases = config.resolve?.alias as Alias[];
config.resolve = {
  ...config.resolve,
  alias: [
    { find: /^react\/jsx-(dev-)?runtime$/, replacement: preact('compat/jsx-runtime.mjs') },
    { find: /^react-dom\/client$/, replacement: preact('compat/client.mjs') },
    { find: /^react(-dom)?$/, replacement: preact('compat/dist/compat.mjs') },
    ...aliases,
  ],
};

export default config;
