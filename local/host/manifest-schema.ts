/**
 * The parts of a Forge `manifest.yml` the local host runs, as zod schemas. Field names and
 * patterns follow @forge/manifest's JSON schema (node_modules/@forge/manifest/out/schema/
 * manifest-schema.json, `definitions.ModuleSchema`): `function`, `trigger`, `scheduledTrigger`,
 * `consumer`, `jira:entityProperty`, `jira:projectPage`, `jira:issuePanel`, `jira:issueContext`,
 * `jira:adminPage`, `jira:globalPage`, `jira:dashboardGadget`,
 * the top-level `resources`, and the parts of `permissions` that shape the Content Security Policy
 * of Custom UI (`content`, `external`; `AppPermissionsSchema`), and UI modules' titles (the local
 * server shows them). Other fields (icons, layout, scopes …) pass through unchecked: the host does
 * not use them. `app.storage.entities` is read by the KVS
 * (local/kvs/manifest.ts).
 */
import { z } from 'zod';

/** `ModuleKeySchema`: unique within the manifest. */
export const ModuleKey = z.string().regex(/^[a-zA-Z0-9_-]+$/, 'a module key has only letters, digits, _ and -');

/** `ExtensionKey`: a reference to another module (a function key). */
export const FunctionRef = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9-._]+$/, 'a function reference has only letters, digits, ., _ and -');

/** `<file>.<export>`, e.g. `index.run` or `resolvers/index.handler` (the file under src/). */
export const Handler = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^.\s]+(\.[^.\s]+)*\.[A-Za-z_$][\w$]*$/, 'a handler is <file>.<export>, e.g. index.run');

export const FunctionModule = z.object({
  key: ModuleKey,
  handler: Handler,
  /** 1–900 s; Forge applies it to scheduled triggers and queue consumers. */
  timeoutSeconds: z.number().min(1).max(900).optional(),
});
export type FunctionModule = z.infer<typeof FunctionModule>;

/** `ProductEventsFilter`. */
export const EventFilter = z.object({
  ignoreSelf: z.boolean().optional(),
  expression: z.string().optional(),
  onError: z.enum(['IGNORE', 'IGNORE_AND_LOG', 'RECEIVE', 'RECEIVE_AND_LOG']).optional(),
  appIsLicensed: z.boolean().optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;

/** `ProductEvents` (names) or `FilteredProductEvents` (each with its own filter). */
const TriggerEvents = z.union([
  z.array(z.string().min(1)).min(1),
  z.array(z.object({ eventType: z.string().min(1), filter: EventFilter })).min(1),
]);

export const TriggerModule = z.union([
  z.object({ key: ModuleKey, function: FunctionRef, events: TriggerEvents, filter: EventFilter.optional() }),
  z.object({ key: ModuleKey, endpoint: FunctionRef, events: TriggerEvents, filter: EventFilter.optional() }),
]);
export type TriggerModule = z.infer<typeof TriggerModule>;

export const ScheduledTriggerModule = z.union([
  z.object({ key: ModuleKey, function: FunctionRef, interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) }),
  z.object({ key: ModuleKey, endpoint: FunctionRef, interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) }),
]);
export type ScheduledTriggerModule = z.infer<typeof ScheduledTriggerModule>;

/** `ConsumerQueue`. */
export const QueueName = z
  .string()
  .min(1)
  .max(36)
  .regex(/^[a-zA-Z0-9-_]+$/, 'a queue name has only letters, digits, _ and -');

/**
 * `consumer`: the @forge/events 1.x form names a resolver function and the resolver method;
 * the 2.x+ form names a function that receives the AsyncEvent itself.
 */
export const ConsumerModule = z.union([
  z.object({
    key: ModuleKey,
    queue: QueueName,
    resolver: z.object({
      function: FunctionRef,
      method: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[a-zA-Z0-9-_]+$/),
    }),
  }),
  z.object({ key: ModuleKey, queue: QueueName, function: FunctionRef }),
  z.object({ key: ModuleKey, queue: QueueName, endpoint: FunctionRef }),
]);
export type ConsumerModule = z.infer<typeof ConsumerModule>;

