import { byObjectiveKey, type Contribution } from '../../contract';
import type { IssueLink, IssuePanelPayload, IssuePanelView, IssueShare } from '../../contract/api';
import type { WorkTally } from '../../domain/tally';
import { forbidden } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { viewOf } from '../objectives/stored-objective';
import { issueLinkKey } from '../contributions/link-key';
import type { LinkRef } from '../../ports';
import { unitOf } from '../rollup/apply-issue-event';
import { loadTally, type StoredIssue, type StoredRollup } from '../rollup/stored-records';

const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

function shareIn(
  set: WorkTally,
  unit: WorkTally,
  subtree: WorkTally | null,
  keyResultId: string | null,
  measure: 'count' | 'story-points',
): IssueShare {
  const byCount = ratio(unit.issues, set.issues);
  const byPoints = ratio(unit.centiPoints, set.centiPoints);
  return {
    keyResultId,
    measure,
    share: measure === 'count' ? byCount : byPoints,
    byCount,
    byPoints,
    withDescendants:
      subtree === null
        ? null
        : { byCount: ratio(subtree.issues, set.issues), byPoints: ratio(subtree.centiPoints, set.centiPoints) },
  };
}

/** The sets of an objective this issue counts in, and its share of each. */
function sharesOf(
  r: StoredRollup | undefined,
  issue: StoredIssue | undefined,
  links: readonly IssueLink[],
): IssueShare[] {
  if (r === undefined || issue === undefined) return [];
  const unit = unitOf(issue);
  const subtree = issue.tally === null ? null : loadTally(issue.tally);
  const out = [shareIn(loadTally(r.own), unit, subtree, null, 'count')];
  const linkedKeyResults = new Set(links.map((l) => l.keyResultId));
  for (const kr of r.keyResults) {
    if (kr.kind !== 'completion' && kr.kind !== 'delivery-quality') continue;
    const measure = kr.kind === 'completion' ? (kr.measure === 'story-points' ? 'story-points' : 'count') : 'count';
    if (kr.scope === 'objective') out.push(shareIn(loadTally(r.own), unit, subtree, kr.id, measure));
    else if (linkedKeyResults.has(kr.id))
      out.push(shareIn(loadTally(r.keyResultTallies[kr.id]), unit, subtree, kr.id, measure));
  }
  return out;
}

/**
 * issue-panel/view: what an issue serves, directly and through its ancestors (the stored issue's
 * ancestors, and the contribution `by-issue` index of each), each objective with its rollup
 * record and the share this issue weighs in it, and what the caller may do with it (`can`, by the
 * rules of the change keys); and whether the caller may edit the issue (and so link it). One Jira
 * call (browse and edit of the issue and whether the caller is a Jira administrator, asked
 * together); everything else is stored records. Objectives the caller may not see are left out,
 * and only counted (`hiddenServed`): the contributor learns the issue serves something they may not
 * see, never what (docs/security.md).
 */
export async function issuePanelView(ports: ObjectivePorts, payload: IssuePanelPayload): Promise<IssuePanelView> {
  const { issueKey } = payload;
  ports.permissions.requireUser();
  await ports.permissions.prefetch({ issueKey }, ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER']);
  if (!(await ports.permissions.canBrowseIssue(issueKey)))
    throw forbidden(`You do not have permission to browse issue ${issueKey}`);
  const canEdit = await ports.permissions.canEditIssue(issueKey);

  const [settings, issues] = await Promise.all([ports.settings.get(), ports.rollups.getIssues([issueKey])]);
  const issue = issues.get(issueKey);
  const ancestors = issue?.ancestors ?? [];
  const links = await linksOnLine(ports, issueKey, issue, ancestors);
  const objectiveIds = [...new Set(links.map((l) => l.objectiveId))];

  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels, { siteAdmin: 'view' });
  const [objectives, rollups] = await Promise.all([
    ports.objectiveStore.getMany(objectiveIds),
    ports.rollups.getRollups(objectiveIds),
  ]);
  const visible = await access.visible([...objectives.values()]);
  visible.sort(byObjectiveKey);

  return {
    issueKey,
    canEdit,
    known: issue !== undefined,
    ancestors,
    hiddenServed: objectives.size - visible.length,
    serves: await Promise.all(
      visible.map(async (o) => {
        const mine: IssueLink[] = links
          .filter((l) => l.objectiveId === o.id)
          .map((l) => ({
            issueKey: l.issueKey,
            direct: l.issueKey === issueKey,
            keyResultId: l.keyResultId,
            createdBy: l.createdBy,
            createdAt: l.createdAt,
          }));
        const r = rollups.get(o.id);
        return {
          objective: viewOf(o),
          rollup: r?.record ?? null,
          can: await access.can(o),
          links: mine,
          shares: sharesOf(r, issue, mine),
        };
      }),
    ),
  };
}

/**
 * The links on an issue and its ancestors, as they are now. The contribution index is a query and
 * may not show a link made (or still show one removed) a moment ago; the stored issue records, read
 * by key, list the links their rollup counted. Every link either names is read by key (one get
 * each, together), so a link just made shows and one just removed does not.
 */
async function linksOnLine(
  ports: ObjectivePorts,
  issueKey: string,
  issue: StoredIssue | undefined,
  ancestors: readonly string[],
): Promise<Contribution[]> {
  const line = [issueKey, ...ancestors];
  const [listed, above] = await Promise.all([ports.contributions.onIssues(line), ports.rollups.getIssues(ancestors)]);
  const refs = new Map<string, LinkRef>();
  const add = (ref: LinkRef) => refs.set(issueLinkKey(ref), ref);
  for (const k of line) for (const c of listed.get(k) ?? []) add(c);
  for (const record of [issue, ...ancestors.map((k) => above.get(k))]) {
    if (record === undefined) continue;
    for (const l of record.links) add({ issueKey: record.key, objectiveId: l.objectiveId, keyResultId: l.keyResultId });
  }
  const current = await Promise.all([...refs.values()].map((ref) => ports.contributions.get(ref)));
  const order = new Map(line.map((k, i) => [k, i]));
  return current
    .filter((c): c is Contribution => c !== null)
    .sort((a, b) => (order.get(a.issueKey) ?? 0) - (order.get(b.issueKey) ?? 0));
}
