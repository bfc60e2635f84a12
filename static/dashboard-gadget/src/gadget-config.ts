/**
 * What a gadget's edit view saves (Forge keeps it with the gadget and gives it back as the
 * context's `extension.gadgetConfiguration`, docs/dashboard-gadget.md). Parsed like anything from
 * outside: a configuration this version cannot read counts as none, and the edit view opens.
 */
import { z } from 'zod';
import { RecordId } from '@contract/common';
import { ObjectiveKey } from '@contract/objectives';

export const GadgetConfig = z.object({
  /** The tree (workgroups or a subtree) or one objective's trend. */
  show: z.enum(['tree', 'trend']),
  /** null: the current period, whichever it is when the gadget is looked at. */
  periodId: RecordId.nullable().default(null),
  /** The tree's workgroups; empty: every workgroup. */
  workgroupIds: z.array(RecordId).max(20).default([]),
  /** The tree's root: this objective and those below it; null: the whole organisation. */
  under: ObjectiveKey.nullable().default(null),
  /** The objective whose trend is shown. */
  objectiveKey: ObjectiveKey.nullable().default(null),
  /** Jira's automatic refresh, in minutes (the dashboard gadget module's `refresh` field). */
  refresh: z.number().int().positive().optional(),
});
export type GadgetConfig = z.infer<typeof GadgetConfig>;

/** The saved configuration; null when there is none (a new gadget) or it cannot be read. */
export function configOf(raw: unknown): GadgetConfig | null {
  const parsed = GadgetConfig.safeParse(raw);
  if (!parsed.success) return null;
  return parsed.data.show === 'trend' && parsed.data.objectiveKey === null ? null : parsed.data;
}

/** The organisation/view payload of a tree gadget. */
export function treePayload(config: GadgetConfig) {
  return {
    ...(config.periodId === null ? {} : { periodId: config.periodId }),
    ...(config.workgroupIds.length === 0 ? {} : { workgroupIds: config.workgroupIds }),
    ...(config.under === null ? {} : { under: config.under }),
    limit: GADGET_ROWS,
  };
}

/** The most objectives a gadget's tree lists; the organisation page shows the rest. */
export const GADGET_ROWS = 50;

/** Jira refreshes the gadget every this many minutes. */
export const REFRESH_MINUTES = 15;
