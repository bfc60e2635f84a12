import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, manifestFrom, ManifestError } from '../../../local/host/manifest';
import { FIXTURE_MANIFEST } from './host-test-kit';

const APP = { id: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000', runtime: { name: 'nodejs22.x' } };
const problemsOf = (modules: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  try {
    manifestFrom({ app: APP, modules, ...extra }, 'test.yml');
  } catch (e) {
    if (e instanceof ManifestError) return e.message;
    throw e;
  }
  return 'no problem';
};

describe('loadManifest', () => {
  it('reads every module the host runs from the fixture manifest', () => {
    const m = loadManifest(FIXTURE_MANIFEST);
    expect(m.appId).toBe('11111111-2222-3333-4444-555555555555');
    expect(m.functions.get('nightly')).toEqual({ key: 'nightly', handler: 'index.nightly', timeoutSeconds: 900 });
    expect(m.uiModules.get('tether-issue-panel')).toEqual({
      key: 'tether-issue-panel',
      type: 'jira:issuePanel',
      resource: 'issue-panel',
      resolverFunction: 'resolver',
    });
    expect(m.triggers.map((t) => [t.key, [...t.events]])).toEqual([
      ['issue-updated', [['avi:jira:updated:issue', {}]]],
      ['issue-updated-not-self', [['avi:jira:updated:issue', { ignoreSelf: true }]]],
    ]);
    expect([...m.scheduledTriggers.values()]).toEqual([
      { key: 'nightly-reconcile', function: 'nightly', interval: 'day' },
    ]);
    expect([...m.consumers.values()]).toEqual([
      { key: 'work-consumer', queue: 'tether-work', function: 'consume', method: null },
      { key: 'legacy-work-consumer', queue: 'tether-legacy', function: 'legacy-consumer', method: 'handle-work' },
      { key: 'watched-consumer', queue: 'tether-watched', function: 'consume-watched', method: null },
    ]);
    expect(m.propertyIndexes).toEqual([
      { propertyKey: 'tether-objectives', path: 'objectives', type: 'string', searchAlias: 'objective' },
    ]);
    expect([...m.resources.keys()]).toEqual(['project-page', 'issue-panel', 'admin-page']);
    expect([...m.entities.keys()]).toEqual(['visit']);
  });

  it("reads the project's own manifest.yml", () => {
    const m = loadManifest(join(__dirname, '..', '..', '..', 'manifest.yml'));
    expect(m.appId).toBe('00000000-0000-0000-0000-000000000000');
    // Atlaskit injects <style> elements at run time: without this Forge's CSP refuses them
    expect(m.uiPermissions.content.styles).toEqual(['unsafe-inline']);
  });

  it('reads permissions.content and permissions.external for the Custom UI CSP (egress objects by address, remotes left out)', () => {
    expect(loadManifest(FIXTURE_MANIFEST).uiPermissions).toEqual({
      content: { scripts: [], styles: ['unsafe-inline'] },
      external: {
        images: ['https://images.example.com', '*.cdn.example.com'],
        media: [],
        scripts: [],
        styles: [],
        fonts: [],
        frames: [],
        fetchClient: ['https://api.example.com'],
      },
    });
    const bare = manifestFrom({ app: APP, modules: {}, permissions: { scopes: ['read:jira-work'] } }, 'test.yml');
    expect(bare.uiPermissions).toEqual({
      content: { scripts: [], styles: [] },
      external: { images: [], media: [], scripts: [], styles: [], fonts: [], frames: [], fetchClient: [] },
    });
    expect(problemsOf({}, { permissions: { content: { styles: 'unsafe-inline' } } })).toMatch(
      /permissions\.content\.styles: .*array/,
    );
  });

  it('names a missing file and bad YAML', () => {
    expect(() => loadManifest('/nonexistent/manifest.yml')).toThrow(/cannot read the manifest/);
    const dir = mkdtempSync(join(tmpdir(), 'tether-manifest-'));
    try {
      writeFileSync(join(dir, 'manifest.yml'), 'app: [unclosed');
      expect(() => loadManifest(join(dir, 'manifest.yml'))).toThrow(/manifest\.yml: not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the filtered event form, each event with its own filter', () => {
    const m = manifestFrom(
      {
        app: APP,
        modules: {
          function: [{ key: 'f', handler: 'index.run' }],
          trigger: [
            {
              key: 't',
              function: 'f',
              events: [
                { eventType: 'avi:jira:created:issue', filter: { ignoreSelf: true } },
                { eventType: 'avi:jira:deleted:issue', filter: { appIsLicensed: true } },
              ],
            },
          ],
        },
      },
      'test.yml',
    );
    expect([...(m.triggers[0]?.events ?? [])]).toEqual([
      ['avi:jira:created:issue', { ignoreSelf: true }],
      ['avi:jira:deleted:issue', { appIsLicensed: true }],
    ]);
  });

  it('reads jira:issueContext modules as Custom UI modules with their resolver', () => {
    const m = manifestFrom(
      {
        app: APP,
        modules: {
          function: [{ key: 'resolver', handler: 'index.handler' }],
          'jira:issueContext': [
            {
              key: 'ctx',
              resource: 'main',
              resolver: { function: 'resolver' },
              title: 'Context',
              label: 'Context',
              description: 'd',
            },
          ],
        },
        resources: [{ key: 'main', path: 'static/main/build' }],
      },
      'test.yml',
    );
    expect(m.uiModules.get('ctx')).toEqual({
      key: 'ctx',
      type: 'jira:issueContext',
      resource: 'main',
      resolverFunction: 'resolver',
    });
  });

  it('refuses references to functions and resources that are not declared', () => {
    const message = problemsOf({
      'jira:projectPage': [{ key: 'page', resource: 'main', resolver: { function: 'missing' }, title: 'T' }],
      trigger: [{ key: 't', function: 'gone', events: ['avi:jira:updated:issue'] }],
      scheduledTrigger: [{ key: 's', function: 'also-gone', interval: 'hour' }],
      consumer: [{ key: 'c', queue: 'q', resolver: { function: 'nope', method: 'm' } }],
    });
    expect(message).toContain(
      'jira:projectPage page refers to function missing, which modules.function does not declare',
    );
    expect(message).toContain('jira:projectPage page refers to resource main, which resources does not declare');
    expect(message).toContain('trigger t refers to function gone');
    expect(message).toContain('scheduledTrigger s refers to function also-gone');
    expect(message).toContain('consumer c refers to function nope');
  });

  it('refuses what the local host cannot run, saying why', () => {
    const f = [{ key: 'f', handler: 'index.run' }];
    expect(
      problemsOf({
        function: f,
        trigger: [
          {
            key: 't',
            function: 'f',
            events: ['avi:jira:updated:issue'],
            filter: { expression: 'event.issue != null' },
          },
        ],
      }),
    ).toContain('filter.expression (a Jira expression) is not evaluated by the local host');
    expect(
      problemsOf({ function: f, trigger: [{ key: 't', endpoint: 'remote-e', events: ['avi:jira:updated:issue'] }] }),
    ).toContain('endpoint (Forge Remote) is not supported');
    expect(problemsOf({ function: f, 'jira:adminPage': [{ key: 'a', function: 'f', title: 'T' }] })).toContain(
      'UI Kit 1, retired by Forge',
    );
    expect(
      problemsOf({
        function: f,
        consumer: [
          { key: 'a', queue: 'q', function: 'f' },
          { key: 'b', queue: 'q', function: 'f' },
        ],
      }),
    ).toContain('queue q already has a consumer');
  });

  it('refuses duplicate module keys, bad handlers, long resource keys and bad entities', () => {
    expect(
      problemsOf({
        function: [
          { key: 'f', handler: 'index.run' },
          { key: 'f', handler: 'index.other' },
        ],
      }),
    ).toContain('the module key f is used twice');
    expect(problemsOf({ function: [{ key: 'f', handler: 'run' }] })).toContain(
      'modules.function.0.handler: a handler is <file>.<export>',
    );
    expect(problemsOf({}, { resources: [{ key: 'a-very-long-resource-key-indeed', path: 'x' }] })).toContain(
      'at most 23 characters',
    );
    expect(
      problemsOf(
        {},
        {
          app: {
            ...APP,
            storage: { entities: [{ name: 'thing', attributes: { a: { type: 'string' } }, indexes: ['b'] }] },
          },
        },
      ),
    ).toContain('index b uses attribute b, which is not declared');
  });
});
