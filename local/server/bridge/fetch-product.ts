/**
 * `fetchProduct` ({product, restPath, fetchRequestInit}): `requestJira` from a Custom UI, sent to
 * the local Jira as the persona (the bridge always acts as the user). Answers the shape
 * @forge/bridge turns into a `Response`.
 */
import { STATUS_CODES } from 'node:http';
import type { PersonaAccount, ServerHost } from '../host-port';
import { BridgeCommandError } from './bridge-error';
import type { FetchProductPayload, ProductFetchReply } from './bridge-schemas';

type HeaderInput = ReadonlyArray<readonly [string, string]> | Record<string, string> | undefined;

function headerRecord(headers: HeaderInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  const pairs: ReadonlyArray<readonly [string, string]> = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of pairs) out[name.toLowerCase()] = value;
  return out;
}

export async function fetchProduct(
  host: ServerHost,
  account: PersonaAccount,
  request: FetchProductPayload,
): Promise<ProductFetchReply> {
  if (request.product !== 'jira') {
    throw new BridgeCommandError(
      'UNSUPPORTED_PRODUCT',
      `The local host serves Jira only; request${request.product[0]?.toUpperCase() ?? ''}${request.product.slice(1)} ('${request.product}') has nothing to answer it.`,
    );
  }
  if (!request.restPath.startsWith('/')) {
    throw new BridgeCommandError(
      'BAD_PATH',
      `requestJira needs a path that starts with '/', e.g. '/rest/api/3/myself'; got '${request.restPath}'.`,
    );
  }
  if (request.isMultipartFormData === true) {
    throw new BridgeCommandError(
      'UNSUPPORTED',
      'Multipart (FormData) requests are not supported by the local Jira (it has no attachments).',
    );
  }
  const init = request.fetchRequestInit ?? {};
  const method = (init.method ?? 'GET').toUpperCase();
  const res = await host.jira.request({
    method,
    path: request.restPath,
    headers: headerRecord(init.headers),
    body: method === 'GET' || method === 'HEAD' ? '' : (init.body ?? ''),
    asUser: account.accountId,
    // the app asks, for the user: Jira counts it against the app's points (app + user)
    viaApp: true,
  });
  return {
    status: res.status,
    statusText: STATUS_CODES[res.status] ?? '',
    headers: res.headers,
    body: res.body,
    isAttachment: false,
  };
}
