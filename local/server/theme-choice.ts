/**
 * Light or dark, as Jira's theme setting: `?theme=light|dark` on any page wins and is remembered
 * in a cookie; otherwise the cookie; otherwise light. The page renders in that mode, and its
 * frames get it from `view.getContext()` (`theme.colorMode`) and `view.theme.enable()`.
 * Browser-safe (the page and frame scripts import the names below), so its schema is `zod/mini`'s.
 */
import * as z from 'zod/mini';
import { parseCookies } from './http/exchange';

export const COLOR_MODES = ['light', 'dark'] as const;
export const ColorMode = z.enum(COLOR_MODES);
export type ColorMode = z.infer<typeof ColorMode>;

export const THEME_COOKIE = 'tether-theme';
export const DEFAULT_COLOR_MODE: ColorMode = 'light';

/** `<html data-theme>` as Jira sets it: which token theme serves each colour mode, and the other themes. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';

export type ThemeChoice = { ok: true; colorMode: ColorMode; setCookie: string | null } | { ok: false; message: string };

/** For pages: `?theme=` (remembered), then the cookie, then light. */
export function themeForPage(query: URLSearchParams, cookieHeader: string | undefined): ThemeChoice {
  const asked = query.get('theme');
  if (asked !== null) {
    const parsed = ColorMode.safeParse(asked);
    if (!parsed.success)
      return { ok: false, message: `Unknown theme '${asked}': use one of ${COLOR_MODES.join(', ')} (?theme=dark).` };
    return {
      ok: true,
      colorMode: parsed.data,
      setCookie: `${THEME_COOKIE}=${parsed.data}; Path=/; SameSite=Lax; Max-Age=31536000`,
    };
  }
  const remembered = ColorMode.safeParse(parseCookies(cookieHeader).get(THEME_COOKIE));
  return { ok: true, colorMode: remembered.success ? remembered.data : DEFAULT_COLOR_MODE, setCookie: null };
}
