/**
 * What `/rest/api/3/search/jql` sees: Jira Cloud's search is eventually consistent ("Search and
 * reconcile" page): after a write, search may return the issue as it was, or not at all if it is
 * new, for some time; `reconcileIssues` (up to 50 issue ids) asks for those issues as they are.
 * `GET /rest/api/3/issue/{key}` always reads the issue as it is.
 *
 * With a lag of `lagMs` on the Jira's clock, each issue written within the last `lagMs` is seen by
 * search as it was before its first write of that stretch (a new issue: not at all; a deleted one:
 * still there), until `lagMs` after its last write. A lag of 0 (the default, lenient) is
 * read-after-write consistent.
 */
import type { StoredIssue } from './model';
import type { JiraStore } from './store';

interface Pending {
  /** The issue as search last indexed it; null when search has never seen it (a new issue). */
  indexed: StoredIssue | null;
  /** Search sees the current state from this time on. */
  until: number;
}

export class SearchIndex {
  private readonly pending = new Map<string, Pending>();

  constructor(private lag: number) {}

  get lagMs(): number {
    return this.lag;
  }

  set lagMs(ms: number) {
    this.lag = Math.max(0, ms);
    if (this.lag === 0) this.pending.clear();
  }

  /**
   * An issue is about to change (`before`: a copy of it as it is, or null when it is being
   * created). Call before the change, with the time it happens at.
   */
  willChange(issueId: string, before: StoredIssue | null, now: number): void {
    if (this.lag <= 0) return;
    const known = this.pending.get(issueId);
    const indexed =
      known !== undefined && known.until > now ? known.indexed : before === null ? null : structuredClone(before);
    this.pending.set(issueId, { indexed, until: now + this.lag });
  }

  /**
   * The issues as search sees them at `now`: recently written ones as last indexed (left out when
   * new, kept when deleted), except those named in `reconcile`, which are as they are.
   */
  issues(store: JiraStore, now: number, reconcile: ReadonlySet<string>): StoredIssue[] {
    if (this.pending.size === 0) return [...store.issues()];
    for (const [id, p] of this.pending) if (p.until <= now) this.pending.delete(id);
    const out: StoredIssue[] = [];
    for (const issue of store.issues()) {
      const p = this.pending.get(issue.id);
      if (p === undefined || reconcile.has(issue.id)) out.push(issue);
      else if (p.indexed !== null) out.push(p.indexed);
    }
    for (const [id, p] of this.pending) {
      if (p.indexed !== null && store.issueById(id) === undefined && !reconcile.has(id)) out.push(p.indexed);
    }
    return out;
  }

  /** Issues whose writes search does not see yet (for tests and the docs' examples). */
  get lagging(): number {
    return this.pending.size;
  }
}
