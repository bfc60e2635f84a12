/**
 * `tether rollup [--project KEY] [--json]`: the rollup the project page shows, read from the app's
 * storage in the data folder — every objective (or those of the project's workgroups) with its
 * progress, status, key results and contributing work. With --json, one JSON array.
 */
import { WhereConditions } from '@forge/kvs';
import { compareObjectiveKeys } from '../../../src/contract';
import type { StoredRollup } from '../../../src/app/rollup/stored-records';
import { rollups } from '../../../src/forge/store/rollup-entities';
import { ForgeWorkgroupStore } from '../../../src/forge/store/workgroup-store';
import { dataDirectory } from '../../kvs/kvs-service';
import type { CliIo } from '../cli-io';
import { missingDataFolder } from '../input-files';
import { openHost, type HostFlags } from '../open-host';

export interface RollupLine {
  key: string;
  title: string;
  level: string;
  progress: number | null;
  status: string;
  keyResults: {
    key: string;
    title: string;
    kind: string;
    progress: number | null;
    value: number | null;
    target: number | null;
  }[];
  work: { total: number; done: number; inProgress: number; toDo: number; pointsDone: number; pointsTotal: number };
}

export function rollupLine(r: StoredRollup): RollupLine {
  const { record, objective } = r;
  return {
    key: objective.key,
    title: objective.title,
    level: objective.levelId,
    progress: record.progress,
    status: record.status,
    keyResults: r.keyResults.map((kr) => {
      const k = record.keyResults.find((x) => x.keyResultId === kr.id);
      return {
        key: kr.key,
        title: kr.title,
        kind: kr.kind,
        progress: k?.progress ?? null,
        value: k?.value ?? null,
        target: k?.target ?? null,
      };
    }),
    work: {
      total: record.work.issues,
      done: record.work.done,
      inProgress: record.work.inProgress,
      toDo: record.work.toDo,
      pointsDone: record.work.pointsDone,
      pointsTotal: record.work.points,
    },
  };
}

const percent = (p: number | null) => (p === null ? 'no measure' : `${Math.round(p * 100)} %`);

export async function rollupCommand(
  flags: HostFlags & { project?: string | undefined; json?: boolean | undefined },
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const missing = missingDataFolder(dataDirectory(env), 'rollup');
  if (missing !== null) {
    io.err(missing);
    return 1;
  }
  const host = openHost(flags, env);
  try {
    const stored = await host.runtime.runInvocation({ accountId: null, moduleKey: 'tether-cli' }, async () => {
      if (flags.project === undefined) return rollups().query('by-number', { range: WhereConditions.greaterThan(0) });
      const workgroups = await new ForgeWorkgroupStore().listByProject(flags.project.toUpperCase());
      const lists = await Promise.all(workgroups.map((w) => rollups().query('by-workgroup', { partition: [w.id] })));
      return lists.flat().sort((a, b) => compareObjectiveKeys(a.objective.key, b.objective.key));
    });
    const lines = stored.map(rollupLine);
    if (flags.json === true) {
      io.out(JSON.stringify(lines, null, 2));
      return 0;
    }
    if (lines.length === 0) {
      io.err(
        flags.project === undefined
          ? 'No objectives yet.'
          : `No objectives for the workgroups of project ${flags.project}.`,
      );
      return 0;
    }
    for (const l of lines) {
      io.out(
        `${l.key.padEnd(7)} ${percent(l.progress).padStart(10)}  ${l.status.padEnd(10)} ${l.title}  [${l.work.done}/${l.work.total} issues done, ${l.work.pointsDone}/${l.work.pointsTotal} points]`,
      );
      for (const k of l.keyResults)
        io.out(`          ${k.key.padEnd(6)} ${percent(k.progress).padStart(10)}  ${k.kind.padEnd(16)} ${k.title}`);
    }
    return 0;
  } finally {
    await host.close();
  }
}
