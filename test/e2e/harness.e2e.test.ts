/**
 * The e2e harness itself: the demo organisation behind the real server, a surface built by Vite
 * inside the project page's frame with the real @forge/bridge, and axe finding nothing serious;
 * the page and its frames read the host's pinned clock, not the machine's.
 */
import { seriousViolations } from './support/accessibility';
import { surfaceFrame, useTether } from './support/tether-e2e';

jest.setTimeout(180_000);

const tether = useTether();

it('shows the demo workgroups on the project page, with no serious accessibility violation', async () => {
  await tether.page.goto(`${tether.url}/projects/WEB?module=tether-project-page&as=lead`);
  const frame = await surfaceFrame(tether.page, 'tether-project-page');
  await frame
    .getByRole('heading', { name: /Checkout Squad/ })
    .first()
    .waitFor();
  expect(await seriousViolations(frame)).toEqual([]);
});

it("gives the page and the Custom UI frame the host's clock (TETHER_NOW or the pinned day)", async () => {
  await tether.page.goto(`${tether.url}/projects/WEB?module=tether-project-page&as=lead`);
  const frame = await surfaceFrame(tether.page, 'tether-project-page');
  const hostNow = Date.now();
  const [inFrame, inPage] = await Promise.all([
    frame.evaluate(() => Date.now()),
    tether.page.evaluate(() => new Date().getTime()),
  ]);
  // the same instant give or take the round trips, whatever the machine's date is
  for (const seen of [inFrame, inPage]) expect(Math.abs(seen - hostNow)).toBeLessThan(60_000);
  expect(await frame.evaluate(() => new Date().toISOString().slice(0, 10))).toBe(
    new Date(hostNow).toISOString().slice(0, 10),
  );
});
