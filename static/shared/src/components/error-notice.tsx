import type { AppError } from '@contract/errors';
import { ERROR_TITLES } from '../error-titles';
import { errorSentence, fieldLabel } from '../error-words';
import { Notice, type NoticeAction } from './notice';

/**
 * The server's error as a notice, in the user's words (its message, each detail after the name of
 * the field it is about, `labels` naming a form's own fields by path; see error-words.ts; a
 * CONFLICT offers to reload the latest version, a failure to try again), on the light Notice.
 * `alert` for errors that answer something the user just did.
 */
export function ErrorNotice({
  error,
  onReload,
  onRetry,
  alert = false,
  labels,
}: {
  error: AppError;
  labels?: Readonly<Record<string, string>>;
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
      <p style={{ margin: 0 }}>{errorSentence(error)}</p>
      {error.details && error.details.length > 0 ? (
        <ul style={{ margin: 0 }}>
          {error.details.map((d, i) => {
            const label = fieldLabel(d.path, labels);
            return <li key={`${d.path}-${i}`}>{label === null ? d.message : `${label}: ${d.message}`}</li>;
          })}
        </ul>
      ) : null}
    </Notice>
  );
}
