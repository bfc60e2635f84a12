/**
 * Avatars locally: the server draws the pictures behind the local Jira's `avatarUrls`, and once
 * the site is served at the server's origin, every avatar URL a browser gets (REST, requestJira)
 * points at the server and answers with an image.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchProduct } from '../../../local/server/bridge/fetch-product';
import {
  AVATAR_CACHE,
  AVATAR_COLOURS,
  avatarColour,
  avatarSvg,
  personInitials,
  projectInitials,
  SILHOUETTE_CACHE,
  SILHOUETTE_COLOUR,
} from '../../../local/server/avatars';
import type { ServerApp } from '../../../local/server/server-app';
import { startServer } from '../../../local/server/start-server';
import { appFor, at, ORIGIN, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';

let uiDir: string;
let host: FakeHost;
let app: ServerApp;

beforeAll(async () => {
  uiDir = await mkdtemp(join(tmpdir(), 'tether-avatars-'));
});
afterAll(() => rm(uiDir, { recursive: true, force: true }));
beforeEach(() => {
  host = fakeHost({ uiDir });
  host.serveSiteAt?.(ORIGIN);
  app = appFor(host);
});

const AVATAR_BASE = `${ORIGIN}/rest/api/3/universal_avatar/view/type`;

/** The path and query of a URL on the server's origin (fails the test when it is elsewhere). */
function onServer(url: unknown): string {
  expect(typeof url).toBe('string');
  const u = new URL(String(url));
  expect(u.origin).toBe(ORIGIN);
  return u.pathname + u.search;
}

