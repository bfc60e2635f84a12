/**
 * `view.createHistory()` inside a frame: a history object in the shape of the `history` 4 package
 * that @forge/bridge types (`listen(listener(location, action))`, push, replace, go …). Forge ties
 * it to the product page's URL; locally it lives in memory, starting at `/`.
 */
export interface FrameLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

type Action = 'PUSH' | 'REPLACE' | 'POP';
type Listener = (location: FrameLocation, action: Action) => void;
type To = string | { pathname?: string; search?: string; hash?: string };

function toLocation(to: To, state: unknown, key: string): FrameLocation {
  if (typeof to !== 'string')
    return { pathname: to.pathname ?? '/', search: to.search ?? '', hash: to.hash ?? '', state, key };
  const url = new URL(to, 'http://frame.local/');
  return { pathname: url.pathname, search: url.search, hash: url.hash, state, key };
}

export interface FrameHistory {
  action: Action;
  location: FrameLocation | undefined;
  readonly length: number;
  createHref(to: To): string;
  push(to: To, state?: unknown): void;
  replace(to: To, state?: unknown): void;
  go(delta: number): void;
  back(): void;
  goBack(): void;
  forward(): void;
  goForward(): void;
  block(): () => void;
  listen(listener: Listener): () => void;
}

export function createFrameHistory(): FrameHistory {
  const entries: FrameLocation[] = [toLocation('/', undefined, 'default')];
  let index = 0;
  let counter = 0;
  const listeners = new Set<Listener>();
  const history: FrameHistory = {
    action: 'POP',
    location: entries[0],
    get length(): number {
      return entries.length;
    },
    createHref(to: To): string {
      const l = toLocation(to, undefined, '');
      return l.pathname + l.search + l.hash;
    },
    push(to: To, state?: unknown): void {
      counter += 1;
      entries.splice(index + 1, entries.length, toLocation(to, state, `k${counter}`));
      index += 1;
      notify('PUSH');
    },
    replace(to: To, state?: unknown): void {
      counter += 1;
      entries[index] = toLocation(to, state, `k${counter}`);
      notify('REPLACE');
    },
    go(delta: number): void {
      const next = Math.min(entries.length - 1, Math.max(0, index + delta));
      if (next === index) return;
      index = next;
      notify('POP');
    },
    back(): void {
      history.go(-1);
    },
    goBack(): void {
      history.go(-1);
    },
    forward(): void {
      history.go(1);
    },
    goForward(): void {
      history.go(1);
    },
    block(): () => void {
      return () => undefined;
    },
    listen(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  function notify(action: Action): void {
    history.action = action;
    history.location = entries[index];
    const location = entries[index];
    if (location === undefined) return;
    for (const listener of [...listeners]) listener(location, action);
  }
  return history;
}
