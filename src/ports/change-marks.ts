/** Change marks of the project page's live updates (src/forge/store/change-marks.ts). */

/** The mark of a workgroup's figures: it changes whenever a rollup of one of its objectives is written. */
export interface ChangeMark {
  /** Different after every write (two writes in the same millisecond too). */
  id: string;
  /** When it was written (epoch ms, the writer's clock). */
  at: number;
}

export interface ChangeMarkReader {
  /** The marks of these workgroups (null: objectives without a workgroup); a workgroup never written has none. */
  read(workgroupIds: readonly (string | null)[]): Promise<Map<string | null, ChangeMark>>;
}
