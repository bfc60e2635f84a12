import { VersionConflict } from '../../app/app-failure';
import type { StoredIssue, StoredLinkedKeys, StoredRollup } from '../../app/rollup/stored-records';
import { StoreTransaction } from './store-transaction';
import { contributionKey, contributions, issues, linkedKeys, rollups } from './rollup-entities';
import { STORAGE_LIMITS } from './storage-limits';
import { markChanged } from './change-marks';
import { RollupConflict, type RollupStore } from '../../ports';

/**
 * The live rollup's records in Forge storage. A save is one transaction when it fits in Forge's
 * 25 operations (the usual event: an issue, its line and a few rollups); a larger one (a big
 * subtree moving) is written in several, each guarded by the versions it read — a conflict in a
 * later part leaves the earlier parts written, for the next event or the reconciliation job to
 * finish.
 *
 * With the rollups, the change mark of each workgroup they belong to is set (src/forge/store/change-marks.ts:
 * one small plain key per workgroup, at the end of the last transaction when it has room), which an
 * open project page polls to know that its figures moved.
 */
export function kvsRollupStore(): RollupStore {
  const issueRepo = issues();
  const rollupRepo = rollups();
  const contributionRepo = contributions();
  const linkedKeysRepo = linkedKeys();
  return {
    getIssues: (keys) => issueRepo.getMany(keys),
    issuesWithParent: (parentKey) => issueRepo.query('by-parent', { partition: [parentKey] }),
    getRollups: (ids) => rollupRepo.getMany(ids),
    async linksOn(issueKey) {
      return (await contributionRepo.query('by-issue', { partition: [issueKey] })).map((c) => ({
        objectiveId: c.objectiveId,
        keyResultId: c.keyResultId,
      }));
    },
    async linkedIssues(objectiveId) {
      return (await contributionRepo.query('by-objective', { partition: [objectiveId] })).map((c) => ({
        issueKey: c.issueKey,
        keyResultId: c.keyResultId,
      }));
    },
    async storedLinks(refs) {
      const found = await contributionRepo.getMany(refs.map(contributionKey));
      return refs.filter((r) => found.has(contributionKey(r)));
    },
    getLinkedKeys: (objectiveIds) => linkedKeysRepo.getMany(objectiveIds),
    async save(changes) {
      // the linked keys right after the issue records that name them: in the same transaction when it fits
      const writes: ((tx: StoreTransaction) => void)[] = [
        ...changes.issues.map((i: StoredIssue) => (tx: StoreTransaction) => void tx.put(issueRepo, i, i.version)),
        ...(changes.linkedKeys ?? []).map(
          (l: StoredLinkedKeys) => (tx: StoreTransaction) => void tx.put(linkedKeysRepo, l, l.version),
        ),
        ...changes.deletedIssues.map((k) => (tx: StoreTransaction) => void tx.remove(issueRepo, k)),
        ...changes.rollups.map((r: StoredRollup) => (tx: StoreTransaction) => void tx.put(rollupRepo, r, r.version)),
      ];
      // one operation per workgroup, so the chunks below stay within Forge's 25
      for (const workgroupId of new Set(changes.rollups.map((r) => r.objective.workgroupId)))
        writes.push((tx) => markChanged(tx, [workgroupId]));
      try {
        for (let i = 0; i < writes.length; i += STORAGE_LIMITS.transactionMaxOperations) {
          const tx = new StoreTransaction();
          for (const write of writes.slice(i, i + STORAGE_LIMITS.transactionMaxOperations)) write(tx);
          await tx.execute();
        }
      } catch (e) {
        if (e instanceof VersionConflict) throw new RollupConflict(e.message);
        throw e;
      }
    },
  };
}
