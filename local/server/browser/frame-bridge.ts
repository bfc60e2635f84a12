/**
 * Runs first in every Custom UI frame (the server puts it at the top of the resource's
 * index.html): defines `globalThis.__bridge.callBridge(command, payload)`, which the real
 * @forge/bridge calls for everything it does. Calls go to the page around the frame by
 * postMessage; commands whose payloads carry functions (events.on, showFlag actions,
 * createHistory) are kept here, and `enableTheming` asks the page for its colour mode and applies
 * it here. Every call settles: an answer, an error, or a timeout.
 */
import { DATA_THEME } from '../theme-choice';
import { createFrameHistory } from './frame-history';
import { PageMessage, TAG, ThemeReply, type FrameMessage } from './messages';

const TIMEOUT_MS = 60_000;
const THEME_CSS = '/__tether/theme.css';

type Callback = (payload?: unknown) => unknown;

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const pending = new Map<number, Pending>();
const listeners = new Set<{ event: string; isPublic: boolean; callback: Callback }>();
const flagActions = new Map<string, Callback[]>();
let nextId = 1;

function post(message: FrameMessage): void {
  window.parent.postMessage(message, location.origin);
}

/** Only JSON crosses to the page and the server (functions and undefined members drop out). */
function asJson(payload: unknown): unknown {
  if (payload === undefined) return undefined;
  const parsed: unknown = JSON.parse(JSON.stringify(payload));
  return parsed;
}

function send(command: string, payload: unknown): Promise<unknown> {
  if (window.parent === window) {
    return Promise.reject(
      new Error(
        `@forge/bridge '${command}': this Custom UI is open on its own; open it inside the local Jira page (npm start) so the bridge has a host.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(
        new Error(`The local Forge host did not answer the bridge command '${command}' within ${TIMEOUT_MS / 1000} s.`),
      );
    }, TIMEOUT_MS);
    pending.set(id, { command, resolve, reject, timer });
    try {
      post({ tag: TAG, kind: 'call', id, command, payload: asJson(payload) });
    } catch (e) {
      clearTimeout(timer);
      pending.delete(id);
      reject(new Error(`The payload of '${command}' cannot be sent: ${e instanceof Error ? e.message : String(e)}`));
    }
  });
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

function subscribe(payload: unknown, isPublic: boolean): Promise<{ unsubscribe: () => void }> {
  const event = member(payload, 'event');
  const callback = member(payload, 'callback');
  if (typeof event !== 'string' || typeof callback !== 'function')
    return Promise.reject(new Error('events.on needs an event name and a callback.'));
  const entry = { event, isPublic, callback: (p?: unknown): unknown => Reflect.apply(callback, undefined, [p]) };
  listeners.add(entry);
  return Promise.resolve({ unsubscribe: () => void listeners.delete(entry) });
}

function showFlag(payload: unknown): Promise<unknown> {
  const id = member(payload, 'id');
  const actions = member(payload, 'actions');
  if (Array.isArray(actions)) {
    const clicks: Callback[] = actions.map((a: unknown) => {
      const onClick = member(a, 'onClick');
      return () => (typeof onClick === 'function' ? Reflect.apply(onClick, undefined, []) : undefined);
    });
    flagActions.set(String(id), clicks);
  }
  return send('showFlag', payload);
}

/** `view.theme.enable()`: the page's colour mode on this frame's <html>, and the tokens' CSS, as Jira does. */
async function enableTheming(): Promise<void> {
  const reply = ThemeReply.safeParse(await send('enableTheming', undefined));
  if (!reply.success) throw new Error('The page answered enableTheming without a colour mode.');
  const root = document.documentElement;
  root.setAttribute('data-color-mode', reply.data.colorMode);
  root.setAttribute('data-theme', DATA_THEME);
  if (document.querySelector(`link[href="${THEME_CSS}"]`) === null) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = THEME_CSS;
    (document.head ?? root).appendChild(link);
  }
}

function callBridge(command: string, payload?: unknown): Promise<unknown> {
  switch (command) {
    case 'on':
      return subscribe(payload, false);
    case 'onPublic':
      return subscribe(payload, true);
    case 'showFlag':
      return showFlag(payload);
    case 'enableTheming':
      return enableTheming();
    case 'createHistory':
      return Promise.resolve(createFrameHistory());
    default:
      return send(command, payload);
  }
}

function receive(message: PageMessage): void {
  if (message.kind === 'reply') {
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.reply.ok) call.resolve(message.reply.value);
    else call.reject(Object.assign(new Error(message.reply.error.message), { code: message.reply.error.code }));
  } else if (message.kind === 'event') {
    for (const l of [...listeners])
      if (l.event === message.event && l.isPublic === message.isPublic) l.callback(message.payload);
  } else {
    flagActions.get(message.flagId)?.[message.index]?.();
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  if (e.source !== window.parent || e.origin !== location.origin) return;
  const parsed = PageMessage.safeParse(e.data);
  if (parsed.success) receive(parsed.data);
});

// The page sizes the frame to its content, as Forge does with iframe-resizer.
if (window.parent !== window && typeof ResizeObserver === 'function') {
  let last = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      post({ tag: TAG, kind: 'resize', height });
    }
  }).observe(document.documentElement);
}

Reflect.set(globalThis, '__bridge', { callBridge });
