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
