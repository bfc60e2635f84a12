/**
 * Finds the function a manifest `handler` names (`index.run`: the export `run` of the file
 * `index` under the app's source folder) and loads the app's code only when a handler is first
 * needed, so a host without modules never loads it.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { AppManifest } from './manifest';

export type AppFunction = (...args: unknown[]) => unknown;

export function isAppFunction(value: unknown): value is AppFunction {
  return typeof value === 'function';
}

export interface AppSource {
  /** The app's entry file (the one `index.*` handlers name); other handler files are its siblings. */
  appModulePath?: string;
  /** The entry's exports, already loaded (handlers in other files then need appModulePath too). */
  appModule?: object;
}

/** What an import of a TypeScript or CommonJS file gives: named exports, or all of them under `default`. */
function exportOf(namespace: unknown, name: string): unknown {
  if ((typeof namespace !== 'object' && typeof namespace !== 'function') || namespace === null) return undefined;
  if (name in namespace) return Reflect.get(namespace, name);
  const fallback: unknown = Reflect.get(namespace, 'default');
  if ((typeof fallback === 'object' || typeof fallback === 'function') && fallback !== null && name in fallback)
    return Reflect.get(fallback, name);
  return undefined;
}

const SOURCE_EXTENSIONS = ['', '.ts', '.tsx', '.js', '.cjs', '.mjs'];

export class AppHandlers {
  private readonly loaded = new Map<string, Promise<unknown>>();
  private readonly entryPath: string | undefined;
  private readonly entryName: string;

  constructor(
    private readonly manifest: AppManifest,
    private readonly source: AppSource,
  ) {
    this.entryPath = source.appModulePath === undefined ? undefined : resolve(source.appModulePath);
    this.entryName = this.entryPath === undefined ? 'index' : basename(this.entryPath, extname(this.entryPath));
  }

  /** The function behind a manifest function key; throws naming the key, handler and file. */
  async forFunction(functionKey: string): Promise<AppFunction> {
    const fn = this.manifest.functions.get(functionKey);
    if (fn === undefined) throw new Error(`The manifest declares no function ${functionKey}`);
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    const namespace = await this.load(file, fn.handler);
    const value = exportOf(namespace, exportName);
    if (!isAppFunction(value)) {
      throw new Error(
        `Function ${functionKey}: handler ${fn.handler} names the export ${exportName} of ${file}, which is ${value === undefined ? 'missing' : `a ${typeof value}, not a function`}`,
      );
    }
    return value;
  }

  private load(file: string, handler: string): Promise<unknown> {
    if (file === this.entryName && this.source.appModule !== undefined) return Promise.resolve(this.source.appModule);
    let loading = this.loaded.get(file);
    if (loading === undefined) {
      loading = this.importFile(file, handler);
      this.loaded.set(file, loading);
    }
    return loading;
  }

  private async importFile(file: string, handler: string): Promise<unknown> {
    if (this.entryPath === undefined) {
      throw new Error(
        `Handler ${handler} is in ${file}, but the host was given only the entry's exports (appModule); pass appModulePath too`,
      );
    }
    const base = file === this.entryName ? this.entryPath : join(dirname(this.entryPath), file);
    const found = SOURCE_EXTENSIONS.map((ext) => `${base}${ext}`).find((p) => existsSync(p) && extname(p) !== '');
    if (found === undefined) throw new Error(`Handler ${handler}: the app file ${base}(.ts|.js) does not exist`);
    return import(found);
  }
}
