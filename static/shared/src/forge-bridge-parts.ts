/**
 * The parts of @forge/bridge the shared host uses (bridge-host.ts, bridge-jira.ts, start-surface.tsx), taken from
 * the package's own modules. @forge/bridge is CommonJS: importing its index pulls every API it has
 * (i18n, realtime, rovo, object store, the ADF renderer with iframe-resizer…), about 28 KB gzipped
 * that no surface calls. Every surface's build aliases `@forge/bridge` to this file
 * (static/shared/vite-surface.mts); the code importing it stays the same.
 * A name the host needs that is missing here fails that surface's build.
 */
import type { view as fullView } from '@forge/bridge';
import { getContext } from '../../../node_modules/@forge/bridge/out/view/getContext.js';
import { submit } from '../../../node_modules/@forge/bridge/out/view/submit.js';
import { theme } from '../../../node_modules/@forge/bridge/out/view/theme.js';

export { invoke } from '../../../node_modules/@forge/bridge/out/invoke/invoke.js';
export { requestJira } from '../../../node_modules/@forge/bridge/out/fetch/index.js';
export { showFlag } from '../../../node_modules/@forge/bridge/out/flag/flag.js';
export { router } from '../../../node_modules/@forge/bridge/out/router/router.js';

/** `view` with what the shared host calls: the context and theming; and `submit`, a dashboard gadget's edit view's. */
export const view: Pick<typeof fullView, 'getContext' | 'theme' | 'submit'> = { getContext, theme, submit };
