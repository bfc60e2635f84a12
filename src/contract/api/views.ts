import { z } from 'zod';
import { AccountId, Instant, IssueKey, ProjectKey, RecordId, Weight } from '../common';
import { KeyResultKey, WorkScope } from '../key-results';
import { Level } from '../levels';
import { Period } from '../periods';
import { StatusReason } from '../figure-explained';
import { DEFAULT_POLICY } from '../policy';
import { FeedbackSummary, ObjectiveFeedback } from '../prompts';
import { KeyResultRollup, ObjectiveRollup, WorkSummary } from '../rollup';
import { endpoint } from './endpoint';
import { ObjectiveKey } from '../objectives';
import { ObjectiveView } from './objectives';
import { WorkgroupRecord } from './workgroups';

/** What the caller may do with one key result of an objective. */
export const KeyResultCan = z.object({
  /** check-ins/create on it: the objective's owner, the key result's owner, whoever manages the objective. */
  checkIn: z.boolean(),
  /** key-results/update of its targets (baseline, target, bandMin, bandMax, done): the same people. Other fields need `manage`. */
  editTargets: z.boolean(),
});
export type KeyResultCan = z.infer<typeof KeyResultCan>;

/**
 * What the caller may do with an objective, answered by the server with the functions its change
 * keys use to allow or refuse (src/app/objectives/objective-access.ts), so the UI offers exactly
 * what the server will accept (docs/resolvers.md, "What a view says the caller may do").
 */
export const ObjectiveCan = z.object({
  /** Its structure: objectives/update of any field, objectives/archive, objectives/move, key-results/create, key-results/delete, key-results/update of any field. */
  manage: z.boolean(),
  /** objectives/update of title and description: its owner, and whoever manages it. */
  edit: z.boolean(),
  /** check-ins/create on the objective itself: its owner, and whoever manages it. */
  checkIn: z.boolean(),
  /** contributions/link to it, as far as the objective decides (it is shown, and not archived); the issue's EDIT_ISSUES is asked per issue (issue-panel/view's `canEdit`). */
  link: z.boolean(),
  /** prompts/answered of its workgroup: the workgroup's leads and Jira administrators; false without a workgroup. */
  readAnswers: z.boolean(),
  /** Per key result, by id. */
  keyResults: z.record(RecordId, KeyResultCan),
});
export type ObjectiveCan = z.infer<typeof ObjectiveCan>;

/** An objective with its rollup record as stored (null until its first rollup is written), and what the caller may do with it. */
export const ObjectiveEntry = z.object({
  objective: ObjectiveView,
  rollup: ObjectiveRollup.nullable(),
  can: ObjectiveCan,
});
export type ObjectiveEntry = z.infer<typeof ObjectiveEntry>;

/** An objective on the project page: as ObjectiveEntry, with what its prompts yielded (null before any was asked). */
export const ProjectObjectiveEntry = ObjectiveEntry.extend({
  feedback: ObjectiveFeedback.nullable().default(null),
  /**
   * Why its status is what it is (docs/rollup.md); null until its first rollup. project-page/view
   * does not serve it: the page derives it from `rollup` with the view's `statusPolicy` and the
   * objective's period (statusReason in src/contract/status-reason.ts), for the rows it shows.
   * The figure's breakdown: objectives/explain.
   */
  statusReason: StatusReason.nullable().optional(),
});
export type ProjectObjectiveEntry = z.infer<typeof ProjectObjectiveEntry>;

/**
 * One objective as a row of the project page's tree: what the row, the filters, the link pickers
 * and the CSV export show (title, level, status, progress, pace, owner, done/all issues, the status
 * reason's inputs, what the caller may do with it), and no more. What only an open detail shows
 * (the key results' definitions and figures, the delivery figures, the feedback, the version a form
 * edits) comes with project-page/objective when the detail opens (docs/project-page.md, "Size and
 * speed"): with 2,000 objectives the whole entries made a 1.7 MB reply.
 */
