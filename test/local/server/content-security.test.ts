/**
 * The Content-Security-Policy of Custom UI resources: built from the manifest as Forge builds it
 * (checked against @forge/csp itself, which @forge/lint installs), and sent with every response
 * under /__tether/resources/.
 */
import { load } from 'cheerio';
import { CSPProcessingService } from '@forge/csp';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uiPermissionsOf } from '../../../local/host/manifest';
import { Permissions } from '../../../local/host/manifest-schema';
import {
  contentSecurityPolicy,
  FORGE_SANDBOX,
  inlineScriptHashes,
  NO_PERMISSIONS,
  scriptSources,
  sha256Source,
  styleSources,
} from '../../../local/server/content-security';
import type { UiPermissions } from '../../../local/server/host-port';
import { appFor, ORIGIN, send } from './app-kit';
import { fakeHost, INLINE_STYLES } from './fake-host';

const SITE = 'http://127.0.0.1:4567';
const INLINE = 'window.answer = 42;';
const INLINE_HASH = sha256Source(INLINE);
const HASH_A = `sha256-${'A'.repeat(43)}=`;

/** Directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    expect(out.has(name)).toBe(false);
    out.set(name, sources);
  }
  return out;
}

describe('contentSecurityPolicy', () => {
  it("is Forge's policy with the local server as the site when the manifest adds nothing", () => {
    expect(contentSecurityPolicy(undefined, { site: `${SITE}/` })).toBe(
      [
        "default-src 'self'",
        `frame-ancestors 'self' ${SITE}`,
        `frame-src 'self' ${SITE}`,
        "font-src 'self'",
        `img-src 'self' data: blob: ${SITE}`,
        `media-src 'self' data: blob: ${SITE}`,
        `connect-src 'self' ${SITE}`,
        "script-src 'self'",
        `style-src 'self' ${SITE}`,
        "form-action 'self'",
        `sandbox ${FORGE_SANDBOX}`,
      ].join('; '),
    );
  });

  it("adds 'unsafe-inline' to style-src when the manifest asks for it, and nothing else content.styles says", () => {
    expect(directives(contentSecurityPolicy(INLINE_STYLES, { site: SITE })).get('style-src')).toEqual([
      "'self'",
      SITE,
      "'unsafe-inline'",
    ]);
    expect(styleSources(['unsafe-inline', 'unsafe-inline'])).toEqual(["'unsafe-inline'"]);
    expect(
      styleSources(['unsafe-eval', "unsafe-inline'; script-src *", 'https://cdn.example.com', "'unsafe-inline'"]),
    ).toEqual([]);
  });

  it('takes the script keywords and hashes Forge allows, quoted as Forge quotes them', () => {
    expect(
      scriptSources(
        [
          'unsafe-eval',
          'blob:',
          HASH_A,
          'unsafe-hashes',
          'https://evil.example.com',
          '*',
          'strict-dynamic',
          "unsafe-eval'; img-src *",
        ],
        null,
      ),
    ).toEqual(["'unsafe-eval'", 'blob:', "'unsafe-hashes'", `'${HASH_A}'`]);
  });

  it('hashes the inline scripts of the document unless scripts has unsafe-inline', () => {
    const doc = `<!doctype html><html><head><script src="/__tether/frame-bridge.js"></script><script>${INLINE}</script><script type="module" src="./main.js"></script><script></script></head></html>`;
    expect(inlineScriptHashes(doc)).toEqual([INLINE_HASH]);
    expect(scriptSources([], doc)).toEqual([`'${INLINE_HASH}'`]);
    expect(scriptSources(['unsafe-inline'], doc)).toEqual(["'unsafe-inline'"]);
    // a hash the manifest already names is not written twice
    expect(scriptSources([INLINE_HASH, HASH_A], doc)).toEqual([`'${INLINE_HASH}'`, `'${HASH_A}'`]);
  });

  it('maps permissions.external onto its directives, egress objects by address, and keeps the header well formed', () => {
    const permissions = uiPermissionsOf({
      external: {
        images: ['https://images.example.com', { address: '*.cdn.example.com', category: 'analytics' }],
        media: ['https://media.example.com'],
        scripts: ['https://js.example.com'],
        styles: ['https://css.example.com'],
        fonts: ['https://fonts.example.com'],
        frames: ['https://www.youtube.com'],
        fetch: {
          client: ['https://api.example.com', { remote: 'a-remote' }],
          backend: ['https://backend.example.com'],
        },
      },
    });
    const policy = directives(contentSecurityPolicy(permissions, { site: SITE }));
    expect(policy.get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      SITE,
      'https://images.example.com',
      '*.cdn.example.com',
    ]);
    expect(policy.get('media-src')).toEqual(["'self'", 'data:', 'blob:', SITE, 'https://media.example.com']);
    expect(policy.get('script-src')).toEqual(["'self'", 'https://js.example.com']);
    expect(policy.get('style-src')).toEqual(["'self'", SITE, 'https://css.example.com']);
    expect(policy.get('font-src')).toEqual(["'self'", 'https://fonts.example.com']);
    expect(policy.get('frame-src')).toEqual(["'self'", SITE, 'https://www.youtube.com']);
    expect(policy.get('connect-src')).toEqual(["'self'", SITE, 'https://api.example.com']);
    const broken = uiPermissionsOf({
      external: { images: ['https://a.example.com; script-src *', 'https://b.example.com'] },
    });
    expect(directives(contentSecurityPolicy(broken, { site: SITE })).get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      SITE,
      'https://b.example.com',
    ]);
  });

  describe("matches Forge's own processing (@forge/csp)", () => {
    const forge = new CSPProcessingService({ info: () => undefined }, load);
    const doc = `<html><head><script>${INLINE}</script><script src="./main.js"></script></head><body></body></html>`;
    type ForgePermissions = Parameters<CSPProcessingService['getCspDetails']>[1];
    const cases: Array<[string, ForgePermissions]> = [
      ['nothing', {}],
      ['inline styles (Tether)', { content: { styles: ['unsafe-inline'] } }],
      [
        'script keywords, hashes and junk',
        {
          content: {
            scripts: ['unsafe-eval', 'blob:', HASH_A, INLINE_HASH, 'https://evil.example.com'],
            styles: ['unsafe-inline'],
          },
        },
      ],
      ['inline scripts allowed', { content: { scripts: ['unsafe-inline'] } }],
      [
        'external',
        {
          external: {
            images: ['https://i.example.com', { address: '*.cdn.example.com' }],
            fonts: ['https://f.example.com'],
            frames: ['https://v.example.com'],
            fetch: { client: ['https://api.example.com'] },
            scripts: ['https://js.example.com'],
            styles: ['https://css.example.com'],
            media: ['https://m.example.com'],
          },
        },
      ],
    ];
    it.each(cases)('%s', (_name, permissions) => {
      const theirs = forge.getCspDetails(doc, permissions);
      const ours = uiPermissionsOf(Permissions.parse(permissions));
      expect({
        'style-src': [...styleSources(ours.content.styles), ...ours.external.styles],
        'script-src': [...scriptSources(ours.content.scripts, doc), ...ours.external.scripts],
        'img-src': ours.external.images,
        'media-src': ours.external.media,
        'connect-src': ours.external.fetchClient,
        'font-src': ours.external.fonts,
        'frame-src': ours.external.frames,
      }).toEqual(theirs);
    });
  });
});

describe('resource responses', () => {
  let uiDir: string;
  const PAGE = `<!doctype html><html><head><title>x</title><script>${INLINE}</script><script src="./main.js"></script></head><body>panel</body></html>`;

  beforeAll(async () => {
    uiDir = await mkdtemp(join(tmpdir(), 'tether-csp-'));
    await writeFile(join(uiDir, 'index.html'), PAGE);
    await writeFile(join(uiDir, 'main.js'), 'console.log("app")');
  });
  afterAll(() => rm(uiDir, { recursive: true, force: true }));

  const policyOf = (permissions: UiPermissions | null, document: string | null = null) =>
    contentSecurityPolicy(permissions ?? undefined, { site: ORIGIN, document });

  it("carry the manifest's CSP: HTML (with its inline scripts' hashes), scripts, and errors alike", async () => {
    const app = appFor(fakeHost({ uiDir }));
    const page = await send(app, 'GET', '/__tether/resources/issue-panel/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(policyOf(INLINE_STYLES, page.text));
    expect(directives(String(page.headers['content-security-policy'])).get('style-src')).toEqual([
      "'self'",
      ORIGIN,
      "'unsafe-inline'",
    ]);
    expect(directives(String(page.headers['content-security-policy'])).get('script-src')).toEqual([
      "'self'",
      `'${INLINE_HASH}'`,
    ]);
    const script = await send(app, 'GET', '/__tether/resources/issue-panel/main.js');
    expect(script.headers['content-security-policy']).toBe(policyOf(INLINE_STYLES));
    const missing = await send(app, 'GET', '/__tether/resources/issue-panel/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(policyOf(INLINE_STYLES));
  });

  it("leave out 'unsafe-inline' when the manifest does not ask for it", async () => {
    const app = appFor(fakeHost({ uiDir, uiPermissions: null }));
    const page = await send(app, 'GET', '/__tether/resources/issue-panel/');
    expect(page.headers['content-security-policy']).toBe(policyOf(null, page.text));
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });

  it('name the site the host gives (its avatars) rather than the server when it has one', async () => {
    const host = { ...fakeHost({ uiDir }), site: { siteUrl: 'https://example.atlassian.net' } };
    const page = await send(appFor(host), 'GET', '/__tether/resources/admin-page/main.js');
    expect(directives(String(page.headers['content-security-policy'])).get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://example.atlassian.net',
    ]);
  });

  it("let the host's own no-build page keep its style by hash", async () => {
    const page = await send(appFor(fakeHost({ uiDir })), 'GET', '/__tether/resources/project-page/index.html');
    expect(page.status).toBe(404);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.text)?.[1] ?? '';
    expect(style).toContain('font:14px');
    expect(directives(String(page.headers['content-security-policy'])).get('style-src')).toEqual([
      "'self'",
      ORIGIN,
      "'unsafe-inline'",
      `'${sha256Source(style)}'`,
    ]);
  });

  it('are the same for a manifest that says nothing and for no manifest permissions at all', () => {
    expect(contentSecurityPolicy(NO_PERMISSIONS, { site: SITE })).toBe(
      contentSecurityPolicy(uiPermissionsOf(undefined), { site: SITE }),
    );
  });
});
