import type { MouseEvent } from 'react';
import { token } from '@atlaskit/tokens';
import { useHost } from '@shared/app-context';

/** A Jira issue key that opens the issue in Jira (not in the panel's frame). */
export function IssueAnchor({ issueKey }: { issueKey: string }) {
  const { context, open } = useHost();
  const path = `/browse/${issueKey}`;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    open(path);
  };
  return (
    <a
      href={`${context.siteUrl}${path}`}
      onClick={onClick}
      style={{ color: token('color.link'), textDecoration: 'underline' }}
    >
      {issueKey}
    </a>
  );
}
