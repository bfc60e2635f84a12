/**
 * What an input names outside itself — Jira accounts, issues, projects, fields and JQL — checked
 * against Jira before anything is written. One path for the resolvers and for objectives-file
 * imports: a use case lists what its input names, each with the path of the field at fault
 * (`owner`, `keyResult.jql`, `objectives.3.keyResults.0.field`), and `check` asks Jira about all
 * of them together and answers every problem at once, in the order they were listed.
 *
 *   account   GET /rest/api/3/user/bulk as the app (50 ids a request)
 *   field     GET /rest/api/3/field as the app (once); for a sum or an average it must hold numbers
 *   jql       a search of ids as the caller (src/forge/jira/validate-jql.ts): JQL naming what Jira
 *             hides from the caller is invalid for them
 *   issue     the issues as the app (GetIssues, 100 a request)
 *   project   BROWSE_PROJECTS as the caller (a Jira administrator sees every project)
 *
 * Each distinct value is asked once, however many places name it.
 */
import type { ErrorDetail } from '../../contract';
import type { Permissions } from '../permissions';
import type { JiraDirectory, JiraPort } from '../../ports';

export interface ReferencePorts {
  directory: JiraDirectory;
  /** Jira as the app for issues, and as the caller for JQL (JiraPort.validateJql); needed only when issues or JQL are listed. */
  jira?: Pick<JiraPort, 'validateJql' | 'getIssues' | 'readIssue'>;
  permissions: Pick<Permissions, 'canBrowseProject'>;
}

type Reference =
  | { kind: 'account'; id: string; path: string }
  | { kind: 'field'; id: string; path: string; use: string }
  | { kind: 'jql'; jql: string; path: string }
  | { kind: 'issue'; key: string; path: string }
  | { kind: 'project'; key: string; path: string };

/** The references of one input, listed as it is read, then checked together. */
export class References {
  private readonly list: Reference[] = [];

  account(id: string, path: string): this {
    this.list.push({ kind: 'account', id, path });
    return this;
  }

  /** A field whose numbers Tether reads; `use` completes "so Tether cannot …" (`add it up`, `average it`). */
  numberField(id: string, path: string, use: string): this {
    this.list.push({ kind: 'field', id, path, use });
    return this;
  }

  jql(jql: string, path: string): this {
    this.list.push({ kind: 'jql', jql, path });
    return this;
  }

  issue(key: string, path: string): this {
    this.list.push({ kind: 'issue', key, path });
    return this;
  }

  project(key: string, path: string): this {
    this.list.push({ kind: 'project', key, path });
    return this;
  }

  /**
   * What a key result names (at `prefix`, e.g. `keyResult` or `objectives.2.keyResults.0`): its
   * owner and, for a query, its JQL and the field a sum or an average reads. `unchanged` leaves
   * out what a change keeps as it was (an update checks only what it changes).
   */
  keyResult(kr: KeyResultRefs, prefix: string, unchanged: KeptRefs = {}): this {
    const at = (field: string) => (prefix === '' ? field : `${prefix}.${field}`);
    if (kr.owner !== undefined && kr.owner !== unchanged.owner) this.account(kr.owner, at('owner'));
    if (kr.kind !== 'query') return this;
    if (kr.jql !== unchanged.jql) this.jql(kr.jql, at('jql'));
    if (
      kr.aggregate !== 'count' &&
      kr.field !== null &&
      (kr.field !== unchanged.field || kr.aggregate !== unchanged.aggregate)
    )
      this.numberField(kr.field, at('field'), kr.aggregate === 'sum' ? 'add it up' : 'average it');
    return this;
  }

  get size(): number {
    return this.list.length;
  }

