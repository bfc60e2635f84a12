/**
 * Screenshots of each surface in light and dark. A test run writes them to test-output/screenshots
 * (ignored by git), so `npm test` changes no tracked file; `npm run screenshots` runs the looks walk
 * with TETHER_SCREENSHOTS=docs/screenshots to refresh the README's images on purpose. Dark mode comes
 * from the local host's theme switch (`?theme=dark`).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');

/** Where screenshots go: TETHER_SCREENSHOTS (relative to the repository), else test-output/screenshots. */
export function screenshotsDir(env: NodeJS.ProcessEnv = process.env): string {
  const asked = env['TETHER_SCREENSHOTS'];
  return asked === undefined || asked === '' ? join(ROOT, 'test-output', 'screenshots') : resolve(ROOT, asked);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = screenshotsDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
