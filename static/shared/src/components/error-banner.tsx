import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { AppError } from '@contract/errors';
import { ERROR_TITLES } from '../error-titles';

/**
 * The server's error as a section message: its message, each detail with where it is, and the
 * way forward (a CONFLICT offers to reload the latest version; a failure offers to try again).
 */
export function ErrorBanner({ error, onReload, onRetry }: { error: AppError; onReload?: () => void; onRetry?: () => void }) {
  const actions = [];
  if (error.code === 'CONFLICT' && onReload) actions.push(<SectionMessageAction key="reload" onClick={onReload}>Reload the latest version</SectionMessageAction>);
  if ((error.code === 'UNAVAILABLE' || error.code === 'INTERNAL') && onRetry) actions.push(<SectionMessageAction key="retry" onClick={onRetry}>Try again</SectionMessageAction>);
  const appearance = error.code === 'FORBIDDEN' || error.code === 'CONFLICT' || error.code === 'VALIDATION' ? 'warning' : 'error';
  return (
    <SectionMessage appearance={appearance} title={ERROR_TITLES[error.code]} actions={actions}>
      <p>{error.message}</p>
      {error.details && error.details.length > 0 ? (
        <ul>
          {error.details.map((d, i) => (
            <li key={`${d.path}-${i}`}>
              {d.path === '' ? null : <code>{d.path}</code>} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </SectionMessage>
  );
}
