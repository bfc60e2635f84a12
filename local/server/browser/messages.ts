/**
 * postMessage between a Custom UI frame (frame-bridge.ts) and the page around it (page-bridge.ts).
 * Both sides parse what they receive: a frame is app code, and any window may post messages.
 */
import { z } from 'zod';
import { ColorMode } from '../theme-choice';

export const TAG = 'tether-bridge';

export const BridgeReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type BridgeReplyMessage = z.infer<typeof BridgeReplySchema>;

/** Frame → page. */
export const FrameMessage = z.discriminatedUnion('kind', [
  z.object({
    tag: z.literal(TAG),
    kind: z.literal('call'),
    id: z.number().int(),
    command: z.string().min(1).max(200),
    payload: z.unknown().optional(),
  }),
  z.object({ tag: z.literal(TAG), kind: z.literal('resize'), height: z.number().nonnegative() }),
]);
export type FrameMessage = z.infer<typeof FrameMessage>;

/** Page → frame. */
export const PageMessage = z.discriminatedUnion('kind', [
  z.object({ tag: z.literal(TAG), kind: z.literal('reply'), id: z.number().int(), reply: BridgeReplySchema }),
  z.object({
    tag: z.literal(TAG),
    kind: z.literal('event'),
    event: z.string(),
    payload: z.unknown().optional(),
    isPublic: z.boolean(),
  }),
  z.object({
    tag: z.literal(TAG),
    kind: z.literal('flag-action'),
    flagId: z.string(),
    index: z.number().int().nonnegative(),
  }),
]);
export type PageMessage = z.infer<typeof PageMessage>;

/** showFlag's payload once the frame has kept the actions' onClick (flag/flag.js:12-15). */
export const FlagPayload = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(['info', 'success', 'warning', 'error']).default('info'),
  appearance: z.enum(['info', 'success', 'warning', 'error']).optional(),
  actions: z.array(z.object({ text: z.string() })).default([]),
  isAutoDismiss: z.boolean().optional(),
});
export type FlagPayload = z.infer<typeof FlagPayload>;

/** router.navigate/open (`{url, type}` or a NavigationLocation plus `type`) and getUrl (router/router.js). */
export const NavigationPayload = z.looseObject({
  type: z.enum(['same-tab', 'new-tab']).optional(),
  url: z.string().optional(),
  target: z.string().optional(),
  issueKey: z.string().optional(),
  projectKey: z.string().optional(),
  moduleKey: z.string().optional(),
  path: z.string().optional(),
});
export type NavigationPayload = z.infer<typeof NavigationPayload>;

/** The page's answer to `enableTheming`: the mode the frame is to show. */
export const ThemeReply = z.object({ colorMode: ColorMode });

export const EventPayload = z.object({ event: z.string().min(1), payload: z.unknown().optional() });

/** What the server writes into the page for its script (`<script id="tether-page" type="application/json">`). */
export const PageData = z.object({
  persona: z.string(),
  colorMode: ColorMode,
  modules: z.array(z.object({ key: z.string(), type: z.string() })),
});
export type PageData = z.infer<typeof PageData>;
