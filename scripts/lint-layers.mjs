// Checks the layer rule (.dependency-cruiser.cjs) over the app's source folders that exist.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const folders = ['src', 'static', 'local'].filter((f) => existsSync(f));
const run = spawnSync('npx', ['depcruise', ...folders, '--config', '.dependency-cruiser.cjs'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
