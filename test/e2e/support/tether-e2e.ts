/**
 * The whole app as `npm start` runs it, for browser tests: the real manifest and app, a fresh data
 * folder with the demo organisation (local/demo), the web server on a free port, and headless
 * Chromium. Surfaces are built first when needed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { seedDemoOrganisation } from '../../../local/demo/seed-organisation';
import { createHost, type Host } from '../../../local/host/create-host';
import { demoOrganisationSite } from '../../../local/jira/demo-issues';
import { serverHostFor } from '../../../local/server/host-adapter';
import { startServer, type RunningServer } from '../../../local/server/start-server';
import { pinClock } from '../../support/clock';
import { launchChromium, type LaunchedChromium } from '../../support/chromium';
import { ensureSurfacesBuilt } from '../../support/surfaces-built';

const ROOT = join(__dirname, '..', '..', '..');

export interface Tether {
  url: string;
  host: Host;
  chromium: LaunchedChromium;
  close(): Promise<void>;
}

/** Starts the app with the demo organisation and a browser. */
async function startTether(): Promise<Tether> {
  ensureSurfacesBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-e2e-'));
  const host = createHost({ dataDir, manifestPath: join(ROOT, 'manifest.yml'), delays: 'none', seed: demoOrganisationSite, syncWrites: false, jiraWriteDelayMs: 0 });
  let server: RunningServer | undefined;
  let chromium: LaunchedChromium | undefined;
  try {
    await seedDemoOrganisation(host);
    server = await startServer({ host: serverHostFor(host), port: 0, log: () => undefined });
    chromium = await launchChromium();
  } catch (error) {
    await server?.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const browser = chromium;
  return {
    url: running.url,
    host,
    chromium: browser,
    close: async () => {
      await browser.close();
      await running.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A started Tether and a browser page opened on it. */
export interface TetherInUse extends Tether {
  readonly page: Page;
}

/**
 * Starts Tether (startTether) and opens a page before the file's tests, and closes both after them.
 * Call it at the top of a test file; read the result's fields in hooks and tests only. It pins the
 * clock for the file first (TETHER_NOW, else PINNED_NOW), so "today" in the test is the app's today.
 */
export function useTether(): TetherInUse {
  // the demo organisation, the app and the pages all live on one known day (test/support/clock.ts)
  pinClock();
  let tether: Tether | undefined;
  let page: Page | undefined;
  const started = () => {
    if (!tether || !page) throw new Error('Tether is not started: read it in a hook or a test');
    return { tether, page };
  };
  beforeAll(async () => {
    tether = await startTether();
    page = await tether.chromium.browser.newPage();
  });
  afterAll(async () => {
    await tether?.close();
  });
  return {
    get url() {
      return started().tether.url;
    },
    get host() {
      return started().tether.host;
    },
    get chromium() {
      return started().tether.chromium;
    },
    get page() {
      return started().page;
    },
    close: () => started().tether.close(),
  };
}

/** The Custom UI frame of a module on the current page, once its app has rendered. */
export async function surfaceFrame(page: Page, moduleKey: string, readySelector = '#root *'): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-module-key="${moduleKey}"]`, { timeout: 30_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`the ${moduleKey} iframe has no frame`);
  await frame.waitForSelector(readySelector, { state: 'attached', timeout: 30_000 });
  return frame;
}
