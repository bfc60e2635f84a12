/**
 * `/__tether/theme.css`: what `view.theme.enable()` loads into a frame, and what the Jira-like
 * pages themselves use — the design tokens' light and dark themes, spacing, typography and shape,
 * from @atlaskit/tokens (installed with @forge/bridge, which depends on it). Each theme is scoped
 * by Atlaskit's own selectors (`html[data-color-mode="dark"][data-theme~="dark:dark"]` …), so
 * `data-color-mode` on `<html>` picks the mode. Without it, token() calls use their fallbacks.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

const TOKEN_THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography-adg3', 'atlassian-shape'];
const CssModule = z.object({ default: z.string() });

export function loadThemeCss(): string {
  try {
    const fromBridge = createRequire(require.resolve('@forge/bridge'));
    return TOKEN_THEMES.map((name) => CssModule.parse(fromBridge(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`)).default).join('\n');
  } catch (e) {
    return `/* @atlaskit/tokens could not be loaded (${e instanceof Error ? e.message : String(e)}): token() calls use their fallbacks. */\n`;
  }
}
