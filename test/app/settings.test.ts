import { getSettings } from '../../src/app/settings/get-settings';
import { updateSettings } from '../../src/app/settings/update-settings';
import { DEFAULT_POLICY, DEFAULT_PROMPT_POLICY } from '../../src/contract';
import { SettingsUpdatePayload } from '../../src/contract/api';
import {
  ACCOUNT,
  asPersona,
  asPersonaCounted,
  startAppHost,
  writesIn,
  type AppHost,
  type Persona,
} from '../support/app-host';
import { appPorts, NOW } from '../support/app-ports';

let app: AppHost;
beforeEach(() => {
  app = startAppHost();
});
afterEach(async () => {
  await app.close();
});

const update = (persona: Persona, payload: unknown) =>
  asPersona(app.host, persona, () => updateSettings(appPorts(persona), SettingsUpdatePayload.parse(payload)));
const read = (persona: Persona = 'admin') => asPersona(app.host, persona, () => getSettings(appPorts(persona)));

describe('settings/get', () => {
  it('shows the defaults at version 0 before anything is stored, to any signed-in user', async () => {
    for (const persona of ['admin', 'lead', 'member', 'outsider'] as const) {
      const settings = await read(persona);
      expect(settings).toMatchObject({
        version: 0,
        periods: [],
        rollupPolicy: DEFAULT_POLICY,
        promptPolicy: DEFAULT_PROMPT_POLICY,
        storyPointsField: null,
      });
      expect(settings.levels.map((l) => l.id)).toEqual(['organisation', 'strategic', 'programme', 'workgroup']);
      expect(settings).not.toHaveProperty('nextObjectiveNumber');
    }
  });

  it('is refused without a user', async () => {
    await expect(asPersona(app.host, null, () => getSettings(appPorts(null)))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('settings/update', () => {
  it('patches the policies field by field and the story-points field, stamping who and when', async () => {
    const first = await update('admin', {
      version: 0,
      rollupPolicy: { atRiskLag: 0.15 },
      storyPointsField: 'customfield_10016',
    });
    expect(first).toMatchObject({
      version: 1,
      rollupPolicy: { ...DEFAULT_POLICY, atRiskLag: 0.15 },
      storyPointsField: 'customfield_10016',
      updatedAt: NOW,
      updatedBy: ACCOUNT.admin,
    });
    const second = await update('admin', {
      version: 1,
      promptPolicy: { enabled: { escalation: false }, weeklyCapPerUser: 3 },
      storyPointsField: null,
    });
    expect(second).toMatchObject({
      version: 2,
      rollupPolicy: { atRiskLag: 0.15 },
      promptPolicy: {
        ...DEFAULT_PROMPT_POLICY,
        enabled: { ...DEFAULT_PROMPT_POLICY.enabled, escalation: false },
        weeklyCapPerUser: 3,
      },
      storyPointsField: null,
    });
    expect(await read('member')).toEqual(second);
  });

  it('refuses a policy that is invalid once merged, with the path, and writes nothing', async () => {
    await update('admin', { version: 0, rollupPolicy: { atRiskLag: 0.2, offTrackLag: 0.3 } });
    const { counts } = await asPersonaCounted(app.host, 'admin', async () => {
      await expect(
        updateSettings(
          appPorts('admin'),
          SettingsUpdatePayload.parse({ version: 1, rollupPolicy: { offTrackLag: 0.1 } }),
        ),
      ).rejects.toMatchObject({
        code: 'VALIDATION',
        message: 'The settings were not changed',
        details: [{ path: 'rollupPolicy.offTrackLag', message: 'the off-track lag must be at least the at-risk lag' }],
      });
    });
    expect(writesIn(counts.kvsByEndpoint)).toBe(0);
    expect((await read()).version).toBe(1);
  });

  it('refuses a stale version with CONFLICT and keeps the other admin’s change', async () => {
    await update('admin', { version: 0, rollupPolicy: { checkInCadenceDays: 14 } });
    await expect(update('admin', { version: 0, rollupPolicy: { checkInCadenceDays: 3 } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await read()).rollupPolicy.checkInCadenceDays).toBe(14);
  });

  it('is for site admins only, and a denial reads and writes nothing', async () => {
    for (const persona of ['lead', 'member', 'outsider'] as const) {
      const { counts } = await asPersonaCounted(app.host, persona, async () => {
        await expect(
          updateSettings(appPorts(persona), SettingsUpdatePayload.parse({ version: 0, storyPointsField: null })),
        ).rejects.toMatchObject({
          code: 'FORBIDDEN',
          message: 'Only Jira administrators can change the settings',
        });
      });
      expect(counts.kvsRoundTrips).toBe(0);
    }
  });
});
