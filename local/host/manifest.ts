/**
 * Reads a Forge `manifest.yml` into what the host needs to run the app: functions by key, the
 * Custom UI modules and their resolver functions, product-event triggers, scheduled triggers,
 * queue consumers, the issue-property indexes JQL may search, resources and custom entities.
 * Every reference between modules is checked, so a typo fails when the host starts, naming it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { PropertyIndex } from '../jira';
import { entityDefinitionsFrom, type EntityDefinitions } from '../kvs/manifest';
import {
  ManifestFile,
  UI_MODULE_TYPES,
  type EventFilter,
  type FunctionModule,
  type Permissions,
  type Resource,
  type UiModuleType,
} from './manifest-schema';

export interface UiModuleEntry {
  key: string;
  type: UiModuleType;
  resource: string | null;
  /** The function key of `resolver.function`, or null for a module without a resolver. */
  resolverFunction: string | null;
}

export interface TriggerEntry {
  key: string;
  function: string;
  /** Event name → its filter (the module's, or the event's own in the filtered form). */
  events: ReadonlyMap<string, EventFilter>;
}

export interface ScheduledTriggerEntry {
  key: string;
  function: string;
  interval: 'fiveMinute' | 'hour' | 'day' | 'week';
}

export interface ConsumerEntry {
  key: string;
  queue: string;
  function: string;
  /** The resolver method (@forge/events 1.x form), or null when the function takes the AsyncEvent. */
  method: string | null;
}

/**
 * What the manifest's `permissions.content` and `permissions.external` add to the Content
 * Security Policy of the app's Custom UI: the values as written (`unsafe-inline`, not quoted),
 * egress entries as their addresses. Empty lists when the manifest says nothing.
 */
export interface UiPermissions {
  content: { scripts: readonly string[]; styles: readonly string[] };
  external: {
    images: readonly string[];
    media: readonly string[];
    scripts: readonly string[];
    styles: readonly string[];
    fonts: readonly string[];
    frames: readonly string[];
    /** `fetch.client`, less references to Forge Remotes (`{remote}`). */
    fetchClient: readonly string[];
  };
}

function addresses(list: ReadonlyArray<string | { address: string } | { remote: string }> | undefined): string[] {
  const out: string[] = [];
  for (const e of list ?? []) {
    if (typeof e === 'string') out.push(e);
    else if ('address' in e) out.push(e.address);
  }
  return out;
}

export function uiPermissionsOf(permissions: Permissions | undefined): UiPermissions {
  const external = permissions?.external;
  return {
    content: { scripts: permissions?.content?.scripts ?? [], styles: permissions?.content?.styles ?? [] },
    external: {
      images: addresses(external?.images),
      media: addresses(external?.media),
      scripts: addresses(external?.scripts),
      styles: addresses(external?.styles),
      fonts: addresses(external?.fonts),
      frames: addresses(external?.frames),
      fetchClient: addresses(external?.fetch?.client),
    },
  };
}

export interface AppManifest {
  /** The file it was read from (absolute). */
  path: string;
  /** The app's id: the part after `ari:cloud:ecosystem::app/`. */
  appId: string;
  functions: ReadonlyMap<string, FunctionModule>;
  uiModules: ReadonlyMap<string, UiModuleEntry>;
  /** UI module key → its `title`, when that is plain text (an i18n title is left out). */
  uiModuleTitles: ReadonlyMap<string, string>;
  triggers: readonly TriggerEntry[];
  scheduledTriggers: ReadonlyMap<string, ScheduledTriggerEntry>;
  /** By queue name. */
  consumers: ReadonlyMap<string, ConsumerEntry>;
  /** Issue properties indexed for JQL (`jira:entityProperty` with entityType issue). */
  propertyIndexes: readonly PropertyIndex[];
  resources: ReadonlyMap<string, Resource>;
  /** `permissions.content` and `permissions.external`, for the Custom UI's CSP. */
  uiPermissions: UiPermissions;
  entities: EntityDefinitions;
}

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

