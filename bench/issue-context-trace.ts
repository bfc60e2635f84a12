/**
 * A diagnostic, not a benchmark (npx tsx bench/issue-context-trace.ts): where the issue context's
 * first render goes. Opens WEB-8 as the member on the strict host (seeded lenient, as bench ui
 * does) `RUNS` times (default 3, after one warm-up) and prints, for each load, a timeline in ms from
 * navigation: every request the page and its frames make, with when it was sent and answered (the
 * bridge's calls named by command and resolver key), and the page's and the frame's own marks —
 * DOMContentLoaded, the frame's first text (the skeleton), the served line in the DOM and the next
 * frame painted (what `render.issueContext.ms` measures). `FORGE=lenient` measures the lenient
 * host's issue view, where the issue panel's frame loads beside the context.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverHostFor } from '../local/server/host-adapter';
import { startServer } from '../local/server/start-server';
import { launchChromium } from '../test/support/chromium';
import { demoOrganisationHost } from './ui.bench';

const RUNS = Number(process.env.RUNS ?? 3);
const FORGE = process.env.FORGE === 'lenient' ? 'lenient' : 'strict';

interface Line {
  at: number;
  text: string;
}

/** What a bridge request asks, from its body: `getContext`, `invoke issue-panel/view`, … */
function bridgeName(body: string | null): string {
  try {
    const parsed: unknown = JSON.parse(body ?? '{}');
    const command = String(Reflect.get(Object(parsed), 'command') ?? '?');
    const key: unknown = Reflect.get(Object(Reflect.get(Object(parsed), 'payload')), 'functionKey');
    return `bridge ${command}${typeof key === 'string' ? ` ${key}` : ''}`;
  } catch {
    return 'bridge ?';
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-context-trace-'));
  const host = await demoOrganisationHost(dataDir, FORGE);
  const server = await startServer({ host: serverHostFor(host), port: 0, log: () => undefined });
  const chromium = await launchChromium();
  try {
    for (let run = 0; run <= RUNS; run += 1) {
      const page = await chromium.browser.newPage();
      const requests: { name: string; sent: number; answered: number }[] = [];
      page.on('requestfinished', (request) => {
        const timing = request.timing();
        const path = request.url().replace(server.url, '');
        requests.push({
          name: path.startsWith('/__tether/bridge') ? bridgeName(request.postData()) : path,
          sent: timing.startTime,
          answered: timing.startTime + timing.responseEnd,
        });
      });
      await page.addInitScript(() => {
        // no named helper here: tsx would wrap it in a function the page does not have
        if (!location.pathname.includes('/__tether/resources/')) {
          document.addEventListener('DOMContentLoaded', () => Reflect.set(window, '__pageReady', Date.now()));
          return;
        }
        Reflect.set(window, '__frameStart', Date.now());
        const watch = new MutationObserver(() => {
          const text = document.body.textContent ?? '';
          if (Reflect.get(window, '__firstText') === undefined && text.length > 0)
            Reflect.set(window, '__firstText', Date.now());
          if (!text.includes('Deliver one-page checkout')) return;
          watch.disconnect();
          Reflect.set(window, '__servedAt', Date.now());
          requestAnimationFrame(() => Reflect.set(window, '__paintedAt', Date.now()));
        });
        document.addEventListener('DOMContentLoaded', () => {
          Reflect.set(window, '__frameReady', Date.now());
          watch.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
      });
      const start = Date.now();
      await page.goto(`${server.url}/browse/WEB-8?as=member`);
      const handle = await page.waitForSelector('iframe[data-module-key="tether-issue-context"]');
      const frame = await handle.contentFrame();
      if (frame === null) throw new Error('no issue context frame');
      await frame.waitForFunction(() => typeof Reflect.get(window, '__paintedAt') === 'number', undefined, {
        timeout: 30_000,
      });
      const marks = await frame.evaluate(() =>
        ['__frameStart', '__frameReady', '__firstText', '__servedAt', '__paintedAt'].map(
          (name) => [name, Number(Reflect.get(window, name))] as const,
        ),
      );
      const pageReady = await page.evaluate(() => Number(Reflect.get(window, '__pageReady')));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the last requestfinished events
      const names: Record<string, string> = {
        __frameStart: 'frame document starts',
        __frameReady: 'frame DOMContentLoaded (its scripts have run)',
        __firstText: 'frame shows its first text (the skeleton)',
        __servedAt: 'the served line is in the DOM',
        __paintedAt: 'painted (render.issueContext.ms)',
      };
      const lines: Line[] = [
        ...requests.map((r) => ({
          at: r.sent - start,
          text: `${String(Math.round(r.sent - start)).padStart(5)} → ${String(Math.round(r.answered - start)).padStart(5)}  ${r.name}`,
        })),
        { at: pageReady - start, text: `${String(pageReady - start).padStart(5)}          page DOMContentLoaded` },
        ...marks.map(([name, at]) => ({
          at: at - start,
          text: `${String(at - start).padStart(5)}          ${names[name] ?? name}`,
        })),
      ].sort((a, b) => a.at - b.at);
      const painted = marks.find(([name]) => name === '__paintedAt')?.[1] ?? NaN;
      console.log(`${run === 0 ? 'warm-up' : `load ${run}`} (${FORGE}): ${painted - start} ms`);
      if (run > 0) console.log(lines.map((l) => `  ${l.text}`).join('\n'));
      await page.close();
    }
  } finally {
    await chromium.close();
    await server.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
