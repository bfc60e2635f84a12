import { z } from 'zod';
import { FigureExplained } from '../figure-explained';
import { ObjectiveKey } from '../objectives';
import { endpoint } from './endpoint';

/** Why an objective shows its figure and status: its breakdown and its status's reason (docs/rollup.md). */
export const ObjectiveExplainPayload = z.strictObject({ objectiveKey: ObjectiveKey });
export type ObjectiveExplainPayload = z.infer<typeof ObjectiveExplainPayload>;

export const ObjectiveExplained = z.object({
  objectiveKey: ObjectiveKey,
  /** null until the objective's first rollup is written. */
  explained: FigureExplained.nullable(),
});
export type ObjectiveExplained = z.infer<typeof ObjectiveExplained>;

export const explainEndpoints = {
  'objectives/explain': endpoint(ObjectiveExplainPayload, ObjectiveExplained),
};
