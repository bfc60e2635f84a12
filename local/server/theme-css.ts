/**
 * `/__tether/theme.css`: what `view.theme.enable()` loads into a frame — the design tokens'
 * light theme, spacing, typography and shape, from @atlaskit/tokens (installed with @forge/bridge,
 * which depends on it). Without it, apps fall back to the values written in their token() calls.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

const THEMES = ['atlassian-light', 'atlassian-spacing', 'atlassian-typography-adg3', 'atlassian-shape'];
const CssModule = z.object({ default: z.string() });

export function loadThemeCss(): string {
  try {
    const fromBridge = createRequire(require.resolve('@forge/bridge'));
    return THEMES.map((name) => CssModule.parse(fromBridge(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`)).default).join('\n');
  } catch (e) {
    return `/* @atlaskit/tokens could not be loaded (${e instanceof Error ? e.message : String(e)}): token() calls use their fallbacks. */\n`;
  }
}
