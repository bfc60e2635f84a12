// Run by durability.test.ts in a child process that is killed while writing: opens the local
// KVS in the folder given as argument and writes through @forge/kvs as fast as it can, printing
// each key once its write has been acknowledged.
import { kvs } from '@forge/kvs';
import { KvsService } from '../../../local/kvs/kvs-service';
import { installForgeRuntime } from '../../../local/runtime/install-forge-runtime';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: crash-writer <data folder>');
// durability, not quotas: a kind service, so every write is taken
const service = KvsService.open({ dataDir, compactAfterEntries: 50, forge: 'lenient' });
installForgeRuntime({ kvs: service });

async function main(): Promise<void> {
  for (let i = 0; ; i += 1) {
    await kvs.set(`crash:${i}`, { i, padding: 'p'.repeat(2000) });
    process.stdout.write(`${i}\n`);
  }
}
void main();
