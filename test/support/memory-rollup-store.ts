import type { StoredIssue, StoredLinkedKeys, StoredRollup } from '../../src/app/rollup/stored-records';
import { RollupConflict, type ContributionStore, type RollupChanges, type RollupStore } from '../../src/ports';
import { aContribution } from './builders';

/**
 * RollupStore kept in maps, for testing the live-rollup algorithm on its own. Records are
 * copied in and out, as storage would, so an unsaved change never leaks; every call is counted.
 */
export class MemoryRollupStore implements RollupStore {
  readonly issues = new Map<string, StoredIssue>();
  readonly rollups = new Map<string, StoredRollup>();
  readonly linkedKeys = new Map<string, StoredLinkedKeys>();
  calls = 0;

  constructor(
    issues: StoredIssue[],
    rollups: StoredRollup[],
    /** The contributions, as the store's indexes answer them; a test may replace them (a link made or removed). */
    public links: readonly { issueKey: string; objectiveId: string; keyResultId: string | null }[],
  ) {
    for (const i of issues) this.issues.set(i.key, structuredClone(i));
    for (const r of rollups) this.rollups.set(r.objectiveId, structuredClone(r));
  }

  async getIssues(keys: readonly string[]) {
    this.calls += 1;
    const out = new Map<string, StoredIssue>();
    for (const k of keys) {
      const i = this.issues.get(k);
      if (i) out.set(k, structuredClone(i));
    }
    return out;
  }

  async issuesWithParent(parentKey: string) {
    this.calls += 1;
    return [...this.issues.values()].filter((i) => i.state.parentKey === parentKey).map((i) => structuredClone(i));
  }

  async getRollups(ids: readonly string[]) {
    this.calls += 1;
    const out = new Map<string, StoredRollup>();
    for (const id of ids) {
      const r = this.rollups.get(id);
      if (r) out.set(id, structuredClone(r));
    }
    return out;
  }

  /**
   * What the contribution index answers, when a test makes it lag the links (a query shows a
   * write only a second later); null: the index shows `links` as they are.
   */
  indexed: readonly Link[] | null = null;

  private get index(): readonly Link[] {
    return this.indexed ?? this.links;
  }

  async linksOn(issueKey: string) {
    this.calls += 1;
    return this.index
      .filter((l) => l.issueKey === issueKey)
      .map(({ objectiveId, keyResultId }) => ({ objectiveId, keyResultId }));
  }

  /** The contribution store over `links`: what follows an issue moved to another project. */
  readonly contributions: Pick<ContributionStore, 'onIssue' | 'get' | 'add' | 'remove'> = {
    get: async (ref) =>
      this.links.some((l) => sameLink(l, ref))
        ? aContribution({ issueKey: ref.issueKey, objectiveId: ref.objectiveId, keyResultId: ref.keyResultId })
        : null,
    onIssue: async (issueKey) =>
      this.links
        .filter((l) => l.issueKey === issueKey)
        .map((l) => aContribution({ issueKey: l.issueKey, objectiveId: l.objectiveId, keyResultId: l.keyResultId })),
    add: async ({ issueKey, objectiveId, keyResultId }) => {
      if (this.links.some((l) => sameLink(l, { issueKey, objectiveId, keyResultId }))) return false;
      this.links = [...this.links, { issueKey, objectiveId, keyResultId }];
      return true;
    },
    remove: async (ref) => {
      const before = this.links.length;
      this.links = this.links.filter((l) => !sameLink(l, ref));
      return this.links.length < before;
    },
  };

  async linkedIssues(objectiveId: string) {
    this.calls += 1;
    return this.index
      .filter((l) => l.objectiveId === objectiveId)
      .map(({ issueKey, keyResultId }) => ({ issueKey, keyResultId }));
  }

  async storedLinks(refs: readonly Link[]) {
    this.calls += 1;
    return refs.filter((r) => this.links.some((l) => sameLink(l, r)));
  }

  async getLinkedKeys(objectiveIds: readonly string[]) {
    this.calls += 1;
    const out = new Map<string, StoredLinkedKeys>();
    for (const id of objectiveIds) {
      const l = this.linkedKeys.get(id);
      if (l) out.set(id, structuredClone(l));
    }
    return out;
  }

  /** Awaited before each save's version check: lets a test slip in a competing write. */
  beforeSave: (() => Promise<void>) | null = null;

  async save(changes: RollupChanges) {
    this.calls += 1;
    await this.beforeSave?.();
    const stale =
      changes.issues.some((i) => (this.issues.get(i.key)?.version ?? 0) !== i.version) ||
      changes.rollups.some((r) => (this.rollups.get(r.objectiveId)?.version ?? 0) !== r.version) ||
      (changes.linkedKeys ?? []).some((l) => (this.linkedKeys.get(l.objectiveId)?.version ?? 0) !== l.version);
    if (stale) throw new RollupConflict('a record changed since it was read');
    for (const i of changes.issues) this.issues.set(i.key, { ...structuredClone(i), version: i.version + 1 });
    for (const k of changes.deletedIssues) this.issues.delete(k);
    for (const r of changes.rollups) this.rollups.set(r.objectiveId, { ...structuredClone(r), version: r.version + 1 });
    for (const l of changes.linkedKeys ?? [])
      this.linkedKeys.set(l.objectiveId, { ...structuredClone(l), version: l.version + 1 });
  }
}

type Link = { issueKey: string; objectiveId: string; keyResultId: string | null };
const sameLink = (a: Link, b: Link) =>
  a.issueKey === b.issueKey && a.objectiveId === b.objectiveId && a.keyResultId === b.keyResultId;
