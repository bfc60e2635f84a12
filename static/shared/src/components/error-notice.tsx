import type { AppError } from '@contract/errors';
import { ERROR_TITLES } from '../error-titles';
import { Notice, type NoticeAction } from './notice';

/**
 * The server's error as a notice (its message, each detail with where it is; a
 * CONFLICT offers to reload the latest version, a failure to try again), on the light Notice.
 * `alert` for errors that answer something the user just did.
 */
export function ErrorNotice({
  error,
  onReload,
  onRetry,
  alert = false,
}: {
  error: AppError;
  onReload?: () => void;
  onRetry?: () => void;
  alert?: boolean;
}) {
  const actions: NoticeAction[] = [];
  if ((error.code === 'CONFLICT' || error.code === 'NOT_FOUND') && onReload)
    actions.push({ label: 'Reload the latest version', onClick: onReload });
  if ((error.code === 'UNAVAILABLE' || error.code === 'INTERNAL') && onRetry)
    actions.push({ label: 'Try again', onClick: onRetry });
  const appearance =
    error.code === 'FORBIDDEN' || error.code === 'CONFLICT' || error.code === 'VALIDATION' ? 'warning' : 'error';
  return (
    <Notice appearance={appearance} title={ERROR_TITLES[error.code]} actions={actions} alert={alert}>
      <p style={{ margin: 0 }}>{error.message}</p>
      {error.details && error.details.length > 0 ? (
        <ul style={{ margin: 0 }}>
          {error.details.map((d, i) => (
            <li key={`${d.path}-${i}`}>
              {d.path === '' ? null : <code>{d.path}</code>} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
