export interface WeightedInput {
  weight: number;
  progress: number | null;
}

/** Whether an input counts in the mean: it carries a measure and a weight above 0. */
export function isCounted(input: WeightedInput): boolean {
  return input.progress !== null && input.weight > 0;
}

/**
 * Weighted mean of the inputs that carry a measure; weights are normalised over those inputs.
 * null when no input with a weight above 0 carries a measure ("no measure", never 0).
 */
export function weightedMean(inputs: readonly WeightedInput[]): { value: number | null; measured: number } {
  let sum = 0;
  let weights = 0;
  let measured = 0;
  for (const input of inputs) {
    if (!isCounted(input)) continue;
    sum += input.weight * (input.progress as number);
    weights += input.weight;
    measured += 1;
  }
  if (weights === 0) return { value: null, measured: 0 };
  return { value: Math.min(1, Math.max(0, sum / weights)), measured };
}

/**
 * `weightedMean` taken input by input, without making the inputs (an event's walk up computes a
 * record per level: the objects were most of what a record allocated besides the record itself).
 * Added in the same order, it gives the same figures.
 */
export class WeightedSum {
  private sum = 0;
  private weights = 0;
  private measured = 0;

  add(weight: number, progress: number | null): void {
    if (progress === null || !(weight > 0)) return;
    this.sum += weight * progress;
    this.weights += weight;
    this.measured += 1;
  }

  mean(): { value: number | null; measured: number } {
    if (this.weights === 0) return { value: null, measured: 0 };
    return { value: Math.min(1, Math.max(0, this.sum / this.weights)), measured: this.measured };
  }
}
