/**
 * The handler of the app's one resolver function. manifest.yml names it through src/index.ts
 * (`export { resolver } from './resolvers'`, function handler `index.resolver`).
 */
import { buildResolver } from './build-resolver';

export { buildResolver } from './build-resolver';
export type { PortOverrides } from './invocation-ports';

export const resolver = buildResolver().getDefinitions();
