/**
 * Headless Chromium for browser tests: Debian's `chromium` driven by playwright-core (which never
 * downloads a browser here). Found via CHROMIUM_PATH, /usr/bin/chromium, or `chromium` on PATH;
 * when none is found the test FAILS with how to install it — never a silent skip.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_NOT_FOUND =
  'Chromium not found: install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to launch, or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return executable(fromEnv) ? fromEnv : null;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}

export interface LaunchedChromium {
  browser: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile; throws CHROMIUM_NOT_FOUND when there is none. */
export async function launchChromium(): Promise<LaunchedChromium> {
  const executablePath = findChromium();
  if (executablePath === null) throw new Error(CHROMIUM_NOT_FOUND);
  const userDataDir = mkdtempSync(join(tmpdir(), 'tether-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 1000 },
  });
  return {
    browser: context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
