/**
 * `/__tether/resources/{resourceKey}/…`: each Custom UI served from its resource folder (manifest
 * `resources[].path`), as Forge serves it in the product's iframe. HTML files get the frame half
 * of the bridge as their first script, so `globalThis.__bridge` exists before the app's scripts run.
 * Every response carries the Content-Security-Policy Forge would serve, built from the manifest's
 * `permissions.content` and `permissions.external` (content-security.ts): the bridge script and
 * `/__tether/theme.css` are same-origin, so `'self'` lets them in.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { contentSecurityPolicy, sha256Source } from './content-security';
import type { ServerHost, UiResource } from './host-port';
import { htmlResponse, textResponse, type HttpResponse } from './http/exchange';
import { html, raw } from './pages/html';

export const RESOURCE_PREFIX = '/__tether/resources/';
export const FRAME_BRIDGE_PATH = '/__tether/frame-bridge.js';
export const DEFAULT_BUILD_COMMAND = 'npm run build';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function resourceUrl(resourceKey: string): string {
  return `${RESOURCE_PREFIX}${encodeURIComponent(resourceKey)}/index.html`;
}

/** Puts the bridge script first in <head> (or first in the document when there is no head). */
export function injectBridgeScript(document: string): string {
  const tag = `<script src="${FRAME_BRIDGE_PATH}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(document);
  if (head) return document.slice(0, head.index + head[0].length) + tag + document.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(document);
  if (htmlTag)
    return (
      document.slice(0, htmlTag.index + htmlTag[0].length) +
      `<head>${tag}</head>` +
      document.slice(htmlTag.index + htmlTag[0].length)
    );
  const doctype = /<!doctype[^>]*>/i.exec(document);
  if (doctype)
    return (
      document.slice(0, doctype.index + doctype[0].length) + tag + document.slice(doctype.index + doctype[0].length)
    );
  return tag + document;
}

export function buildCommandOf(resource: UiResource): string {
  return resource.buildCommand ?? DEFAULT_BUILD_COMMAND;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Whether the resource folder has a build (an index.html). */
export async function hasBuild(resource: UiResource): Promise<boolean> {
  return isFile(join(resource.path, 'index.html'));
}

/** The style of the "no build" page, allowed by its hash in the page's CSP. */
const NO_BUILD_STYLE =
  'body{font:14px/1.43 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:#172B4D;margin:16px}code{background:#F1F2F4;padding:1px 4px;border-radius:3px}';
export const NO_BUILD_STYLE_HASH = sha256Source(NO_BUILD_STYLE);

function noBuildPage(resource: UiResource): HttpResponse {
  const body = html`<!doctype html><html><head><meta charset="utf-8"><title>No build</title>
<style>${raw(NO_BUILD_STYLE)}</style></head>
<body><p><strong>The Custom UI resource '${resource.key}' has no build yet.</strong></p>
<p><code>${join(resource.path, 'index.html')}</code> does not exist. Build it with <code>${buildCommandOf(resource)}</code>, then reload.</p></body></html>`;
  return htmlResponse(404, body.value);
}

/**
 * Serves `rest` (the part after `/__tether/resources/`), e.g. `issue-panel/assets/main.js`, with
 * the CSP of the manifest; `site` is the site's origin (the server's), where Jira's avatars are.
 */
export async function serveResource(host: ServerHost, rest: string, site: string): Promise<HttpResponse> {
  const served = await resourceFile(host, rest);
  const policy = contentSecurityPolicy(host.uiPermissions, {
    site,
    document: served.document ?? null,
    ...(served.noBuild === true ? { styleHashes: [NO_BUILD_STYLE_HASH] } : {}),
  });
  return { ...served.response, headers: { ...served.response.headers, 'content-security-policy': policy } };
}

interface Served {
  response: HttpResponse;
  /** The HTML served, for the hashes of its inline scripts. */
  document?: string;
  /** The host's own "no build" page (its style is allowed by hash). */
  noBuild?: boolean;
}

async function resourceFile(host: ServerHost, rest: string): Promise<Served> {
  const served = (response: HttpResponse): Served => ({ response });
  const slash = rest.indexOf('/');
  const keyPart = slash < 0 ? rest : rest.slice(0, slash);
  let key: string;
  let segments: string[];
  try {
    key = decodeURIComponent(keyPart);
    segments = (slash < 0 ? '' : rest.slice(slash + 1)).split('/').map((s) => decodeURIComponent(s));
  } catch {
    return served(textResponse(400, 'The resource path is not valid URL encoding.'));
  }
  const resource = host.resources().find((r) => r.key === key);
  if (!resource) return served(textResponse(404, `The manifest has no resource '${key}'.`));
  if (segments.some((s) => s === '..' || s.includes('\\') || s.includes('\0')))
    return served(textResponse(400, 'The resource path may not leave its folder.'));
  const relative = segments.join('/');
  const root = resolve(resource.path);
  const file = resolve(root, relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative);
  if (file !== root && !file.startsWith(root + sep))
    return served(textResponse(400, 'The resource path may not leave its folder.'));
  if (!(await isFile(file))) {
    if (!(await hasBuild(resource))) return { response: noBuildPage(resource), noBuild: true };
    return served(textResponse(404, `The resource '${key}' has no file '${relative}'.`));
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const content = await readFile(file);
  const headers = { 'content-type': type, 'cache-control': 'no-store' };
  if (!type.startsWith('text/html')) return served({ status: 200, headers, body: content });
  const document = injectBridgeScript(content.toString('utf8'));
  return { response: { status: 200, headers, body: document }, document };
}