/** Custom UI modules: a static resource and the function its `invoke` calls reach. */
export const UiModule = z.object({
  key: ModuleKey,
  /** Plain text or an i18n object; the local server shows a plain-text title. */
  title: z.unknown().optional(),
  resource: z
    .string()
    .regex(
      /^[a-zA-Z0-9_-]{1,23}(\/[a-zA-Z0-9_-]{1,23})?$/,
      'a resource reference is a resource key (≤ 23 characters), optionally /<entry>',
    )
    .optional(),
  resolver: z.union([z.object({ function: FunctionRef }), z.object({ endpoint: FunctionRef })]).optional(),
  /** UI Kit 1 modules name a function directly (retired; refused with a message). */
  function: FunctionRef.optional(),
});
export type UiModule = z.infer<typeof UiModule>;

export const EntityPropertyModule = z.object({
  key: ModuleKey,
  propertyKey: z.string().min(1).max(255),
  entityType: z.enum(['issue', 'project', 'user']).default('issue'),
  values: z.array(
    z.object({
      path: z.string().min(1).max(255),
      type: z.enum(['number', 'string', 'text', 'user', 'date']),
      searchAlias: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[a-zA-Z0-9._-]+$/)
        .optional(),
    }),
  ),
});
export type EntityPropertyModule = z.infer<typeof EntityPropertyModule>;

export const Resource = z.object({
  key: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .max(23, 'a resource key has at most 23 characters'),
  path: z.string().min(1),
});
export type Resource = z.infer<typeof Resource>;

/** `EgressPermission`: a domain, or `{address, category?, inScopeEUD?}`. */
const Egress = z.union([z.string(), z.looseObject({ address: z.string() })]);
/** `fetch.client` may also name a Forge Remote (`{remote}`), which the local host does not serve. */
const FetchClientEgress = z.union([Egress, z.looseObject({ remote: z.string() })]);

/**
 * `permissions.content` and `permissions.external`: what widens the CSP Forge serves Custom UI
 * with (see local/server/content-security.ts). Unknown members pass through.
 */
export const Permissions = z.looseObject({
  content: z
    .looseObject({
      scripts: z.array(z.string()).optional(),
      styles: z.array(z.string()).optional(),
    })
    .optional(),
  external: z
    .looseObject({
      images: z.array(Egress).optional(),
      media: z.array(Egress).optional(),
      scripts: z.array(Egress).optional(),
      styles: z.array(Egress).optional(),
      fonts: z.array(Egress).optional(),
      frames: z.array(Egress).optional(),
      fetch: z.looseObject({ client: z.array(FetchClientEgress).optional() }).optional(),
    })
    .optional(),
});
export type Permissions = z.infer<typeof Permissions>;

/** The module types whose resolver `invokeResolver` runs. */
export const UI_MODULE_TYPES = [
  'jira:projectPage',
  'jira:issuePanel',
  'jira:issueContext',
  'jira:adminPage',
  'jira:globalPage',
  'jira:dashboardGadget',
] as const;
export type UiModuleType = (typeof UI_MODULE_TYPES)[number];

export const ManifestFile = z.object({
  app: z.object({
    id: z.string().regex(/^ari:cloud:ecosystem::app\/[^\s]+$/, 'app.id is ari:cloud:ecosystem::app/<uuid>'),
    runtime: z.object({ name: z.string() }).optional(),
  }),
  modules: z
    .object({
      function: z.array(FunctionModule).optional(),
      trigger: z.array(TriggerModule).optional(),
      scheduledTrigger: z.array(ScheduledTriggerModule).optional(),
      consumer: z.array(ConsumerModule).optional(),
      'jira:entityProperty': z.array(EntityPropertyModule).optional(),
      'jira:projectPage': z.array(UiModule).optional(),
      'jira:issuePanel': z.array(UiModule).optional(),
      'jira:issueContext': z.array(UiModule).optional(),
      'jira:adminPage': z.array(UiModule).optional(),
      'jira:globalPage': z.array(UiModule).optional(),
      // a gadget's edit view (`edit.resource`) is served from its resource; the rest passes through
      'jira:dashboardGadget': z
        .array(UiModule.extend({ edit: z.looseObject({ resource: z.string() }).optional() }))
        .optional(),
    })
    .catchall(z.array(z.unknown()))
    .optional(),
  resources: z.array(Resource).optional(),
  permissions: Permissions.optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;
