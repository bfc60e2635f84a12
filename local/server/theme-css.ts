/**
 * `/__tether/theme.css`: what `view.theme.enable()` loads into a frame, and what the Jira-like
 * pages themselves use — the design tokens' light and dark themes, spacing, typography and shape.
 * They come from the newest @atlaskit/tokens installed: the project's own (the one the Custom UI
 * bundles are built against, as Jira serves its current themes), else the older copy that
 * @forge/bridge depends on (which lacks newer tokens such as the lime accents Lozenge uses, so
 * those fell back to their light values in dark mode). Each theme is scoped by Atlaskit's own
 * selectors (`html[data-color-mode="dark"][data-theme~="dark:dark"]` …), so `data-color-mode` on
 * `<html>` picks the mode. Without them, token() calls use their fallbacks.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

const COLOUR_AND_LAYOUT = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-shape'];
/** The typography theme is `typography` in current tokens, `typography-adg3` in older ones; pages ask for `typography:typography`. */
const TYPOGRAPHY = [
  { file: 'atlassian-typography', selector: 'typography:typography' },
  { file: 'atlassian-typography-adg3', selector: 'typography:typography-adg3' },
];
const CssModule = z.object({ default: z.string() });

function themesFrom(load: NodeJS.Require): string {
  const theme = (name: string) =>
    CssModule.parse(load(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`)).default;
  const colourAndLayout = COLOUR_AND_LAYOUT.map(theme);
  for (const { file, selector } of TYPOGRAPHY) {
    let css: string;
    try {
      css = theme(file);
    } catch {
      continue;
    }
    return [...colourAndLayout, css.split(`"${selector}"`).join('"typography:typography"')].join('\n');
  }
  throw new Error('no typography theme in @atlaskit/tokens');
}

export function loadThemeCss(): string {
  const errors: string[] = [];
  for (const load of [
    () => createRequire(require.resolve('@atlaskit/tokens/package.json')),
    () => createRequire(require.resolve('@forge/bridge')),
  ]) {
    try {
      return themesFrom(load());
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return `/* @atlaskit/tokens could not be loaded (${errors.join('; ')}): token() calls use their fallbacks. */\n`;
}
