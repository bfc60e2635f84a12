/**
 * Links from issues to objectives on Forge storage: the `contribution` entity of the live rollup
 * (src/forge/store/rollup-entities.ts), one record per issue, objective and key result, found by
 * objective and by issue.
 */
import { VersionConflict } from '../../app/app-failure';
import type { Contribution } from '../../contract';
import { contributionKey, contributions, type StoredContribution } from './rollup-entities';
import type { ContributionStore, LinkRef } from '../../ports';

const plain = ({ version: _version, ...c }: StoredContribution): Contribution => c;

export class ForgeContributionStore implements ContributionStore {
  private readonly repository = contributions();

  async get(ref: LinkRef): Promise<Contribution | null> {
    const found = await this.repository.get(contributionKey(ref));
    return found === null ? null : plain(found);
  }

  /**
   * Written only when it is not there: read first, by key, so that linking again sends no write
   * (a conditional write that storage refuses still costs a write unit of the site's quota).
   */
  async add(contribution: Contribution): Promise<boolean> {
    if ((await this.repository.storedVersion(contributionKey(contribution))) !== 0) return false;
    try {
      await this.repository.put({ ...contribution, version: 0 }, 0);
      return true;
    } catch (error) {
      if (error instanceof VersionConflict) return false; // it is there already (or was just written by someone else)
      throw error;
    }
  }

  async remove(ref: LinkRef): Promise<boolean> {
    const key = contributionKey(ref);
    const version = await this.repository.storedVersion(key);
    if (version === 0) return false;
    try {
      await this.repository.delete(key, version);
      return true;
    } catch (error) {
      if (error instanceof VersionConflict) return false; // removed (or rewritten) at the same moment
      throw error;
    }
  }

  async onIssue(issueKey: string): Promise<Contribution[]> {
    return (await this.repository.query('by-issue', { partition: [issueKey] })).map(plain);
  }

  async onIssues(issueKeys: readonly string[]): Promise<Map<string, Contribution[]>> {
    const unique = [...new Set(issueKeys)];
    const lists = await Promise.all(unique.map((k) => this.onIssue(k)));
    return new Map(unique.map((k, i) => [k, lists[i] ?? []]));
  }

  async ofObjective(objectiveId: string): Promise<Contribution[]> {
    return (await this.repository.query('by-objective', { partition: [objectiveId] })).map(plain);
  }
}