export function loadManifest(manifestPath: string): AppManifest {
  const path = resolve(manifestPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ManifestError(`${path}: cannot read the manifest (${e instanceof Error ? e.message : String(e)})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ManifestError(`${path}: not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  return manifestFrom(raw, path);
}

/** Builds the host's view of a manifest already read (YAML or JSON parsed); throws naming every problem. */
export function manifestFrom(raw: unknown, path: string): AppManifest {
  const parsed = ManifestFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ManifestError(`${path} is not a manifest the local host can run:\n  ${problems.join('\n  ')}`);
  }
  const file = parsed.data;
  const modules = file.modules ?? {};
  const problems: string[] = [];
  const keys = new Set<string>();
  const claimKey = (key: string, where: string) => {
    if (keys.has(key)) problems.push(`${where}: the module key ${key} is used twice`);
    keys.add(key);
  };

  const functions = new Map<string, FunctionModule>();
  for (const f of modules.function ?? []) {
    claimKey(f.key, 'function');
    functions.set(f.key, f);
  }
  const needFunction = (key: string, where: string) => {
    if (!functions.has(key))
      problems.push(`${where} refers to function ${key}, which modules.function does not declare`);
  };

  const resources = new Map<string, Resource>();
  for (const r of file.resources ?? []) {
    if (resources.has(r.key)) problems.push(`resources: the key ${r.key} is used twice`);
    resources.set(r.key, r);
  }

  const uiModules = new Map<string, UiModuleEntry>();
  const uiModuleTitles = new Map<string, string>();
  for (const type of UI_MODULE_TYPES) {
    for (const m of modules[type] ?? []) {
      const where = `${type} ${m.key}`;
      claimKey(m.key, type);
      if (m.function !== undefined)
        problems.push(`${where} names a function directly (UI Kit 1, retired by Forge); use resource and resolver`);
      if (m.resolver !== undefined && 'endpoint' in m.resolver)
        problems.push(`${where}: resolver.endpoint (Forge Remote) is not supported by the local host`);
      const resolverFunction = m.resolver !== undefined && 'function' in m.resolver ? m.resolver.function : null;
      if (resolverFunction !== null) needFunction(resolverFunction, where);
      const resourceKey = m.resource?.split('/')[0] ?? null;
      if (resourceKey !== null && !resources.has(resourceKey))
        problems.push(`${where} refers to resource ${resourceKey}, which resources does not declare`);
      uiModules.set(m.key, { key: m.key, type, resource: resourceKey, resolverFunction });
      if (typeof m.title === 'string') uiModuleTitles.set(m.key, m.title);
    }
  }

  const triggers: TriggerEntry[] = [];
  for (const t of modules.trigger ?? []) {
    const where = `trigger ${t.key}`;
    claimKey(t.key, 'trigger');
    if (!('function' in t)) {
      problems.push(`${where}: endpoint (Forge Remote) is not supported by the local host`);
      continue;
    }
    needFunction(t.function, where);
    const events = new Map<string, EventFilter>();
    for (const e of t.events) {
      const [name, filter] = typeof e === 'string' ? [e, t.filter ?? {}] : [e.eventType, e.filter];
      if (filter.expression !== undefined)
        problems.push(
          `${where}: filter.expression (a Jira expression) is not evaluated by the local host; filter in the function instead`,
        );
      events.set(name, filter);
    }
    triggers.push({ key: t.key, function: t.function, events });
  }

  const scheduledTriggers = new Map<string, ScheduledTriggerEntry>();
  for (const s of modules.scheduledTrigger ?? []) {
    claimKey(s.key, 'scheduledTrigger');
    if (!('function' in s)) {
      problems.push(`scheduledTrigger ${s.key}: endpoint (Forge Remote) is not supported by the local host`);
      continue;
    }
    needFunction(s.function, `scheduledTrigger ${s.key}`);
    scheduledTriggers.set(s.key, { key: s.key, function: s.function, interval: s.interval });
  }

  const consumers = new Map<string, ConsumerEntry>();
  for (const c of modules.consumer ?? []) {
    const where = `consumer ${c.key}`;
    claimKey(c.key, 'consumer');
    if ('endpoint' in c) {
      problems.push(`${where}: endpoint (Forge Remote) is not supported by the local host`);
      continue;
    }
    if (consumers.has(c.queue))
      problems.push(
        `${where}: queue ${c.queue} already has a consumer (the local host delivers each queue to one consumer)`,
      );
    const entry: ConsumerEntry =
      'resolver' in c
        ? { key: c.key, queue: c.queue, function: c.resolver.function, method: c.resolver.method }
        : { key: c.key, queue: c.queue, function: c.function, method: null };
    needFunction(entry.function, where);
    consumers.set(c.queue, entry);
  }

  const propertyIndexes: PropertyIndex[] = [];
  const aliases = new Set<string>();
  for (const p of modules['jira:entityProperty'] ?? []) {
    claimKey(p.key, 'jira:entityProperty');
    // The local Jira keeps properties on issues only; project and user properties are not indexed.
    if (p.entityType !== 'issue') continue;
    for (const v of p.values) {
      if (v.searchAlias !== undefined) {
        if (aliases.has(v.searchAlias.toLowerCase()))
          problems.push(`jira:entityProperty ${p.key}: the search alias ${v.searchAlias} is used twice`);
        aliases.add(v.searchAlias.toLowerCase());
      }
      propertyIndexes.push({
        propertyKey: p.propertyKey,
        path: v.path,
        type: v.type,
        ...(v.searchAlias === undefined ? {} : { searchAlias: v.searchAlias }),
      });
    }
  }

  let entities: EntityDefinitions = new Map();
  try {
    entities = entityDefinitionsFrom(raw, path);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }

  if (problems.length > 0)
    throw new ManifestError(`${path} is not a manifest the local host can run:\n  ${problems.join('\n  ')}`);
  return {
    path,
    appId: file.app.id.slice('ari:cloud:ecosystem::app/'.length),
    functions,
    uiModules,
    uiModuleTitles,
    triggers,
    scheduledTriggers,
    consumers,
    propertyIndexes,
    resources,
    uiPermissions: uiPermissionsOf(file.permissions),
    entities,
  };
}
