/**
 * The resolver contract: every resolver key with its payload schema and reply-data schema.
 * The backend (src/resolvers) parses payloads with it; the frontend's typed client is built on it.
 */
import type { z } from 'zod';
import { replySchema } from '../errors';
import { checkInEndpoints } from './check-ins';
import { contributionEndpoints } from './contributions';
import { feedbackEndpoints } from './feedback';
import { explainEndpoints } from './explain';
import { historyEndpoints } from './history';
import { jobEndpoints } from './jobs';
import { jqlEndpoints } from './jql';
import { levelEndpoints } from './levels';
import { meEndpoints } from './me';
import { objectiveEndpoints } from './objectives';
import { objectivesFileEndpoints } from './objectives-file';
import { organisationEndpoints } from './organisation';
import { periodEndpoints } from './periods';
import { promptEndpoints } from './prompts';
import { settingsEndpoints } from './settings';
import { viewEndpoints } from './views';
import { workgroupEndpoints } from './workgroups';

export * from './check-ins';
export * from './contributions';
export * from './feedback';
export * from './jql';
export * from './endpoint';
export * from './explain';
export * from './history';
export * from './jobs';
export * from './levels';
export * from './me';
export * from './objectives';
export * from './objectives-file';
export * from './organisation';
export * from './periods';
export * from './prompts';
export * from './settings';
export * from './views';
export * from './workgroups';

export const API = {
  ...settingsEndpoints,
  ...levelEndpoints,
  ...periodEndpoints,
  ...workgroupEndpoints,
  ...meEndpoints,
  ...objectiveEndpoints,
  ...checkInEndpoints,
  ...contributionEndpoints,
  ...viewEndpoints,
  ...organisationEndpoints,
  ...historyEndpoints,
  ...explainEndpoints,
  ...objectivesFileEndpoints,
  ...jqlEndpoints,
  ...promptEndpoints,
  ...feedbackEndpoints,
  ...jobEndpoints,
};

export type Api = typeof API;
export type ApiKey = keyof Api;

/** Every resolver key, in the order of this contract. */
export const API_KEYS = [
  'settings/get',
  'settings/update',
  'levels/update',
  'periods/create',
  'periods/update',
  'periods/close',
  'workgroups/list',
  'workgroups/create',
  'workgroups/update',
  'workgroups/delete',
  'me/get',
  'me/notifications',
  'objectives/list',
  'objectives/create',
  'objectives/update',
  'objectives/archive',
  'objectives/move',
  'key-results/create',
  'key-results/update',
  'key-results/delete',
  'check-ins/create',
  'check-ins/create-many',
  'check-ins/list',
  'contributions/link',
  'contributions/unlink',
  'contributions/link-many',
  'contributions/counted',
  'project-page/view',
  'project-page/changes',
  'project-page/objective',
  'project-page/feedback',
  'issue-panel/view',
  'organisation/view',
  'objectives/history',
  'objectives/explain',
  'objectives-file/export',
  'objectives-file/upload-part',
  'objectives-file/import',
  'objectives-file/import-status',
  'jql/validate',
  'carry-forward/preview',
  'carry-forward/apply',
  'prompts/inbox',
  'prompts/answer',
  'prompts/dismiss',
  'prompts/snooze',
  'prompts/answered',
  'objectives/decisions',
  'feedback/period',
  'jobs/list',
  'jobs/retry',
] as const satisfies readonly ApiKey[];

/** What the frontend sends for a key (defaults not yet applied). */
export type PayloadIn<K extends ApiKey> = z.input<Api[K]['payload']>;
/** The payload after parsing, as the backend sees it. */
export type PayloadOf<K extends ApiKey> = z.output<Api[K]['payload']>;
/** The data of a successful reply. */
export type DataOf<K extends ApiKey> = z.output<Api[K]['data']>;

/** One key's schemas, typed for that key. */
export interface TypedEndpoint<K extends ApiKey> {
  payload: z.ZodType<PayloadOf<K>>;
  data: z.ZodType<DataOf<K>>;
}

/**
 * The same contract, indexed so that generic code keeps each key's own types: for a type
 * parameter `K`, `ENDPOINTS[key]` is `TypedEndpoint<K>`, whereas `API[key]` widens to the union
 * of every key's schemas.
 */
export const ENDPOINTS: { readonly [K in ApiKey]: TypedEndpoint<K> } = API;

/** The full reply schema of a key: `{ok: true, data} | {ok: false, error}`. */
export function replyFor<K extends ApiKey>(key: K) {
  return replySchema(ENDPOINTS[key].data);
}

type Unlisted = Exclude<ApiKey, (typeof API_KEYS)[number]>;
/** Fails to compile when a key of API is missing from API_KEYS. */
const _everyKeyListed: [Unlisted] extends [never] ? true : never = true;
void _everyKeyListed;
