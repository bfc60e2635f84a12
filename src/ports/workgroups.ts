/** Workgroups (src/forge/store/workgroup-store.ts). */
import type { WorkgroupRecord } from '../contract/api';

/**
 * Where workgroups live (src/forge/store/workgroup-store.ts on Forge storage). Writes throw
 * VersionConflict when the stored version is not the one the caller read.
 */
export interface WorkgroupStore {
  get(id: string): Promise<WorkgroupRecord | null>;
  /** The stored workgroups among `ids` (missing ones are left out), in one batch per 25. */
  getMany(ids: readonly string[]): Promise<Map<string, WorkgroupRecord>>;
  /** Every workgroup, by name. */
  list(): Promise<WorkgroupRecord[]>;
  /** The workgroups working in a project, by name. */
  listByProject(projectKey: string): Promise<WorkgroupRecord[]>;
  /**
   * The ids of the workgroups working in a project, from the directory alone (one read): read them
   * with getMany, beside whatever else needs only their ids. A workgroup may have left the project
   * since: check its record's projects.
   */
  idsByProject(projectKey: string): Promise<string[]>;
  /** Workgroups whose name is this one, ignoring case. */
  findByName(name: string): Promise<WorkgroupRecord[]>;
  /** Stores a new workgroup (its id must be free); returns it at version 1. */
  create(workgroup: WorkgroupRecord): Promise<WorkgroupRecord>;
  /** Replaces `current` (as read) with `next`, together with the projects' lists; returns `next` at its new version. */
  update(next: WorkgroupRecord, current: WorkgroupRecord): Promise<WorkgroupRecord>;
  /** Deletes the workgroup as read (same version), together with the projects' lists. */
  delete(current: WorkgroupRecord): Promise<void>;
}
