import { useCallback, useEffect, useRef } from 'react';

/** Returns `run(value)` that calls `callback` once no new call arrived for `delayMs`, plus `flush`. */
export function useDebouncedCallback<T>(callback: (value: T) => void, delayMs: number) {
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(callback);
  latest.current = callback;

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const run = useCallback(
    (value: T) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => latest.current(value), delayMs);
    },
    [delayMs],
  );

  const flush = useCallback((value: T) => {
    window.clearTimeout(timer.current);
    latest.current(value);
  }, []);

  return { run, flush };
}
