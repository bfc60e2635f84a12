/** Light and dark: ?theme= and its cookie, the pages' tokens, theme.css, and the frame's getContext. */
import { appFor, at, ORIGIN, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';
import { JIRA_CSS } from '../../../local/server/pages/jira-styles';
import type { ServerApp } from '../../../local/server/server-app';
import { themeForPage } from '../../../local/server/theme-choice';
import { loadThemeCss } from '../../../local/server/theme-css';

let host: FakeHost;
let app: ServerApp;

beforeEach(() => {
  host = fakeHost({ uiDir: '/nonexistent' });
  app = appFor(host);
});

function htmlTag(page: string): string {
  return /<html[^>]*>/.exec(page)?.[0] ?? '';
}

function pageData(page: string): unknown {
  const json = /<script id="tether-page" type="application\/json">([^<]*)<\/script>/.exec(page)?.[1];
  const parsed: unknown = JSON.parse(json ?? 'null');
  return parsed;
}

function switcher(page: string): string {
  return /<div class="theme-switch"[^>]*>.*?<\/div>/s.exec(page)?.[0] ?? '';
}

describe('themeForPage', () => {
  const q = (s: string) => new URLSearchParams(s);

  it('takes ?theme= and remembers it; else the cookie; else light', () => {
    expect(themeForPage(q('theme=dark'), undefined)).toEqual({
      ok: true,
      colorMode: 'dark',
      setCookie: 'tether-theme=dark; Path=/; SameSite=Lax; Max-Age=31536000',
    });
    expect(themeForPage(q('theme=light'), 'tether-theme=dark')).toEqual({
      ok: true,
      colorMode: 'light',
      setCookie: 'tether-theme=light; Path=/; SameSite=Lax; Max-Age=31536000',
    });
    expect(themeForPage(q('as=lead'), 'tether-persona=lead; tether-theme=dark')).toEqual({
      ok: true,
      colorMode: 'dark',
      setCookie: null,
    });
    expect(themeForPage(q(''), undefined)).toEqual({ ok: true, colorMode: 'light', setCookie: null });
    // a cookie the server did not write is ignored, not an error
    expect(themeForPage(q(''), 'tether-theme=sepia')).toEqual({ ok: true, colorMode: 'light', setCookie: null });
  });

  it('names the themes when ?theme= is unknown', () => {
    expect(themeForPage(q('theme=Dark'), undefined)).toEqual({
      ok: false,
      message: "Unknown theme 'Dark': use one of light, dark (?theme=dark).",
    });
  });
});

describe('pages', () => {
  it('are light by default, with the tokens before the page style', async () => {
    const res = await send(app, 'GET', '/browse/WEB-2?as=member');
    expect(htmlTag(res.text)).toBe(
      '<html lang="en" data-color-mode="light" data-theme="dark:dark light:light spacing:spacing typography:typography shape:shape">',
    );
    expect(res.text.indexOf('href="/__tether/theme.css"')).toBeGreaterThan(0);
    expect(res.text.indexOf('href="/__tether/theme.css"')).toBeLessThan(res.text.indexOf('href="/__tether/jira.css"'));
    expect(pageData(res.text)).toEqual(expect.objectContaining({ persona: 'member', colorMode: 'light' }));
    expect(res.cookies).toEqual([expect.stringMatching(/^tether-persona=member;/)]);
  });

  it('?theme=dark renders dark and remembers it in a cookie, which keeps it without ?theme=', async () => {
    const res = await send(app, 'GET', '/browse/WEB-2?theme=dark');
    expect(res.status).toBe(200);
    expect(htmlTag(res.text)).toContain('data-color-mode="dark"');
    expect(pageData(res.text)).toEqual(expect.objectContaining({ colorMode: 'dark' }));
    expect(res.cookies).toEqual(['tether-theme=dark; Path=/; SameSite=Lax; Max-Age=31536000']);

    const again = await send(app, 'GET', '/projects/WEB', { cookie: 'tether-theme=dark' });
    expect(htmlTag(again.text)).toContain('data-color-mode="dark"');
    expect(again.cookies).toEqual([]);
    const back = await send(app, 'GET', '/?theme=light', { cookie: 'tether-theme=dark' });
    expect(htmlTag(back.text)).toContain('data-color-mode="light"');
    expect(back.cookies).toEqual(['tether-theme=light; Path=/; SameSite=Lax; Max-Age=31536000']);
  });

  it('sets the persona and the theme together', async () => {
    const res = await send(app, 'GET', '/?as=lead&theme=dark');
    expect(res.cookies).toEqual([
      expect.stringMatching(/^tether-persona=lead;/),
      expect.stringMatching(/^tether-theme=dark;/),
    ]);
    expect(pageData(res.text)).toEqual(expect.objectContaining({ persona: 'lead', colorMode: 'dark' }));
  });

  it('the header has a Light | Dark switch that keeps the page and the persona and marks the current mode', async () => {
    const res = await send(app, 'GET', '/browse/WEB-2?as=member', { cookie: 'tether-theme=dark' });
    const sw = switcher(res.text);
    expect(sw).toContain('role="group" aria-label="Theme"');
    expect(sw).toContain(
      '<a class="theme-switch__option" data-theme-option="light" href="/browse/WEB-2?as=member&amp;theme=light">Light</a>',
    );
    expect(sw).toContain(
      '<a class="theme-switch__option is-current" data-theme-option="dark" href="/browse/WEB-2?as=member&amp;theme=dark" aria-current="true">Dark</a>',
    );
    // the persona links keep the theme the URL asked for
    const dark = await send(app, 'GET', '/browse/WEB-2?theme=dark');
    expect(dark.text).toContain('data-persona="lead" href="/browse/WEB-2?theme=dark&amp;as=lead"');
    expect(switcher(dark.text)).toContain('data-theme-option="light" href="/browse/WEB-2?theme=light"');
  });

  it('the not-found and admin-only pages follow the theme too', async () => {
    const missing = await send(app, 'GET', '/nowhere?theme=dark');
    expect(missing.status).toBe(404);
    expect(htmlTag(missing.text)).toContain('data-color-mode="dark"');
    const forbidden = await send(app, 'GET', '/admin?as=member', { cookie: 'tether-theme=dark' });
    expect(forbidden.status).toBe(403);
    expect(htmlTag(forbidden.text)).toContain('data-color-mode="dark"');
  });

  it('answers 400 for an unknown theme, with a way on', async () => {
    const res = await send(app, 'GET', '/browse/WEB-1?as=lead&theme=blue');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Unknown theme &#39;blue&#39;: use one of light, dark');
    expect(res.text).toContain('href="/browse/WEB-1?as=lead&amp;theme=light"');
    expect(res.cookies).toEqual([]);
  });

  it('shows an unknown persona in the theme asked for', async () => {
    const res = await send(app, 'GET', '/?as=boss&theme=dark');
    expect(res.status).toBe(400);
    expect(htmlTag(res.text)).toContain('data-color-mode="dark"');
    expect(res.text).toContain('Unknown persona');
  });

  it('keeps the theme across a form post (the cookie), as the persona', async () => {
    const res = await send(app, 'POST', '/browse/WEB-3/transition', {
      body: 'transition=41',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      cookie: 'tether-persona=member; tether-theme=dark',
    });
    expect(res.status).toBe(303);
    const page = await send(app, 'GET', res.headers.location?.toString() ?? '', {
      cookie: 'tether-persona=member; tether-theme=dark',
    });
    expect(htmlTag(page.text)).toContain('data-color-mode="dark"');
  });
});

describe('getContext', () => {
  const PANEL = {
    moduleKey: 'tether-issue-panel',
    localId: 'x',
    extension: {
      type: 'jira:issuePanel',
      issue: { id: '10003', key: 'WEB-3', type: 'Story', typeId: '10001' },
      project: { id: '10000', key: 'WEB', type: 'software' },
      isNewToIssue: false,
    },
  };

  async function bridge(command: string, context: object) {
    const res = await send(app, 'POST', '/__tether/bridge', {
      body: JSON.stringify({ command, context: { ...PANEL, persona: 'member', ...context } }),
      headers: { 'content-type': 'application/json', origin: ORIGIN },
    });
    return { status: res.status, reply: res.json() };
  }

  it('reports the colour mode the page was rendered in (light when the request names none)', async () => {
    expect(at((await bridge('getContext', { colorMode: 'dark' })).reply, 'value', 'theme')).toEqual({
      colorMode: 'dark',
      light: 'light',
      dark: 'dark',
      spacing: 'spacing',
    });
    expect(at((await bridge('getContext', { colorMode: 'light' })).reply, 'value', 'theme', 'colorMode')).toBe('light');
    expect(at((await bridge('getContext', {})).reply, 'value', 'theme', 'colorMode')).toBe('light');
  });

  it('refuses a colour mode that is not light or dark', async () => {
    const res = await bridge('getContext', { colorMode: 'auto' });
    expect(res.status).toBe(400);
    expect(at(res.reply, 'error', 'message')).toContain('context.colorMode');
  });

  it('leaves enableTheming to the page and the frame', async () => {
    expect(at((await bridge('enableTheming', {})).reply, 'error', 'code')).toBe('ANSWERED_BY_PAGE');
  });
});

describe('theme.css', () => {
  const css = loadThemeCss();

  it('has the light and the dark token themes under Atlaskit’s selectors, and the others', () => {
    expect(css).toContain('html[data-color-mode="light"][data-theme~="light:light"]');
    expect(css).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    expect(css).toContain('html[data-theme~="spacing:spacing"]');
    expect(css).toContain('html[data-theme~="typography:typography"]');
    expect(css).toContain('html[data-theme~="shape:shape"]');
    expect(css).not.toContain('could not be loaded');
  });

  it('comes from the newest tokens installed: the dark theme has the accents Lozenge 17 uses', () => {
    const dark = css.slice(css.indexOf('html[data-color-mode="dark"][data-theme~="dark:dark"]'));
    expect(dark).toMatch(/--ds-background-accent-lime-subtler:\s*#[0-9A-Fa-f]{6}/);
  });
});

describe('jira.css', () => {
  const tokens = loadThemeCss();
  /** The value of a token in one theme's block of theme.css. */
  function tokenIn(mode: 'light' | 'dark', name: string): string | undefined {
    const start = tokens.indexOf(`html[data-color-mode="${mode}"][data-theme~="${mode}:${mode}"]`);
    const block = tokens.slice(start, tokens.indexOf('}', start));
    return new RegExp(`${name}: ([^;]+);`).exec(block)?.[1];
  }

  it('uses only tokens that both the light and the dark theme define', () => {
    const used = [...new Set([...JIRA_CSS.matchAll(/var\((--ds-[\w-]+)/g)].map((m) => m[1] ?? ''))];
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((name) => tokenIn('light', name) === undefined || tokenIn('dark', name) === undefined)).toEqual(
      [],
    );
    expect(tokenIn('dark', '--ds-surface')).toBe('#1F1F21');
  });

  it('has no fixed colour outside token fallbacks but the avatars and issue type icons', () => {
    const rules = JIRA_CSS.replace(/var\(--ds-[\w-]+, [^)]*(\([^)]*\)[^)]*)*\)/g, 'var(token)').split('}');
    const fixed = rules
      .filter((rule) => /#[0-9a-f]{3,8}\b|rgb|hsl/i.test(rule))
      .map((rule) => rule.trim().split('{')[0]?.trim());
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.filter((selector) => !/^\.(avatar|project-avatar|type-icon)/.test(selector ?? ''))).toEqual([]);
  });
});
