/**
 * The e2e harness itself: the demo organisation behind the real server, a surface built by Vite
 * inside the project page's frame with the real @forge/bridge, and axe finding nothing serious.
 */
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/accessibility';
import { startTether, surfaceFrame, type Tether } from './support/tether-e2e';

jest.setTimeout(180_000);

let tether: Tether;
let page: Page;

beforeAll(async () => {
  tether = await startTether();
  page = await tether.chromium.browser.newPage();
});

afterAll(async () => {
  await tether?.close();
});

it('shows the demo workgroups on the project page, with no serious accessibility violation', async () => {
  await page.goto(`${tether.url}/projects/WEB?module=tether-project-page&as=lead`);
  const frame = await surfaceFrame(page, 'tether-project-page');
  await frame.getByRole('heading', { name: /Checkout Squad/ }).first().waitFor();
  expect(await seriousViolations(frame)).toEqual([]);
});
