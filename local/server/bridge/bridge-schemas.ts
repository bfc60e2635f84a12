/**
 * The wire of `POST /__tether/bridge`: what the parent page sends for one `callBridge(command,
 * payload)` of a Custom UI frame, and what the server answers. Payload shapes are the ones
 * @forge/bridge 7.2 sends (see docs/local-host.md, "Bridge commands").
 */
import { z } from 'zod';
import { PERSONAS } from '../host-port';
import { ColorMode, DEFAULT_COLOR_MODE } from '../theme-choice';
import { FrameContext } from './extension';

export const BridgeRequest = z.object({
  command: z.string().min(1).max(200),
  payload: z.unknown().optional(),
  /** The frame's context, and the persona and colour mode the page was rendered for (scripts may leave the mode out: light). */
  context: FrameContext.extend({ persona: z.enum(PERSONAS), colorMode: z._default(ColorMode, DEFAULT_COLOR_MODE) }),
});
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export type BridgeReply = { ok: true; value?: unknown } | { ok: false; error: { code: string; message: string } };

/** `invoke` (invoke/invoke.js:23); Forge remote endpoints add `invokeType` (invoke-endpoint.js:26-29). */
export const InvokePayload = z.object({
  functionKey: z.string().min(1).max(255).optional(),
  payload: z.unknown().optional(),
  metadata: z.unknown().optional(),
  invokeType: z.string().optional(),
});

/** `fetchProduct` (fetch/fetch.js:82-91): headers arrive as [name, value] pairs. */
export const FetchProductPayload = z.object({
  product: z.string(),
  restPath: z.string().min(1).max(10_000),
  fetchRequestInit: z
    .looseObject({
      method: z.string().optional(),
      body: z.string().nullable().optional(),
      headers: z.union([z.array(z.tuple([z.string(), z.string()])), z.record(z.string(), z.string())]).optional(),
    })
    .optional(),
  isMultipartFormData: z.boolean().optional(),
});
export type FetchProductPayload = z.infer<typeof FetchProductPayload>;

/** What @forge/bridge turns into a `Response` (fetch/fetch.js:92-94). */
export interface ProductFetchReply {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  isAttachment: boolean;
}
