import { rewriteNowOrLater } from '../contributions/issue-properties';
import type {
  ObjectiveChange,
  ObjectivesArchivePayload,
  ObjectivesMovePayload,
  ObjectivesUpdatePayload,
  Settings,
} from '../../contract/api';
import { requireVersion } from '../version-check';
import { hierarchyProblems } from './hierarchy-check';
import { ObjectiveAccess } from './objective-access';
import { References } from '../references/reference-check';
import { referencePortsFor, type ObjectivePorts } from './objective-ports';
import { referenceProblems, refuseIf, rollUp } from './save-objective';
import type { StoredObjective } from './stored-objective';

/** Fields an objective's owner may change on their own. */
const OWNER_FIELDS = ['title', 'description'] as const;

interface Loaded {
  settings: Settings;
  access: ObjectiveAccess;
  current: StoredObjective;
}

/** The objective as stored, if the caller may see it (NOT_FOUND otherwise) and it is still at the version read (CONFLICT). */
export async function loadForChange(ports: ObjectivePorts, key: string, version: number): Promise<Loaded> {
  ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(key)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const current = await access.requireView(key, stored);
  requireVersion(`objective ${key}`, current.version, version);
  return { settings, access, current };
}

/**
 * Validates `next` against the stored state (references, hierarchy) and writes it from the
 * version read, then rolls it up (old and new parents included).
 */
async function save(
  ports: ObjectivePorts,
  { settings, access, current }: Loaded,
  next: StoredObjective,
  message: string,
): Promise<ObjectiveChange> {
  const problems = await referenceProblems(settings, access, next, { newPeriod: next.periodId !== current.periodId });
  const structural =
    next.parentId !== current.parentId ||
    next.levelId !== current.levelId ||
    JSON.stringify(next.alignments) !== JSON.stringify(current.alignments);
  if (structural)
    problems.push(
      ...(await hierarchyProblems(
        { objectiveStore: ports.objectiveStore, rollups: ports.rollups, access, levels: settings.levels },
        next,
        current,
      )),
    );
  // a new owner must be a Jira account
  if (next.owner !== current.owner)
    problems.push(...(await new References().account(next.owner, 'owner').check(referencePortsFor(ports, settings))));
  refuseIf(problems, message);
  const saved = await ports.objectiveStore.put(next, current.version, current);
  const change = await rollUp(ports, settings, saved);
  // the `tether` issue property holds public objectives only: the issues serving it follow
  if (next.visibility !== current.visibility) {
    try {
      await rewriteNowOrLater(
        ports.jiraFor(settings),
        ports.rollups,
        ports.propertyQueue,
        ports.contributions,
        saved.id,
        ports.log,
      );
    } catch (error) {
      ports.log.error(
        'visibility changed, but the issue properties of the issues serving it could not all be written, nor queued',
        { objective: saved.key },
        error,
      );
    }
  }
  return change;
}

/**
 * objectives/update: the fields given change. Title and description may be changed by the
 * owner; everything else (and those too) by whoever manages the objective, as it is and as it
 * will be (moving it to another workgroup needs leading both).
 */
export async function updateObjective(
  ports: ObjectivePorts,
  payload: ObjectivesUpdatePayload,
): Promise<ObjectiveChange> {
  const loaded = await loadForChange(ports, payload.key, payload.version);
  const { access, current } = loaded;
  const { key: _key, version: _version, ...changes } = payload;
  const fields = Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  const next: StoredObjective = { ...current, ...definedOnly(changes), updatedAt: ports.clock.now() };
  const ownerOnly = fields.every((f) => (OWNER_FIELDS as readonly string[]).includes(f));
  if (!(ownerOnly && (await access.canEdit(current)))) {
    await access.requireManage(`change ${fields.join(', ')} of ${current.key}`, current, next);
  }
  return save(ports, loaded, next, `${current.key} was not changed`);
}

/** objectives/archive: the objective is cancelled; it stays visible and stops counting in what it feeds. */
export async function archiveObjective(
  ports: ObjectivePorts,
  payload: ObjectivesArchivePayload,
): Promise<ObjectiveChange> {
  const loaded = await loadForChange(ports, payload.key, payload.version);
  await loaded.access.requireManage(`archive ${loaded.current.key}`, loaded.current);
  return save(
    ports,
    loaded,
    { ...loaded.current, status: 'cancelled', updatedAt: ports.clock.now() },
    `${loaded.current.key} was not archived`,
  );
}

/**
 * objectives/move: a new primary parent (or none), optionally at another level. Refused with the
 * hierarchy's errors when the parent is not higher, when it closes a cycle, or when the new level
 * leaves a child or contributor at or above it.
 */
export async function moveObjective(ports: ObjectivePorts, payload: ObjectivesMovePayload): Promise<ObjectiveChange> {
  const loaded = await loadForChange(ports, payload.key, payload.version);
  const { access, current } = loaded;
  const next: StoredObjective = {
    ...current,
    parentId: payload.parentId,
    levelId: payload.levelId ?? current.levelId,
    updatedAt: ports.clock.now(),
  };
  await access.requireManage(`move ${current.key}`, current, next);
  return save(ports, loaded, next, `${current.key} was not moved`);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