export const ProjectObjectiveRow = z.object({
  objective: ObjectiveView.pick({
    id: true,
    key: true,
    title: true,
    description: true,
    levelId: true,
    periodId: true,
    owner: true,
    workgroupId: true,
    parentId: true,
    alignments: true,
    status: true,
    visibility: true,
  }).extend({
    /** Its key results as a link picker and the CSV name them. */
    keyResults: z.array(
      z.object({
        id: RecordId,
        key: KeyResultKey,
        title: z.string(),
        kind: z.enum(['completion', 'metric', 'query', 'delivery-quality', 'milestone']),
        /** What work a completion or delivery-quality key result counts; left out for the other kinds. */
        scope: WorkScope.optional(),
      }),
    ),
  }),
  /** The rollup record's parts a row shows (null until its first rollup is written). */
  rollup: ObjectiveRollup.pick({
    progress: true,
    expected: true,
    status: true,
    pace: true,
    stale: true,
    confidence: true,
    lastCheckInAt: true,
  })
    .extend({
      work: WorkSummary.pick({ issues: true, done: true }),
      keyResults: z.array(KeyResultRollup.pick({ keyResultId: true, progress: true })),
    })
    .nullable(),
  /** What the caller may do with it; per key result: project-page/objective. */
  can: ObjectiveCan.omit({ keyResults: true }),
  /** Why its status is what it is: derived on the page from `rollup` and the view's `statusPolicy`, never served. */
  statusReason: StatusReason.nullable().optional(),
});
export type ProjectObjectiveRow = z.infer<typeof ProjectObjectiveRow>;

/** The project page: a project's workgroups and their objectives, for one period. */
export const ProjectPagePayload = z.strictObject({
  projectKey: ProjectKey,
  /** Left out: the open period that contains today (the shortest, when several do), or every period when none does. */
  periodId: RecordId.optional(),
});
export type ProjectPagePayload = z.infer<typeof ProjectPagePayload>;

export const ProjectPageView = z.object({
  projectKey: ProjectKey,
  /** The period shown; null: objectives of every period. */
  periodId: RecordId.nullable(),
  levels: z.array(Level),
  periods: z.array(Period),
  /** What the caller may do on the page as a whole. */
  can: z.object({
    /** objectives/create at the top level and without a workgroup (Jira administrators). */
    create: z.boolean(),
  }),
  workgroups: z.array(
    WorkgroupRecord.extend({
      /** The caller leads this workgroup. */
      youLead: z.boolean(),
      can: z.object({
        /** objectives/create of this workgroup below the top level: its leads and Jira administrators. */
        create: z.boolean(),
      }),
      objectives: z.array(ProjectObjectiveRow),
      /**
       * What the prompts about its shown objectives and its alignment gaps yielded, together: null in
       * project-page/view's reply, which reads no feedback; project-page/feedback answers it.
       */
      feedback: FeedbackSummary.nullable().default(null),
    }),
  ),
  /** The objectives the shown ones contribute to (parents, alignments) that the caller may see. */
  aligned: z.array(ProjectObjectiveRow),
  /** Everyone who owns a shown objective or key result, for one user look-up. */
  owners: z.array(AccountId),
  /** The rollup policy's parts a status reason is reached with, once for every objective on the page. */
  statusPolicy: z
    .object({
      atRiskLag: z.number().min(0).max(1),
      offTrackLag: z.number().min(0).max(1),
      checkInCadenceDays: z.number().int().positive(),
    })
    .default({
      atRiskLag: DEFAULT_POLICY.atRiskLag,
      offTrackLag: DEFAULT_POLICY.offTrackLag,
      checkInCadenceDays: DEFAULT_POLICY.checkInCadenceDays,
    }),
  /** The rollup policy's weights for a child objective or a key result that sets none, so a form can say the default. */
  defaultWeights: z
    .object({ child: Weight, keyResult: Weight })
    .default({ child: DEFAULT_POLICY.defaultChildWeight, keyResult: DEFAULT_POLICY.defaultKeyResultWeight }),
});
export type ProjectPageView = z.infer<typeof ProjectPageView>;

export const IssuePanelPayload = z.strictObject({ issueKey: IssueKey });
export type IssuePanelPayload = z.infer<typeof IssuePanelPayload>;

