/**
 * The organisation page's cost (docs/organisation-page.md): `organisation/view` of the period in an
 * organisation of 5,000 objectives (bench/generate-org.ts, seeded as the page bench does), its
 * first page of 200, as a Jira administrator and as the lead of one workgroup, counted by the
 * local host: KVS round trips, read units, Jira calls, the reply's size and time; the sequential
 * storage waves and the time with 40 ms a storage call and 150 ms a Jira call; and the last page,
 * reached with `after`.
 */
import { replyFor } from '../src/contract/api';
import { ACCOUNT, startAppHost, type AppHost } from '../test/support/app-host';
import { fmt, median, nowMs } from './measure';
import { seed } from './page.bench';

const OBJECTIVES = 5_000;
const ISSUES = 10_000;
const LOADS = 5;

async function view(app: AppHost, accountId: string, payload: Record<string, unknown>) {
  const started = nowMs();
  const result = await app.host.invokeResolver({
    // the test host's manifest has the resolver on the project page; the resolver function is the same one
    moduleKey: 'tether-project-page',
    functionKey: 'organisation/view',
    accountId,
    payload: { periodId: 'p-2026q4', ...payload },
  });
  const ms = nowMs() - started;
  if (!result.ok) throw new Error(`organisation/view failed: ${result.error.message}`);
  const reply = replyFor('organisation/view').parse(result.value);
  if (!reply.ok) throw new Error(`organisation/view answered ${reply.error.code}: ${reply.error.message}`);
  return {
    data: reply.data,
    kvs: result.counts.kvsRoundTrips,
    readUnits: result.counts.kvsReadUnits,
    waves: result.counts.kvsWaves,
    jira: result.counts.productCalls,
    bytes: Buffer.byteLength(JSON.stringify(result.value)),
    ms,
  };
}

async function measure(app: AppHost, accountId: string) {
  const loads = [];
  for (let i = 0; i < LOADS; i += 1) loads.push(await view(app, accountId, {}));
  const first = loads[loads.length - 1];
  if (first === undefined) throw new Error('no load');
  return { first, ms: median(loads.map((l) => l.ms)) };
}

export async function runOrganisationBench(): Promise<Record<string, number>> {
  // lenient, as the page bench: the records are seeded straight into storage; the figures are counts
  const app = startAppHost({ forge: 'lenient' });
  try {
    await seed(app, OBJECTIVES, ISSUES);
    const admin = await measure(app, ACCOUNT.admin);
    const lead = await measure(app, ACCOUNT.lead);
    // with 40 ms a storage call and 150 ms a Jira call (as the page bench): the sequential waves and the time
    app.host.runtime.setLatency({ kvsMs: 40, productMs: 150 });
    const slow = await view(app, ACCOUNT.lead, {});
    app.host.runtime.setLatency({ kvsMs: 0, productMs: 0 });
    console.log(
      `  with 40 ms a storage call and 150 ms a Jira call, as the lead: ${slow.waves} sequential storage waves, ${fmt(slow.ms, 0)} ms`,
    );
    // the last page, asked after the key before it: it costs what the first does
    const total = admin.first.data.total;
    const all = await view(app, ACCOUNT.admin, { limit: 500 });
    let after = all.data.next;
    let last = all;
    while (after !== null) {
      last = await view(app, ACCOUNT.admin, { limit: 500, after });
      after = last.data.next;
    }
    for (const [who, f] of [
      ['a Jira administrator', admin],
      ['the lead of one workgroup', lead],
    ] as const) {
      console.log(
        `organisation/view, ${fmt(OBJECTIVES)} objectives, as ${who}: ${fmt(f.first.data.total)} visible, ${f.first.data.entries.length} on the first page (+${f.first.data.context.length} context); ${f.first.kvs} KVS round trips, ${fmt(f.first.readUnits)} read units, ${f.first.waves} waves, ${f.first.jira} Jira calls; reply ${fmt(f.first.bytes / 1024, 0)} KB; ${fmt(f.ms, 0)} ms median of ${LOADS}`,
      );
    }
    console.log(
      `  the last page of ${fmt(total)} (500 a page): ${last.kvs} KVS round trips, ${fmt(last.readUnits)} read units`,
    );
    return {
      'organisation.kvs.roundtrips': admin.first.kvs,
      'organisation.kvs.readUnits': admin.first.readUnits,
      'organisation.kvs.waves': slow.waves,
      'organisation.latency.ms': Math.round(slow.ms),
      'organisation.jira.calls': admin.first.jira,
      'organisation.reply.KB': Math.round(admin.first.bytes / 102.4) / 10,
      'organisation.ms': Math.round(admin.ms),
      'organisation.lead.kvs.roundtrips': lead.first.kvs,
      'organisation.lead.jira.calls': lead.first.jira,
      'organisation.lead.ms': Math.round(lead.ms),
    };
  } finally {
    await app.close();
  }
}
