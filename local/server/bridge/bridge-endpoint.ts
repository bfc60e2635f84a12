/**
 * `POST /__tether/bridge`: the server half of `__bridge.callBridge(command, payload)`. The parent
 * page answers the commands that act on the page (flags, navigation, events, theme); it sends
 * the rest here with the persona and the frame's module and extension context. Every command
 * gets an answer: unknown and unsupported ones a clear error, never silence.
 */
import type { PersonaAccount, ServerHost, UiModule } from '../host-port';
import { jsonResponse, type HttpResponse } from '../http/exchange';
import { personaAccount } from '../persona';
import { parseRequestJson } from '../../runtime/request-json';
import { BridgeCommandError } from './bridge-error';
import { BridgeRequest, FetchProductPayload, InvokePayload, type BridgeReply } from './bridge-schemas';
import { submitGadget } from '../dashboards';
import { fetchProduct } from './fetch-product';
import { forgeContext } from './forge-context';

/** Commands the parent page answers itself (local/server/browser/page-bridge.ts); for enableTheming, the page's colour mode, which the frame applies. */
export const PAGE_COMMANDS = [
  'showFlag',
  'closeFlag',
  'navigate',
  'getUrl',
  'reload',
  'refresh',
  'changeWindowTitle',
  'emit',
  'emitPublic',
  'emitReadyEvent',
  'enableTheming',
] as const;
/** Commands the frame answers itself, because their payloads carry functions (frame-bridge.ts). */
export const FRAME_COMMANDS = ['on', 'onPublic', 'createHistory'] as const;

/** Commands of @forge/bridge the local host deliberately does not serve, with why. */
const UNSUPPORTED: Record<string, string> = {
  openModal: 'Modals (new Modal().open()) are not supported by the local host yet.',
  fetchRemote: 'Forge remotes (requestRemote) are not available locally.',
  requestTeamworkGraph: 'The Teamwork Graph is not available locally.',
  fetchUserRecommendations: 'User recommendations are not available locally; use /rest/api/3/user/search.',
  publishRealtimeChannel: 'Forge realtime is not available locally.',
  subscribeRealtimeChannel: 'Forge realtime is not available locally.',
  initFeatureFlags: 'Forge feature flags are not available locally.',
  openRovo: 'Rovo is not available locally.',
  getFrameId: 'Frame ids are internal to Atlassian products.',
  getFrameDispatch: 'Frame dispatch is internal to Atlassian products.',
};

/**
 * The most a front-end `invoke` may carry (Forge's invocation limits: 500 KB), counted as the JSON
 * the bridge sends (`{functionKey, payload}`), in bytes, 1 KB being 1,000 bytes (the harsher reading).
 */
export const MAX_INVOKE_BYTES = 500_000;

type Handler = (input: {
  host: ServerHost;
  account: PersonaAccount;
  module: UiModule;
  request: BridgeRequest;
  serverUrl: string;
}) => Promise<unknown>;

