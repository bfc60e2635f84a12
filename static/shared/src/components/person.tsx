import Avatar from '@atlaskit/avatar';
import { token } from '@atlaskit/tokens';
import type { UserSummary } from '../jira-users';

/**
 * A person as Jira shows one: a small avatar (Jira's picture; Atlaskit's default when there is
 * none or it does not load) and the display name (the account id until Jira answers).
 */
export function Person({
  accountId,
  user,
  showName = true,
  nameClassName,
}: {
  accountId: string;
  user: UserSummary | undefined;
  showName?: boolean;
  /** A class for the name (the project page's tree hides it from sight where it is narrow). */
  nameClassName?: string;
}) {
  const name = user?.displayName ?? accountId;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.075'), minWidth: 0 }}>
      {/* with the name beside it the picture is decorative; alone, it is named */}
      <Avatar size="small" src={user?.avatarUrl ?? undefined} {...(showName ? {} : { name })} />
      {showName ? (
        <span className={nameClassName} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {name}
        </span>
      ) : null}
    </span>
  );
}
