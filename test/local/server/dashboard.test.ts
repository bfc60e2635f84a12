/**
 * The local dashboard (local/server/dashboards.ts, pages/dashboard-page.ts) and the global page:
 * each persona's own dashboard; a gadget added opens in its edit view; `view.submit` from that view
 * stores the configuration with that gadget only, and its view then gets it as
 * `gadgetConfiguration`; another persona cannot submit to it; removing; `/apps/objectives` frames
 * the global page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerHost } from '../../../local/server/host-port';
import type { ServerApp } from '../../../local/server/server-app';
import { appFor, form, ORIGIN, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';

const GADGET = 'tether-objectives-gadget';
let uiDir: string;
let host: FakeHost;
let app: ServerApp;

beforeAll(async () => {
  uiDir = await mkdtemp(join(tmpdir(), 'tether-dashboard-'));
  await writeFile(join(uiDir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body>g</body></html>');
});
afterAll(() => rm(uiDir, { recursive: true, force: true }));

beforeEach(() => {
  host = fakeHost({ uiDir });
  const store = host.localJira.store;
  const withGadgets: ServerHost = {
    ...host,
    modules: () => [
      ...host.modules(),
      { key: GADGET, type: 'jira:dashboardGadget', title: 'Objectives', resource: 'issue-panel', hasResolver: true },
      {
        key: 'tether-objectives-page',
        type: 'jira:globalPage',
        title: 'Objectives',
        resource: 'issue-panel',
        hasResolver: true,
      },
    ],
    dashboards: {
      of: (accountId) => store.dashboardOf(accountId),
      add: (dashboardId, moduleKey) => store.addGadget(dashboardId, moduleKey),
      configure: (dashboardId, gadgetId, configuration) => store.configureGadget(dashboardId, gadgetId, configuration),
      remove: (dashboardId, gadgetId) => store.removeGadget(dashboardId, gadgetId),
    },
  };
  app = appFor(withGadgets);
});

interface GadgetFrame {
  moduleKey: string;
  localId: string;
  extension: {
    type: string;
    dashboard: { id: string };
    gadget: { id: string };
    gadgetConfiguration: unknown;
    entryPoint?: string;
  };
}

function gadgetFrames(page: string): GadgetFrame[] {
  return [...page.matchAll(/data-tether-frame="([^"]*)"/g)]
    .map((m) => JSON.parse((m[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as GadgetFrame)
    .filter((f) => f.moduleKey === GADGET);
}

async function dashboard(as: string, query = ''): Promise<GadgetFrame[]> {
  const page = await send(app, 'GET', `/dashboard?as=${as}${query}`);
  expect(page.status).toBe(200);
  return gadgetFrames(page.text);
}

async function addGadget(as: string): Promise<string> {
  const { body, headers } = form({ module: GADGET });
  const res = await send(app, 'POST', `/dashboard/add?as=${as}`, { body, headers });
  expect(res.status).toBe(303);
  const location = String(res.headers.location);
  expect(location).toMatch(/^\/dashboard\?edit=\d+$/);
  return location.slice('/dashboard?edit='.length);
}

async function submit(as: string, frame: GadgetFrame, configuration: unknown) {
  const res = await send(app, 'POST', '/__tether/bridge', {
    body: JSON.stringify({ command: 'submit', payload: configuration, context: { ...frame, persona: as } }),
    headers: { 'content-type': 'application/json', origin: ORIGIN },
  });
  return res.json();
}

describe('the dashboard', () => {
  it('adds a gadget in its edit view; submit keeps the configuration with that gadget, whose view gets it', async () => {
    expect(await dashboard('member')).toEqual([]);
    const id = await addGadget('member');
    const [editing] = await dashboard('member', `&edit=${id}`);
    expect(editing?.extension).toMatchObject({
      type: 'jira:dashboardGadget',
      gadget: { id },
      gadgetConfiguration: {},
      entryPoint: 'edit',
    });
    if (editing === undefined) throw new Error('no gadget frame');
    expect(await submit('member', editing, { show: 'tree', workgroupIds: ['platform'] })).toEqual({
      ok: true,
      value: true,
    });
    const [shown] = await dashboard('member');
    expect(shown?.extension.entryPoint).toBeUndefined();
    expect(shown?.extension.gadgetConfiguration).toEqual({ show: 'tree', workgroupIds: ['platform'] });
  });

  it('keeps each gadget its own configuration, each persona their own dashboard', async () => {
    const first = await addGadget('member');
    const second = await addGadget('member');
    const frames = await dashboard('member');
    expect(frames.map((f) => f.extension.gadget.id)).toEqual([first, second]);
    // unconfigured gadgets open in their edit view
    expect(frames.map((f) => f.extension.entryPoint)).toEqual(['edit', 'edit']);
    await submit('member', frames[0] as GadgetFrame, { show: 'tree' });
    await submit('member', frames[1] as GadgetFrame, { show: 'trend', objectiveKey: 'O-3' });
    expect((await dashboard('member')).map((f) => f.extension.gadgetConfiguration)).toEqual([
      { show: 'tree' },
      { show: 'trend', objectiveKey: 'O-3' },
    ]);
    expect(await dashboard('lead')).toEqual([]);
    // the lead cannot configure the member's gadget: submit answers false, nothing changes
    expect(
      await submit(
        'lead',
        { ...(frames[0] as GadgetFrame), extension: { ...(frames[0] as GadgetFrame).extension, entryPoint: 'edit' } },
        { show: 'trend' },
      ),
    ).toEqual({ ok: true, value: false });
    expect((await dashboard('member'))[0]?.extension.gadgetConfiguration).toEqual({ show: 'tree' });
  });

  it('answers false to submit from a gadget outside its edit view', async () => {
    await addGadget('member');
    const [frame] = await dashboard('member');
    if (frame === undefined) throw new Error('no gadget frame');
    await submit('member', frame, { show: 'tree' });
    const [shown] = await dashboard('member');
    expect(await submit('member', shown as GadgetFrame, { show: 'trend' })).toEqual({ ok: true, value: false });
  });

  it('removes a gadget', async () => {
    const first = await addGadget('member');
    const second = await addGadget('member');
    const { body, headers } = form({ gadget: first });
    const res = await send(app, 'POST', '/dashboard/remove?as=member', { body, headers });
    expect(res.status).toBe(303);
    expect((await dashboard('member')).map((f) => f.extension.gadget.id)).toEqual([second]);
  });

  it('refuses to add what is not a gadget module', async () => {
    const { body, headers } = form({ module: 'tether-issue-panel' });
    expect((await send(app, 'POST', '/dashboard/add?as=member', { body, headers })).status).toBe(400);
  });
});

describe('/apps/objectives', () => {
  it("frames the app's global page for any persona", async () => {
    const page = await send(app, 'GET', '/apps/objectives?as=outsider');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-module-key="tether-objectives-page"');
    expect(page.text).toContain('&quot;type&quot;:&quot;jira:globalPage&quot;');
  });
});
