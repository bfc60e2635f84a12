/**
 * The rollup benchmark: full rollup of a generated organisation, the naive baseline, one-issue
 * incremental updates (status change, parent change) and peak heap, all in one run.
 */
import type { IssueState, ObjectiveRollup } from '../src/contract';
import { applyIssueChange, fullRollup } from '../src/domain/rollup';
import type { RollupInput, RollupModel } from '../src/domain/rollup-model';
import { DEFAULT_SEED, generateOrg, PARSE_CHECK_EVERY, type GeneratedOrg } from './generate-org';
import { collectGarbage, fmt, HeapSampler, MB, median, quantile, timeMs, verdict } from './measure';
import { naiveObjective, prepareNaive, type NaiveObjective } from './naive-rollup';
import { Rng } from '../local/prng';

const FULL_WARMUP = 1;
const FULL_RUNS = 5;
const NAIVE_SAMPLE = 50;
const STATUS_WARMUP = 200;
const STATUS_RUNS = 2_000;
const MOVE_WARMUP = 50;
const MOVE_RUNS = 500;
const TARGET = { fullMs: 500, incrementalRatio: 1_000, heapMb: 300 };

type Log = (line: string) => void;

/** Runs `fullRollup` warm-up + measured times; returns the median and the last model. */
function measureFull(input: RollupInput, heap: HeapSampler): { ms: number; runs: number[]; model: RollupModel } {
  const runs: number[] = [];
  let model: RollupModel | null = null;
  for (let i = 0; i < FULL_WARMUP + FULL_RUNS; i += 1) {
    model = null; // let the previous model go before the next run
    collectGarbage?.();
    const run = timeMs(() => fullRollup(input));
    heap.sample(`full rollup ${i + 1}`);
    model = run.value;
    if (i >= FULL_WARMUP) runs.push(run.ms);
  }
  return { ms: median(runs), runs, model: model as RollupModel };
}

/** Differences between the naive counts and the records of the real rollup. */
function naiveDifferences(naive: NaiveObjective, record: ObjectiveRollup | undefined): string[] {
  if (!record) return [`${naive.objectiveId}: no record`];
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(naive.work, record.work)) out.push(`${naive.objectiveId} work: naive ${JSON.stringify(naive.work)} ≠ ${JSON.stringify(record.work)}`);
  for (const kr of naive.keyResults) {
    const ours = record.keyResults.find((k) => k.keyResultId === kr.keyResultId);
    if (!ours || !same(kr.work, ours.work)) out.push(`${naive.objectiveId}/${kr.keyResultId} work: naive ${JSON.stringify(kr.work)} ≠ ${JSON.stringify(ours?.work)}`);
    if (kr.progress !== null && ours?.progress !== kr.progress) out.push(`${naive.objectiveId}/${kr.keyResultId} progress: naive ${kr.progress} ≠ ${ours?.progress}`);
  }
  return out;
}

/** The naive rollup on an evenly spread sample of objectives, checked against ours, extrapolated. */
function measureNaive(input: RollupInput, model: RollupModel) {
  const prepared = timeMs(() => prepareNaive(input));
  const ids = input.objectives.map((o) => o.id);
  const sample = Array.from({ length: NAIVE_SAMPLE }, (_, i) => ids[Math.floor(((i + 0.5) * ids.length) / NAIVE_SAMPLE)] as string);
  let sampleMs = 0;
  const differences: string[] = [];
  let counted = 0;
  for (const id of sample) {
    const run = timeMs(() => naiveObjective(prepared.value, id));
    sampleMs += run.ms;
    counted += run.value.work.issues;
    differences.push(...naiveDifferences(run.value, model.records.get(id)));
  }
  const extrapolatedMs = prepared.ms + (sampleMs / sample.length) * ids.length;
  return { prepareMs: prepared.ms, sampleMs, sampleSize: sample.length, extrapolatedMs, differences, counted };
}

const NEXT_STATUS: Record<IssueState['statusCategory'], IssueState['statusCategory']> = { new: 'indeterminate', indeterminate: 'done', done: 'new' };

/** The same story one status further along (new → in progress → done → new), a second later. */
function nextStatus(issue: IssueState): IssueState {
  const statusCategory = NEXT_STATUS[issue.statusCategory];
  const updated = issue.updated + 1_000;
  return {
    ...issue,
    statusCategory,
    started: statusCategory === 'new' ? null : (issue.started ?? updated),
    resolved: statusCategory === 'done' ? updated : null,
    updated,
  };
}

