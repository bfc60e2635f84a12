/**
 * Which of an export's fields hold the epic link and the story points. Custom field ids differ per
 * Jira site, so they are recognised by name (the `names` map of `expand=names`), by type (the
 * `schema` map of `expand=schema`), or by the field's own id when an export is keyed by names.
 * See docs/import-jira.md, "Heuristics".
 */
import { z } from 'zod';
import { STORY_POINT_ESTIMATE, STORY_POINTS } from '../jira/fields';
import { looksLikeIssueKey, normaliseName } from './jira-values';

/** The local store's number fields story points go into. */
export type PointsField = typeof STORY_POINT_ESTIMATE | typeof STORY_POINTS;

type Role = { kind: 'epicLink' } | { kind: 'points'; into: PointsField } | null;

const EPIC_LINK_NAMES = new Set(['epiclink']);
const EPIC_LINK_TYPE = ':gh-epic-link';
const ESTIMATE_NAMES = new Set(['storypointestimate']);
const POINTS_NAMES = new Set(['storypoints', 'storypoint']);
const ESTIMATE_TYPE = ':jsw-story-points';

/** A number, or a string holding one (`"2.0"`, as some exports write it). */
const PointsValue = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^[-+]?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().finite());

/** An epic link value: the epic's key, or an object with it. */
const EpicLinkValue = z.union([z.string(), z.object({ key: z.string() }).transform((o) => o.key)]);

export interface CustomFieldOptions {
  /** Field id of the epic link (e.g. `customfield_10008`), when known; overrides the heuristics. */
  epicLinkField?: string;
  /** Field id holding story points in the export; overrides the heuristics. */
  storyPointsField?: string;
  /** Local field the points go into; default by name (`Story point estimate` → 10016, else 10028). */
  pointsInto?: PointsField;
}

export class CustomFields {
  private readonly names = new Map<string, string>();
  private readonly types = new Map<string, string>();
  private readonly roles = new Map<string, Role>();

  constructor(private readonly options: CustomFieldOptions = {}) {}

  /** Field id → name, from a reply's `names` (or a GET /field list). Later names replace earlier ones. */
  addNames(names: Readonly<Record<string, string>>): void {
    for (const [id, name] of Object.entries(names)) this.names.set(id, name);
    this.roles.clear();
  }

  /** Field id → custom type key (`com.pyxis.greenhopper.jira:gh-epic-link` …), from a reply's `schema`. */
  addTypes(types: Readonly<Record<string, string>>): void {
    for (const [id, type] of Object.entries(types)) this.types.set(id, type);
    this.roles.clear();
  }

  get knowsNames(): boolean {
    return this.names.size > 0 || this.types.size > 0;
  }

  /** The epic key of an epic link field in `fields`, with the field it came from. */
  epicLink(fields: Readonly<Record<string, unknown>>): { key: string; field: string } | null {
    for (const [id, value] of Object.entries(fields)) {
      if (value === null || value === undefined || this.role(id)?.kind !== 'epicLink') continue;
      const parsed = EpicLinkValue.safeParse(value);
      if (parsed.success && looksLikeIssueKey(parsed.data)) return { key: parsed.data.trim().toUpperCase(), field: id };
    }
    return null;
  }

  /** Story points in `fields`, with the local field they go into. */
  points(fields: Readonly<Record<string, unknown>>): { into: PointsField; value: number; field: string } | null {
    let found: { into: PointsField; value: number; field: string } | null = null;
    for (const [id, value] of Object.entries(fields)) {
      if (value === null || value === undefined) continue;
      const role = this.role(id);
      if (role?.kind !== 'points') continue;
      const parsed = PointsValue.safeParse(value);
      // the team-managed estimate wins when an export carries both
      if (parsed.success && (found === null || role.into === STORY_POINT_ESTIMATE))
        found = { into: role.into, value: parsed.data, field: id };
    }
    return found;
  }

  private role(id: string): Role {
    let role = this.roles.get(id);
    if (role === undefined) {
      role = this.decide(id);
      this.roles.set(id, role);
    }
    return role;
  }

  private decide(id: string): Role {
    const { epicLinkField, storyPointsField, pointsInto } = this.options;
    const points = (into: PointsField): Role => ({ kind: 'points', into: pointsInto ?? into });
    const name = this.names.get(id);
    const type = this.types.get(id) ?? '';
    const normal = normaliseName(name ?? id);
    const estimate = type.endsWith(ESTIMATE_TYPE) || ESTIMATE_NAMES.has(normal);
    if (id === epicLinkField) return { kind: 'epicLink' };
    if (id === storyPointsField) return points(estimate ? STORY_POINT_ESTIMATE : STORY_POINTS);
    if (epicLinkField === undefined && (type.endsWith(EPIC_LINK_TYPE) || EPIC_LINK_NAMES.has(normal)))
      return { kind: 'epicLink' };
    if (storyPointsField === undefined) {
      if (estimate) return points(STORY_POINT_ESTIMATE);
      if (POINTS_NAMES.has(normal)) return points(STORY_POINTS);
      // the local store's own ids, unless the export says they are something else
      if (name === undefined && (id === STORY_POINT_ESTIMATE || id === STORY_POINTS)) return points(id);
    }
    return null;
  }
}
