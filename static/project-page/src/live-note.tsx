/**
 * The quiet note a live update leaves: "Updated just now" once the view a change in Jira asked for
 * has arrived, read politely by screen readers, gone after a minute. The live region is always
 * there (empty), so assistive technology announces the note when it appears.
 */
import { useEffect, useState } from 'react';
import { token } from '@atlaskit/tokens';

/** How long the note stays. */
export const NOTE_MS = 60_000;

export function LiveNote({ updates, refreshing }: { updates: number; refreshing: boolean }) {
  const [waiting, setWaiting] = useState(false);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (updates > 0) setWaiting(true);
  }, [updates]);
  useEffect(() => {
    if (!waiting || refreshing) return;
    setWaiting(false);
    setShown(true);
  }, [waiting, refreshing]);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(false), NOTE_MS);
    return () => clearTimeout(timer);
  }, [shown, updates]);
  return (
    <span
      role="status"
      aria-live="polite"
      style={{ color: token('color.text.subtlest'), font: token('font.body.small'), minWidth: '9em' }}
    >
      {shown ? 'Updated just now' : ''}
    </span>
  );
}
