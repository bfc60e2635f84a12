/**
 * How harsh the local platform is (docs/forge-fidelity.md):
 *
 * - `strict`: as Forge documents it. For storage (local/kvs): per-installation quotas with HTTP 429
 *   `RATE_LIMIT_EXCEEDED`, and queries that see writes only after a lag.
 * - `lenient`: no quotas, queries see every write at once, events delivered at once and in order.
 *   For a quick look or a bulk seeding; never for tests of the app's behaviour.
 *
 * `TETHER_FORGE=strict|lenient` chooses it for `createHost` (and so for `tether` and `npm start`);
 * `createHost({forge})` and `KvsService.open({forge})` take it as an option. The default is
 * `strict`: the app is correct under Forge's and Jira's real limits (issue 12), and everything runs
 * under them unless asked otherwise.
 */
export type ForgeMode = 'strict' | 'lenient';

export const FORGE_MODES: readonly ForgeMode[] = ['strict', 'lenient'];

/** As harsh as Forge and Jira unless TETHER_FORGE=lenient or an option says otherwise. */
export const DEFAULT_FORGE_MODE: ForgeMode = 'strict';

export function isForgeMode(value: unknown): value is ForgeMode {
  return value === 'strict' || value === 'lenient';
}

/**
 * The mode `TETHER_FORGE` asks for (case and spaces ignored), the default when it is unset or
 * empty; anything else is an error naming what is accepted.
 */
export function forgeModeFromEnvironment(env: NodeJS.ProcessEnv = process.env): ForgeMode {
  const setting = env.TETHER_FORGE;
  if (setting === undefined || setting.trim() === '') return DEFAULT_FORGE_MODE;
  const mode = setting.trim().toLowerCase();
  if (isForgeMode(mode)) return mode;
  throw new Error(`TETHER_FORGE=${JSON.stringify(setting)} is not a mode: give strict or lenient`);
}
