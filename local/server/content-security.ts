/**
 * The Content-Security-Policy header Forge serves Custom UI resources with, built from the
 * manifest as Forge builds it. Read from @forge/csp 6.3.2 (installed with @forge/lint; its
 * `out/csp/csp-injection-service.js` assembles the header, `csp-processing-service.js` takes the
 * app's part from the manifest):
 *
 * - `permissions.content.styles`: only `unsafe-inline` counts; it becomes `'unsafe-inline'` in
 *   `style-src`. Anything else is dropped.
 * - `permissions.content.scripts`: `unsafe-inline`, `unsafe-eval`, `unsafe-hashes` (quoted),
 *   `blob:` (as is) and `sha256-`/`sha384-`/`sha512-` hashes (quoted) go to `script-src`;
 *   anything else is dropped. Unless `unsafe-inline` is there, every inline `<script>` of the
 *   HTML gets its sha256 hash in `script-src`, so inline scripts shipped in the build still run.
 * - `permissions.external`: `images` → `img-src`, `media` → `media-src`, `scripts` →
 *   `script-src`, `styles` → `style-src`, `fonts` → `font-src`, `frames` → `frame-src`,
 *   `fetch.client` → `connect-src` (egress objects by their `address`).
 * - Forge's own part: `default-src 'self'`, `frame-ancestors 'self'` + the product's hosts,
 *   `frame-src 'self'` + the site, `font-src 'self'`, `img-src 'self' data: blob:` + the site and
 *   Atlassian's avatar and media hosts, `media-src 'self' data: blob:` + the site,
 *   `connect-src 'self'` + the site and Atlassian's gateways, `script-src 'self'` + Forge's CDN,
 *   `style-src 'self'` + the site, `form-action 'self'`, a `sandbox` directive, a `report-uri`.
 *
 * Locally the site is the server itself (its avatars, its REST API) and Forge's CDN is the server
 * too, so Atlassian's hosts are left out, as is `report-uri` (there is nowhere to report to):
 * violations show in the browser's console.
 */
import { createHash } from 'node:crypto';
import type { UiPermissions } from './host-port';

/** The sandbox flags Forge puts in the CSP of Custom UI (not `allow-top-navigation`). */
export const FORGE_SANDBOX =
  'allow-popups allow-popups-to-escape-sandbox allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts';

const STYLE_KEYWORDS = ['unsafe-inline'];
const QUOTED_SCRIPT_KEYWORDS = ['unsafe-inline', 'unsafe-eval', 'unsafe-hashes'];
const UNQUOTED_SCRIPT_KEYWORDS = ['blob:'];
const HASH_PATTERNS = [/^sha256-[a-zA-Z0-9=+/]{44}$/, /^sha384-[a-zA-Z0-9=+/]{64}$/, /^sha512-[a-zA-Z0-9=+/]{88}$/];

/** Forge's `isSafeCsp`: only these characters may reach the header from `permissions.content`. */
function isSafe(value: string): boolean {
  return /^([a-zA-Z0-9='"+/ -]|blob:)*$/.test(value);
}

const isHash = (value: string) => HASH_PATTERNS.some((p) => p.test(value));

/** `permissions.content.styles` as `style-src` sources: `'unsafe-inline'` or nothing. */
export function styleSources(styles: readonly string[]): string[] {
  return [...new Set(styles)].filter((s) => isSafe(s) && STYLE_KEYWORDS.includes(s)).map((s) => `'${s}'`);
}

/** The sha256 of every inline `<script>` (one without `src`) in an HTML document, as Forge hashes them. */
export function inlineScriptHashes(document: string): string[] {
  const hashes: string[] = [];
  for (const m of document.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = m[1] ?? '';
    const content = m[2] ?? '';
    if (/(^|\s)src\s*=/i.test(attributes) || content === '') continue;
    hashes.push(sha256Source(content));
  }
  return hashes;
}

/** `permissions.content.scripts` (plus the inline scripts' hashes) as `script-src` sources, in Forge's order. */
export function scriptSources(scripts: readonly string[], document: string | null): string[] {
  const valid = scripts.filter(
    (s) => isSafe(s) && (isHash(s) || QUOTED_SCRIPT_KEYWORDS.includes(s) || UNQUOTED_SCRIPT_KEYWORDS.includes(s)),
  );
  const generated = valid.includes('unsafe-inline') || document === null ? [] : inlineScriptHashes(document);
  const keywords = valid.filter((s) => !isHash(s));
  const ownHashes = valid.filter((s) => isHash(s) && !generated.includes(s));
  return [...keywords, ...generated, ...ownHashes].map((s) => (UNQUOTED_SCRIPT_KEYWORDS.includes(s) ? s : `'${s}'`));
}

/** External addresses go into the header as written; one that would break it (`;`, `,`, spaces) is left out. */
function hosts(list: readonly string[]): string[] {
  return list.filter((h) => h !== '' && !/[;,\s]/.test(h));
}

export const NO_PERMISSIONS: UiPermissions = {
  content: { scripts: [], styles: [] },
  external: { images: [], media: [], scripts: [], styles: [], fonts: [], frames: [], fetchClient: [] },
};

export interface PolicyOptions {
  /** The site's origin (the server's, locally): where Jira's avatars and REST API are. */
  site: string;
  /** The HTML document the policy goes with, for the hashes of its inline scripts. */
  document?: string | null;
  /** Hashes (`sha256-…`) of inline styles the local host itself writes (its "no build" page). */
  styleHashes?: readonly string[];
}

/** The Content-Security-Policy header value of a Custom UI resource response. */
export function contentSecurityPolicy(permissions: UiPermissions | undefined, options: PolicyOptions): string {
  const p = permissions ?? NO_PERMISSIONS;
  const site = options.site.replace(/\/+$/, '');
  const list = (...sources: string[]) => [...new Set(sources.filter((s) => s !== ''))].join(' ');
  return [
    `default-src 'self'`,
    `frame-ancestors ${list("'self'", site)}`,
    `frame-src ${list("'self'", site, ...hosts(p.external.frames))}`,
    `font-src ${list("'self'", ...hosts(p.external.fonts))}`,
    `img-src ${list("'self'", 'data:', 'blob:', site, ...hosts(p.external.images))}`,
    `media-src ${list("'self'", 'data:', 'blob:', site, ...hosts(p.external.media))}`,
    `connect-src ${list("'self'", site, ...hosts(p.external.fetchClient))}`,
    `script-src ${list("'self'", ...scriptSources(p.content.scripts, options.document ?? null), ...hosts(p.external.scripts))}`,
    `style-src ${list("'self'", site, ...styleSources(p.content.styles), ...(options.styleHashes ?? []).map((h) => `'${h}'`), ...hosts(p.external.styles))}`,
    `form-action 'self'`,
    `sandbox ${FORGE_SANDBOX}`,
  ].join('; ');
}

/** The `sha256-…` source of a piece of inline CSS or script. */
export function sha256Source(content: string): string {
  return `sha256-${createHash('sha256').update(content).digest('base64')}`;
}
