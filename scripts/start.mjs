// `npm start`: the local Forge host (local/) with the app and the demo site, on 127.0.0.1 at
// PORT (default 8080). Data lives in TETHER_DATA (default .tether/) and survives restarts.
// Same as `npx tether start`; extra arguments are passed through (e.g. `npm start -- --port 9000`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../local/cli/tether.cjs', import.meta.url));
const child = spawn(process.execPath, [launcher, 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
