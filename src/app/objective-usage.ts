/**
 * What the admin use cases ask about objectives before they remove something objectives refer
 * to. Implemented by the objective store (not part of the admin slice).
 */
export interface ObjectiveUsage {
  /** Keys of the objectives at this level (e.g. `O-12`), empty when none. */
  objectivesUsingLevel(levelId: string): Promise<string[]>;
  /** Keys of the objectives that belong to this workgroup, empty when none. */
  objectivesOfWorkgroup(workgroupId: string): Promise<string[]>;
}
