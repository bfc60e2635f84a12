import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasSources, surfacesToBuild, VITE_CONFIGS } from '../../../local/cli/build-if-needed';

describe('tether start builds what needs it', () => {
  it('names the surfaces that have sources but no build, and only those', () => {
    const root = mkdtempSync(join(tmpdir(), 'tether-build-'));
    try {
      const resources = new Map([
        ['panel', { key: 'panel', path: 'static/panel/build' }],
        ['page', { key: 'page', path: 'static/page/build' }],
        ['admin', { key: 'admin', path: 'static/admin/build' }],
      ]);
      mkdirSync(join(root, 'static', 'panel'), { recursive: true });
      writeFileSync(join(root, 'static', 'panel', 'vite.config.mts'), '');
      mkdirSync(join(root, 'static', 'page', 'build'), { recursive: true });
      writeFileSync(join(root, 'static', 'page', 'vite.config.ts'), '');
      writeFileSync(join(root, 'static', 'page', 'build', 'index.html'), '<!doctype html>');
      // admin: no sources yet, so nothing to build
      expect(surfacesToBuild({ path: join(root, 'manifest.yml'), resources })).toEqual(['panel']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the repo's own surfaces", () => {
  const repo = join(__dirname, '..', '..', '..');

  it('each has sources tether start recognises (so a missing build is built)', () => {
    for (const surface of ['project-page', 'issue-panel', 'admin-page'])
      expect([surface, hasSources(join(repo, 'static', surface))]).toEqual([surface, true]);
  });

  it('are looked for under the same configuration names as npm run build', () => {
    const script = readFileSync(join(repo, 'scripts', 'build.mjs'), 'utf8');
    expect(script).toContain(JSON.stringify(VITE_CONFIGS).replace(/"/g, "'").replace(/,/g, ', '));
  });
});
