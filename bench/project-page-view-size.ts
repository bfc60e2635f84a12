/**
 * Where project-page/view's time and bytes go for one workgroup of 2,000 objectives (issue 14), and
 * what the page asks off the first screen's path (project-page/feedback, project-page/objective):
 * the workgroup of `npm run bench -- ui` (bench/ui-org.ts, no key results), seeded through the
 * resolvers on a lenient local host; then the view is asked as the lead, warm, several times, and
 * its reply is taken apart: bytes per part of an entry, the host's invocation time, the reply's
 * JSON text and the contract's zod parse (what the frame does again). Run: npx tsx bench/project-page-view-size.ts [count]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replyFor } from '../src/contract/api';
import { MODULES } from '../local/app-calls/resolver-caller';
import { PROJECTS } from '../local/demo/seed-call';
import { createHost } from '../local/host/create-host';
import { demoOrganisationSite } from '../local/jira/demo-issues';
import { DEMO_ACCOUNTS } from '../local/jira/seed';
import { fmt, median, nowMs } from './measure';
import { seedLargeProject } from './ui-org';

const ROOT = join(__dirname, '..');
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');

async function main(count: number, loads = 5): Promise<void> {
  // VIEW_SIZE_DIR: a data folder kept between runs (seeded on the first), for profiling the view alone
  const kept = process.env.VIEW_SIZE_DIR;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'tether-view-size-'));
  const seed = kept === undefined || !existsSync(join(kept, 'kvs'));
  const host = createHost({
    dataDir,
    manifestPath: join(ROOT, 'manifest.yml'),
    delays: 'none',
    seed: demoOrganisationSite,
    syncWrites: false,
    forge: 'lenient',
  });
  try {
    if (seed) {
      const seeded = nowMs();
      await seedLargeProject(host, count, Date.now(), { keyResults: false });
      console.log(`seeded ${count} objectives in ${fmt((nowMs() - seeded) / 1000, 1)} s`);
    }
    const invoke = () =>
      host.invokeResolver({
        moduleKey: MODULES.projectPage,
        functionKey: 'project-page/view',
        accountId: DEMO_ACCOUNTS.lead,
        payload: { projectKey: 'WEB' },
        extension: { project: PROJECTS.WEB },
      });
    const invokeMs: number[] = [];
    const hostMs: number[] = [];
    const stringifyMs: number[] = [];
    const parseTextMs: number[] = [];
    const zodMs: number[] = [];
    let reply: unknown = null;
    for (let run = 0; run <= loads; run += 1) {
      const t0 = nowMs();
      const result = await invoke();
      const t1 = nowMs();
      if (!result.ok) throw new Error(result.error.message);
      const text = JSON.stringify(result.value);
      const t2 = nowMs();
      const value: unknown = JSON.parse(text);
      const t3 = nowMs();
      replyFor('project-page/view').parse(value);
      const t4 = nowMs();
      if (run === 0) continue;
      invokeMs.push(t1 - t0);
      hostMs.push(result.durationMs);
      stringifyMs.push(t2 - t1);
      parseTextMs.push(t3 - t2);
      zodMs.push(t4 - t3);
      reply = value;
    }
    const data = Reflect.get(Object(reply), 'data') as Record<string, unknown>;
    const entries = [
      ...(data.workgroups as Array<{ objectives: Array<Record<string, unknown>> }>).flatMap((w) => w.objectives),
      ...(data.aligned as Array<Record<string, unknown>>),
    ];
    const total = bytes(reply);
    console.log(
      `reply: ${fmt(total / 1024, 0)} KB JSON for ${entries.length} entries (${fmt(total / entries.length, 0)} B each)`,
    );
    const parts = new Map<string, number>();
    for (const e of entries) {
      for (const [k, v] of Object.entries(e)) {
        if (k === 'objective' || k === 'can') {
          for (const [k2, v2] of Object.entries(v as Record<string, unknown>))
            parts.set(`${k}.${k2}`, (parts.get(`${k}.${k2}`) ?? 0) + bytes(v2) + k2.length + 4);
        } else parts.set(k, (parts.get(k) ?? 0) + bytes(v) + k.length + 4);
      }
    }
    for (const [k, v] of [...parts].sort((a, b) => b[1] - a[1]))
      console.log(`  ${k.padEnd(32)} ${fmt(v / 1024, 1).padStart(8)} KB  ${fmt((100 * v) / total, 1).padStart(5)} %`);
    for (const k of Object.keys(data).filter((k) => k !== 'workgroups' && k !== 'aligned'))
      console.log(`  page.${k.padEnd(27)} ${fmt(bytes(data[k]) / 1024, 1).padStart(8)} KB`);
    console.log(
      `median of ${loads} warm loads: invocation ${fmt(median(invokeMs), 0)} ms (host's own figure ${fmt(median(hostMs), 0)} ms); ` +
        `JSON.stringify ${fmt(median(stringifyMs), 1)} ms, JSON.parse ${fmt(median(parseTextMs), 1)} ms, zod parse ${fmt(median(zodMs), 1)} ms`,
    );
    // what the page asks besides, off the first screen's path: the headers' feedback once the rows
    // are shown, and an objective's whole entry when its detail opens (the first row's)
    const firstKey = entries[0] === undefined ? null : String(Reflect.get(Object(entries[0].objective), 'key'));
    const after = async (functionKey: string, payload: Record<string, string>) => {
      const ms: number[] = [];
      let size = 0;
      for (let run = 0; run <= loads; run += 1) {
        const result = await host.invokeResolver({
          moduleKey: MODULES.projectPage,
          functionKey,
          accountId: DEMO_ACCOUNTS.lead,
          payload,
          extension: { project: PROJECTS.WEB },
        });
        if (!result.ok) throw new Error(result.error.message);
        size = bytes(result.value);
        if (run > 0) ms.push(result.durationMs);
      }
      console.log(
        `${functionKey}: ${fmt(size / 1024, 1)} KB, the host's figure ${fmt(median(ms), 0)} ms (median of ${loads})`,
      );
    };
    await after('project-page/feedback', { projectKey: 'WEB' });
    if (firstKey !== null) await after('project-page/objective', { projectKey: 'WEB', objectiveKey: firstKey });
  } finally {
    await host.close();
    if (kept === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

void main(Number(process.argv[2] ?? 2000));
