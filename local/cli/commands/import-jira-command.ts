/**
 * `tether import-jira [options] <file>...`: loads Jira exports into the local Jira of the data
 * folder, by running the importer's own command (local/import/cli.ts, see docs/import-jira.md)
 * with the same arguments and environment. Stop `tether start` first: a running host keeps its
 * own copy of the local Jira and would write over the import on its next change.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function importJiraCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const tsxLoader = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  const importer = join(__dirname, '..', '..', 'import', 'cli.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, importer, ...args], { stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}
