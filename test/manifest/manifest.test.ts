import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createHost } from '../../local/host/create-host';
import { ACCOUNT, declaredEntities, REPO_ROOT } from '../support/app-host';

const Manifest = z.object({ app: z.object({ storage: z.object({ entities: z.array(z.unknown()) }) }) });

describe('manifest.yml', () => {
  it('declares exactly the storage entities of src/forge/store/entities.yml', () => {
    const manifest = Manifest.parse(parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8')));
    expect(manifest.app.storage.entities).toEqual(declaredEntities());
  });

  it('runs in the local host: its resolver answers and its trigger is listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tether-manifest-'));
    const host = createHost({ dataDir: dir, manifestPath: join(REPO_ROOT, 'manifest.yml'), delays: 'none', syncWrites: false });
    try {
      const reply = await host.invokeResolver({ moduleKey: 'tether-admin-page', functionKey: 'me/get', payload: {}, accountId: ACCOUNT.admin });
      expect(reply.ok).toBe(true);
      expect(JSON.stringify(reply.ok ? reply.value : reply.error)).toContain('"ok":true');
      expect(host.manifest.triggers.map((t) => t.function)).toEqual(['on-issue-event']);
      expect(host.manifest.propertyIndexes).toEqual([expect.objectContaining({ searchAlias: 'objective' })]);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
