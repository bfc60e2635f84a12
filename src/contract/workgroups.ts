import { z } from 'zod';
import { AccountId, ProjectKey, RecordId } from './common';

export const WorkgroupKind = z.enum(['permanent-team', 'cross-functional-team', 'squad', 'delivery-group']);
export type WorkgroupKind = z.infer<typeof WorkgroupKind>;

/** People working together on interdependent tasks toward shared objectives. */
export const Workgroup = z.object({
  id: RecordId,
  name: z.string().trim().min(1, 'a workgroup needs a name').max(120),
  kind: WorkgroupKind,
  leads: z.array(AccountId).min(1, 'a workgroup has at least one lead'),
  members: z.array(AccountId).default([]),
  projects: z.array(ProjectKey).default([]),
});
export type Workgroup = z.infer<typeof Workgroup>;
