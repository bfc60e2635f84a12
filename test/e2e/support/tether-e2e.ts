/**
 * The whole app as `npm start` runs it, for browser tests: the real manifest and app, a fresh data
 * folder with the demo organisation (local/demo; seeded once per run and copied for each file), the
 * web server on a free port, and headless Chromium. Surfaces are built first when needed.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { seedDemoOrganisation } from '../../../local/demo/seed-organisation';
import { createHost, type Host } from '../../../local/host/create-host';
import { demoOrganisationSite } from '../../../local/jira/demo-issues';
import { serverHostFor } from '../../../local/server/host-adapter';
import { startServer, type RunningServer } from '../../../local/server/start-server';
import { setProcessClock } from '../../../local/runtime/process-clock';
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

function openDemoHost(dataDir: string): Host {
  return createHost({
    dataDir,
    manifestPath: join(ROOT, 'manifest.yml'),
    delays: 'none',
    seed: demoOrganisationSite,
    syncWrites: false,
    jiraWriteDelayMs: 0,
  });
}

async function seedInto(dataDir: string): Promise<void> {
  const host = openDemoHost(dataDir);
  try {
    await seedDemoOrganisation(host);
  } finally {
    await host.close();
  }
}

const READY = 'seeded';

/**
 * A fresh data folder with the demo organisation as of `at`. Seeding takes seconds, so the first
 * e2e file of a run seeds it once into test-output/runs/<run>/ (under a lock folder; the others
 * wait for its marker) and every file gets its own copy, which it is free to change: files never
 * see each other's changes. Outside a Jest run with its globalSetup, each file seeds its own.
 */
async function demoDataDir(at: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-e2e-'));
  const run = process.env['TETHER_TEST_RUN'];
  if (run === undefined || run === '') {
    await seedInto(dataDir);
    return dataDir;
  }
  const template = join(ROOT, 'test-output', 'runs', run, `demo-${at}`);
  const lock = `${template}.lock`;
  mkdirSync(dirname(template), { recursive: true });
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // another file is seeding it
  }
  if (mine) {
    try {
      if (!existsSync(join(template, READY))) {
        rmSync(template, { recursive: true, force: true });
        await seedInto(template);
        // when the seeding ended on the (moving) clock: the last thing the demo wrote
        writeFileSync(join(template, READY), String(Date.now()));
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  } else {
    // wait for the seeding file: its marker, or its lock gone without one (it failed: seed here)
    const until = performance.now() + 180_000;
    while (!existsSync(join(template, READY)) && existsSync(lock) && performance.now() < until)
      await new Promise((r) => setTimeout(r, 200));
    if (!existsSync(join(template, READY))) {
      await seedInto(dataDir);
      return dataDir;
    }
  }
  cpSync(template, dataDir, { recursive: true, filter: (source) => !source.endsWith(`/${READY}`) });
  // This file's clock started at `at` too, but the demo was written up to when its seeding ended:
  // move on to then, or this file's first actions would come before the demo's last (a check-in
  // older than the demo's latest one changes no confidence). pinClock's restore still applies.
  const seededUntil = Number(readFileSync(join(template, READY), 'utf8'));
  if (Number.isFinite(seededUntil) && Date.now() <= seededUntil) setProcessClock(seededUntil + 1_000);
  return dataDir;
}

/** Starts the app with the demo organisation (seeded as of `at`, the pinned clock) and a browser. */
async function startTether(at: number): Promise<Tether> {
  ensureSurfacesBuilt();
  const dataDir = await demoDataDir(at);
  const host = openDemoHost(dataDir);
  let server: RunningServer | undefined;
  let chromium: LaunchedChromium | undefined;
  try {
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
  const at = pinClock();
  let tether: Tether | undefined;
  let page: Page | undefined;
  const started = () => {
    if (!tether || !page) throw new Error('Tether is not started: read it in a hook or a test');
    return { tether, page };
  };
  beforeAll(async () => {
    tether = await startTether(at);
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

/** A Custom UI frame's first render at most: its bundle loaded, parsed and run, the bridge answered. */
export const FRAME_TIMEOUT = 60_000;

/** The Custom UI frame of a module on the current page, once its app has rendered. */
export async function surfaceFrame(page: Page, moduleKey: string, readySelector = '#root *'): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-module-key="${moduleKey}"]`, { timeout: FRAME_TIMEOUT });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`the ${moduleKey} iframe has no frame`);
  await frame.waitForSelector(readySelector, { state: 'attached', timeout: FRAME_TIMEOUT });
  return frame;
}
