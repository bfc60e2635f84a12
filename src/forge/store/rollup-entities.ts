import { z } from 'zod';
import { Contribution, objectiveNumber } from '../../contract';
import { StoredIssue, StoredLinkedKeys, StoredRollup } from '../../app/rollup/stored-records';
import { EntityRepository, type EntitySpec } from './entity-repository';

const NONE = '-';

/** The issue states the live rollup keeps (entity `issue`, docs/data-model.md). */
export const issueEntity: EntitySpec<StoredIssue> = {
  name: 'issue',
  describe: (key) => `the stored state of issue ${key}`,
  schema: StoredIssue,
  key: (r) => r.key,
  attributes: (r) => ({
    parentKey: r.state.parentKey ?? NONE,
    issueKey: r.key,
    projectKey: r.key.slice(0, r.key.lastIndexOf('-')),
    updated: r.state.updated,
  }),
  indexes: {
    'by-issue-key': { partition: [], range: 'issueKey' },
    'by-parent': { partition: ['parentKey'], range: 'issueKey' },
    'by-project': { partition: ['projectKey'], range: 'updated' },
  },
};

/** The materialised rollup of each objective (entity `rollup`). */
export const rollupEntity: EntitySpec<StoredRollup> = {
  name: 'rollup',
  describe: (key) => `the rollup of ${key}`,
  schema: StoredRollup,
  key: (r) => r.objectiveId,
  attributes: (r) => ({ workgroupId: r.objective.workgroupId ?? NONE, number: objectiveNumber(r.objective.key) }),
  indexes: {
    'by-number': { partition: [], range: 'number' },
    'by-workgroup': { partition: ['workgroupId'], range: 'number' },
  },
};

export const StoredContribution = Contribution.extend({ version: z.number().int().nonnegative().default(0) });
export type StoredContribution = z.infer<typeof StoredContribution>;

/** The key of a contribution: one per issue, objective and key result (or `-`). */
export const contributionKey = (c: Pick<Contribution, 'issueKey' | 'objectiveId' | 'keyResultId'>) =>
  `${c.issueKey}:${c.objectiveId}:${c.keyResultId ?? NONE}`;

/** Links from issues to objectives and key results (entity `contribution`). */
export const contributionEntity: EntitySpec<StoredContribution> = {
  name: 'contribution',
  describe: (key) => `the link ${key}`,
  schema: StoredContribution,
  key: contributionKey,
  attributes: (c) => ({ objectiveId: c.objectiveId, issueKey: c.issueKey }),
  indexes: {
    'by-objective': { partition: ['objectiveId'], range: 'issueKey' },
    'by-issue': { partition: ['issueKey'], range: 'objectiveId' },
  },
};

/**
 * The keys of the issues saved linked to each objective (entity `linked-keys`): read by key, so a
 * link made a moment ago counts in the next recompute of the objective's sets, which the
 * contribution index (a query) may not show yet. Written with the issue records it names.
 */
export const linkedKeysEntity: EntitySpec<StoredLinkedKeys> = {
  name: 'linked-keys',
  describe: (key) => `the linked issues of ${key}`,
  schema: StoredLinkedKeys,
  key: (r) => r.objectiveId,
  attributes: () => ({}),
  indexes: {},
};

export const issues = () => new EntityRepository(issueEntity);
export const rollups = () => new EntityRepository(rollupEntity);
export const contributions = () => new EntityRepository(contributionEntity);
export const linkedKeys = () => new EntityRepository(linkedKeysEntity);
