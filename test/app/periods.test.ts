import { closePeriod } from '../../src/app/periods/close-period';
import { createPeriod } from '../../src/app/periods/create-period';
import { updatePeriod } from '../../src/app/periods/update-period';
import { PeriodsClosePayload, PeriodsCreatePayload, PeriodsUpdatePayload } from '../../src/contract/api';
import { asPersona, asPersonaCounted, startAppHost, writesIn, type AppHost, type Persona } from '../support/app-host';
import { appPorts } from '../support/app-ports';

let app: AppHost;
beforeEach(() => {
  app = startAppHost();
});
afterEach(async () => {
  await app.close();
});

const as = <T>(persona: Persona, fn: (ports: ReturnType<typeof appPorts>) => Promise<T>) =>
  asPersona(app.host, persona, () => fn(appPorts(persona)));
const create = (payload: unknown, persona: Persona = 'admin') =>
  as(persona, (p) => createPeriod(p, PeriodsCreatePayload.parse(payload)));
const update = (payload: unknown) => as('admin', (p) => updatePeriod(p, PeriodsUpdatePayload.parse(payload)));
const close = (payload: unknown) => as('admin', (p) => closePeriod(p, PeriodsClosePayload.parse(payload)));

describe('periods/create', () => {
  it('adds an open period with an id made from its name', async () => {
    const { settings, period } = await create({ version: 0, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(period).toEqual({ id: '2026-q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31', state: 'open' });
    expect(settings).toMatchObject({ version: 1, periods: [period] });
    const next = await create({ version: 1, name: 'FY2027', start: '2027-01-01', end: '2027-12-31' });
    expect(next.settings.periods.map((p) => p.id)).toEqual(['2026-q4', 'fy2027']);
  });

  it('refuses a name in use (any case), a stale version and non-admins', async () => {
    await create({ version: 0, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
    await expect(create({ version: 1, name: '2026 q4', start: '2026-10-01', end: '2026-12-31' })).rejects.toMatchObject(
      {
        code: 'VALIDATION',
        details: [{ path: 'name', message: 'there is already a period named "2026 q4"' }],
      },
    );
    await expect(create({ version: 0, name: 'Other', start: '2026-10-01', end: '2026-12-31' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      create({ version: 1, name: 'Other', start: '2026-10-01', end: '2026-12-31' }, 'member'),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only Jira administrators can create periods',
    });
  });
});

describe('periods/update', () => {
  it('renames and re-dates an open period, keeping its id', async () => {
    await create({ version: 0, name: 'Q4', start: '2026-10-01', end: '2026-12-31' });
    const { period, settings } = await update({ version: 1, id: 'q4', name: '2026 Q4', end: '2026-12-20' });
    expect(period).toEqual({ id: 'q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-20', state: 'open' });
    expect(settings.version).toBe(2);
  });

  it('refuses an end before the start after merging, an unknown id, and new dates for a closed period', async () => {
    await create({ version: 0, name: 'Q4', start: '2026-10-01', end: '2026-12-31' });
    await expect(update({ version: 1, id: 'q4', start: '2027-01-15' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'start', message: 'a period ends on or after its start (2027-01-15 to 2026-12-31)' }],
    });
    await expect(update({ version: 1, id: 'q3', name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no period with id "q3"',
    });
    await close({ version: 1, id: 'q4' });
    await expect(update({ version: 2, id: 'q4', end: '2026-12-30' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'end', message: 'period "Q4" is closed; its dates cannot change' }],
    });
    const renamed = await update({ version: 2, id: 'q4', name: 'Q4 (closed)', end: '2026-12-31' });
    expect(renamed.period).toMatchObject({ name: 'Q4 (closed)', state: 'closed', end: '2026-12-31' });
  });
});

describe('periods/close', () => {
  it('closes a period once; closing it again writes nothing', async () => {
    await create({ version: 0, name: 'Q4', start: '2026-10-01', end: '2026-12-31' });
    const { period, settings } = await close({ version: 1, id: 'q4' });
    expect(period.state).toBe('closed');
    expect(settings.version).toBe(2);
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () =>
      closePeriod(appPorts('admin'), { version: 2, id: 'q4' }),
    );
    expect(result.settings.version).toBe(2);
    expect(writesIn(counts.kvsByEndpoint)).toBe(0);
    await expect(close({ version: 2, id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
