import { ForgeKvsAPIError } from '@forge/kvs';

/** The ForgeKvsAPIError a call rejects with, to assert on its code and status. */
export async function failure(p: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ForgeKvsAPIError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
