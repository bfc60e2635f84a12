/**
 * The project page's CSV export holds only what the viewer may see (issue 15, item 5): it is made
 * from project-page/view as the viewer receives it, so a restricted objective that the view leaves
 * out for someone outside its workgroup is in nobody's file but those who may see it.
 */
import { projectPageObjectives } from '../../static/project-page/src/export-rollup';
import { rollupCsv } from '../../static/shared/src/rollup-csv';
import { useAppHost } from '../support/app-host';
import { createSquadObjective, organisation } from './objective-kit';
import { ok } from './resolver-kit';

const app = useAppHost(async () => {
  await organisation(app); // O-1
  await createSquadObjective(app, { title: 'Nightingale launch plan', visibility: 'restricted' }); // O-2, Web Squad
  await createSquadObjective(app, { title: 'Faster checkout' }); // O-3, Web Squad, public
});

const names = { level: (id: string) => id, owner: (id: string) => id };

async function csvAs(persona: 'lead' | 'outsider'): Promise<string> {
  const view = await ok(app, persona, 'project-page/view', { projectKey: 'WEB' });
  return rollupCsv(projectPageObjectives(view), names);
}

describe('the rollup CSV of a project page with a restricted objective', () => {
  it("holds it for the workgroup's lead, and not for someone outside the workgroup", async () => {
    const lead = await csvAs('lead');
    expect(lead).toContain('O-2,Nightingale launch plan');
    const outsider = await csvAs('outsider');
    expect(outsider).not.toContain('Nightingale');
    expect(outsider.split('\r\n').some((l) => l.startsWith('O-2,'))).toBe(false);
    // the public objective beside it is in both
    expect(lead).toContain('O-3,Faster checkout');
    expect(outsider).toContain('O-3,Faster checkout');
  });
});
