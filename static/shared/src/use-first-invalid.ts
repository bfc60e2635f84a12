/**
 * Focus where a refused submit needs the user: the first field marked invalid
 * (`aria-invalid="true"`), else the form's error banner (`role="alert"`), scrolled into view. A
 * form calls `show()` after it set its problems (its own or the server's); the focus moves once
 * they are rendered.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useFirstInvalid<E extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<E>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked === 0 || ref.current === null) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current.querySelector<HTMLElement>('[role="alert"]');
    if (target === null) return;
    if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.scrollIntoView?.({ block: 'nearest' });
    target.focus();
  }, [asked]);
  const show = useCallback(() => setAsked((n) => n + 1), []);
  return { ref, show };
}

/**
 * The same, for a form whose problems arrive as one error (its own check's or the server's): each
 * new error moves the focus to the first field it marks invalid, else to the banner. Returns the
 * ref for the form.
 */
export function useFocusOnError<E extends HTMLElement = HTMLFormElement>(error: unknown) {
  const { ref, show } = useFirstInvalid<E>();
  useEffect(() => {
    if (error !== null && error !== undefined) show();
  }, [error, show]);
  return ref;
}
