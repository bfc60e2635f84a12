/**
 * Runs axe-core inside a surface's frame and returns the serious and critical violations, each
 * with the rule, what it means and where it is, so a failure says what to fix.
 */
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { z } from 'zod';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const Violations = z.array(
  z.object({
    id: z.string(),
    impact: z.string().nullable().optional(),
    help: z.string(),
    nodes: z.array(z.object({ target: z.array(z.unknown()) })),
  }),
);

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  where: string[];
}

export async function seriousViolations(frame: Frame): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the frame's CSP (as Forge's) refuses inline <script> tags.
  await frame.evaluate(AXE_SOURCE);
  const raw = await frame.evaluate(async () => {
    const axe = Reflect.get(window, 'axe') as {
      run: (context: Document, options: object) => Promise<{ violations: unknown }>;
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return Violations.parse(raw)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      where: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
}
