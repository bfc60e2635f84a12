import { z } from 'zod';
import { endpoint } from './endpoint';

/** JQL to check as the user types it (the JQL of a query key result). Empty JQL is answered as invalid, not refused. */
export const JqlValidatePayload = z.strictObject({ jql: z.string().max(4000, 'JQL has at most 4,000 characters') });
export type JqlValidatePayload = z.infer<typeof JqlValidatePayload>;

/** What Jira says of the JQL, for the caller: its error messages, and how many issues they can see match. */
export const JqlValidation = z.object({
  valid: z.boolean(),
  /** Jira's messages (empty when valid). */
  errors: z.array(z.string()),
  /** Issues the caller can see that match (counted up to 1,000); null when not valid. */
  count: z.number().int().nonnegative().nullable(),
  /** More issues match than `count`. */
  more: z.boolean(),
});
export type JqlValidation = z.infer<typeof JqlValidation>;

export const jqlEndpoints = {
  'jql/validate': endpoint(JqlValidatePayload, JqlValidation),
};