  /** Every problem, in the order the references were listed; none when Jira has them all. */
  async check(ports: ReferencePorts): Promise<ErrorDetail[]> {
    if (this.list.length === 0) return [];
    const of = <K extends Reference['kind']>(kind: K) =>
      this.list.filter((r): r is Extract<Reference, { kind: K }> => r.kind === kind);
    const accounts = of('account');
    const fields = of('field');
    const queries = of('jql');
    const issues = of('issue');
    const projects = of('project');
    const distinct = <T>(values: T[]) => [...new Set(values)];
    const jira = () => {
      if (ports.jira === undefined) throw new Error('The reference check lists issues or JQL but was given no Jira');
      return ports.jira;
    };

    const [knownAccounts, siteFields, jqlErrors, foundIssues, browsable] = await Promise.all([
      accounts.length === 0 ? new Set<string>() : ports.directory.knownAccounts(distinct(accounts.map((a) => a.id))),
      fields.length === 0 ? [] : ports.directory.fields(),
      Promise.all(
        distinct(queries.map((q) => q.jql)).map(async (jql) => [jql, (await jira().validateJql(jql)).errors] as const),
      ).then((pairs) => new Map(pairs)),
      issues.length === 0 ? new Set<string>() : existingIssues(jira(), distinct(issues.map((i) => i.key))),
      Promise.all(
        distinct(projects.map((p) => p.key)).map(
          async (key) => [key, await ports.permissions.canBrowseProject(key)] as const,
        ),
      ).then((pairs) => new Map(pairs)),
    ]);
    const fieldsById = new Map(siteFields.map((f) => [f.id, f]));

    const problems: ErrorDetail[] = [];
    for (const ref of this.list) {
      switch (ref.kind) {
        case 'account':
          if (!knownAccounts.has(ref.id))
            problems.push({ path: ref.path, message: `there is no Jira account with the id ${ref.id}` });
          break;
        case 'field': {
          const field = fieldsById.get(ref.id);
          if (field === undefined)
            problems.push({
              path: ref.path,
              message: `Jira has no field ${ref.id}; name a field that holds numbers, such as customfield_10016`,
            });
          else if (!field.numeric)
            problems.push({
              path: ref.path,
              message: `the field ${field.id} ("${field.name}") does not hold numbers, so Tether cannot ${ref.use}`,
            });
          break;
        }
        case 'jql':
          for (const message of jqlErrors.get(ref.jql) ?? [])
            problems.push({ path: ref.path, message: `Jira does not accept this JQL: ${message}` });
          break;
        case 'issue':
          if (!foundIssues.has(ref.key))
            problems.push({ path: ref.path, message: `there is no Jira issue ${ref.key} (or it cannot be seen)` });
          break;
        case 'project':
          if (browsable.get(ref.key) !== true)
            problems.push({ path: ref.path, message: `there is no Jira project ${ref.key} (or you cannot see it)` });
          break;
      }
    }
    return problems;
  }
}

/** What a change keeps of a key result as it was stored (not asked about again). */
export interface KeptRefs {
  owner?: string;
  jql?: string;
  aggregate?: string;
  field?: string | null;
}

/** The fields of a key result that name something in Jira. */
export type KeyResultRefs =
  | { kind: 'completion' | 'metric' | 'delivery-quality' | 'milestone'; owner?: string }
  | { kind: 'query'; owner?: string; jql: string; aggregate: 'count' | 'sum' | 'avg'; field: string | null };

/** Issues read by key at once, when search leaves some out. */
const READS_AT_ONCE = 10;

/**
 * Which of `keys` are Jira issues the app can see: search first (100 a request), then each key
 * search left out read by key (GET issue, consistent): search lags writes, so an issue created a
 * moment ago is missing from it, and "not in search" is no proof that an issue does not exist.
 */
async function existingIssues(jira: Pick<JiraPort, 'getIssues' | 'readIssue'>, keys: string[]): Promise<Set<string>> {
  const found = new Set((await jira.getIssues(keys)).map((i) => i.key));
  const missing = keys.filter((k) => !found.has(k));
  for (let i = 0; i < missing.length; i += READS_AT_ONCE) {
    const read = await Promise.all(missing.slice(i, i + READS_AT_ONCE).map((k) => jira.readIssue(k)));
    read.forEach((issue, j) => {
      if (issue !== null) found.add(missing[i + j] as string);
    });
  }
  return found;
}
