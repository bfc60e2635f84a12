/**
 * Progress of an import on a terminal: a bar redrawn in place when the stream is a TTY, plain
 * lines at most every `intervalMs` otherwise (logs, CI). Both go to the stream given (stderr).
 */
import { bar, fitLine, terminalColumns } from '../cli/terminal';
import type { ImportProgress } from './import-jira';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The fraction done of the current file: by records when the total is known, else by bytes read. */
export function fractionDone(p: ImportProgress): number | null {
  if (p.fileTotal !== null && p.fileTotal > 0) return Math.min(1, p.fileRecords / p.fileTotal);
  if (p.bytesTotal > 0) return Math.min(1, p.bytesRead / p.bytesTotal);
  return null;
}

export function describeProgress(p: ImportProgress): string {
  const fileName = p.file === null ? '' : p.file.split(/[\\/]/).pop();
  switch (p.phase) {
    case 'reading': {
      const count =
        p.fileTotal !== null
          ? `${fmt.format(p.fileRecords)}/${fmt.format(p.fileTotal)} records`
          : `${fmt.format(p.fileRecords)} records (${mb(p.bytesRead)} of ${mb(p.bytesTotal)})`;
      const files = p.fileCount > 1 ? ` [file ${p.fileIndex}/${p.fileCount}]` : '';
      return `${fileName}${files}: ${count}, ${fmt.format(p.rate)}/s`;
    }
    case 'building':
      return `building the result from ${fmt.format(p.records)} records`;
    case 'applying':
      return 'applying to the store';
    case 'done':
      return `done: ${fmt.format(p.records)} records in ${(p.elapsedMs / 1000).toFixed(1)} s`;
  }
}

export function progressPrinter(
  stream: ProgressStream,
  intervalMs = 2000,
): { onProgress: (p: ImportProgress) => void; finish: () => void } {
  let lastLine = -Infinity;
  let drawn = false;
  if (stream.isTTY) {
    return {
      onProgress: (p) => {
        // a terminal reporting 0 columns (or none) is taken as 80 wide; a real width is never exceeded
        const columns = terminalColumns(stream);
        const width = Math.max(10, Math.min(30, columns - 60));
        const fraction = p.phase === 'reading' ? fractionDone(p) : p.phase === 'done' ? 1 : null;
        const shown =
          fraction === null ? '' : `${bar(fraction, width)} ${String(Math.floor(fraction * 100)).padStart(3)}% `;
        stream.write(`\r\x1b[2K${fitLine(`${shown}${describeProgress(p)}`, columns)}`);
        drawn = true;
      },
      finish: () => {
        if (drawn) stream.write('\n');
        drawn = false;
      },
    };
  }
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (p.phase === 'reading' && now - lastLine < intervalMs) return;
      lastLine = now;
      const fraction = p.phase === 'reading' ? fractionDone(p) : null;
      stream.write(
        `import-jira: ${describeProgress(p)}${fraction === null ? '' : ` (${Math.floor(fraction * 100)}%)`}\n`,
      );
    },
    finish: () => undefined,
  };
}
