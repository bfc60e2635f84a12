/**
 * static/ is ES modules ("type": "module"), so Vite 8 (Rolldown) imports a CommonJS module from
 * our sources the way Node does: the default import is the module's `exports` object, not its
 * `exports.default`. Atlaskit's core icons (`@atlaskit/icon/core/*`) are CommonJS only, so
 * `import WarningIcon from '@atlaskit/icon/core/status-warning'` in a surface gives an object, and
 * React refuses to render it. Worse, Rolldown keeps one interop wrapper per CommonJS module, so
 * Atlaskit's own ES modules importing the same icon (SectionMessage's status icons) get that
 * object too, and every error message crashes.
 *
 * This plugin sends such imports from our sources through a small virtual module that re-exports
 * the icon with the interop bundlers use for packages (`__esModule` honoured), for every importer.
 */
import type { Plugin } from 'vite';

const PREFIX = '\0tether-cjs-default:';
const CJS_ONLY = /^@atlaskit\/icon\/core\/[a-z0-9-]+$/;

export function cjsDefaultImports(sourceRoot: string): Plugin {
  return {
    name: 'tether-cjs-default-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!CJS_ONLY.test(source) || importer === undefined || !importer.startsWith(sourceRoot) || importer.includes('/node_modules/')) return null;
      return `${PREFIX}${source}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const source = id.slice(PREFIX.length);
      return `import * as icon from ${JSON.stringify(source)};\nconst picked = icon.default && typeof icon.default === 'object' && 'default' in icon.default ? icon.default.default : icon.default;\nexport default picked;\n`;
    },
  };
}
