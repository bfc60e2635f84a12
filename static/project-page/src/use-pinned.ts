/**
 * What an edit form changes: the record as it was when the form opened. The page reloads its view
 * in place when something changes elsewhere (docs/project-page.md, "Live"); a form that took the
 * reloaded record would save at its newer version and send, as "changed", the fields someone else
 * changed meanwhile — overwriting their change without a CONFLICT. So the form keeps the record it
 * opened with, and takes the current one only after the user asked for it ("Reload the latest
 * version" on a CONFLICT): `arm` marks that the next record to arrive is taken.
 */
import { useEffect, useRef, useState } from 'react';

export function usePinned<T>(current: T): { pinned: T; arm: () => void } {
  const [pinned, setPinned] = useState(current);
  const armed = useRef(false);
  useEffect(() => {
    if (!armed.current) return;
    armed.current = false;
    setPinned(current);
  }, [current]);
  return {
    pinned,
    arm: () => {
      armed.current = true;
    },
  };
}