/** Times applyIssueChange for prepared upserts; the first `warmup` are not counted. */
function timeUpserts(model: RollupModel, keys: string[], warmup: number, change: (issue: IssueState) => IssueState) {
  const us: number[] = [];
  let changedRecords = 0;
  let noOps = 0;
  keys.forEach((key, i) => {
    const current = model.forest.nodes.get(key)?.issue;
    if (!current) throw new Error(`unknown issue ${key}`);
    const issue = change(current);
    const run = timeMs(() => applyIssueChange(model, { type: 'upsert', issue }));
    if (i < warmup) return;
    us.push(run.ms * 1_000);
    changedRecords += run.value.length;
    if (run.value.length === 0) noOps += 1;
  });
  return { medianUs: median(us), p95Us: quantile(us, 0.95), samples: us.length, changedPerUpdate: changedRecords / us.length, noOps };
}

/** Records after the incremental updates must equal a full rollup of the same issues. */
function inconsistentRecords(input: RollupInput, model: RollupModel): string[] {
  const issues = [...model.forest.nodes.values()].map((n) => n.issue);
  const fresh = fullRollup({ ...input, issues });
  return [...fresh.records].filter(([id, r]) => JSON.stringify(r) !== JSON.stringify(model.records.get(id))).map(([id]) => id);
}

