/**
 * A share (0.44) as the whole percent every surface shows (44): the progress meter, the status's
 * and the figure's words, the trend chart and the CSV's numbers all round it here, so a figure
 * reads the same wherever it is printed.
 */
export function wholePercent(share: number): number {
  return Math.round(share * 100);
}

/** "44%". */
export function percent(share: number): string {
  return `${wholePercent(share)}%`;
}
