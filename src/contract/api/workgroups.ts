import { z } from 'zod';
import { AccountId, Instant, ProjectKey, RecordId } from '../common';
import { Workgroup, WorkgroupKind } from '../workgroups';
import { endpoint, refineUnique } from './endpoint';

export const WORKGROUP_LIMITS = {
  leads: 20,
  members: 500,
  /**
   * A workgroup's projects are kept as one storage key per project, changed in the same
   * transaction as the workgroup: 1 + 12 removed + 12 added = 25, Forge's transaction limit.
   */
  projects: 12,
} as const;

/** A stored workgroup: the workgroup, its version and when it was created and last changed. */
export const WorkgroupRecord = Workgroup.extend({
  version: z.number().int().nonnegative(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type WorkgroupRecord = z.infer<typeof WorkgroupRecord>;

/** The order workgroups are listed in: by name, ignoring case, then by id. */
export function byWorkgroupName(a: Pick<Workgroup, 'id' | 'name'>, b: Pick<Workgroup, 'id' | 'name'>): number {
  return a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id);
}

const Leads = z
  .array(AccountId)
  .min(1, 'a workgroup has at least one lead')
  .max(WORKGROUP_LIMITS.leads, `a workgroup has at most ${WORKGROUP_LIMITS.leads} leads`)
  .superRefine((ids, ctx) =>
    refineUnique(
      ids,
      (id) => id,
      ctx,
      (id) => `lead ${id}`,
      (i) => [i],
    ),
  );
const Members = z
  .array(AccountId)
  .max(WORKGROUP_LIMITS.members, `a workgroup has at most ${WORKGROUP_LIMITS.members} members`)
  .superRefine((ids, ctx) =>
    refineUnique(
      ids,
      (id) => id,
      ctx,
      (id) => `member ${id}`,
      (i) => [i],
    ),
  );
const Projects = z
  .array(ProjectKey)
  .max(WORKGROUP_LIMITS.projects, `a workgroup works in at most ${WORKGROUP_LIMITS.projects} projects`)
  .superRefine((keys, ctx) =>
    refineUnique(
      keys,
      (k) => k,
      ctx,
      (k) => `project ${k}`,
      (i) => [i],
    ),
  );
const Name = Workgroup.shape.name;

/** List the workgroups of one project, or (without projectKey) the workgroups the caller may see. */
export const WorkgroupsListPayload = z.strictObject({ projectKey: ProjectKey.optional() });
export type WorkgroupsListPayload = z.infer<typeof WorkgroupsListPayload>;
export const WorkgroupList = z.object({ workgroups: z.array(WorkgroupRecord) });
export type WorkgroupList = z.infer<typeof WorkgroupList>;

/** A new workgroup; its id is made from its name. */
export const WorkgroupsCreatePayload = z.strictObject({
  name: Name,
  kind: WorkgroupKind,
  leads: Leads,
  members: Members.default([]),
  projects: Projects.default([]),
});
export type WorkgroupsCreatePayload = z.infer<typeof WorkgroupsCreatePayload>;

/** Changes a workgroup read at `version`; only the fields given change (lists are replaced whole). */
export const WorkgroupsUpdatePayload = z
  .strictObject({
    id: RecordId,
    version: z.number().int().min(1, 'name the version of the workgroup you read (1 or more)'),
    name: Name.optional(),
    kind: WorkgroupKind.optional(),
    leads: Leads.optional(),
    members: Members.optional(),
    projects: Projects.optional(),
  })
  .refine(
    (p) =>
      p.name !== undefined ||
      p.kind !== undefined ||
      p.leads !== undefined ||
      p.members !== undefined ||
      p.projects !== undefined,
    {
      message: 'say what to change: name, kind, leads, members or projects',
    },
  );
export type WorkgroupsUpdatePayload = z.infer<typeof WorkgroupsUpdatePayload>;

export const WorkgroupsDeletePayload = z.strictObject({
  id: RecordId,
  version: z.number().int().min(1, 'name the version of the workgroup you read (1 or more)'),
});
export type WorkgroupsDeletePayload = z.infer<typeof WorkgroupsDeletePayload>;
export const DeletedWorkgroup = z.object({ id: RecordId });

export const workgroupEndpoints = {
  'workgroups/list': endpoint(WorkgroupsListPayload, WorkgroupList),
  'workgroups/create': endpoint(WorkgroupsCreatePayload, WorkgroupRecord),
  'workgroups/update': endpoint(WorkgroupsUpdatePayload, WorkgroupRecord),
  'workgroups/delete': endpoint(WorkgroupsDeletePayload, DeletedWorkgroup),
};
