/**
 * The e2e harness itself: the demo organisation behind the real server, a surface built by Vite
 * inside the project page's frame with the real @forge/bridge, and axe finding nothing serious.
 */
import { seriousViolations } from './support/accessibility';
import { surfaceFrame, useTether } from './support/tether-e2e';

jest.setTimeout(180_000);

const tether = useTether();

it('shows the demo workgroups on the project page, with no serious accessibility violation', async () => {
  await tether.page.goto(`${tether.url}/projects/WEB?module=tether-project-page&as=lead`);
  const frame = await surfaceFrame(tether.page, 'tether-project-page');
  await frame.getByRole('heading', { name: /Checkout Squad/ }).first().waitFor();
  expect(await seriousViolations(frame)).toEqual([]);
});