export function runRollupBench(log: Log = console.log): Record<string, number> {
  const heap = new HeapSampler();
  const generated = timeMs(() => generateOrg());
  const org: GeneratedOrg = generated.value;
  const { input } = org;
  const issueCount = input.issues.length;
  const objectiveCount = input.objectives.length;
  collectGarbage?.();
  const inputMb = heap.sample('generation') / MB;
  const c = org.counts;
  log(`rollup: ${fmt(objectiveCount)} objectives on ${org.levels.length} levels (${org.levels.map((l) => l.id).join(' / ')}), ${fmt(c.keyResults)} key results,`);
  log(`  ${fmt(issueCount)} issues (${fmt(c.epics)} epics, ${fmt(c.stories)} stories, ${fmt(c.subTasks)} sub-tasks, ${fmt(c.bugs)} bugs), ${fmt(c.contributions)} contributions, ${fmt(c.checkIns)} check-ins`);
  log(`  generated in ${fmt(generated.ms)} ms (seed ${DEFAULT_SEED}; issues built as plain IssueState objects, 1 in ${PARSE_CHECK_EVERY} parsed through the contract to check)`);
  log(`  gc between phases: ${collectGarbage ? 'yes' : 'no (could not expose gc)'}`);

  const full = measureFull(input, heap);
  const issuesPerSec = issueCount / (full.ms / 1_000);
  log(`full rollup          ${fmt(full.ms, 1)} ms median of ${FULL_RUNS} (after ${FULL_WARMUP} warm-up; runs ${full.runs.map((r) => fmt(r)).join(', ')})`);
  log(`                     ${fmt(issuesPerSec)} issues/s   ${verdict(full.ms <= TARGET.fullMs)} (target ≤ ${TARGET.fullMs} ms)`);
  const model = full.model;
  collectGarbage?.();
  const liveMb = heap.sample('gc after the full rollups') / MB;

  const naive = measureNaive(input, model);
  const naiveRatio = naive.extrapolatedMs / full.ms;
  heap.sample('naive rollup');
  log(`naive rollup         ${fmt(naive.extrapolatedMs)} ms EXTRAPOLATED to ${fmt(objectiveCount)} objectives from a sample of ${naive.sampleSize}`);
  log(`                     (${fmt(naive.sampleMs)} ms for the sample + ${fmt(naive.prepareMs)} ms one-off indexing) → ${fmt(naiveRatio)}× our full rollup`);
  if (naive.differences.length > 0) {
    log(`                     MISMATCH: the naive counts differ from ours on ${naive.differences.length} figure(s):`);
    for (const d of naive.differences.slice(0, 10)) log(`                       ${d}`);
    throw new Error('naive rollup and fullRollup disagree');
  }
  log(`                     same work counts as ours on all ${naive.sampleSize} sampled objectives (${fmt(naive.counted)} issues counted)`);

  const shuffled = [...org.leafStories];
  const rng = new Rng(7);
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const statusKeys = shuffled.slice(0, STATUS_WARMUP + STATUS_RUNS);
  const status = timeUpserts(model, statusKeys, STATUS_WARMUP, nextStatus);
  const incrementalRatio = full.ms / (status.medianUs / 1_000);
  heap.sample('status changes');
  log(`status change        ${fmt(status.medianUs, 1)} µs median, ${fmt(status.p95Us, 1)} µs p95 over ${fmt(status.samples)} different stories (${STATUS_WARMUP} warm-up)`);
  log(`                     ${fmt(status.changedPerUpdate, 1)} records changed per update, ${status.noOps} no-ops → ${fmt(incrementalRatio)}× faster than full   ${verdict(incrementalRatio >= TARGET.incrementalRatio)} (target ≥ ${fmt(TARGET.incrementalRatio)}×)`);

  const moveKeys = shuffled.slice(STATUS_WARMUP + STATUS_RUNS, STATUS_WARMUP + STATUS_RUNS + MOVE_WARMUP + MOVE_RUNS);
  const moveTo = (issue: IssueState): IssueState => {
    let epic = rng.pick(org.epics);
    while (epic === issue.parentKey) epic = rng.pick(org.epics);
    return { ...issue, parentKey: epic, updated: issue.updated + 1_000 };
  };
  const move = timeUpserts(model, moveKeys, MOVE_WARMUP, moveTo);
  heap.sample('parent changes');
  heap.stop();
  log(`parent change        ${fmt(move.medianUs, 1)} µs median, ${fmt(move.p95Us, 1)} µs p95 over ${fmt(move.samples)} stories moved to another epic (${MOVE_WARMUP} warm-up)`);
  log(`                     ${fmt(move.changedPerUpdate, 1)} records changed per move → ${fmt(full.ms / (move.medianUs / 1_000))}× faster than full`);

  // the heap figure covers the measured phases; the check below holds a second model and is left out
  const peakMb = heap.peak / MB;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  log(`peak heap            ${fmt(peakMb, 1)} MB   ${verdict(peakMb <= TARGET.heapMb)} (target ≤ ${TARGET.heapMb} MB)`);
  log(`                     max heapUsed just before each of ${fmt(heap.collections)} GCs and at the end of each phase; peak ${heap.peakAt}`);
  log(`                     live after gc: input ${fmt(inputMb, 1)} MB, input + model ${fmt(liveMb, 1)} MB; peak RSS ${fmt(rssMb)} MB`);

  const inconsistent = inconsistentRecords(input, model);
  if (inconsistent.length > 0) {
    log(`consistency          MISMATCH: ${inconsistent.length} records differ from a full rollup after the updates: ${inconsistent.slice(0, 5).join(', ')}`);
    throw new Error('incremental updates and fullRollup disagree');
  }
  log(`consistency          after ${fmt(STATUS_WARMUP + status.samples + MOVE_WARMUP + move.samples)} updates all ${fmt(objectiveCount)} records equal a fresh full rollup`);

  const r1 = (n: number) => Math.round(n * 10) / 10;
  return {
    'rollup.objectives': objectiveCount,
    'rollup.issues': issueCount,
    'rollup.keyResults': c.keyResults,
    'rollup.contributions': c.contributions,
    'rollup.generate.ms': r1(generated.ms),
    'rollup.full.ms': r1(full.ms),
    'rollup.full.issuesPerSec': Math.round(issuesPerSec),
    'rollup.naive.ms': Math.round(naive.extrapolatedMs),
    'rollup.naive.sampleObjectives': naive.sampleSize,
    'rollup.naive.ratio': r1(naiveRatio),
    'rollup.incremental.us': r1(status.medianUs),
    'rollup.incremental.p95.us': r1(status.p95Us),
    'rollup.incremental.ratio': Math.round(incrementalRatio),
    'rollup.parentChange.us': r1(move.medianUs),
    'rollup.parentChange.p95.us': r1(move.p95Us),
    'rollup.heap.mb': r1(peakMb),
    'rollup.heap.live.mb': r1(liveMb),
    'rollup.rss.peak.mb': Math.round(rssMb),
  };
}
