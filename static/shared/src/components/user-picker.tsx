/**
 * Picks people from Jira: the chosen ones as removable chips, and an ARIA 1.2 combobox that
 * searches Jira's users as the user types (`/rest/api/3/user/search`, through the host's Jira
 * access). ↓/↑ move through the matches, Enter adds the active one, Escape closes the list.
 * Light: no @atlaskit/select.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import Avatar from '@atlaskit/avatar';
import { token } from '@atlaskit/tokens';
import { useHost } from '../app-context';
import { searchUsers, type UserSummary } from '../jira-users';
import { nameOf, useUsers } from '../use-users';

interface UserPickerProps {
  /** Base for element ids (unique on the page). */
  id: string;
  label: string;
  selected: readonly string[];
  onChange(accountIds: string[]): void;
  /** The server's message for this list, if any. */
  error?: string | undefined;
  max?: number;
}

/** Waits this long after the last key before asking Jira. */
const DEBOUNCE_MS = 250;

export function UserPicker({ id, label, selected, onChange, error, max }: UserPickerProps) {
  const { jira } = useHost();
  const people = useUsers(selected);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<UserSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (q === '' || jira === undefined) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void searchUsers(jira, q).then((reply) => {
        if (!live) return;
        if (reply.ok) {
          setFound(reply.users);
          setProblem(null);
        } else setProblem(reply.message);
        setActive(0);
        setOpen(true);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jira, query]);

  const options = found.filter((u) => !selected.includes(u.accountId));
  const full = max !== undefined && selected.length >= max;
  const add = (user: UserSummary) => {
    onChange([...selected, user.accountId]);
    setQuery('');
    setFound([]);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return;
      setOpen(true);
      setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (event.key === 'Enter') {
      const option = options[active];
      if (open && option) {
        event.preventDefault();
        add(option);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const inputId = `${id}-input`;
  const listId = `${id}-listbox`;
  const errorId = `${id}-error`;
  const showList = open && query.trim() !== '';
  const activeId = showList && options[active] ? `${id}-option-${active}` : undefined;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050') }}>
      <label
        htmlFor={inputId}
        style={{
          font: token('font.body.small'),
          fontWeight: token('font.weight.semibold'),
          color: token('color.text.subtle'),
        }}
      >
        {label}
      </label>
      {selected.length > 0 ? (
        <ul
          aria-label={`${label}: chosen`}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'flex',
            flexWrap: 'wrap',
            gap: token('space.050'),
          }}
        >
          {selected.map((accountId) => {
            const name = nameOf(people, accountId);
            return (
              <li
                key={accountId}
                style={{
                  display: 'inline-flex',
                  alignItems: 'center',
                  gap: token('space.050'),
                  padding: `${token('space.025')} ${token('space.050')}`,
                  borderRadius: token('radius.small', '3px'),
                  background: token('color.background.neutral'),
                }}
              >
                <Avatar size="xsmall" name={name} src={people.get(accountId)?.avatarUrl ?? undefined} />
                <span>{name}</span>
                <button
                  type="button"
                  aria-label={`Remove ${name} from ${label.toLowerCase()}`}
                  onClick={() => onChange(selected.filter((s) => s !== accountId))}
                  style={{
                    border: 'none',
                    background: 'none',
                    cursor: 'pointer',
                    color: token('color.icon.subtle'),
                    padding: `0 ${token('space.025')}`,
                    font: 'inherit',
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <input
        id={inputId}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-invalid={error !== undefined || undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        autoComplete="off"
        disabled={full || jira === undefined}
        placeholder={
          jira === undefined
            ? 'People search is not available here'
            : full
              ? `At most ${max}`
              : 'Search by name or e-mail'
        }
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(options.length > 0)}
        style={{
          font: token('font.body'),
          color: token('color.text'),
          background: token('color.background.input'),
          border: `${token('border.width')} solid ${error !== undefined ? token('color.border.danger') : token('color.border.input')}`,
          borderRadius: token('radius.small', '3px'),
          padding: `${token('space.050')} ${token('space.100')}`,
          minHeight: 36,
        }}
      />
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label}: matches`}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: `${token('space.050')} 0`,
            maxHeight: 240,
            overflowY: 'auto',
            border: `${token('border.width')} solid ${token('color.border')}`,
            borderRadius: token('radius.small', '3px'),
            background: token('elevation.surface.overlay'),
            boxShadow: token('elevation.shadow.overlay'),
          }}
        >
          {options.length === 0 ? (
            <li
              role="presentation"
              style={{ padding: `${token('space.075')} ${token('space.150')}`, color: token('color.text.subtle') }}
            >
              {problem ??
                (found.length > 0
                  ? `Everyone matching "${query.trim()}" is already chosen`
                  : `No one matches "${query.trim()}"`)}
            </li>
          ) : (
            options.map((user, i) => (
              <li
                key={user.accountId}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => add(user)}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: token('space.100'),
                  padding: `${token('space.075')} ${token('space.150')}`,
                  cursor: 'pointer',
                  background: i === active ? token('color.background.neutral.subtle.hovered') : 'transparent',
                }}
              >
                <Avatar size="xsmall" name={user.displayName} src={user.avatarUrl ?? undefined} />
                {user.displayName}
              </li>
            ))
          )}
        </ul>
      ) : null}
      {error !== undefined ? (
        <span id={errorId} role="alert" style={{ font: token('font.body.small'), color: token('color.text.danger') }}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