/** WCAG contrast of white text on `#rrggbb`. */
function contrastWithWhite(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

describe('avatar URLs the browser gets', () => {
  it('REST answers point at the server, in every size, and each answers with that size of picture', async () => {
    const me = (await send(app, 'GET', '/rest/api/3/myself?as=member')).json();
    expect(at(me, 'avatarUrls')).toEqual({
      '16x16': `${AVATAR_BASE}/user/avatar/local-member?size=xsmall`,
      '24x24': `${AVATAR_BASE}/user/avatar/local-member?size=small`,
      '32x32': `${AVATAR_BASE}/user/avatar/local-member?size=medium`,
      '48x48': `${AVATAR_BASE}/user/avatar/local-member?size=large`,
    });
    // self links move with the site too
    expect(at(me, 'self')).toBe(`${ORIGIN}/rest/api/3/user?accountId=local-member`);
    for (const [key, px] of [
      ['16x16', 16],
      ['24x24', 24],
      ['32x32', 32],
      ['48x48', 48],
    ] as const) {
      const res = await send(app, 'GET', onServer(at(me, 'avatarUrls', key)));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect(res.headers['cache-control']).toBe(AVATAR_CACHE);
      expect(res.text).toMatch(
        new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 100 100"`),
      );
      expect(res.text).toContain('<title>Mia Member</title>');
      expect(res.text).toContain(`<circle cx="50" cy="50" r="50" fill="${avatarColour('local-member')}"/>`);
      expect(res.text).toMatch(/>MM<\/text><\/svg>$/);
    }
  });

  it('issue fields from requestJira (the bridge) carry project and user avatars on the server', async () => {
    const reply = await fetchProduct(
      host,
      { persona: 'member', accountId: 'local-member', displayName: 'Mia Member' },
      { product: 'jira', restPath: '/rest/api/3/issue/WEB-1?fields=project,assignee,reporter' },
    );
    expect(reply.status).toBe(200);
    const issue: unknown = JSON.parse(reply.body);
    const projectAvatar = onServer(at(issue, 'fields', 'project', 'avatarUrls', '48x48'));
    expect(projectAvatar).toBe('/rest/api/3/universal_avatar/view/type/project/avatar/10000?size=large');
    const picture = await send(app, 'GET', projectAvatar);
    expect(picture.headers['content-type']).toBe('image/svg+xml');
    expect(picture.text).toContain('<title>Web Platform</title>');
    expect(picture.text).toContain(`<rect width="100" height="100" rx="14" fill="${avatarColour('10000')}"/>`);
    expect(picture.text).toMatch(/>WE<\/text><\/svg>$/);
    const reporter = at(issue, 'fields', 'reporter', 'avatarUrls', '24x24');
    expect(String(reporter).startsWith(`${AVATAR_BASE}/user/avatar/`)).toBe(true);
    expect((await send(app, 'GET', onServer(reporter))).status).toBe(200);
  });

  it('startServer moves the site to its own origin', async () => {
    const own = fakeHost({ uiDir });
    expect(own.baseUrl()).toBe('https://tether-local.atlassian.net');
    const server = await startServer({ host: own, port: 0, log: () => undefined });
    try {
      expect(own.baseUrl()).toBe(server.url);
      const res = await fetch(`${server.url}/rest/api/3/myself?as=lead`);
      const me: unknown = await res.json();
      const url = String(at(me, 'avatarUrls', '24x24'));
      expect(url).toBe(`${server.url}/rest/api/3/universal_avatar/view/type/user/avatar/local-lead?size=small`);
      const picture = await fetch(url);
      expect(picture.headers.get('content-type')).toBe('image/svg+xml');
      expect(await picture.text()).toContain('<title>Lee Lead</title>');
    } finally {
      await server.close();
    }
  });
});

describe('the avatar route', () => {
  const path = (type: string, id: string, size?: string) =>
    `/rest/api/3/universal_avatar/view/type/${type}/avatar/${encodeURIComponent(id)}${size === undefined ? '' : `?size=${size}`}`;

  it('draws a silhouette for an id the local Jira does not know, cached briefly', async () => {
    const user = await send(app, 'GET', path('user', 'no-such-account', 'small'));
    expect(user.status).toBe(200);
    expect(user.headers['cache-control']).toBe(SILHOUETTE_CACHE);
    expect(user.text).toContain('<title>Unknown user</title>');
    expect(user.text).toContain(`<circle cx="50" cy="50" r="50" fill="${SILHOUETTE_COLOUR}"/>`);
    expect(user.text).not.toContain('<text');
    const project = await send(app, 'GET', path('project', '99999', 'medium'));
    expect(project.text).toContain('<title>Unknown project</title>');
    expect(project.text).toContain(`<rect width="100" height="100" rx="14" fill="${SILHOUETTE_COLOUR}"/>`);
    expect(project.text).toContain('width="32" height="32"');
  });

  it('knows a project by key as well as by id, and draws it whoever asks (?as= plays no part)', async () => {
    const byKey = await send(app, 'GET', path('project', 'MOB', 'xsmall'));
    expect(byKey.text).toContain('<title>Mobile App</title>');
    expect(byKey.text).toContain('width="16" height="16"');
    expect(byKey.text).toMatch(/>MO<\/text>/);
    // pictures are not the persona's business: an <img> sends no ?as=, and Jira serves avatars to anyone signed in
    expect((await send(app, 'GET', `${path('project', '10001', 'small')}&as=outsider`)).text).toContain(
      '<title>Mobile App</title>',
    );
  });

  it('defaults to large, and refuses an unknown size, another avatar type and writes in Jira’s error shape', async () => {
    expect((await send(app, 'GET', path('user', 'local-admin'))).text).toContain('width="48" height="48"');
    expect((await send(app, 'GET', path('user', 'local-admin', 'xlarge'))).text).toContain('width="128" height="128"');
    const size = await send(app, 'GET', path('user', 'local-admin', 'huge'));
    expect(size.status).toBe(400);
    expect(size.json()).toEqual({
      errorMessages: ["The size 'huge' is not one of xsmall, small, medium, large, xlarge."],
      errors: {},
    });
    const type = await send(app, 'GET', path('issuetype', '10001', 'small'));
    expect(type.status).toBe(404);
    expect(at(type.json(), 'errorMessages')).toEqual([
      "The local Jira draws user and project avatars only, not 'issuetype'.",
    ]);
    const post = await send(app, 'POST', path('user', 'local-admin'), { headers: { origin: ORIGIN } });
    expect(post.status).toBe(405);
    const head = await send(app, 'HEAD', path('user', 'local-admin', 'small'));
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('image/svg+xml');
    expect(head.text).toBe('');
  });

  it('answers the v2 path too, and an avatar opened on its own may load and run nothing', async () => {
    const res = await send(app, 'GET', path('user', 'local-lead', 'small').replace('/api/3/', '/api/2/'));
    expect(res.text).toContain('<title>Lee Lead</title>');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
  });
});

describe('drawing', () => {
  it('takes the initials of the first and last word, whatever the script', () => {
    expect(personInitials('Mia Member')).toBe('MM');
    expect(personInitials('  Zoë  van der Berg ')).toBe('ZB');
    expect(personInitials('Tether')).toBe('T');
    expect(personInitials('𝒜da Łukasz')).toBe('𝒜Ł');
    expect(personInitials('')).toBe('');
    expect(projectInitials('web')).toBe('WE');
    expect(projectInitials('X')).toBe('X');
  });

  it('escapes names, and draws the silhouette when a name has no initials', () => {
    const svg = avatarSvg('user', { id: 'a', name: 'Eve <script>alert(1)</script> & "Co"', initials: '<&' }, 24);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('<title>Eve &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34;</title>');
    expect(svg).toMatch(/>&#60;&#38;<\/text><\/svg>$/);
    expect(avatarSvg('user', { id: 'a', name: ' ', initials: '' }, 24)).toContain('<title>Unknown user</title>');
  });

  it('gives each id the same colour every time, spread over a palette that keeps white text readable', () => {
    expect(avatarColour('local-member')).toBe(avatarColour('local-member'));
    const used = new Set(Array.from({ length: 200 }, (_, i) => avatarColour(`account-${i}`)));
    expect(used.size).toBe(AVATAR_COLOURS.length);
    for (const colour of AVATAR_COLOURS)
      expect({ colour, readable: contrastWithWhite(colour) >= 4.5 }).toEqual({ colour, readable: true });
  });
});
