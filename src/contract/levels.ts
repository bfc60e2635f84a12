import { z } from 'zod';
import { RecordId } from './common';

/**
 * A level of the objective hierarchy. Levels form an ordered list: index 0 is the top
 * (organisation priorities), the last is the most operational (workgroup delivery).
 */
export const Level = z.object({
  id: RecordId,
  name: z.string().trim().min(1, 'a level needs a name').max(80),
});
export type Level = z.infer<typeof Level>;

export const Levels = z
  .array(Level)
  .min(1, 'there is at least one level')
  .max(10, 'there are at most 10 levels')
  .superRefine((levels, ctx) => {
    const seenIds = new Set<string>();
    const seenNames = new Set<string>();
    levels.forEach((level, i) => {
      if (seenIds.has(level.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `level id "${level.id}" is used twice` });
      const name = level.name.toLowerCase();
      if (seenNames.has(name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `level name "${level.name}" is used twice` });
      seenIds.add(level.id);
      seenNames.add(name);
    });
  });
export type Levels = z.infer<typeof Levels>;

/** The four levels of performance management, top first. */
export const DEFAULT_LEVELS: Levels = [
  { id: 'organisation', name: 'Organisation priority' },
  { id: 'strategic', name: 'Strategic' },
  { id: 'programme', name: 'Programme' },
  { id: 'workgroup', name: 'Workgroup' },
];

/**
 * The hierarchy's level rule: a primary parent sits at a strictly higher level than its child
 * (an earlier place in `levels`). False when either level is unknown. The server's check
 * (src/domain/hierarchy.ts) and the choices a surface offers ("Move to…") both read it here.
 */
export function sitsAbove(levels: readonly Pick<Level, 'id'>[], parentLevelId: string, childLevelId: string): boolean {
  const parent = levels.findIndex((l) => l.id === parentLevelId);
  const child = levels.findIndex((l) => l.id === childLevelId);
  return parent >= 0 && child >= 0 && parent < child;
}
