/**
 * A period's rollup as CSV (docs/project-page.md, "Export CSV"): pure, so the project page and the
 * organisation page export the same columns from the objectives they show, with the same figures
 * as the screen (progress rounded as the progress meter prints it, the status in the lozenge's
 * words, the work as the tree's done/issues).
 *
 * `toCsv` writes RFC 4180 CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads it as
 * UTF-8 then), CRLF line ends, a field quoted when it holds a comma, a quote, a line break or
 * leading/trailing space, quotes doubled inside. A text field that a spreadsheet would run as a
 * formula — it starts with `=`, `+`, `-`, `@`, a tab or a carriage return — is written with a
 * leading `'`, so an objective titled `=HYPERLINK(…)` is shown as text, never run. Numbers are
 * written as numbers (a negative one is not a formula).
 */
import type { ObjectiveView } from '@contract/api';
import type { KeyResult } from '@contract/key-results';
import type { KeyResultRollup, ObjectiveRollup, WorkSummary } from '@contract/rollup';
import { wholePercent } from './percent';
import { shownStatus, STATUS_TEXT } from './status-text';

export type CsvCell = string | number | null;

/** Excel opens a UTF-8 file as UTF-8 only when it starts with this mark. */
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as written: numbers as they are, text guarded against formulas and quoted when needed. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the byte-order mark, the header and the rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

export const ROLLUP_CSV_HEADER = [
  'Objective',
  'Title',
  'Level',
  'Workgroup',
  'Owner',
  'Status',
  'Progress %',
  'Key results',
  'Key results (progress)',
  'Work done',
  'Work total',
] as const;

/** An objective shown on a page, with the names the page shows beside it. */
export interface ShownObjective {
  /** What the row is made of: the objective and its rollup (a project page row or an organisation page entry). */
  entry: {
    objective: Pick<ObjectiveView, 'key' | 'title' | 'levelId' | 'owner'> & {
      keyResults: ReadonlyArray<Pick<KeyResult, 'id' | 'key' | 'title'>>;
    };
    rollup:
      | (Pick<ObjectiveRollup, 'status' | 'progress'> & {
          work: Pick<WorkSummary, 'done' | 'issues'>;
          keyResults: ReadonlyArray<Pick<KeyResultRollup, 'keyResultId' | 'progress'>>;
        })
      | null;
  };
  /** The workgroup's name; null for an objective of no workgroup. */
  workgroup: string | null;
}

export interface RollupNames {
  level(levelId: string): string;
  owner(accountId: string): string;
}

/** A share as the progress meter prints it: a whole percent (percent.ts). */
export function percentOf(share: number | null | undefined): number | null {
  return share === null || share === undefined ? null : wholePercent(share);
}

/** One row per objective, in the order given (an objective given twice is written once). */
export function rollupCsvRows(objectives: Iterable<ShownObjective>, names: RollupNames): CsvCell[][] {
  const seen = new Set<string>();
  const rows: CsvCell[][] = [];
  for (const { entry, workgroup } of objectives) {
    const { objective, rollup } = entry;
    if (seen.has(objective.key)) continue;
    seen.add(objective.key);
    const krProgress = new Map((rollup?.keyResults ?? []).map((k) => [k.keyResultId, k.progress]));
    const keyResults = objective.keyResults
      .map((kr) => {
        const p = percentOf(krProgress.get(kr.id));
        return `${kr.key} ${kr.title}${p === null ? '' : ` (${p}%)`}`;
      })
      .join('; ');
    rows.push([
      objective.key,
      objective.title,
      names.level(objective.levelId),
      workgroup ?? '',
      names.owner(objective.owner),
      STATUS_TEXT[shownStatus(entry)],
      percentOf(rollup?.progress),
      objective.keyResults.length,
      keyResults,
      rollup?.work.done ?? 0,
      rollup?.work.issues ?? 0,
    ]);
  }
  return rows;
}

/** The file for the objectives a page shows. */
export function rollupCsv(objectives: Iterable<ShownObjective>, names: RollupNames): string {
  return toCsv(ROLLUP_CSV_HEADER, rollupCsvRows(objectives, names));
}

/** A file name from its parts: `tether-WEB-2026-q4.csv`; what a file name cannot hold becomes `-`. */
export function csvFileName(...parts: readonly string[]): string {
  return `${['tether', ...parts].map((p) => p.replace(/[^A-Za-z0-9._-]+/g, '-')).join('-')}.csv`;
}