const share = z.number().min(0).max(1).nullable();

/** How much one issue weighs in a set of work (all the work of an objective, or of one key result). */
export const IssueShare = z.object({
  /** null: the objective's whole work. */
  keyResultId: RecordId.nullable(),
  /** What the set's progress counts: issues, or story points. */
  measure: z.enum(['count', 'story-points']),
  /** The share by that measure: `byCount` or `byPoints`. */
  share,
  /** This issue's unit (1 when it counts as an issue; 0 for a container) over the issues in the set. */
  byCount: share,
  /** Its story points (when they count) over the set's points. */
  byPoints: share,
  /** The issue with everything below it (when it is linked itself), by count and by points. */
  withDescendants: z.object({ byCount: share, byPoints: share }).nullable(),
});
export type IssueShare = z.infer<typeof IssueShare>;

export const IssueLink = z.object({
  /** Where the link is made: this issue, or one of its ancestors. */
  issueKey: IssueKey,
  direct: z.boolean(),
  keyResultId: RecordId.nullable(),
  createdBy: AccountId,
  createdAt: Instant,
});
export type IssueLink = z.infer<typeof IssueLink>;

export const IssuePanelView = z.object({
  issueKey: IssueKey,
  /** The caller may edit the issue in Jira, and so link and unlink it. */
  canEdit: z.boolean(),
  /** Tether keeps this issue's state (it serves an objective, or did); when false, only direct links are known. */
  known: z.boolean(),
  /** Its ancestors as stored, nearest first. */
  ancestors: z.array(IssueKey),
  serves: z.array(
    ObjectiveEntry.extend({
      links: z.array(IssueLink),
      shares: z.array(IssueShare),
    }),
  ),
  /**
   * How many objectives the issue (or an ancestor) serves that the caller may not see (restricted
   * to their workgroup): only the number, never a key or a title (docs/security.md).
   */
  hiddenServed: z.number().int().nonnegative(),
});
export type IssuePanelView = z.infer<typeof IssuePanelView>;

/**
 * The project page's workgroups' feedback figures (their headers'), asked after the first screen:
 * the same payload and rules as project-page/view, answered for its workgroups in its order.
 */
export const ProjectPageFeedback = z.object({
  projectKey: ProjectKey,
  periodId: RecordId.nullable(),
  workgroups: z.array(z.object({ id: RecordId, feedback: FeedbackSummary.nullable() })),
});
export type ProjectPageFeedback = z.infer<typeof ProjectPageFeedback>;

/** One objective of the project page, whole: what its detail shows (docs/project-page.md). */
export const ProjectPageObjectivePayload = z.strictObject({ projectKey: ProjectKey, objectiveKey: ObjectiveKey });
export type ProjectPageObjectivePayload = z.infer<typeof ProjectPageObjectivePayload>;

export const ProjectPageObjective = z.object({
  objectiveKey: ObjectiveKey,
  entry: ProjectObjectiveEntry,
});
export type ProjectPageObjective = z.infer<typeof ProjectPageObjective>;

/** What an open project page polls to know that its figures moved (docs/project-page.md, "Live"). */
export const ProjectPageChangesPayload = z.strictObject({ projectKey: ProjectKey });
export type ProjectPageChangesPayload = z.infer<typeof ProjectPageChangesPayload>;

export const ProjectPageChanges = z.object({
  /** Changes whenever a rollup of an objective of the project's workgroups (or of one without a workgroup) is written; compare, do not read. */
  mark: z.string(),
  /** When the latest of those writes happened; null before any. */
  at: Instant.nullable(),
});
export type ProjectPageChanges = z.infer<typeof ProjectPageChanges>;

export const viewEndpoints = {
  'project-page/view': endpoint(ProjectPagePayload, ProjectPageView),
  'project-page/changes': endpoint(ProjectPageChangesPayload, ProjectPageChanges),
  'project-page/objective': endpoint(ProjectPageObjectivePayload, ProjectPageObjective),
  'project-page/feedback': endpoint(ProjectPagePayload, ProjectPageFeedback),
  'issue-panel/view': endpoint(IssuePanelPayload, IssuePanelView),
};
