/** The frame of every local Jira page: top navigation, theme and persona switchers, flags, the page script. */
import type { PersonaAccount, PersonaName, UiModule } from '../host-port';
import type { Flash } from '../flash';
import { COLOR_MODES, DATA_THEME, type ColorMode } from '../theme-choice';
import { html, jsonForHtml, raw, type HtmlValue, type SafeHtml } from './html';

export const PERSONA_ROLES: Record<PersonaName, string> = {
  admin: 'Site admin: everything everywhere',
  lead: 'Project admin of WEB, member of MOB',
  member: 'Member of WEB and MOB; cannot delete',
  outsider: 'Member of WEB; cannot see MOB',
};

export type NavItem = 'home' | 'projects' | 'dashboards' | 'apps' | 'admin';

export interface PageFrame {
  title: string;
  persona: PersonaAccount;
  personas: readonly PersonaAccount[];
  /** Light or dark: `data-color-mode` on `<html>`, which picks the design tokens' theme. */
  colorMode: ColorMode;
  /** The current path and query; the switcher links keep them and set `as` or `theme`. */
  currentUrl: URL;
  nav: NavItem;
  modules: readonly UiModule[];
  flash?: Flash | null;
  body: SafeHtml;
}

export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => w !== '');
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function avatar(persona: PersonaName | null, name: string): SafeHtml {
  return html`<span class="avatar avatar--${persona ?? 'outsider'}" aria-hidden="true">${initials(name)}</span>`;
}

function switchUrl(current: URL, param: 'as' | 'theme', value: string): string {
  const url = new URL(current.href);
  url.searchParams.set(param, value);
  return url.pathname + url.search;
}

const COLOR_MODE_LABELS: Record<ColorMode, string> = { light: 'Light', dark: 'Dark' };

export function messageBox(kind: 'info' | 'error' | 'success' | 'warning', ...lines: HtmlValue[]): SafeHtml {
  const icon = kind === 'success' ? '✓' : kind === 'info' ? 'i' : '!';
  return html`<div class="message message--${kind}" role="${kind === 'error' ? 'alert' : 'status'}"><span class="message__icon" aria-hidden="true">${icon}</span><div>${lines.map((l) => html`<p>${l}</p>`)}</div></div>`;
}

/** The message after a form post, shown as Jira shows one: a flag at the bottom left. */
function flashFlag(flash: Flash): SafeHtml {
  const icon = flash.kind === 'success' ? '✓' : flash.kind === 'info' ? 'i' : '!';
  return html`<div class="flag flag--${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}" data-flag-id="tether-flash" data-testid="flash"><span class="flag__icon" aria-hidden="true">${icon}</span><div class="flag__body"><div class="flag__title">${flash.message}</div></div><button class="flag__close" type="button" aria-label="Dismiss">×</button></div>`;
}

function personaSwitcher(frame: PageFrame): SafeHtml {
  const current = frame.persona;
  return html`<details class="persona" data-testid="persona-switcher">
  <summary title="Switch persona">${avatar(current.persona, current.displayName)}<span data-testid="current-persona">${current.displayName}</span><span aria-hidden="true">▾</span></summary>
  <div class="persona__menu">
    <div class="persona__heading">View Jira as</div>
    ${frame.personas.map(
      (p) =>
        html`<a class="persona__item${p.persona === current.persona ? ' is-current' : ''}" data-persona="${p.persona}" href="${switchUrl(frame.currentUrl, 'as', p.persona)}">${avatar(p.persona, p.displayName)}<span>${p.displayName} (${p.persona})<span class="persona__role">${PERSONA_ROLES[p.persona]}</span></span></a>`,
    )}
  </div>
</details>`;
}

/** Light | Dark, as two links (the page reloads in the other mode, which the cookie then keeps). */
function themeSwitcher(frame: PageFrame): SafeHtml {
  return html`<div class="theme-switch" role="group" aria-label="Theme" data-testid="theme-switcher">${COLOR_MODES.map(
    (mode) => {
      const current = mode === frame.colorMode;
      return html`<a class="theme-switch__option${current ? ' is-current' : ''}" data-theme-option="${mode}" href="${switchUrl(frame.currentUrl, 'theme', mode)}"${current ? raw(' aria-current="true"') : null}>${COLOR_MODE_LABELS[mode]}</a>`;
    },
  )}</div>`;
}

export function pageHtml(frame: PageFrame): string {
  const link = (item: NavItem, href: string, text: string) =>
    html`<a class="topnav__link${frame.nav === item ? ' is-active' : ''}" href="${href}">${text}</a>`;
  const pageData = {
    persona: frame.persona.persona,
    colorMode: frame.colorMode,
    modules: frame.modules.map((m) => ({ key: m.key, type: m.type })),
  };
  const flash = frame.flash ? flashFlag(frame.flash) : null;
  return html`<!doctype html>
<html lang="en" data-color-mode="${frame.colorMode}" data-theme="${DATA_THEME}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} - Tether local Jira</title>
<link rel="stylesheet" href="/__tether/theme.css">
<link rel="stylesheet" href="/__tether/jira.css">
<script id="tether-page" type="application/json">${raw(jsonForHtml(pageData))}</script>
<script src="/__tether/page-bridge.js" defer></script>
</head>
<body data-persona="${frame.persona.persona}">
<header class="topnav">
  <a class="topnav__logo" href="/"><span class="logo-mark" aria-hidden="true">T</span>Tether <span class="muted">local Jira</span></a>
  ${link('home', '/', 'Your work')}
  ${link('projects', '/#projects', 'Projects')}
  ${link('dashboards', '/dashboard', 'Dashboards')}
  ${frame.modules.some((m) => m.type === 'jira:globalPage') ? link('apps', '/apps/objectives', 'Objectives') : null}
  ${link('admin', '/admin', 'Apps')}
  <span class="topnav__spacer"></span>
  ${themeSwitcher(frame)}
  <span class="topnav__site">Acting as</span>
  ${personaSwitcher(frame)}
</header>
${frame.body}
<div id="tether-flags" class="flag-group" aria-live="polite">${flash}</div>
</body>
</html>`.value;
}
