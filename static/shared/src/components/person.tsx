import { useState } from 'react';
import { token } from '@atlaskit/tokens';
import type { UserSummary } from '../jira-users';

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}` : (words[0]?.slice(0, 2) ?? '?');
  return letters.toUpperCase();
}

/**
 * A person as Jira shows one: a small round avatar (Jira's picture, else — or when it does not load —
 * the initials) and the
 * display name (the account id until Jira answers). Drawn here rather than with @atlaskit/avatar,
 * which costs 5.5 KB gzipped that the project page's budget does not have.
 */
export function Person({ accountId, user, showName = true }: { accountId: string; user: UserSummary | undefined; showName?: boolean }) {
  const name = user?.displayName ?? accountId;
  const [broken, setBroken] = useState<string | null>(null);
  const picture = user?.avatarUrl && user.avatarUrl !== broken ? user.avatarUrl : null;
  const size = 24;
  const circle = { width: size, height: size, borderRadius: '50%', flex: 'none' } as const;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.075'), minWidth: 0 }} title={showName ? undefined : name}>
      {picture !== null ? (
        <img src={picture} onError={() => setBroken(picture)} alt={showName ? '' : name} width={size} height={size} style={{ ...circle, objectFit: 'cover', boxShadow: `0 0 0 2px ${token('elevation.surface')}` }} />
      ) : (
        <span
          role={showName ? undefined : 'img'}
          aria-label={showName ? undefined : name}
          aria-hidden={showName ? true : undefined}
          style={{ ...circle, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', font: token('font.body.small'), fontSize: 10, fontWeight: token('font.weight.bold'), color: token('color.text.accent.blue.bolder'), background: token('color.background.accent.blue.subtler') }}
        >
          {initials(name)}
        </span>
      )}
      {showName ? <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</span> : null}
    </span>
  );
}