const HANDLERS: Record<string, Handler> = {
  getContext: ({ host, account, request, serverUrl }) => forgeContext(host, account, request.context, serverUrl),
  invoke: async ({ host, account, module, request }) => {
    const parsed = InvokePayload.safeParse(request.payload ?? {});
    if (!parsed.success)
      throw new BridgeCommandError('BAD_PAYLOAD', `invoke: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const call = parsed.data;
    if (call.invokeType !== undefined)
      throw new BridgeCommandError(
        'UNSUPPORTED',
        `Forge remote and container endpoints (${call.invokeType}) are not available locally.`,
      );
    if (call.functionKey === undefined) throw new BridgeCommandError('BAD_PAYLOAD', 'invoke needs a functionKey.');
    if (!module.hasResolver)
      throw new BridgeCommandError(
        'NO_RESOLVER',
        `The module '${module.key}' names no resolver function in manifest.yml, so invoke('${call.functionKey}') has nothing to call.`,
      );
    if (host.forge === 'strict') {
      const bytes = Buffer.byteLength(JSON.stringify({ functionKey: call.functionKey, payload: call.payload ?? {} }));
      if (bytes > MAX_INVOKE_BYTES) {
        throw new BridgeCommandError(
          'PAYLOAD_TOO_LARGE',
          `invoke('${call.functionKey}') carries ${(bytes / 1000).toFixed(1)} KB; Forge refuses an invocation payload over 500 KB (send it in smaller parts).`,
        );
      }
    }
    let value: unknown;
    try {
      value = await host.invokeResolver({
        moduleKey: module.key,
        functionKey: call.functionKey,
        payload: call.payload ?? {},
        accountId: account.accountId,
        extension: { ...request.context.extension },
      });
    } catch (e) {
      throw new BridgeCommandError(
        'INVOCATION_FAILED',
        `There was an error invoking the function - ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    // with metadata, the bridge expects {body, metadata} (invoke/invoke.js:21-23)
    return call.metadata === undefined ? value : { body: value, metadata: {} };
  },
  fetchProduct: async ({ host, account, request }) => {
    const parsed = FetchProductPayload.safeParse(request.payload);
    if (!parsed.success)
      throw new BridgeCommandError(
        'BAD_PAYLOAD',
        `fetchProduct: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    return fetchProduct(host, account, parsed.data);
  },
  // accepted and dropped: nothing locally collects them
  emitFrontendCustomMetric: async () => undefined,
  trackObjectStoreAction: async () => undefined,
  getCookieConsentPreferences: async () => null,
  isRovoEnabled: async () => false,
  // views that are not modals cannot be closed, submitted or opened: the bridge then throws its own error
  close: async () => false,
  // a gadget's edit view stores its configuration with the gadget (local/server/dashboards.ts)
  submit: async ({ host, account, request }) => submitGadget(host, account, request.context, request.payload),
  open: async () => false,
  onClose: async () => false,
};

function failure(code: string, message: string): BridgeReply {
  return { ok: false, error: { code, message } };
}

export async function answerBridgeCommand(host: ServerHost, body: unknown, serverUrl: string): Promise<BridgeReply> {
  const parsed = BridgeRequest.safeParse(body);
  if (!parsed.success) {
    return failure(
      'BAD_REQUEST',
      `The bridge request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
    );
  }
  const request = parsed.data;
  const { command, context } = request;
  const persona = personaAccount(host, context.persona);
  if (!persona.ok) return failure('UNKNOWN_PERSONA', persona.message);
  const module = host.modules().find((m) => m.key === context.moduleKey);
  if (!module) return failure('UNKNOWN_MODULE', `The manifest has no module '${context.moduleKey}'.`);
  if (module.type !== context.extension.type) {
    return failure('BAD_REQUEST', `The module '${module.key}' is a ${module.type}, not a ${context.extension.type}.`);
  }
  const pageCommand = [...PAGE_COMMANDS, ...FRAME_COMMANDS].find((c) => c === command);
  if (pageCommand !== undefined) {
    return failure(
      'ANSWERED_BY_PAGE',
      `The bridge command '${command}' is answered by the page around the frame, not by the server.`,
    );
  }
  const unsupported = UNSUPPORTED[command];
  if (unsupported !== undefined)
    return failure('UNSUPPORTED', `The local Forge host does not support '${command}': ${unsupported}`);
  const handler = HANDLERS[command];
  if (handler === undefined) {
    return failure(
      'UNKNOWN_COMMAND',
      `The local Forge host does not know the bridge command '${command}'. See docs/local-host.md for the commands it answers.`,
    );
  }
  try {
    const value = await handler({ host, account: persona.account, module, request, serverUrl });
    return { ok: true, value };
  } catch (e) {
    if (e instanceof BridgeCommandError) return failure(e.code, e.message);
    return failure(
      'HOST_ERROR',
      `The local host failed on '${command}': ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * The HTTP answer: 200 with the reply (also for command errors), 400 only for a malformed body —
 * not JSON, nested past MAX_JSON_DEPTH, or a number JSON cannot hold (`1e309`) — in one plain line.
 */
export async function bridgeEndpoint(host: ServerHost, rawBody: string, serverUrl: string): Promise<HttpResponse> {
  const body = parseRequestJson(rawBody, 'The bridge request body');
  if (!body.ok) return jsonResponse(400, failure('BAD_REQUEST', body.message));
  const reply = await answerBridgeCommand(host, body.value, serverUrl);
  const status = !reply.ok && reply.error.code === 'BAD_REQUEST' ? 400 : 200;
  try {
    return jsonResponse(status, reply);
  } catch (e) {
    // e.g. a resolver reply with a BigInt or a cycle
    return jsonResponse(
      200,
      failure('BAD_REPLY', `The reply cannot be sent as JSON: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
}
