/**
 * A RollupStore over records held in memory, for running the app's use cases (applyIssueEvent)
 * on a large organisation without storage: reads hand out the records themselves (no copies),
 * a save puts them back and keeps the by-parent and contribution indexes a real store keeps.
 * Versions are not checked (one caller at a time): a record gets its `version` when first read.
 */
import type { StoredIssue, StoredLinkedKeys, StoredRollup } from '../src/app/rollup/stored-records';
import type { IssueRecord, RollupRecord } from '../src/domain/rollup/records';
import type { RollupChanges, RollupStore } from '../src/ports';

type Link = { issueKey: string; objectiveId: string; keyResultId: string | null };

/** The record as a store hands it out: with the version it was read at (added in place, so nothing is copied). */
const read = <T extends object>(r: T): T & { version: number } => Object.assign(r, { version: 0 });

export class RecordsStore implements RollupStore {
  /** parent key → keys of the issues that had it when they were last saved (read back through their state). */
  private readonly children = new Map<string, string[]>();
  private readonly onIssue = new Map<string, Link[]>();
  private readonly toObjective = new Map<string, Link[]>();
  private readonly linkedKeys = new Map<string, StoredLinkedKeys>();

  constructor(
    readonly issues: Map<string, IssueRecord>,
    readonly rollups: Map<string, RollupRecord>,
    links: readonly Link[],
  ) {
    for (const i of issues.values()) if (i.state.parentKey !== null) push(this.children, i.state.parentKey, i.key);
    for (const l of links) {
      push(this.onIssue, l.issueKey, l);
      push(this.toObjective, l.objectiveId, l);
    }
  }

  async getIssues(keys: readonly string[]): Promise<Map<string, StoredIssue>> {
    const out = new Map<string, StoredIssue>();
    for (const k of keys) {
      const i = this.issues.get(k);
      if (i !== undefined) out.set(k, read(i));
    }
    return out;
  }

  async issuesWithParent(parentKey: string): Promise<StoredIssue[]> {
    const out: StoredIssue[] = [];
    for (const k of new Set(this.children.get(parentKey) ?? [])) {
      const i = this.issues.get(k);
      if (i !== undefined && i.state.parentKey === parentKey) out.push(read(i));
    }
    return out;
  }

  async getRollups(ids: readonly string[]): Promise<Map<string, StoredRollup>> {
    const out = new Map<string, StoredRollup>();
    for (const id of ids) {
      const r = this.rollups.get(id);
      if (r !== undefined) out.set(id, read(r));
    }
    return out;
  }

  async linksOn(issueKey: string) {
    return (this.onIssue.get(issueKey) ?? []).map(({ objectiveId, keyResultId }) => ({ objectiveId, keyResultId }));
  }

  async linkedIssues(objectiveId: string) {
    return (this.toObjective.get(objectiveId) ?? []).map(({ issueKey, keyResultId }) => ({ issueKey, keyResultId }));
  }

  async storedLinks(refs: readonly Link[]): Promise<Link[]> {
    return refs.filter((r) =>
      (this.onIssue.get(r.issueKey) ?? []).some(
        (l) => l.objectiveId === r.objectiveId && l.keyResultId === r.keyResultId,
      ),
    );
  }

  async getLinkedKeys(objectiveIds: readonly string[]): Promise<Map<string, StoredLinkedKeys>> {
    const out = new Map<string, StoredLinkedKeys>();
    for (const id of objectiveIds) {
      const l = this.linkedKeys.get(id);
      if (l !== undefined) out.set(id, l);
    }
    return out;
  }

  async save(changes: RollupChanges): Promise<void> {
    for (const l of changes.linkedKeys ?? []) this.linkedKeys.set(l.objectiveId, l);
    for (const i of changes.issues) {
      this.issues.set(i.key, i);
      const parentKey = i.state.parentKey;
      if (parentKey !== null && !(this.children.get(parentKey) ?? []).includes(i.key))
        push(this.children, parentKey, i.key);
    }
    for (const k of changes.deletedIssues) this.issues.delete(k);
    for (const r of changes.rollups) this.rollups.set(r.objectiveId, r);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  list.push(value);
}
