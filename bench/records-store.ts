/**
 * A RollupStore over records held in memory, for running the app's use cases (applyIssueEvent)
 * on a large organisation without storage: reads hand out the records themselves (no copies),
 * a save puts them back and keeps the by-parent and contribution indexes a real store keeps.
 * Versions are not checked: one caller at a time.
 */
import type { RollupStore } from '../src/app/rollup/rollup-store';
import type { StoredIssue, StoredRollup } from '../src/app/rollup/stored-records';

type Link = { issueKey: string; objectiveId: string; keyResultId: string | null };

export class RecordsStore implements RollupStore {
  private readonly children = new Map<string, Set<string>>();
  private readonly parentOf = new Map<string, string | null>();
  private readonly onIssue = new Map<string, Link[]>();
  private readonly toObjective = new Map<string, Link[]>();

  constructor(
    readonly issues: Map<string, StoredIssue>,
    readonly rollups: Map<string, StoredRollup>,
    links: readonly Link[],
  ) {
    for (const i of issues.values()) this.index(i);
    for (const l of links) {
      push(this.onIssue, l.issueKey, l);
      push(this.toObjective, l.objectiveId, l);
    }
  }

  private index(i: StoredIssue): void {
    const before = this.parentOf.get(i.key);
    if (before === i.state.parentKey && this.parentOf.has(i.key)) return;
    if (before !== undefined && before !== null) this.children.get(before)?.delete(i.key);
    this.parentOf.set(i.key, i.state.parentKey);
    if (i.state.parentKey === null) return;
    let set = this.children.get(i.state.parentKey);
    if (set === undefined) this.children.set(i.state.parentKey, (set = new Set()));
    set.add(i.key);
  }

  async getIssues(keys: readonly string[]): Promise<Map<string, StoredIssue>> {
    const out = new Map<string, StoredIssue>();
    for (const k of keys) {
      const i = this.issues.get(k);
      if (i !== undefined) out.set(k, i);
    }
    return out;
  }

  async issuesWithParent(parentKey: string): Promise<StoredIssue[]> {
    return [...(this.children.get(parentKey) ?? [])].flatMap((k) => this.issues.get(k) ?? []);
  }

  async getRollups(ids: readonly string[]): Promise<Map<string, StoredRollup>> {
    const out = new Map<string, StoredRollup>();
    for (const id of ids) {
      const r = this.rollups.get(id);
      if (r !== undefined) out.set(id, r);
    }
    return out;
  }

  async linksOn(issueKey: string) {
    return (this.onIssue.get(issueKey) ?? []).map(({ objectiveId, keyResultId }) => ({ objectiveId, keyResultId }));
  }

  async linkedIssues(objectiveId: string) {
    return (this.toObjective.get(objectiveId) ?? []).map(({ issueKey, keyResultId }) => ({ issueKey, keyResultId }));
  }

  async save(changes: { issues: StoredIssue[]; deletedIssues: string[]; rollups: StoredRollup[] }): Promise<void> {
    for (const i of changes.issues) {
      this.issues.set(i.key, i);
      this.index(i);
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
