/**
 * Screenshots of each surface in light and dark, written by the e2e run to docs/screenshots
 * (the README shows them). Dark mode comes from the local host's theme switch (`?theme=dark`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './tether-e2e';

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
