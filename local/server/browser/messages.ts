/**
 * postMessage between a Custom UI frame (frame-bridge.ts) and the page around it (page-bridge.ts).
 * Both sides parse what they receive: a frame is app code, and any window may post messages.
 * Zod's tree-shakeable `zod/mini` (the same checks as `zod`): these schemas run in every page and
 * frame of the local host, on the frame's main thread, and all of `zod` there cost about 40 ms of
 * script each before the app's own bundle ran (docs/issue-context.md).
 */
import * as z from 'zod/mini';
import { ColorMode } from '../theme-choice';

export const TAG = 'tether-bridge';

export const BridgeReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.optional(z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type BridgeReplyMessage = z.infer<typeof BridgeReplySchema>;

/** Frame → page. */
export const FrameMessage = z.discriminatedUnion('kind', [
  z.object({
    tag: z.literal(TAG),
    kind: z.literal('call'),
    id: z.int(),
    command: z.string().check(z.minLength(1), z.maxLength(200)),
    payload: z.optional(z.unknown()),
  }),
  z.object({ tag: z.literal(TAG), kind: z.literal('resize'), height: z.number().check(z.nonnegative()) }),
]);
export type FrameMessage = z.infer<typeof FrameMessage>;

/** Page → frame. */
export const PageMessage = z.discriminatedUnion('kind', [
  z.object({ tag: z.literal(TAG), kind: z.literal('reply'), id: z.int(), reply: BridgeReplySchema }),
  z.object({
    tag: z.literal(TAG),
    kind: z.literal('event'),
    event: z.string(),
    payload: z.optional(z.unknown()),
    isPublic: z.boolean(),
  }),
  z.object({
    tag: z.literal(TAG),
    kind: z.literal('flag-action'),
    flagId: z.string(),
    index: z.int().check(z.nonnegative()),
  }),
]);
export type PageMessage = z.infer<typeof PageMessage>;

/** showFlag's payload once the frame has kept the actions' onClick (flag/flag.js:12-15). */
export const FlagPayload = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  type: z._default(z.enum(['info', 'success', 'warning', 'error']), 'info'),
  appearance: z.optional(z.enum(['info', 'success', 'warning', 'error'])),
  actions: z._default(z.array(z.object({ text: z.string() })), []),
  isAutoDismiss: z.optional(z.boolean()),
});
export type FlagPayload = z.infer<typeof FlagPayload>;

/** router.navigate/open (`{url, type}` or a NavigationLocation plus `type`) and getUrl (router/router.js). */
export const NavigationPayload = z.looseObject({
  type: z.optional(z.enum(['same-tab', 'new-tab'])),
  url: z.optional(z.string()),
  target: z.optional(z.string()),
  issueKey: z.optional(z.string()),
  projectKey: z.optional(z.string()),
  moduleKey: z.optional(z.string()),
  path: z.optional(z.string()),
});
export type NavigationPayload = z.infer<typeof NavigationPayload>;

/** The page's answer to `enableTheming`: the mode the frame is to show. */
export const ThemeReply = z.object({ colorMode: ColorMode });

export const EventPayload = z.object({ event: z.string().check(z.minLength(1)), payload: z.optional(z.unknown()) });

/** What the server writes into the page for its script (`<script id="tether-page" type="application/json">`). */
export const PageData = z.object({
  persona: z.string(),
  colorMode: ColorMode,
  modules: z.array(z.object({ key: z.string(), type: z.string() })),
});
export type PageData = z.infer<typeof PageData>;
