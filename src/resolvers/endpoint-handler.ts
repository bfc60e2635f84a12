/**
 * What every resolver key does, in order: parse the payload with the contract (VALIDATION with
 * the paths at fault, nothing else happens), build the invocation's ports, check who may call
 * the key (FORBIDDEN before anything is read or written), run the use case, check its data
 * against the contract, and answer `{ok: true, data}` or `{ok: false, error}`.
 */
import type { Request } from '@forge/resolver';
import { z } from 'zod';
import { detailsFromZod, type Reply } from '../contract';
import { ENDPOINTS, type ApiKey, type DataOf, type PayloadOf } from '../contract/api';
import { errorReply } from './error-reply';
import type { InvocationPorts } from './invocation-ports';

/**
 * Who may call a key at all: site admins (ADMINISTER; `doing` completes the refusal "Only Jira
 * administrators can …") or any signed-in user. Use cases check again, and add finer rules
 * (e.g. BROWSE_PROJECTS for one project's workgroups).
 */
export type Access = { kind: 'site-admin'; doing: string } | { kind: 'signed-in' };

export const siteAdmin = (doing: string): Access => ({ kind: 'site-admin', doing });
export const signedIn: Access = { kind: 'signed-in' };

export type Run<K extends ApiKey> = (payload: PayloadOf<K>, ports: InvocationPorts) => Promise<DataOf<K>>;

/** A payload the contract refuses: a sentence for the user; the details say which fields. */
export const REQUEST_NOT_VALID = 'Some of what was entered is not valid.';

const ResolverContext = z.looseObject({ accountId: z.string().min(1).optional() });

export function endpointHandler<K extends ApiKey>(
  key: K,
  access: Access,
  run: Run<K>,
  portsFor: (accountId: string | null, key: K) => InvocationPorts,
): (request: Request) => Promise<Reply<DataOf<K>>> {
  const endpoint = ENDPOINTS[key];
  return async (request) => {
    const payload = endpoint.payload.safeParse(request.payload ?? {});
    if (!payload.success) {
      return {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: REQUEST_NOT_VALID,
          details: detailsFromZod(payload.error),
        },
      };
    }
    const context = ResolverContext.safeParse(request.context);
    const accountId = context.success ? (context.data.accountId ?? null) : null;
    try {
      const ports = portsFor(accountId, key);
      if (access.kind === 'site-admin') await ports.permissions.requireSiteAdmin(access.doing);
      else ports.permissions.requireUser();
      const data = endpoint.data.safeParse(await run(payload.data, ports));
      if (!data.success) throw new Error(`The reply of ${key} does not match the contract: ${data.error.message}`);
      return { ok: true, data: data.data };
    } catch (error) {
      return errorReply(key, error);
    }
  };
}
