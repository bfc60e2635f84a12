/**
 * The one typed way the frontend calls the backend: each resolver key's payload and reply come
 * from src/contract, and every reply is parsed with that key's schema before use. A transport
 * failure or a reply of the wrong shape becomes an `{ok: false}` reply like any other.
 */
import { replyFor, type ApiKey, type DataOf, type PayloadIn } from '@contract/api';
import type { AppError, Reply } from '@contract/errors';

/** Sends one resolver call: `invoke` from @forge/bridge, or a test double. */
type Transport = (key: string, payload: unknown) => Promise<unknown>;

export interface ApiClient {
  call<K extends ApiKey>(key: K, payload: PayloadIn<K>): Promise<Reply<DataOf<K>>>;
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : 'the request did not go through';
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call<K extends ApiKey>(key: K, payload: PayloadIn<K>): Promise<Reply<DataOf<K>>> {
      let raw: unknown;
      try {
        raw = await transport(key, payload);
      } catch (error) {
        const failure: AppError = {
          code: 'UNAVAILABLE',
          message: `Tether could not be reached: ${messageOf(error)}. Try again.`,
        };
        return { ok: false, error: failure };
      }
      const parsed = replyFor(key).safeParse(raw);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const where =
        issue === undefined ? '' : ` (at ${issue.path.map(String).join('.') || 'the top'}: ${issue.message})`;
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `Tether replied in a shape this page does not understand${where}. Reload the page.`,
        },
      };
    },
  };
}
