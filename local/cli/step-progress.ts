/**
 * Progress of a queued job the command waits for ("import job …: 120 of 400 steps (30 %)"): on a
 * TTY one line redrawn in place, with a bar, as often as it changes; otherwise (a pipe, a log, CI)
 * a plain line each time another tenth of the steps is done, and one at the end.
 */
import { bar, fitLine, terminalColumns } from './terminal';

export interface ProgressStream {
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  write(text: string): unknown;
}

export interface StepProgress {
  /** The job's steps done so far, of `total`. */
  update(done: number, total: number): void;
  /** Ends the line redrawn in place (a TTY); call before printing anything else. */
  finish(): void;
}

const percent = (done: number, total: number) => (total > 0 ? Math.floor((done / total) * 100) : 0);

export function stepProgress(stream: ProgressStream, label: string): StepProgress {
  const words = (done: number, total: number) => `${done} of ${total} steps (${percent(done, total)} %)`;
  if (stream.isTTY === true) {
    let drawn: string | null = null;
    return {
      update(done, total) {
        const columns = terminalColumns(stream);
        const width = Math.max(10, Math.min(30, columns - 60));
        // the figures first: a narrow terminal cuts the label, not them
        const line = fitLine(`${bar(total > 0 ? done / total : 0, width)} ${words(done, total)} ${label}`, columns);
        if (line === drawn) return;
        stream.write(`\r\x1b[2K${line}`);
        drawn = line;
      },
      finish() {
        if (drawn !== null) stream.write('\n');
        drawn = null;
      },
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = Math.floor(percent(done, total) / 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`${label}: ${words(done, total)}\n`);
    },
    finish: () => undefined,
  };
}
