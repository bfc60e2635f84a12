/** `tether trigger <key>`: runs a scheduled trigger of the manifest now; prints what it returned. */
import type { CliIo } from '../cli-io';
import { invocationLine } from '../invocation-summary';
import { openHost, type HostFlags } from '../open-host';

export async function triggerCommand(
  key: string | undefined,
  flags: HostFlags,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  if (key === undefined) {
    io.err('Usage: tether trigger <scheduled trigger key>');
    return 1;
  }
  const host = openHost(flags, env);
  try {
    const before = host.invocations().length;
    const result = await host.runScheduledTrigger(key);
    await host.drain();
    for (const r of host.invocations().slice(before)) io.err(invocationLine(r));
    if (!result.ok) return 1;
    if (result.value !== undefined) io.out(JSON.stringify(result.value, null, 2));
    return 0;
  } finally {
    await host.close();
  }
}
