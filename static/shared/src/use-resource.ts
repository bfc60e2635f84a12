/**
 * Loads one resolver's data for a component, with loading and error states and a reload that
 * keeps the data shown while it refreshes (no layout jump).
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ApiKey, DataOf, PayloadIn } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from './app-context';

type Resource<T> =
  | { state: 'loading'; data: null; error: null; reload: () => void; refreshing: false }
  | { state: 'error'; data: T | null; error: AppError; reload: () => void; refreshing: boolean }
  | { state: 'ready'; data: T; error: null; reload: () => void; refreshing: boolean };

export function useResource<K extends ApiKey>(key: K, payload: PayloadIn<K>): Resource<DataOf<K>> {
  const { client } = useHost();
  const payloadKey = JSON.stringify(payload);
  const latest = useRef(payload);
  latest.current = payload;
  const [data, setData] = useState<DataOf<K> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(true);
  const generation = useRef(0);

  const load = useCallback(() => {
    const mine = ++generation.current;
    setBusy(true);
    void client.call(key, latest.current).then((reply) => {
      if (mine !== generation.current) return;
      if (reply.ok) {
        setData(reply.data);
        setError(null);
      } else setError(reply.error);
      setBusy(false);
    });
    // payloadKey stands for the payload's content: a new object with the same content does not reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, payloadKey]);

  // Sent as soon as the component is in the DOM, not after the browser has painted (a passive
  // effect waits for the next frame: about 30 ms of the issue context's first render).
  useLayoutEffect(() => {
    load();
    return () => {
      generation.current += 1;
    };
  }, [load]);

  if (error !== null) return { state: 'error', data, error, reload: load, refreshing: busy };
  if (data === null) return { state: 'loading', data: null, error: null, reload: load, refreshing: false };
  return { state: 'ready', data, error: null, reload: load, refreshing: busy };
}

/** Runs one write and keeps its progress and error for the form that started it. */
export function useAction<K extends ApiKey>(key: K) {
  const { client } = useHost();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(
    async (payload: PayloadIn<K>): Promise<DataOf<K> | null> => {
      setPending(true);
      setError(null);
      const reply = await client.call(key, payload);
      setPending(false);
      if (reply.ok) return reply.data;
      setError(reply.error);
      return null;
    },
    [client, key],
  );
  return { run, pending, error, clearError: () => setError(null) };
}
