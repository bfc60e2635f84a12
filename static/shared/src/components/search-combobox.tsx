/**
 * A searchable picker as an ARIA 1.2 combobox: an Atlaskit text field (role combobox) that filters
 * a listbox shown below it, in the flow of the page (a popup would be cut off by a Forge frame).
 * Keyboard: ↓/↑ move through the options (skipping unavailable ones, wrapping), Enter picks the
 * active one, Escape closes the list and, when it is closed, asks to leave (`onEscape`). The
 * active option is announced with aria-activedescendant while focus stays in the field.
 * Light: no @atlaskit/select (react-select and emotion), for surfaces on a tight budget.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';

interface SearchComboboxProps<T> {
  /** Base for the element ids (unique on the page). */
  id: string;
  label: string;
  placeholder?: string;
  query: string;
  onQueryChange(query: string): void;
  /** The options matching the query, in order. */
  options: readonly T[];
  optionId(option: T): string;
  renderOption(option: T): ReactNode;
  /** An unavailable option is shown, announced as disabled, and cannot be picked. */
  isUnavailable?(option: T): boolean;
  onSelect(option: T): void;
  onEscape?(): void;
  /** Said in the list when nothing matches. */
  emptyText: string;
  /** Under the options (e.g. "showing 50 of 120"). */
  footer?: ReactNode;
  isDisabled?: boolean;
  autoFocus?: boolean;
}

export function SearchCombobox<T>(props: SearchComboboxProps<T>) {
  const {
    id,
    label,
    placeholder,
    query,
    onQueryChange,
    options,
    optionId,
    renderOption,
    isUnavailable,
    onSelect,
    onEscape,
    emptyText,
    footer,
    isDisabled = false,
    autoFocus = false,
  } = props;
  const [open, setOpen] = useState(true);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const available = (i: number) => {
    const option = options[i];
    return option !== undefined && !(isUnavailable?.(option) ?? false);
  };
  const firstAvailable = () => options.findIndex((_, i) => available(i));

  // A new query (new options) starts again at the first option that can be picked.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setActive(firstAvailable()), [options]);

  const activeId = open && active >= 0 && active < options.length ? `${id}-option-${active}` : undefined;
  useEffect(() => {
    if (activeId === undefined) return;
    const element = listRef.current?.ownerDocument.getElementById(activeId);
    if (element instanceof HTMLElement && typeof element.scrollIntoView === 'function')
      element.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const step = (from: number, by: 1 | -1): number => {
    const n = options.length;
    for (let k = 1; k <= n; k += 1) {
      const i = (((from + by * k) % n) + n) % n;
      if (available(i)) return i;
    }
    return -1;
  };

  const pick = (i: number) => {
    const option = options[i];
    if (option !== undefined && available(i)) onSelect(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const by = event.key === 'ArrowDown' ? 1 : -1;
        if (!open) {
          setOpen(true);
          setActive(by === 1 ? firstAvailable() : step(0, -1));
        } else setActive(step(active < 0 ? (by === 1 ? -1 : 0) : active, by));
        return;
      }
      case 'Enter':
        if (open && active >= 0) {
          event.preventDefault();
          pick(active);
        }
        return;
      case 'Escape':
        event.preventDefault();
        if (open) setOpen(false);
        else onEscape?.();
        return;
      default:
    }
  };

  const inputId = `${id}-input`;
  const listId = `${id}-listbox`;
  return (
    <div>
      <label
        htmlFor={inputId}
        style={{
          display: 'block',
          font: token('font.body.small'),
          fontWeight: token('font.weight.semibold'),
          color: token('color.text.subtle'),
          marginBottom: token('space.050'),
        }}
      >
        {label}
      </label>
      <Textfield
        id={inputId}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        autoComplete="off"
        autoFocus={autoFocus}
        isDisabled={isDisabled}
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          onQueryChange(event.currentTarget.value);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div
          style={{
            marginTop: token('space.050'),
            border: `1px solid ${token('color.border')}`,
            borderRadius: token('radius.small'),
            background: token('elevation.surface'),
          }}
        >
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label={label}
            style={{
              listStyle: 'none',
              margin: 0,
              padding: `${token('space.050')} 0`,
              maxHeight: 240,
              overflowY: 'auto',
            }}
          >
            {options.map((option, i) => {
              const unavailable = !available(i);
              const isActive = i === active;
              return (
                <li
                  key={optionId(option)}
                  id={`${id}-option-${i}`}
                  role="option"
                  aria-selected={isActive}
                  aria-disabled={unavailable || undefined}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => (unavailable ? undefined : setActive(i))}
                  onClick={() => pick(i)}
                  style={{
                    padding: `${token('space.075')} ${token('space.150')}`,
                    cursor: unavailable ? 'not-allowed' : 'pointer',
                    color: unavailable ? token('color.text.disabled') : token('color.text'),
                    background: isActive ? token('color.background.neutral.subtle.hovered') : 'transparent',
                    boxShadow: isActive ? `inset 2px 0 0 ${token('color.border.selected')}` : 'none',
                  }}
                >
                  {renderOption(option)}
                </li>
              );
            })}
          </ul>
          {options.length === 0 ? (
            <p
              style={{
                margin: 0,
                padding: `${token('space.100')} ${token('space.150')}`,
                color: token('color.text.subtle'),
              }}
            >
              {emptyText}
            </p>
          ) : null}
          {footer ? (
            <div
              style={{
                padding: `${token('space.050')} ${token('space.150')}`,
                borderTop: `1px solid ${token('color.border')}`,
                font: token('font.body.small'),
                color: token('color.text.subtlest'),
              }}
            >
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
