/**
 * The page half of the bridge (served as /__tether/page-bridge.js on every Jira-like page).
 * It answers each frame's bridge calls that act on the page (flags, navigation, events, title,
 * reload, the theme's colour mode) and sends the rest to the server (`POST /__tether/bridge`)
 * with the persona, the colour mode and the frame's module and extension context. It also sizes frames to their content and asks before
 * destructive form posts.
 */
import * as z from 'zod/mini';
import {
  BridgeReplySchema,
  EventPayload,
  FlagPayload,
  FrameMessage,
  NavigationPayload,
  PageData,
  TAG,
  type BridgeReplyMessage,
  type PageMessage,
} from './messages';
import { closeFlag, closeFlagsOnClick, showFlag } from './page-flags';
import { NavigationError, urlFor } from './page-navigation';

const FrameData = z.looseObject({
  moduleKey: z.string(),
  extension: z.looseObject({ type: z.string(), project: z.optional(z.object({ key: z.string() })) }),
});

function readPageData(): PageData {
  const text = document.getElementById('tether-page')?.textContent ?? '{}';
  const parsed = PageData.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : { persona: 'admin', colorMode: 'light', modules: [] };
}

const page = readPageData();

function frames(): HTMLIFrameElement[] {
  return Array.from(document.querySelectorAll('iframe[data-tether-frame]')).filter(
    (e): e is HTMLIFrameElement => e instanceof HTMLIFrameElement,
  );
}

function frameContext(frame: HTMLIFrameElement): unknown {
  const parsed: unknown = JSON.parse(frame.dataset.tetherFrame ?? 'null');
  return parsed;
}

function postTo(frame: HTMLIFrameElement, message: PageMessage): void {
  frame.contentWindow?.postMessage(message, window.location.origin);
}

const ok = (value?: unknown): BridgeReplyMessage => ({ ok: true, value });
const fail = (code: string, message: string): BridgeReplyMessage => ({ ok: false, error: { code, message } });

async function askServer(frame: HTMLIFrameElement, command: string, payload: unknown): Promise<BridgeReplyMessage> {
  const context = frameContext(frame);
  try {
    const res = await fetch('/__tether/bridge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        command,
        payload,
        context: {
          ...(typeof context === 'object' && context !== null ? context : {}),
          persona: page.persona,
          colorMode: page.colorMode,
        },
      }),
    });
    const parsed = BridgeReplySchema.safeParse(await res.json());
    return parsed.success
      ? parsed.data
      : fail('BAD_REPLY', `The local host answered '${command}' with something that is not a bridge reply.`);
  } catch (e) {
    return fail(
      'HOST_UNREACHABLE',
      `The local host could not be reached for '${command}': ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function broadcast(event: string, payload: unknown, isPublic: boolean): void {
  for (const frame of frames()) postTo(frame, { tag: TAG, kind: 'event', event, payload, isPublic });
}

async function answer(frame: HTMLIFrameElement, command: string, payload: unknown): Promise<BridgeReplyMessage> {
  const frameData = FrameData.safeParse(frameContext(frame));
  const projectKey = frameData.success ? frameData.data.extension.project?.key : undefined;
  switch (command) {
    case 'showFlag': {
      const flag = FlagPayload.safeParse(payload);
      if (!flag.success)
        return fail(
          'BAD_PAYLOAD',
          `showFlag: ${flag.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        );
      showFlag(flag.data, (index) =>
        postTo(frame, { tag: TAG, kind: 'flag-action', flagId: String(flag.data.id), index }),
      );
      return ok();
    }
    case 'closeFlag': {
      const id = z.object({ id: z.union([z.string(), z.number()]) }).safeParse(payload);
      return id.success ? ok(closeFlag(String(id.data.id))) : fail('BAD_PAYLOAD', 'closeFlag needs the flag id.');
    }
    case 'navigate':
    case 'getUrl': {
      const location = NavigationPayload.safeParse(payload);
      if (!location.success) return fail('BAD_PAYLOAD', `${command} needs a URL or a NavigationLocation.`);
      try {
        const url = urlFor(location.data, page, projectKey);
        if (command === 'getUrl') return ok(url);
        if (location.data.type === 'new-tab') window.open(url, '_blank', 'noopener');
        else setTimeout(() => window.location.assign(url), 0);
        return ok();
      } catch (e) {
        return fail('BAD_NAVIGATION', e instanceof NavigationError ? e.message : String(e));
      }
    }
    case 'reload':
      setTimeout(() => window.location.reload(), 0);
      return ok();
    case 'refresh':
      setTimeout(() => frame.contentWindow?.location.reload(), 0);
      return ok(true);
    case 'changeWindowTitle':
      document.title = String(payload);
      return ok();
    case 'emit':
    case 'emitPublic': {
      const event = EventPayload.safeParse(payload);
      if (!event.success) return fail('BAD_PAYLOAD', `${command} needs an event name.`);
      broadcast(event.data.event, event.data.payload, command === 'emitPublic');
      return ok();
    }
    case 'enableTheming':
      // the frame sets the mode on its own <html> (frame-bridge.ts)
      return ok({ colorMode: page.colorMode });
    case 'emitReadyEvent':
      frame.dataset.tetherReady = 'true';
      return ok();
    case 'submit': {
      // a dashboard gadget's edit view: once the host stored the configuration, the dashboard shows the gadget's view
      const reply = await askServer(frame, command, payload);
      if (
        reply.ok &&
        reply.value === true &&
        frameData.success &&
        frameData.data.extension.type === 'jira:dashboardGadget'
      )
        setTimeout(() => window.location.assign('/dashboard'), 0);
      return reply;
    }
    default:
      return askServer(frame, command, payload);
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  if (e.origin !== window.location.origin) return;
  const frame = frames().find((f) => f.contentWindow === e.source);
  if (!frame) return;
  const message = FrameMessage.safeParse(e.data);
  if (!message.success) return;
  const data = message.data;
  if (data.kind === 'resize') {
    const min = Number(frame.dataset.minHeight ?? '0');
    frame.style.height = `${Math.max(min, data.height)}px`;
    return;
  }
  void answer(frame, data.command, data.payload).then((reply) =>
    postTo(frame, { tag: TAG, kind: 'reply', id: data.id, reply }),
  );
});

closeFlagsOnClick();

// Forms that change data say what they do first (delete asks to confirm).
document.addEventListener('submit', (e: SubmitEvent) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question !== undefined && !window.confirm(question)) e.preventDefault();
});
