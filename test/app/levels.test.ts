import { updateLevels } from '../../src/app/levels/update-levels';
import { LevelsUpdatePayload } from '../../src/contract/api';
import { asPersona, expectRefusedWithoutWrites, useAppHost } from '../support/app-host';
import { appPorts, type ObjectiveRow } from '../support/app-ports';

const app = useAppHost();

const change = (payload: unknown, objectives: ObjectiveRow[] = []) =>
  asPersona(app.host, 'admin', () => updateLevels(appPorts('admin', objectives), LevelsUpdatePayload.parse(payload)));

describe('levels/update', () => {
  it('renames, reorders, adds (with an id made from the name) and removes unused levels in one change', async () => {
    const settings = await change({
      version: 0,
      levels: [
        { id: 'organisation', name: 'Company priority' },
        { name: 'Tribe' },
        { id: 'strategic', name: 'Strategic' },
        { id: 'workgroup', name: 'Team' },
        { name: 'Équipe élargie' },
      ],
    });
    expect(settings.version).toBe(1);
    expect(settings.levels).toEqual([
      { id: 'organisation', name: 'Company priority' },
      { id: 'tribe', name: 'Tribe' },
      { id: 'strategic', name: 'Strategic' },
      { id: 'workgroup', name: 'Team' },
      { id: 'equipe-elargie', name: 'Équipe élargie' },
    ]);
  });

  it('never reuses an id: a new level named like an existing id gets a suffix', async () => {
    const settings = await change({
      version: 0,
      levels: [{ id: 'organisation', name: 'Org' }, { name: 'Strategic' }, { id: 'strategic', name: 'Old strategic' }],
    });
    expect(settings.levels.map((l) => l.id)).toEqual(['organisation', 'strategic-2', 'strategic']);
  });

  it('refuses to remove a level objectives use, naming them, and writes nothing', async () => {
    const objectives = [
      { key: 'O-3', levelId: 'programme', workgroupId: null },
      { key: 'O-7', levelId: 'programme', workgroupId: null },
      { key: 'O-9', levelId: 'workgroup', workgroupId: 'web' },
    ];
    await expectRefusedWithoutWrites(
      app.host,
      'admin',
      () =>
        updateLevels(
          appPorts('admin', objectives),
          LevelsUpdatePayload.parse({ version: 0, levels: [{ id: 'organisation', name: 'Organisation' }] }),
        ),
      {
        code: 'VALIDATION',
        message: 'Levels "Programme", "Workgroup" cannot be removed while objectives use them',
        details: [
          {
            path: 'levels',
            message: 'level "Programme" is used by O-3, O-7; move those objectives to another level before removing it',
          },
          {
            path: 'levels',
            message: 'level "Workgroup" is used by O-9; move those objectives to another level before removing it',
          },
        ],
      },
    );
    const removedUnused = await change(
      {
        version: 0,
        levels: [
          { id: 'organisation', name: 'Organisation priority' },
          { id: 'programme', name: 'Programme' },
          { id: 'workgroup', name: 'Workgroup' },
        ],
      },
      objectives,
    );
    expect(removedUnused.levels.map((l) => l.id)).toEqual(['organisation', 'programme', 'workgroup']);
  });

  it('refuses an id that is not a level', async () => {
    await expect(
      change({
        version: 0,
        levels: [
          { id: 'organisation', name: 'Org' },
          { id: 'made-up', name: 'Made up' },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [
        { path: 'levels.1.id', message: 'there is no level with id "made-up"; leave the id out to add a level' },
      ],
    });
  });

  it('refuses a stale version and non-admins', async () => {
    await change({ version: 0, levels: [{ id: 'organisation', name: 'Org' }] });
    await expect(change({ version: 0, levels: [{ id: 'organisation', name: 'Org 2' }] })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      asPersona(app.host, 'lead', () =>
        updateLevels(appPorts('lead'), LevelsUpdatePayload.parse({ version: 1, levels: [{ name: 'Only' }] })),
      ),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only Jira administrators can change the levels',
    });
  });
});
