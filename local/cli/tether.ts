/**
 * `tether`: the local Forge host from the command line (`npx tether <command>`; the launcher is
 * tether.cjs beside this file). See `tether help` and docs/local-host.md.
 */
import { parseArgs } from 'node:util';
import { clockFromEnvironment } from '../runtime/process-clock';
import { errorText, processIo, type CliIo } from './cli-io';
import { plainErrorText } from './input-files';
import { USAGE } from './usage';

const OPTIONS = {
  as: { type: 'string' },
  data: { type: 'string' },
  manifest: { type: 'string' },
  app: { type: 'string' },
  yes: { type: 'boolean' },
  port: { type: 'string' },
  'no-demo': { type: 'boolean' },
  project: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = processIo,
): Promise<number> {
  // TETHER_NOW sets the clock the host, the app and the pages read (local/runtime/process-clock.ts)
  let restoreClock: () => void;
  try {
    restoreClock = clockFromEnvironment(env);
  } catch (e) {
    io.err(`tether: ${errorText(e)}`);
    return 1;
  }
  try {
    return await run(argv, env, io);
  } finally {
    restoreClock();
  }
}

async function run(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  // The importer has its own options: everything after the command is its.
  if (argv[0] === 'import-jira')
    return (await import('./commands/import-jira-command')).importJiraCommand(argv.slice(1), env);
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (e) {
    io.err(`${errorText(e)}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'help' || values.help === true) {
    (command === undefined && values.help !== true ? io.err : io.out)(USAGE);
    return command === undefined && values.help !== true ? 1 : 0;
  }
  const hostFlags = { manifest: values.manifest, app: values.app };
  // Each command loads only what it uses (the web server and the host take a while to load).
  try {
    switch (command) {
      case 'jira':
        return await (
          await import('./commands/jira-command')
        ).jiraCommand({ ...hostFlags, method: rest[0], path: rest[1], as: values.as, data: values.data }, env, io);
      case 'trigger':
        return await (await import('./commands/trigger-command')).triggerCommand(rest[0], hostFlags, env, io);
      case 'start':
        return await (
          await import('./commands/start-command')
        ).startCommand({ ...hostFlags, port: values.port, noDemo: values['no-demo'] }, env, io);
      case 'export':
        return await (
          await import('./commands/objectives-file-commands')
        ).exportCommand({ ...hostFlags, as: values.as }, env, io);
      case 'apply':
        return await (
          await import('./commands/objectives-file-commands')
        ).applyCommand(rest[0], { ...hostFlags, as: values.as, dryRun: values['dry-run'] }, env, io);
      case 'rollup':
        return await (
          await import('./commands/rollup-command')
        ).rollupCommand({ ...hostFlags, project: values.project, json: values.json }, env, io);
      case 'reset':
        return (await import('./commands/reset-command')).resetCommand(values.yes === true, env, io);
      default:
        io.err(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (e) {
    io.err(`tether ${command}: ${plainErrorText(e)}`);
    return 1;
  }
}
