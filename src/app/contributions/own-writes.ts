/**
 * The rollup store of one invocation that makes several links one after the other
 * (contributions/link-many), seeing its own writes. Forge's queries lag writes by about a second
 * (docs/forge-fidelity.md): the second link of a call would list an objective's links, or the
 * issues below a parent, without what the first link wrote a moment before, and count the
 * objective's work short. Reads by key are current already; this adds to the three queries the
 * rollup reads (links of an objective, links of an issue, issues below a parent) what this
 * invocation wrote, and leaves out what it deleted.
 */
import type { StoredIssue } from '../rollup/stored-records';
import type { RollupStore } from '../../ports';

export interface LinkMade {
  issueKey: string;
  objectiveId: string;
  keyResultId: string | null;
}

export interface OwnWrites {
  store: RollupStore;
  /** A link this invocation wrote (ContributionStore.add), so the queries above count it. */
  linked(link: LinkMade): void;
}

const sameLink = (a: { issueKey?: string; keyResultId: string | null }, b: LinkMade) =>
  a.issueKey === b.issueKey && a.keyResultId === b.keyResultId;

export function seeingOwnWrites(inner: RollupStore): OwnWrites {
  const saved = new Map<string, StoredIssue>();
  const deleted = new Set<string>();
  const links: LinkMade[] = [];
  const store: RollupStore = {
    getIssues: (keys) => inner.getIssues(keys),
    getRollups: (ids) => inner.getRollups(ids),
    getLinkedKeys: (ids) => inner.getLinkedKeys(ids),
    storedLinks: (refs) => inner.storedLinks(refs),
    async issuesWithParent(parentKey) {
      const listed = (await inner.issuesWithParent(parentKey)).filter((i) => !deleted.has(i.key) && !saved.has(i.key));
      const mine = [...saved.values()].filter((i) => i.parent === parentKey);
      return [...listed, ...mine];
    },
    async linksOn(issueKey) {
      const listed = await inner.linksOn(issueKey);
      const mine = links
        .filter((l) => l.issueKey === issueKey)
        .filter((l) => !listed.some((x) => x.objectiveId === l.objectiveId && x.keyResultId === l.keyResultId));
      return [...listed, ...mine.map((l) => ({ objectiveId: l.objectiveId, keyResultId: l.keyResultId }))];
    },
    async linkedIssues(objectiveId) {
      const listed = await inner.linkedIssues(objectiveId);
      const mine = links
        .filter((l) => l.objectiveId === objectiveId)
        .filter((l) => !listed.some((x) => sameLink(x, l)));
      return [...listed, ...mine.map((l) => ({ issueKey: l.issueKey, keyResultId: l.keyResultId }))];
    },
    async save(changes) {
      await inner.save(changes);
      // as stored now: the version each was written at
      for (const i of changes.issues) {
        saved.set(i.key, { ...i, version: i.version + 1 });
        deleted.delete(i.key);
      }
      for (const k of changes.deletedIssues) {
        saved.delete(k);
        deleted.add(k);
      }
    },
  };
  return {
    store,
    linked(link) {
      if (!links.some((l) => l.objectiveId === link.objectiveId && sameLink(l, link))) links.push(link);
    },
  };
}
